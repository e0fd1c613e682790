//! Issue 14: a quarantine zone's document (boundary drawn as a vector outline,
//! objects inside, regime) and a sample's label with its QR code.

mod common;

use chrono::{TimeZone, Utc};
use common::*;
use fito_acts::*;

fn square(lon: f64, lat: f64, d: f64) -> Vec<[f64; 2]> {
    vec![
        [lon - d, lat - d],
        [lon + d, lat - d],
        [lon + d, lat + d],
        [lon - d, lat + d],
        [lon - d, lat - d],
    ]
}

fn zone() -> ZoneDocument {
    ZoneDocument {
        lang: "kk".into(),
        organization: "Ақмола облыстық аумақтық инспекциясы".into(),
        title: "Карантиндік аймақты белгілеу туралы ұсыныс".into(),
        name: "Целиноград карантин аймағы".into(),
        lines: vec![("Ауданы, га".into(), "2826.00".into())],
        outline_title: "Аймақтың шекарасы".into(),
        // An outer ring with a hole, and a second polygon.
        boundary: vec![
            vec![square(71.4, 51.1, 0.05), square(71.4, 51.1, 0.01)],
            vec![square(71.6, 51.15, 0.02)],
        ],
        markers: vec![Marker {
            lon: 71.43,
            lat: 51.12,
            label: "1".into(),
        }],
        objects: ReportSection {
            title: "Аймақтағы объектілер".into(),
            columns: vec!["№".into(), "Объект".into()],
            rows: vec![vec!["1".into(), "Бидай алқабы".into()]],
        },
        regime_title: "Карантиндік режим".into(),
        regime: "Өнімді аймақтан тыс шығаруға тыйым салынады.".into(),
        made_at: Utc.with_ymd_and_hms(2026, 7, 1, 9, 0, 0).unwrap(),
    }
}

#[test]
fn issue_14_zone_document_prints_its_words_and_draws_the_outline() {
    let doc = zone();
    let pdf = renderer().render_zone(&doc).expect("zone document renders");
    let text = flat(&pdftotext("zone-kk", &pdf));
    for wanted in [
        doc.title.as_str(),
        doc.name.as_str(),
        doc.organization.as_str(),
        "Аймақтың шекарасы",
        "Бидай алқабы",
        doc.regime.as_str(),
    ] {
        assert!(text.contains(wanted), "{wanted} not in: {text}");
    }
    assert_eq!(page_count(&pdftotext("zone-kk-pages", &pdf)), 1);
    // The outline is drawn: red strokes on the page.
    assert!(red_pixels("zone-kk", &pdf) > 500);
    let mut empty = doc.clone();
    empty.boundary.clear();
    empty.markers.clear();
    let pdf = renderer().render_zone(&empty).expect("renders");
    assert_eq!(red_pixels("zone-kk-none", &pdf), 0);
}

/// Page 1 at 100 dpi in colour: how many pixels are strongly red.
fn red_pixels(name: &str, pdf: &[u8]) -> usize {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let pdf_path = dir.join(format!("{name}-red.pdf"));
    std::fs::write(&pdf_path, pdf).unwrap();
    let prefix = dir.join(format!("{name}-red"));
    let status = std::process::Command::new("pdftoppm")
        .args(["-f", "1", "-l", "1", "-r", "100", "-singlefile"])
        .arg(&pdf_path)
        .arg(&prefix)
        .status()
        .expect("pdftoppm (poppler-utils) is installed");
    assert!(status.success());
    let ppm = std::fs::read(prefix.with_extension("ppm")).unwrap();
    // P6 header: four whitespace-separated fields, then one whitespace byte.
    let mut fields = 0;
    let mut pos = 0;
    while fields < 4 {
        while ppm[pos].is_ascii_whitespace() {
            pos += 1;
        }
        while !ppm[pos].is_ascii_whitespace() {
            pos += 1;
        }
        fields += 1;
    }
    ppm[pos + 1..]
        .chunks(3)
        .filter(|p| p[0] > 180 && p[1] < 90 && p[2] < 90)
        .count()
}

#[test]
fn issue_14_zone_document_without_boundary_or_objects_still_renders() {
    let mut doc = zone();
    doc.boundary.clear();
    doc.markers.clear();
    doc.objects.rows.clear();
    let pdf = renderer().render_zone(&doc).expect("renders");
    assert!(flat(&pdftotext("zone-empty", &pdf)).contains(&doc.name));
}

#[test]
fn issue_14_sample_label_carries_its_number_and_a_qr_code() {
    let label = SampleLabel {
        lang: "kk".into(),
        title: "Зертханалық үлгі".into(),
        number: "ҮЛГ-2026-077".into(),
        lines: vec![("Алынғаны".into(), "Жапырақтар, 20 дана".into())],
        qr: "FITO-SAMPLE/1/0190f3d2-7c1e-7a40-9a3b-5d6e7f809102/ҮЛГ-2026-077".into(),
        made_at: Utc.with_ymd_and_hms(2026, 6, 10, 5, 35, 0).unwrap(),
    };
    let pdf = renderer()
        .render_sample_label(&label)
        .expect("label renders");
    let text = flat(&pdftotext("label", &pdf));
    assert!(text.contains("ҮЛГ-2026-077"), "{text}");
    assert!(text.contains("Жапырақтар, 20 дана"), "{text}");
    assert_eq!(decode_qr_codes("label", &pdf), vec![label.qr.clone()]);
}
