//! R-ACT-1 / R-I18N-1: what a reader (or pdftotext) finds in the rendered act.

mod common;

use common::*;
use fito_acts::*;

fn text_of(name: &str, act: &ActDocument) -> String {
    let pdf = renderer().render(act).expect("act renders");
    flat(&pdftotext(name, &pdf))
}

fn assert_every_kazakh_letter(text: &str) {
    let missing: String = KAZAKH_ALPHABET
        .chars()
        .filter(|c| !text.contains(*c))
        .collect();
    assert!(missing.is_empty(), "letters lost by pdftotext: {missing}");
    // The whole alphabet as typed, in order: nothing was reordered or decomposed.
    let upper: String = KAZAKH_ALPHABET.chars().take(42).collect();
    let lower: String = KAZAKH_ALPHABET.chars().skip(42).collect();
    assert!(
        text.contains(&upper),
        "upper-case alphabet not found in:\n{text}"
    );
    assert!(
        text.contains(&lower),
        "lower-case alphabet not found in:\n{text}"
    );
}

#[test]
fn r_act_1_every_kazakh_letter_survives_pdftotext_in_every_kazakh_act() {
    for act_type in ActType::ALL {
        for language in [ActLanguage::Kk, ActLanguage::KkRu] {
            let act = sample_act(act_type, language);
            let text = text_of(&format!("{}-{}", act_type.slug(), language.tag()), &act);
            assert_every_kazakh_letter(&text);
        }
    }
}

#[test]
fn r_i18n_1_kazakh_act_prints_kazakh_labels_and_no_russian_ones() {
    let text = text_of(
        "labels-kk",
        &sample_act(ActType::QuarantineSurvey, ActLanguage::Kk),
    );
    let kk = act_labels(LabelLanguage::Kk).unwrap();
    let ru = act_labels(LabelLanguage::Ru).unwrap();
    assert!(text.contains(&kk["act-section-findings"]));
    assert!(text.contains(&kk["act-title-quarantine-survey"].to_uppercase()));
    assert!(!text.contains(&ru["act-section-findings"]));
}

#[test]
fn r_i18n_1_russian_act_prints_russian_labels_and_text() {
    let text = text_of(
        "labels-ru",
        &sample_act(ActType::CropMonitoring, ActLanguage::Ru),
    );
    let ru = act_labels(LabelLanguage::Ru).unwrap();
    for id in [
        "act-section-findings",
        "act-section-conclusions",
        "act-col-category",
    ] {
        assert!(text.contains(&ru[id]), "{id} missing in:\n{text}");
    }
    assert!(text.contains(&ru["act-title-crop-monitoring"].to_uppercase()));
    assert!(text.contains(RUSSIAN_PANGRAM));
    assert!(text.contains("Бурая ржавчина пшеницы"));
    assert!(
        !text.contains("Бидайдың қоңыр таты"),
        "Kazakh organism name in a Russian act"
    );
}

#[test]
fn r_act_1_bilingual_act_prints_both_languages() {
    let text = text_of(
        "labels-kk-ru",
        &sample_act(ActType::Prescription, ActLanguage::KkRu),
    );
    let kk = act_labels(LabelLanguage::Kk).unwrap();
    let ru = act_labels(LabelLanguage::Ru).unwrap();
    for labels in [&kk, &ru] {
        assert!(text.contains(&labels["act-title-prescription"].to_uppercase()));
        assert!(text.contains(&labels["act-section-measures"]));
    }
    assert!(text.contains("Зиянды бақашық") && text.contains("Вредная черепашка"));
}

#[test]
fn r_act_1_findings_table_rows_appear() {
    let act = sample_act(ActType::QuarantineSurvey, ActLanguage::Ru);
    let text = text_of("findings", &act);
    for finding in &act.survey.findings {
        assert!(
            text.contains(&finding.organism.eppo_code),
            "{}",
            finding.organism.eppo_code
        );
        assert!(text.contains(&finding.organism.name_latin));
        assert!(text.contains(&finding.samples[0].lab_referral_number));
    }
    // Formatted the way Kazakh and Russian documents write numbers.
    assert!(
        text.contains("250,50"),
        "area with a decimal comma:\n{text}"
    );
    assert!(text.contains("2,25"), "density:\n{text}");
    assert!(text.contains("Особо опасный"));
}

#[test]
fn r_act_1_header_shows_number_date_in_almaty_organisation_and_inspector() {
    let act = sample_act(ActType::Sampling, ActLanguage::Kk);
    let text = text_of("header", &act);
    assert!(text.contains("05-2026/000123"));
    // 09:40 UTC is 14:40 in Almaty (UTC+5).
    assert!(
        text.contains("15.06.2026 14:40"),
        "issue time in Almaty:\n{text}"
    );
    assert!(text.contains("040240001234"));
    assert!(text.contains("Нұрланұлы Ерғали"));
    assert!(text.contains("ҮЛГ-001") && text.contains("ЖОЛ-2026/0101"));
}

#[test]
fn r_act_1_user_text_with_typst_markup_characters_is_printed_literally() {
    let mut act = sample_act(ActType::QuarantineSurvey, ActLanguage::Kk);
    let nasty = r#"#set page(width: 1cm) $x^2$ *bold* _it_ ] [ \ <lbl> @ref #"#;
    act.organisation.name = format!("ЖШС {nasty}");
    act.conclusions = format!("{nasty}\n#panic(\"boom\")");
    act.survey.findings[0].development_stage = "]#[".to_owned();
    let text = text_of("markup-injection", &act);
    assert!(text.contains(nasty.trim_end()), "not literal:\n{text}");
    assert!(text.contains("#panic(\"boom\")") || text.contains("#panic(“boom”)"));
    assert!(text.contains("]#["));
}
