//! Surveys with survey points and findings on the generated objects, for the Head's
//! analytics benchmark (issue 13). Each survey is one inspector's visit to one object
//! of the register: 3 to 7 GPS points around it, 1 to 3 findings per point, written
//! as the server writes them (the points document on the survey, one row per finding
//! in `survey_findings`) through fito-store, in transactions of ~20,000 findings.
//!
//! Dates fall in two seasons (1 April to 31 October of `--season` and the year
//! before), so "the same months of the previous year" has data. Organisms come from
//! the seeded reference: about 12 % of findings are of an organism of the EAEU
//! quarantine list (category `quarantine`), 4 % of another organism marked
//! `especially_dangerous`, the rest `ordinary`.

use super::Placed;
use anyhow::bail;
use chrono::{Duration, NaiveDate};
use fito_store::Store;
use fito_store::fieldwork::{Finding, Survey};
use fito_store::reference::Organism;
use rand::Rng;
use rand::rngs::StdRng;
use serde_json::{Value, json};
use uuid::Uuid;

/// Findings per transaction.
const PER_TRANSACTION: u64 = 20_000;

pub struct Options<'a> {
    pub count: u64,
    /// The later of the two seasons.
    pub season: i32,
    /// Surveys are spread over these users (they must exist).
    pub inspectors: &'a [Uuid],
    /// The organisation of each unit of `kato::Kato::units`.
    pub orgs: &'a [Uuid],
}

struct Reference {
    quarantine: Vec<Organism>,
    other: Vec<Organism>,
    crops: Vec<String>,
}

async fn reference(store: &Store) -> anyhow::Result<Reference> {
    let organisms: Vec<Organism> = fito_store::reference::organisms(store.reader())
        .await?
        .into_iter()
        .filter(|o| o.active)
        .collect();
    let (quarantine, other): (Vec<Organism>, Vec<Organism>) = organisms
        .into_iter()
        .partition(|o| matches!(o.category.as_str(), "absent" | "limited"));
    let crops: Vec<String> = fito_store::reference::crops(store.reader())
        .await?
        .into_iter()
        .filter(|c| c.active)
        .map(|c| c.code)
        .collect();
    if quarantine.is_empty() || other.is_empty() || crops.is_empty() {
        bail!("the reference data has no organisms or crops to make findings of");
    }
    Ok(Reference {
        quarantine,
        other,
        crops,
    })
}

