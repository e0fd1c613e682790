//! Field surveys with GPS points and findings (R-SURV-1).

use crate::app::{Actor, App, AppError};
use chrono::{DateTime, Utc};
use fito_core::Action;
use fito_store::fieldwork::{self, Survey};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// A survey the actor may act on with `action`.
pub async fn in_scope(
    app: &App,
    actor: &Actor,
    id: Uuid,
    action: Action,
) -> Result<Survey, AppError> {
    actor.require(action)?;
    let s = fieldwork::survey(app.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("survey-not-found"))?;
    app.check_scope(actor, action, s.organization_id, "survey-not-found")
        .await?;
    Ok(s)
}

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
