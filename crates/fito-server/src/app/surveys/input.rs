//! A survey as the app sends it and as it is stored: the wire form of
//! `fito_core::survey`. Parsing goes through the drafts; a checked survey is stored
//! (and answered) in this same form, with each finding's category filled in.

use chrono::{DateTime, Utc};
use fito_core::survey::{Finding, FindingDraft, Point, PointDraft, Sample, SurveyDraft};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SampleInput {
    pub sample_number: String,
    pub lab_referral_number: String,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IntensityInput {
    /// per_square_metre, per_plant, per_trap (pests), prevalence_percent (diseases)
    /// or cover_percent (weeds)
    pub kind: String,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FindingInput {
    /// EPPO code of an organism in the reference list.
    pub organism: String,
    /// quarantine, especially_dangerous or ordinary; by default from the organism's
    /// quarantine status in the reference list.
    pub category: Option<String>,
    pub development_stage: Option<String>,
    pub intensity: Option<IntensityInput>,
    pub area_surveyed_ha: Option<f64>,
    pub area_infested_ha: Option<f64>,
    pub area_above_threshold_ha: Option<f64>,
    #[serde(default)]
    pub samples: Vec<SampleInput>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PointInput {
    pub lat: f64,
    pub lon: f64,
    /// Horizontal accuracy of the fix, metres.
    pub accuracy_m: Option<f64>,
    /// When the device got the fix.
    pub fixed_at: DateTime<Utc>,
    #[serde(default)]
    pub findings: Vec<FindingInput>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyInput {
    /// The client's UUIDv7 (made offline); the server makes one if absent.
    pub id: Option<Uuid>,
    /// For an update: the version it was made on.
    pub version: Option<i64>,
    pub task_id: Option<Uuid>,
    /// The registered object surveyed; or give `place`.
    pub object_id: Option<Uuid>,
    /// An ad-hoc place (no registered object): RFC 7946 Point.
    #[schema(value_type = Option<Object>)]
    pub place: Option<Value>,
    pub surveyed_at: DateTime<Utc>,
    /// A code from /api/v1/reference/crops.
    pub crop: Option<String>,
    pub growth_phase: Option<String>,
    pub notes: Option<String>,
    #[serde(default)]
    pub points: Vec<PointInput>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SurveyQuery {
    /// Only my surveys.
    #[serde(default)]
    pub mine: bool,
    pub object_id: Option<Uuid>,
    pub task_id: Option<Uuid>,
    /// Surveys after this one (the last id of the previous page).
    pub after: Option<Uuid>,
    pub limit: Option<u64>,
}

impl SurveyInput {
    pub(crate) fn draft(&self) -> SurveyDraft<'_> {
        SurveyDraft {
            surveyed_at: self.surveyed_at,
            growth_phase: self.growth_phase.as_deref(),
            notes: self.notes.as_deref(),
            points: self.points.iter().map(PointInput::draft).collect(),
        }
    }
}

impl PointInput {
    fn draft(&self) -> PointDraft<'_> {
        PointDraft {
            lat: self.lat,
            lon: self.lon,
            accuracy_m: self.accuracy_m,
            fixed_at: self.fixed_at,
            findings: self.findings.iter().map(FindingInput::draft).collect(),
        }
    }
}

impl FindingInput {
    fn draft(&self) -> FindingDraft<'_> {
        FindingDraft {
            organism: &self.organism,
            category: self.category.as_deref(),
            development_stage: self.development_stage.as_deref(),
            intensity: self.intensity.as_ref().map(|i| (i.kind.as_str(), i.value)),
            area_surveyed_ha: self.area_surveyed_ha,
            area_infested_ha: self.area_infested_ha,
            area_above_threshold_ha: self.area_above_threshold_ha,
            samples: self
                .samples
                .iter()
                .map(|s| (s.sample_number.as_str(), s.lab_referral_number.as_str()))
                .collect(),
            notes: self.notes.as_deref(),
        }
    }
}

impl From<&Point> for PointInput {
    fn from(p: &Point) -> Self {
        PointInput {
            lat: p.lat,
            lon: p.lon,
            accuracy_m: p.accuracy_m,
            fixed_at: p.fixed_at,
            findings: p.findings.iter().map(FindingInput::from).collect(),
        }
    }
}

impl From<&Finding> for FindingInput {
    fn from(f: &Finding) -> Self {
        FindingInput {
            organism: f.organism.as_str().to_string(),
            category: Some(f.category.as_str().to_string()),
            development_stage: f.development_stage.clone(),
            intensity: f.intensity.map(|i| IntensityInput {
                kind: i.kind.as_str().to_string(),
                value: i.value,
            }),
            area_surveyed_ha: f.areas.surveyed_ha,
            area_infested_ha: f.areas.infested_ha,
            area_above_threshold_ha: f.areas.above_threshold_ha,
            samples: f.samples.iter().map(SampleInput::from).collect(),
            notes: f.notes.clone(),
        }
    }
}

impl From<&Sample> for SampleInput {
    fn from(s: &Sample) -> Self {
        SampleInput {
            sample_number: s.sample_number.clone(),
            lab_referral_number: s.lab_referral_number.clone(),
        }
    }
}
