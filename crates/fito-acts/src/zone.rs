//! Zone documents (issue 14): the proposal of a quarantine zone and the annex to
//! the decision that establishes it, with the boundary drawn as a vector outline,
//! the objects inside and the regime; and a sample's label with its QR code. The
//! caller hands the words already translated; this module only lays out the map.

use chrono::{DateTime, Utc};
use serde::Serialize;
use typst::foundations::Bytes;

use crate::report::ReportSection;
use crate::{ActRenderer, RenderError};

const ZONE_TEMPLATE: &str = include_str!("../templates/zone.typ");
const LABEL_TEMPLATE: &str = include_str!("../templates/sample-label.typ");
const LABEL_QR_PATH: &str = "/label-qr.svg";

/// The outline's frame on the page, in millimetres.
const MAP_WIDTH_MM: f64 = 170.0;
const MAP_HEIGHT_MM: f64 = 110.0;

/// A place on the map: an object inside the zone, numbered as in the table.
#[derive(Debug, Clone, Serialize)]
pub struct Marker {
    pub lon: f64,
    pub lat: f64,
    pub label: String,
}

/// Everything a zone document shows.
#[derive(Debug, Clone, Serialize)]
pub struct ZoneDocument {
    /// `kk`, `ru` or `en`.
    pub lang: String,
    pub organization: String,
    pub title: String,
    pub name: String,
    /// (label, value) lines under the title.
    pub lines: Vec<(String, String)>,
    pub outline_title: String,
    /// The boundary: polygons of rings of `[lon, lat]`, the first ring outer.
    pub boundary: Vec<Vec<Vec<[f64; 2]>>>,
    pub markers: Vec<Marker>,
    pub objects: ReportSection,
    pub regime_title: String,
    pub regime: String,
    /// When it was made; shown in the PDF's metadata.
    pub made_at: DateTime<Utc>,
}

/// A sample's label: its number big, a few lines, and a QR code of `qr`.
#[derive(Debug, Clone, Serialize)]
pub struct SampleLabel {
    pub lang: String,
    pub title: String,
    pub number: String,
    pub lines: Vec<(String, String)>,
    pub qr: String,
    pub made_at: DateTime<Utc>,
}

/// Points projected to the page: millimetres from the frame's top left, with the
/// east–west scale of the mid latitude (a zone spans kilometres, not continents).
#[derive(Debug, Serialize)]
struct Frame {
    width: f64,
    height: f64,
    /// (points, whether the ring is a hole)
    rings: Vec<(Vec<[f64; 2]>, bool)>,
    markers: Vec<(f64, f64, String)>,
}

fn frame(doc: &ZoneDocument) -> Frame {
    let corners = doc.boundary.iter().flatten().flatten().copied();
    let places = doc.markers.iter().map(|m| [m.lon, m.lat]);
    let (mut w, mut s, mut e, mut n) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for [lon, lat] in corners.chain(places) {
        w = w.min(lon);
        e = e.max(lon);
        s = s.min(lat);
        n = n.max(lat);
    }
    if w > e {
        return Frame {
            width: MAP_WIDTH_MM,
            height: 20.0,
            rings: Vec::new(),
            markers: Vec::new(),
        };
    }
    let k = ((s + n) / 2.0).to_radians().cos().max(0.01);
    let (dx, dy) = (((e - w) * k).max(1e-9), (n - s).max(1e-9));
    let scale = (MAP_WIDTH_MM / dx).min(MAP_HEIGHT_MM / dy);
    let at = |lon: f64, lat: f64| {
        let x = (lon - w) * k * scale;
        let y = (n - lat) * scale;
        [(x * 100.0).round() / 100.0, (y * 100.0).round() / 100.0]
    };
    Frame {
        width: (dx * scale).max(10.0),
        height: (dy * scale).max(10.0),
        rings: doc
            .boundary
            .iter()
            .flat_map(|p| p.iter().enumerate())
            .map(|(i, r)| (r.iter().map(|[lon, lat]| at(*lon, *lat)).collect(), i > 0))
            .collect(),
        markers: doc
            .markers
            .iter()
            .map(|m| {
                let [x, y] = at(m.lon, m.lat);
                (x, y, m.label.clone())
            })
            .collect(),
    }
}

impl ActRenderer {
    /// Renders a zone's proposal or decision annex to PDF bytes.
    pub fn render_zone(&self, doc: &ZoneDocument) -> Result<Vec<u8>, RenderError> {
        let data = serde_json::json!({
            "font": self.config.font_family,
            "zone": doc,
            "frame": frame(doc),
        });
        self.render_page("/zone.typ", ZONE_TEMPLATE, data, Vec::new(), doc.made_at)
    }

    /// Renders a sample's label (a small page) to PDF bytes.
    pub fn render_sample_label(&self, label: &SampleLabel) -> Result<Vec<u8>, RenderError> {
        let data = serde_json::json!({
            "font": self.config.font_family,
            "label": label,
            "qr": LABEL_QR_PATH,
        });
        let qr = crate::seal::qr_svg(&label.qr);
        let files = vec![(LABEL_QR_PATH, Bytes::new(qr.into_bytes()))];
        self.render_page(
            "/sample-label.typ",
            LABEL_TEMPLATE,
            data,
            files,
            label.made_at,
        )
    }
}