/// Writes `o.count` findings; returns the number of surveys made.
pub async fn write(
    store: &Store,
    rng: &mut StdRng,
    objects: &[Placed],
    o: &Options<'_>,
    now: i64,
) -> anyhow::Result<u64> {
    if o.count == 0 {
        return Ok(0);
    }
    if o.inspectors.is_empty() {
        bail!("--findings needs --inspectors (ids of existing users)");
    }
    if objects.is_empty() {
        bail!("--findings needs objects to survey");
    }
    let refs = reference(store).await?;
    let started = std::time::Instant::now();
    let (mut written, mut surveys_made) = (0u64, 0u64);
    while written < o.count {
        let target = (o.count - written).min(PER_TRANSACTION);
        let (mut surveys, mut findings) = (Vec::new(), Vec::new());
        while (findings.len() as u64) < target {
            let object = &objects[rng.random_range(0..objects.len())];
            let left = target - findings.len() as u64;
            let (survey, rows) = survey(rng, object, o, &refs, left, now);
            surveys.push(survey);
            findings.extend(rows);
        }
        written += findings.len() as u64;
        surveys_made += surveys.len() as u64;
        let txn = store.begin().await?;
        fito_store::fieldwork::insert_surveys_many(&txn, surveys, findings).await?;
        txn.commit().await?;
        eprintln!(
            "{written} findings, {surveys_made} surveys ({:.0} s)",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(surveys_made)
}

/// A moment of a season day: 1 April to 31 October, 04:00 to 14:00 UTC.
fn surveyed_at(rng: &mut StdRng, season: i32) -> i64 {
    let year = if rng.random_bool(0.5) {
        season
    } else {
        season - 1
    };
    let start = NaiveDate::from_ymd_opt(year, 4, 1).unwrap_or_default();
    let day = start + Duration::days(rng.random_range(0..214));
    let at = day.and_hms_opt(4, 0, 0).unwrap_or_default().and_utc()
        + Duration::seconds(rng.random_range(0..10 * 3600));
    at.timestamp_micros()
}

/// One survey of `object` with at most `left` findings (at least one).
fn survey(
    rng: &mut StdRng,
    object: &Placed,
    o: &Options<'_>,
    refs: &Reference,
    left: u64,
    now: i64,
) -> (Survey, Vec<Finding>) {
    let id = fito_core::new_id();
    let org = o.orgs[object.unit as usize];
    let at = surveyed_at(rng, o.season);
    let fixed_at = chrono::DateTime::from_timestamp_micros(at)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let n_points = rng.random_range(3..=7usize);
    let surveyed_ha = f64::from(object.area_ha.max(1.0)) / n_points as f64;
    let mut points: Vec<Value> = Vec::new();
    let mut rows: Vec<Finding> = Vec::new();
    for point in 1..=n_points {
        if rows.len() as u64 >= left {
            break;
        }
        let lon = f64::from(object.lon) + rng.random_range(-0.002..0.002);
        let lat = f64::from(object.lat) + rng.random_range(-0.002..0.002);
        let mut found: Vec<Value> = Vec::new();
        for _ in 0..rng.random_range(1..=3) {
            if rows.len() as u64 >= left {
                break;
            }
            let roll = rng.random_range(0..100);
            let (organism, category) = if roll < 12 {
                (
                    &refs.quarantine[rng.random_range(0..refs.quarantine.len())],
                    "quarantine",
                )
            } else {
                let other = &refs.other[rng.random_range(0..refs.other.len())];
                (
                    other,
                    if roll < 16 {
                        "especially_dangerous"
                    } else {
                        "ordinary"
                    },
                )
            };
            let kind = match organism.kind.as_str() {
                "disease" => "prevalence_percent",
                "weed" => "cover_percent",
                _ => "per_square_metre",
            };
            let value = (rng.random_range(0.1..40.0f64) * 10.0).round() / 10.0;
            let surveyed = (surveyed_ha * 100.0).round() / 100.0;
            let infested = (surveyed * rng.random_range(0.0..0.3f64) * 100.0).round() / 100.0;
            found.push(json!({
                "organism": organism.eppo_code, "category": category,
                "development_stage": null, "intensity": { "kind": kind, "value": value },
                "area_surveyed_ha": surveyed, "area_infested_ha": infested,
                "area_above_threshold_ha": null, "samples": [], "notes": null,
            }));
            rows.push(Finding {
                survey_id: id,
                seq: rows.len() as i32 + 1,
                organization_id: org,
                object_id: Some(object.id),
                point_seq: point as i32,
                lat,
                lon,
                surveyed_at: at,
                eppo_code: organism.eppo_code.clone(),
                category: category.to_string(),
                development_stage: None,
                intensity_kind: Some(kind.to_string()),
                intensity_value: Some(value),
                area_surveyed_ha: Some(surveyed),
                area_infested_ha: Some(infested),
                area_above_threshold_ha: None,
                samples: "[]".to_string(),
                notes: None,
            });
        }
        points.push(json!({
            "lat": lat, "lon": lon, "accuracy_m": 5.0, "fixed_at": fixed_at, "findings": found,
        }));
    }
    let survey = Survey {
        rid: 0,
        id,
        organization_id: org,
        inspector_id: o.inspectors[object.unit as usize % o.inspectors.len()],
        task_id: None,
        object_id: Some(object.id),
        place: None,
        surveyed_at: at,
        crop_code: Some(refs.crops[rng.random_range(0..refs.crops.len())].clone()),
        growth_phase: None,
        notes: None,
        points: Value::Array(points).to_string(),
        version: 1,
        created_at: now,
        updated_at: now,
    };
    (survey, rows)
}
