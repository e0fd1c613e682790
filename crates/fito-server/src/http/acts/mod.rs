//! `/api/v1/acts` and `/api/v1/surveys/{id}/acts`: inspection acts (R-ACT-1..3), over
//! `app::acts`. Handlers parse, call one use case and shape the answer; this module
//! holds what the API shows of an act.

pub(crate) mod drafts;
pub(crate) mod reading;
pub(crate) mod signing;
pub(crate) mod workflow;

use crate::app::acts::ActContent;
use crate::app::acts::workflow::steps;
use crate::app::{Actor, AppError};
use chrono::{DateTime, Utc};
use fito_core::ActStep;
use fito_store::acts::Act;
use fito_store::time::to_datetime;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct ActView {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub survey_id: Uuid,
    pub object_id: Option<Uuid>,
    pub inspector_id: Uuid,
    /// quarantine-survey, crop-monitoring, sampling or prescription
    pub act_type: String,
    /// kk, ru or kk-ru
    pub language: String,
    /// draft, submitted, approved, returned, signed or registered
    #[schema(value_type = String)]
    pub status: fito_core::ActStatus,
    /// Given at approval: per organisation and year, without gaps.
    pub registry_number: Option<String>,
    pub content: ActContent,
    /// SHA-256 of the signed PDF, once signed.
    pub pdf_sha256: Option<String>,
    /// SHA-256 of the act's content, as in its QR code, once signed.
    pub content_sha256: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The workflow steps the caller may take on this act now, each one of submit,
    /// approve, return, sign or register: the act's status, the caller's role and
    /// whether they are its inspector decide (R-ACT-2, R-ROLE-1).
    #[schema(value_type = Vec<String>)]
    pub steps: Vec<ActStep>,
}

/// What `viewer` is shown of `a`.
pub(crate) fn view(a: &Act, viewer: &Actor) -> Result<ActView, AppError> {
    Ok(ActView {
        id: a.id,
        organization_id: a.organization_id,
        survey_id: a.survey_id,
        object_id: a.object_id,
        inspector_id: a.inspector_id,
        act_type: a.act_type.clone(),
        language: a.language.clone(),
        status: a.status,
        registry_number: a.registry_number.clone(),
        content: ActContent::of(a)?,
        pdf_sha256: a.pdf_sha256.clone(),
        content_sha256: a.content_sha256.clone(),
        version: a.version,
        created_at: to_datetime(a.created_at),
        updated_at: to_datetime(a.updated_at),
        steps: steps(viewer, a),
    })
}
