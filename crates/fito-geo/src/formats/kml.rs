//! KML 2.2: every Placemark in Documents and Folders, at any depth, is a
//! feature; `name`, `description` and ExtendedData (`Data` or `SchemaData`)
//! become properties. Written as one Document of Placemarks, streamed.

use std::borrow::Borrow;
use std::collections::HashMap;
use std::io::{BufWriter, Read, Write};

use kml::types::{Coord, Element, LinearRing, MultiGeometry, Placemark, Point, Polygon};
use kml::{Kml, KmlReader, KmlWriter};

use crate::error::{ErrorKind, GeoError, Result};
use crate::feature::{Feature, Properties, PropertyValue};
use crate::formats::{Imported, point_xy, polygon_rings};
use crate::geometry::Geometry;
use crate::validate::{RawGeometry, RawPolygon, ValidationOptions};

pub fn read(mut input: impl Read, opts: &ValidationOptions) -> Result<Imported> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    check_well_formed(&bytes)?;
    let mut reader = KmlReader::<_, f64>::from_reader(&bytes[..]);
    let root = reader.read().map_err(|e| malformed(e.to_string()))?;
    let mut placemarks = Vec::new();
    collect_placemarks(root, &mut placemarks);
    let mut out = Imported::default();
    for (i, p) in placemarks.into_iter().enumerate() {
        let number = i + 1;
        let Some(geometry) = &p.geometry else {
            return Err(GeoError::new(ErrorKind::GeometryEmpty).at_feature(number));
        };
        let raw = raw_geometry(geometry);
        out.push(number, raw, properties(&p), opts)?;
    }
    Ok(out)
}

fn malformed(detail: impl Into<String>) -> GeoError {
    GeoError::new(ErrorKind::KmlMalformed).detail(detail)
}

/// The `kml` reader waits for closing tags without watching for the end of
/// input, so a truncated file would hang it: refuse anything that is not a
/// balanced XML document first.
fn check_well_formed(bytes: &[u8]) -> Result<()> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_reader(bytes);
    reader.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let (mut depth, mut elements) = (0usize, 0usize);
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| {
            let line = 1 + bytes[..(reader.buffer_position() as usize).min(bytes.len())]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            malformed(e.to_string()).at_line(line as u64)
        })?;
        match event {
            Event::Start(_) => {
                depth += 1;
                elements += 1;
            }
            Event::Empty(_) => elements += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if depth != 0 || elements == 0 {
        return Err(malformed("unexpected end of document"));
    }
    Ok(())
}

fn collect_placemarks(node: Kml<f64>, out: &mut Vec<Placemark<f64>>) {
    match node {
        Kml::KmlDocument(d) => d
            .elements
            .into_iter()
            .for_each(|e| collect_placemarks(e, out)),
        Kml::Document { elements, .. } => elements
            .into_iter()
            .for_each(|e| collect_placemarks(e, out)),
        Kml::Folder(f) => f
            .elements
            .into_iter()
            .for_each(|e| collect_placemarks(e, out)),
        Kml::Placemark(p) => out.push(p),
        _ => {}
    }
}

fn ring(r: &LinearRing<f64>) -> Vec<[f64; 2]> {
    r.coords.iter().map(|c| [c.x, c.y]).collect()
}

fn polygon(p: &Polygon<f64>) -> RawPolygon {
    std::iter::once(&p.outer)
        .chain(&p.inner)
        .map(ring)
        .collect()
}

fn raw_geometry(g: &kml::types::Geometry<f64>) -> RawGeometry {
    use kml::types::Geometry as K;
    match g {
        K::Point(p) => RawGeometry::Point([p.coord.x, p.coord.y]),
        K::Polygon(p) => RawGeometry::Polygon(polygon(p)),
        K::MultiGeometry(m) => {
            let parts: Option<Vec<RawPolygon>> = m
                .geometries
                .iter()
                .map(|g| match g {
                    K::Polygon(p) => Some(polygon(p)),
                    _ => None,
                })
                .collect();
            match parts {
                Some(parts) => RawGeometry::MultiPolygon(parts),
                None => RawGeometry::Unsupported("MultiGeometry".into()),
            }
        }
        K::LineString(_) => RawGeometry::Unsupported("LineString".into()),
        K::LinearRing(_) => RawGeometry::Unsupported("LinearRing".into()),
        _ => RawGeometry::Unsupported("Model".into()),
    }
}

