//! A sample as the API shows it.

use chrono::{DateTime, Utc};
use fito_store::objects::Object;
use fito_store::samples::Sample;
use fito_store::time::to_datetime;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct SampleView {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub number: String,
    pub survey_id: Uuid,
    pub finding_seq: i32,
    pub object_id: Option<Uuid>,
    /// The organism of the finding (EPPO).
    pub organism: String,
    pub what: String,
    pub quantity: f64,
    pub unit: String,
    pub lat: f64,
    pub lon: f64,
    pub taken_by: Uuid,
    pub taken_at: DateTime<Utc>,
    /// taken, sent, received or result
    pub status: String,
    pub laboratory_organization_id: Option<Uuid>,
    pub laboratory_object_id: Option<Uuid>,
    pub referral_number: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub received_at: Option<DateTime<Utc>>,
    /// The organism the laboratory identified.
    pub identified: Option<String>,
    /// confirmed or negative
    pub outcome: Option<String>,
    pub method: Option<String>,
    pub conclusion_number: Option<String>,
    pub conclusion_date: Option<String>,
    pub report_document_id: Option<Uuid>,
    pub result_at: Option<DateTime<Utc>>,
    pub result_by: Option<Uuid>,
    pub version: i64,
}

impl From<&Sample> for SampleView {
    fn from(s: &Sample) -> Self {
        SampleView {
            id: s.id,
            organization_id: s.organization_id,
            number: s.number.clone(),
            survey_id: s.survey_id,
            finding_seq: s.finding_seq,
            object_id: s.object_id,
            organism: s.eppo_code.clone(),
            what: s.what.clone(),
            quantity: s.quantity,
            unit: s.unit.clone(),
            lat: s.lat,
            lon: s.lon,
            taken_by: s.taken_by,
            taken_at: to_datetime(s.taken_at),
            status: s.status.clone(),
            laboratory_organization_id: s.lab_organization_id,
            laboratory_object_id: s.lab_object_id,
            referral_number: s.referral_number.clone(),
            sent_at: s.sent_at.map(to_datetime),
            received_at: s.received_at.map(to_datetime),
            identified: s.result_eppo.clone(),
            outcome: s.outcome.clone(),
            method: s.method.clone(),
            conclusion_number: s.conclusion_number.clone(),
            conclusion_date: s.conclusion_date.clone(),
            report_document_id: s.report_document_id,
            result_at: s.result_at.map(to_datetime),
            result_by: s.result_by,
            version: s.version,
        }
    }
}

/// What the laboratory said of one finding.
#[derive(Serialize, ToSchema)]
pub struct FindingResultView {
    pub survey_id: Uuid,
    pub seq: i32,
    /// confirmed or not_confirmed
    pub status: String,
    pub sample_id: Uuid,
    pub at: DateTime<Utc>,
}

impl From<fito_store::samples::FindingLabResult> for FindingResultView {
    fn from(r: fito_store::samples::FindingLabResult) -> Self {
        FindingResultView {
            survey_id: r.survey_id,
            seq: r.seq,
            status: r.status,
            sample_id: r.sample_id,
            at: to_datetime(r.at),
        }
    }
}

/// The object's stored version `version`, as the register keeps versions.
pub(crate) fn snapshot_object(o: &Object, version: i64) -> String {
    let mut next = o.clone();
    next.version = version;
    crate::app::objects::snapshot(&next)
}
