//! R-ACT-1 / R-ACT-3: the PDF as a file: reproducible bytes, the QR seal, archival
//! format, pagination of large acts, and the administrator's templates.

mod common;

use common::*;
use fito_acts::*;

#[test]
fn r_act_3_same_act_renders_to_identical_bytes_even_in_a_fresh_renderer() {
    let act = sample_act(ActType::QuarantineSurvey, ActLanguage::KkRu);
    let first = renderer().render(&act).unwrap();
    let second = renderer().render(&act).unwrap();
    assert!(first == second, "two renderings in one renderer differ");
    // A new renderer has cold caches; output must not depend on what was cached.
    let fresh = ActRenderer::new(RendererConfig::default()).unwrap();
    assert!(
        first == fresh.render(&act).unwrap(),
        "a fresh renderer differs"
    );
}

#[test]
fn r_act_3_any_content_change_changes_hash_and_bytes() {
    let act = sample_act(ActType::Sampling, ActLanguage::Kk);
    let mut edited = act.clone();
    edited.survey.findings[1].area_infested_ha += 0.01;
    assert_ne!(content_hash(&act), content_hash(&edited));
    assert_ne!(
        renderer().render(&act).unwrap(),
        renderer().render(&edited).unwrap()
    );
}

#[test]
fn r_act_1_qr_code_in_the_pdf_decodes_to_the_act_id_and_content_hash() {
    let act = sample_act(ActType::Prescription, ActLanguage::Ru);
    let pdf = renderer().render(&act).unwrap();
    let codes = decode_qr_codes("qr", &pdf);
    assert_eq!(codes.len(), 1, "exactly one QR code on page 1: {codes:?}");
    let (id, hash) = parse_qr_payload(&codes[0]).expect("our payload format");
    assert_eq!(id, act.id);
    assert_eq!(hash, content_hash(&act));
}

#[test]
fn r_act_1_content_hash_is_sha256_of_the_documented_canonical_form() {
    use sha2::{Digest, Sha256};
    let act = sample_act(ActType::CropMonitoring, ActLanguage::Kk);
    let canonical = canonical_content(&act);
    let text = std::str::from_utf8(&canonical).unwrap();
    assert!(
        text.starts_with(r#"{"act_type":"crop-monitoring","conclusions":"#),
        "{text}"
    );
    assert!(
        !text.contains(": ") && !text.contains('\n'),
        "no whitespace outside strings"
    );
    let mut hasher = Sha256::new();
    hasher.update(b"fito-act-v1\n");
    hasher.update(&canonical);
    assert_eq!(content_hash(&act), <[u8; 32]>::from(hasher.finalize()));
}

#[test]
fn r_act_3_pdf_is_pdf_a_2b_with_the_act_date() {
    let act = sample_act(ActType::QuarantineSurvey, ActLanguage::Kk);
    let pdf = renderer().render(&act).unwrap();
    let raw = String::from_utf8_lossy(&pdf);
    assert!(
        raw.contains("<pdfaid:part>2</pdfaid:part>"),
        "PDF/A part 2 metadata"
    );
    assert!(raw.contains("<pdfaid:conformance>B</pdfaid:conformance>"));
    // Issue time 09:40 UTC in Almaty (+05:00), not the time of rendering.
    assert!(raw.contains("2026-06-15T14:40:00+05:00"), "XMP create date");
}

#[test]
fn r_act_1_two_hundred_findings_and_very_long_fields_paginate() {
    let mut act = sample_act(ActType::QuarantineSurvey, ActLanguage::KkRu);
    act.survey.findings = (0..200).map(finding).collect();
    let long_words = "Ұзақ сипаттама өріс мәтіні ".repeat(400);
    act.conclusions = format!("{long_words}\n{}", "Ә".repeat(3000));
    act.object.name = "Қ".repeat(500);
    act.measures[0].text = long_words.clone();
    let pdf = renderer().render(&act).unwrap();
    let text = pdftotext("long", &pdf);
    assert!(page_count(&text) >= 8, "pages: {}", page_count(&text));
    let flat = flat(&text);
    assert!(
        flat.contains("ҮЛГ-000") && flat.contains("ҮЛГ-199"),
        "first and last row"
    );
    // The header row repeats on every page of the table.
    let kk = act_labels(LabelLanguage::Kk).unwrap();
    assert!(flat.matches(&kk["act-col-stage"]).count() >= 5);
}

#[test]
fn r_act_1_administrator_template_for_one_language_overrides_the_shared_one() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
    for entry in std::fs::read_dir(shipped).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(
        dir.path().join("sampling.ru.typ"),
        "#import \"lib.typ\": *\n#show: act-page\n#act-header()\nАДМИН-ШАБЛОН\n#samples-table()\n",
    )
    .unwrap();
    let renderer = ActRenderer::new(RendererConfig {
        templates: TemplateSource::Directory(dir.path().to_owned()),
        ..RendererConfig::default()
    })
    .unwrap();
    let ru = renderer
        .render(&sample_act(ActType::Sampling, ActLanguage::Ru))
        .unwrap();
    let kk = renderer
        .render(&sample_act(ActType::Sampling, ActLanguage::Kk))
        .unwrap();
    assert!(pdftotext("admin-ru", &ru).contains("АДМИН-ШАБЛОН"));
    assert!(!pdftotext("admin-kk", &kk).contains("АДМИН-ШАБЛОН"));
}

#[test]
fn r_act_1_broken_template_is_reported_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("sampling.typ"), "ok\n#unknown-function()\n").unwrap();
    let renderer = ActRenderer::new(RendererConfig {
        templates: TemplateSource::Directory(dir.path().to_owned()),
        ..RendererConfig::default()
    })
    .unwrap();
    let err = renderer
        .render(&sample_act(ActType::Sampling, ActLanguage::Kk))
        .unwrap_err();
    assert_eq!(err.code(), "act-render-template-failed");
    assert!(err.to_string().contains("/sampling.typ:2"), "{err}");
}

#[test]
fn r_act_1_font_folder_without_kazakh_coverage_is_refused_at_start_up() {
    let empty = tempfile::tempdir().unwrap();
    let err = ActRenderer::new(RendererConfig {
        font_dir: empty.path().to_owned(),
        ..RendererConfig::default()
    })
    .err()
    .expect("no fonts, no renderer");
    assert_eq!(err.code(), "act-render-fonts");
}
