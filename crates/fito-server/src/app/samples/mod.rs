//! Laboratory samples (issue 14): taken in the field with a finding under the
//! app's UUIDv7, referred to a laboratory (an organisation or a laboratory object
//! of the register), received there, and given a result by an operator. The result
//! flows back in the same transaction: a confirmed quarantine organism confirms the
//! finding, marks the object and tells the Heads above; a negative result marks the
//! finding not confirmed.

mod label;
mod result;
mod view;

pub use label::{label, qr_payload};
pub use result::{ResultInput, enter_result};
pub use view::{FindingResultView, SampleView};

use crate::app::{Actor, App, AppError, EntryExt};
use chrono::{DateTime, Utc};
use fito_core::text::{optional, required};
use fito_core::{Action, SampleStatus};
use fito_geo::Wgs84Point;
use fito_store::StoreError;
use fito_store::samples::{self, Sample, SampleFilter};
use fito_store::time::{from_datetime, now_us};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TakeInput {
    /// The field app's id for the sample (UUIDv7).
    pub id: Uuid,
    /// The number on the label; unique.
    pub number: String,
    pub survey_id: Uuid,
    /// The finding's number in the survey (from 1).
    pub finding_seq: i32,
    /// What was taken (leaves, soil, seeds …).
    pub what: String,
    pub quantity: f64,
    /// The unit of the quantity (pcs, g, kg …).
    pub unit: String,
    pub lat: f64,
    pub lon: f64,
    pub taken_at: DateTime<Utc>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReferInput {
    pub version: i64,
    /// The laboratory as an organisation …
    pub laboratory_organization_id: Option<Uuid>,
    /// … or as a laboratory object of the register.
    pub laboratory_object_id: Option<Uuid>,
    pub referral_number: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionInput {
    pub version: i64,
}

/// A sample the actor may act on with `action` (R-ORG-1).
pub async fn in_scope(
    app: &App,
    actor: &Actor,
    id: Uuid,
    action: Action,
) -> Result<Sample, AppError> {
    actor.require(action)?;
    let s = samples::get(app.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("sample-not-found"))?;
    app.check_scope(actor, action, s.organization_id, "sample-not-found")
        .await?;
    Ok(s)
}

/// The sample `id` for the step to `to`, when it stands just before it.
async fn open_for(
    app: &App,
    actor: &Actor,
    id: Uuid,
    action: Action,
    to: SampleStatus,
    version: i64,
) -> Result<Sample, AppError> {
    let s = in_scope(app, actor, id, action).await?;
    let status = SampleStatus::parse(&s.status)?;
    if status.next() != Some(to) {
        return Err(AppError::conflict("sample-step-not-allowed")
            .with("status", status.as_str())
            .with("step", to.as_str()));
    }
    if s.version != version {
        return Err(AppError::conflict("sample-version-conflict").with("current", s.version));
    }
    Ok(s)
}

/// Writes the sample's next version with its journal line.
pub(crate) async fn save_step(
    app: &App,
    actor: &Actor,
    s: Sample,
    action: &str,
    details: serde_json::Value,
) -> Result<Sample, AppError> {
    let expected = s.version;
    let mut unit = app.begin().await?;
    let saved = match samples::update(unit.tx(), s, expected).await {
        Ok(s) => s,
        Err(StoreError::Conflict(_)) => return Err(AppError::conflict("sample-version-conflict")),
        Err(e) => return Err(e.into()),
    };
    unit.journal(
        actor
            .entry(action, Some("sample"), Some(saved.id.to_string()))
            .details(details),
    );
    unit.commit().await?;
    Ok(saved)
}

/// Records a sample taken with a finding of a survey the actor sees. The same
/// sample sent again (same id and number) is answered with the stored one.
pub async fn take(app: &App, actor: &Actor, input: TakeInput) -> Result<Sample, AppError> {
    actor.require(Action::SampleTake)?;
    let survey =
        crate::app::surveys::in_scope(app, actor, input.survey_id, Action::SurveyRead).await?;
    let finding = fito_store::zones::finding(app.store.reader(), survey.id, input.finding_seq)
        .await?
        .ok_or_else(|| AppError::unprocessable("sample-finding-unknown"))?;
    let number = required("number", &input.number, 50)?;
    if let Some(stored) = samples::get(app.store.reader(), input.id).await? {
        if stored.number == number && stored.survey_id == survey.id {
            return Ok(stored);
        }
        return Err(AppError::conflict("sample-id-taken"));
    }
    if !(input.quantity.is_finite() && input.quantity > 0.0) {
        return Err(AppError::unprocessable("sample-quantity-invalid"));
    }
    let place = Wgs84Point::parse(input.lon, input.lat)?;
    let now = now_us();
    let taken_at = from_datetime(input.taken_at);
    if taken_at > now + 10 * 60 * 1_000_000 {
        return Err(AppError::unprocessable("sample-in-future"));
    }
    let sample = Sample {
        rid: 0,
        id: input.id,
        organization_id: survey.organization_id,
        number,
        survey_id: survey.id,
        finding_seq: finding.seq,
        object_id: finding.object_id,
        eppo_code: finding.eppo_code.clone(),
        what: required("what", &input.what, 300)?,
        quantity: input.quantity,
        unit: required("unit", &input.unit, 20)?,
        lat: place.lat(),
        lon: place.lon(),
        taken_by: actor.id(),
        taken_at,
        status: SampleStatus::Taken.as_str().into(),
        lab_organization_id: None,
        lab_object_id: None,
        referral_number: None,
        sent_at: None,
        sent_by: None,
        received_at: None,
        received_by: None,
        result_eppo: None,
        outcome: None,
        method: None,
        conclusion_number: None,
        conclusion_date: None,
        report_document_id: None,
        result_at: None,
        result_by: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    let mut unit = app.begin().await?;
    let saved = match samples::insert(unit.tx(), sample).await {
        Ok(s) => s,
        Err(StoreError::Conflict("number")) => {
            return Err(AppError::conflict("sample-number-taken"));
        }
        Err(StoreError::Conflict(_)) => return Err(AppError::conflict("sample-id-taken")),
        Err(e) => return Err(e.into()),
    };
    unit.journal(
        actor
            .entry("sample.take", Some("sample"), Some(saved.id.to_string()))
            .details(json!({ "number": saved.number, "survey_id": saved.survey_id, "finding_seq": saved.finding_seq })),
    );
    unit.commit().await?;
    Ok(saved)
}

/// Refers a taken sample to a laboratory: an organisation, or a laboratory object.
pub async fn refer(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: ReferInput,
) -> Result<Sample, AppError> {
    let mut s = open_for(
        app,
        actor,
        id,
        Action::SampleRefer,
        SampleStatus::Sent,
        input.version,
    )
    .await?;
    match (input.laboratory_organization_id, input.laboratory_object_id) {
        (Some(org), None) => {
            if app.org_path(org).await?.is_none() {
                return Err(AppError::unprocessable("sample-laboratory-unknown"));
            }
            s.lab_organization_id = Some(org);
        }
        (None, Some(object)) => {
            let lab = fito_store::objects::get(app.store.reader(), object)
                .await?
                .filter(|o| o.type_code == "laboratory")
                .ok_or_else(|| AppError::unprocessable("sample-laboratory-unknown"))?;
            s.lab_object_id = Some(lab.id);
            s.lab_organization_id = Some(lab.organization_id);
        }
        _ => return Err(AppError::unprocessable("sample-laboratory-required")),
    }
    let now = now_us();
    s.referral_number = optional("referral_number", input.referral_number.as_deref(), 100)?;
    s.status = SampleStatus::Sent.as_str().into();
    s.sent_at = Some(now);
    s.sent_by = Some(actor.id());
    s.updated_at = now;
    let details = json!({ "laboratory_organization_id": s.lab_organization_id, "laboratory_object_id": s.lab_object_id });
    save_step(app, actor, s, "sample.refer", details).await
}

/// The laboratory has the sample.
pub async fn receive(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: VersionInput,
) -> Result<Sample, AppError> {
    let mut s = open_for(
        app,
        actor,
        id,
        Action::SampleReceive,
        SampleStatus::Received,
        input.version,
    )
    .await?;
    let now = now_us();
    s.status = SampleStatus::Received.as_str().into();
    s.received_at = Some(now);
    s.received_by = Some(actor.id());
    s.updated_at = now;
    save_step(app, actor, s, "sample.receive", json!({})).await
}

/// What the laboratory said of a survey's findings (by their samples' results).
pub async fn finding_results(
    app: &App,
    actor: &Actor,
    survey_id: Uuid,
) -> Result<Vec<samples::FindingLabResult>, AppError> {
    crate::app::surveys::in_scope(app, actor, survey_id, Action::SurveyRead).await?;
    actor.require(Action::SampleRead)?;
    let found = samples::finding_results(app.store.reader(), survey_id).await?;
    actor
        .record(actor.entry(
            "sample.finding_results",
            Some("survey"),
            Some(survey_id.to_string()),
        ))
        .await?;
    Ok(found)
}

/// One sample; the read is journalled.
pub async fn get(app: &App, actor: &Actor, id: Uuid) -> Result<Sample, AppError> {
    let s = in_scope(app, actor, id, Action::SampleRead).await?;
    actor
        .record(actor.entry("sample.read", Some("sample"), Some(id.to_string())))
        .await?;
    Ok(s)
}

/// Samples of the actor's subtree, newest first: of one status, of one survey,
/// or (`overdue`) referred more than the configured days ago with no result yet.
pub async fn list(
    app: &App,
    actor: &Actor,
    status: Option<&str>,
    survey: Option<Uuid>,
    overdue: bool,
) -> Result<Vec<Sample>, AppError> {
    actor.require(Action::SampleRead)?;
    let Some(org_path) = actor.org_path.clone() else {
        return Ok(Vec::new());
    };
    let status = status.map(SampleStatus::parse).transpose()?;
    let days = i64::from(app.config.sample_overdue_days);
    let filter = SampleFilter {
        org_path,
        status: status.map(|s| s.as_str().to_string()),
        survey,
        sent_before: overdue.then(|| now_us() - days * 86_400 * 1_000_000),
        limit: 10_000,
    };
    let found = samples::list(app.store.reader(), &filter).await?;
    actor
        .record(
            actor
                .entry("sample.list", Some("sample"), None)
                .details(json!({ "overdue": overdue, "returned": found.len() })),
        )
        .await?;
    Ok(found)
}
