//! Inspection acts (R-ACT-1..3): made from a survey, edited as a draft by their
//! inspector (`drafts`), moved through draft → submitted → approved / returned →
//! signed → registered by fito-core's workflow (`workflow`), rendered to PDF by
//! fito-acts and frozen from approval on (`document`), signed by the inspector with
//! the NCA RK e-signature over that PDF (`signing`), and never changed again.
//! `search` lists them with the screen's filters.

pub(crate) mod document;
pub(crate) mod drafts;
pub(crate) mod search;
pub(crate) mod signing;
pub(crate) mod workflow;

use crate::app::surveys::PointInput;
use crate::app::{Actor, App, AppError};
use chrono::{DateTime, NaiveDate, Utc};
use fito_acts::{ActLanguage, ActType};
use fito_core::Action;
use fito_core::text::{optional, required};
use fito_store::acts::{self, Act};
use fito_store::fieldwork::Survey;
use fito_store::time::to_datetime;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureInput {
    pub text: String,
    pub deadline: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyInput {
    /// owner_representative or witness
    pub role: String,
    pub name: String,
    pub position: String,
}

/// What the inspector writes on the act; the rest comes from the register, the
/// survey and the people involved.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
pub struct ActContent {
    /// Free-text location: district, rural okrug, landmark.
    pub location: String,
    pub conclusions: String,
    pub measures: Vec<MeasureInput>,
    /// The owner's representative and witnesses present.
    pub parties: Vec<PartyInput>,
    /// The survey as it was when the act was made (or last refreshed from it).
    pub surveyed_at: DateTime<Utc>,
    pub crop: Option<String>,
    pub growth_phase: Option<String>,
    pub points: Vec<PointInput>,
}

impl ActContent {
    /// The content stored with `a`.
    pub fn of(a: &Act) -> Result<ActContent, AppError> {
        serde_json::from_str(&a.content).map_err(|_| AppError::internal())
    }

    /// The survey's part (time, crop, phase, points) taken from `s`; what the
    /// inspector wrote kept from `keep`, or empty for a new act.
    fn from_survey(s: &Survey, keep: Option<ActContent>) -> ActContent {
        let points: Vec<PointInput> = serde_json::from_str(&s.points).unwrap_or_default();
        let base = keep.unwrap_or(ActContent {
            location: String::new(),
            conclusions: String::new(),
            measures: Vec::new(),
            parties: Vec::new(),
            surveyed_at: to_datetime(s.surveyed_at),
            crop: None,
            growth_phase: None,
            points: Vec::new(),
        });
        ActContent {
            surveyed_at: to_datetime(s.surveyed_at),
            crop: s.crop_code.clone(),
            growth_phase: s.growth_phase.clone(),
            points,
            ..base
        }
    }

    /// Checks and trims what the inspector wrote, in place.
    fn check(&mut self) -> Result<(), AppError> {
        self.location = optional("location", Some(&self.location), 500)?.unwrap_or_default();
        self.conclusions =
            optional("conclusions", Some(&self.conclusions), 20_000)?.unwrap_or_default();
        if self.measures.len() > 100 || self.parties.len() > 20 {
            return Err(AppError::unprocessable("act-too-many-entries"));
        }
        for m in &mut self.measures {
            m.text = required("measures.text", &m.text, 4000)?;
        }
        for p in &mut self.parties {
            if !matches!(p.role.as_str(), "owner_representative" | "witness") {
                return Err(AppError::unprocessable("act-party-role-unknown"));
            }
            p.name = required("parties.name", &p.name, 300)?;
            p.position = optional("parties.position", Some(&p.position), 300)?.unwrap_or_default();
        }
        Ok(())
    }

    fn stored(&self) -> Result<String, AppError> {
        serde_json::to_string(self).map_err(|_| AppError::internal())
    }
}

fn parse_type(s: &str) -> Result<ActType, AppError> {
    serde_json::from_value(Value::String(s.to_string()))
        .map_err(|_| AppError::unprocessable("act-type-unknown"))
}

fn parse_language(s: &str) -> Result<ActLanguage, AppError> {
    serde_json::from_value(Value::String(s.to_string()))
        .map_err(|_| AppError::unprocessable("act-language-unknown"))
}

/// An act the actor may act on with `action`.
pub async fn in_scope(app: &App, actor: &Actor, id: Uuid, action: Action) -> Result<Act, AppError> {
    actor.require(action)?;
    let a = acts::act(app.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("act-not-found"))?;
    app.check_scope(actor, action, a.organization_id, "act-not-found")
        .await?;
    Ok(a)
}