fn properties(p: &Placemark<f64>) -> Properties {
    let mut props = Properties::new();
    let mut put = |k: &str, v: &str| {
        props.insert(k.to_owned(), PropertyValue::Text(v.to_owned()));
    };
    if let Some(name) = &p.name {
        put("name", name);
    }
    if let Some(description) = &p.description {
        put("description", description);
    }
    for extended in p.children.iter().filter(|c| c.name == "ExtendedData") {
        for item in &extended.children {
            // <Data name="k"><value>v</value></Data> (ours, Google Earth) or
            // <SchemaData><SimpleData name="k">v</SimpleData></SchemaData> (GDAL).
            let pairs: Vec<&Element> = if item.name == "SchemaData" {
                item.children.iter().collect()
            } else {
                vec![item]
            };
            for pair in pairs {
                let Some(key) = pair.attrs.get("name") else {
                    continue;
                };
                let value = match pair.name.as_str() {
                    "Data" => pair
                        .children
                        .iter()
                        .find(|c| c.name == "value")
                        .and_then(|v| v.content.clone()),
                    _ => pair.content.clone(),
                };
                put(key, &value.unwrap_or_default());
            }
        }
    }
    props
}

fn kml_coord([x, y]: [f64; 2]) -> Coord<f64> {
    Coord::new(x, y, None)
}

fn to_kml_polygon(p: &geo::Polygon<f64>) -> Polygon<f64> {
    let mut rings = polygon_rings(p)
        .into_iter()
        .map(|r| LinearRing::from(r.into_iter().map(kml_coord).collect::<Vec<_>>()));
    let outer = rings.next().unwrap_or_default();
    Polygon::new(outer, rings.collect())
}

fn to_kml_geometry(g: &Geometry) -> kml::types::Geometry<f64> {
    use kml::types::Geometry as K;
    if let Some(xy) = point_xy(g) {
        return K::Point(Point::from(kml_coord(xy)));
    }
    let mut polygons: Vec<K<f64>> = g
        .polygons()
        .iter()
        .map(|p| K::Polygon(to_kml_polygon(p)))
        .collect();
    if polygons.len() == 1 {
        polygons.remove(0)
    } else {
        K::MultiGeometry(MultiGeometry::new(polygons))
    }
}

fn extended_data(props: &Properties) -> Element {
    let data = props
        .iter()
        .map(|(k, v)| Element {
            name: "Data".into(),
            attrs: HashMap::from([("name".to_owned(), k.clone())]),
            content: None,
            children: vec![Element {
                name: "value".into(),
                content: Some(v.to_text()),
                ..Element::default()
            }],
        })
        .collect();
    Element {
        name: "ExtendedData".into(),
        children: data,
        ..Element::default()
    }
}

const HEADER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>\n";
const FOOTER: &str = "</Document></kml>\n";

/// Streams a KML Document; returns how many Placemarks were written. The
/// `name` property, when text, is also the Placemark's visible name.
pub fn write<W: Write, F: Borrow<Feature>>(
    out: W,
    features: impl IntoIterator<Item = F>,
) -> Result<u64> {
    let mut out = BufWriter::new(out);
    out.write_all(HEADER.as_bytes())?;
    let mut count = 0u64;
    {
        let mut writer = KmlWriter::<_, f64>::from_writer(&mut out);
        for f in features {
            let f = f.borrow();
            let placemark = Placemark {
                name: f
                    .properties
                    .get("name")
                    .and_then(|v| v.as_text())
                    .map(str::to_owned),
                geometry: Some(to_kml_geometry(&f.geometry)),
                children: vec![extended_data(&f.properties)],
                ..Placemark::default()
            };
            writer
                .write(&Kml::Placemark(placemark))
                .map_err(|e| GeoError::new(ErrorKind::Io).detail(e.to_string()))?;
            count += 1;
        }
    }
    out.write_all(FOOTER.as_bytes())?;
    out.flush()?;
    Ok(count)
}
