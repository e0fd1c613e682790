//! Turns an [`ActDocument`] into the JSON a template reads. Formatting that depends on
//! law or locale (Almaty time, decimal comma) happens here once, so templates only
//! place text and never compute.

use chrono::{DateTime, Offset, Utc};
use chrono_tz::Asia::Almaty;
use serde_json::{Value, json};

use crate::model::{ActDocument, Coordinates, Finding, InspectedObject, PrescribedMeasure};

/// Acts show the time of the place where they are drawn up; the register stores UTC.
pub(crate) fn almaty(at: DateTime<Utc>) -> DateTime<chrono_tz::Tz> {
    at.with_timezone(&Almaty)
}

/// Offset of Asia/Almaty from UTC at `at`, in whole minutes (the PDF date needs it).
pub(crate) fn almaty_offset_minutes(at: DateTime<Utc>) -> i32 {
    almaty(at).offset().fix().local_minus_utc() / 60
}

pub(crate) fn act_view(act: &ActDocument, hash_hex: &str) -> Value {
    let issued = almaty(act.issued_at);
    let surveyed = almaty(act.surveyed_at);
    json!({
        "type": act.act_type.slug(),
        "title": format!("act-title-{}", act.act_type.slug()),
        "number": act.registry_number,
        "issued_date": issued.format("%d.%m.%Y").to_string(),
        "issued_time": issued.format("%H:%M").to_string(),
        "surveyed_date": surveyed.format("%d.%m.%Y").to_string(),
        "surveyed_time": surveyed.format("%H:%M").to_string(),
        "organisation": act.organisation,
        "inspector": act.inspector,
        "object": object_view(&act.object),
        "crop": act.survey.crop,
        "growth_phase": act.survey.growth_phase,
        "findings": act.survey.findings.iter().enumerate()
            .map(|(i, f)| finding_view(i + 1, f)).collect::<Vec<_>>(),
        "conclusions": act.conclusions,
        "measures": act.measures.iter().enumerate()
            .map(|(i, m)| measure_view(i + 1, m)).collect::<Vec<_>>(),
        "signatures": act.signatures.iter().map(|s| json!({
            "role": s.role.label_id(),
            "name": s.name,
            "position": s.position,
        })).collect::<Vec<_>>(),
        "id": act.id.hyphenated().to_string(),
        "hash": hash_hex,
    })
}

fn object_view(object: &InspectedObject) -> Value {
    json!({
        "name": object.name,
        "type": object.object_type,
        "kato_code": object.kato_code,
        "kato_name": object.kato_name,
        "owner_name": object.owner.name,
        "owner_id": object.owner.bin_or_iin,
        "location": object.location,
        "coordinates": object.coordinates.map(coordinates_text).unwrap_or_default(),
        "area": object.area_ha.map(hectares).unwrap_or_default(),
    })
}

fn finding_view(n: usize, finding: &Finding) -> Value {
    let organism = &finding.organism;
    let samples: Vec<Value> = finding
        .samples
        .iter()
        .map(|s| json!({ "number": s.sample_number, "referral": s.lab_referral_number }))
        .collect();
    json!({
        "n": n.to_string(),
        "eppo": organism.eppo_code,
        "name_kk": organism.name_kk,
        "name_ru": organism.name_ru,
        "latin": organism.name_latin,
        "category": organism.category.label_id(),
        "stage": finding.development_stage,
        "intensity": finding.intensity.map(|i| decimal(i.value(), 2)).unwrap_or_default(),
        "unit": finding.intensity.map(|i| i.unit_label_id()),
        "surveyed": hectares(finding.area_surveyed_ha),
        "infested": hectares(finding.area_infested_ha),
        "above": hectares(finding.area_above_threshold_ha),
        "samples": samples,
    })
}

fn measure_view(n: usize, measure: &PrescribedMeasure) -> Value {
    json!({
        "n": n.to_string(),
        "text": measure.text,
        "deadline": measure.deadline.map(|d| d.format("%d.%m.%Y").to_string()),
    })
}

fn coordinates_text(c: Coordinates) -> String {
    let ns = if c.lat >= 0.0 { 'N' } else { 'S' };
    let ew = if c.lon >= 0.0 { 'E' } else { 'W' };
    format!("{:.6}° {ns}, {:.6}° {ew}", c.lat.abs(), c.lon.abs())
}

fn hectares(value: f64) -> String {
    decimal(value, 2)
}

/// Kazakh and Russian official documents write a decimal comma and group thousands with
/// a (non-breaking) space; trailing zeros are kept so columns of areas line up.
fn decimal(value: f64, places: usize) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let text = format!("{:.*}", places, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('\u{00A0}');
        }
        grouped.push(ch);
    }
    let sign = if value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "−"
    } else {
        ""
    };
    if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_use_a_comma_and_group_thousands() {
        assert_eq!(decimal(1234567.891, 2), "1\u{a0}234\u{a0}567,89");
        assert_eq!(decimal(0.5, 2), "0,50");
        assert_eq!(decimal(-3.0, 1), "−3,0");
        assert_eq!(decimal(f64::NAN, 2), "—");
    }

    #[test]
    fn almaty_is_utc_plus_five_since_march_2024() {
        let at = DateTime::parse_from_rfc3339("2026-06-01T20:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(almaty_offset_minutes(at), 300);
        assert_eq!(
            almaty(at).format("%d.%m.%Y %H:%M").to_string(),
            "02.06.2026 01:30"
        );
    }
}
