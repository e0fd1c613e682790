//! A laboratory's result (issue 14), and what it does to the finding and object in
//! the same transaction.

use super::{open_for, view::snapshot_object};
use crate::app::notify::{self, Target};
use crate::app::{Actor, App, AppError, EntryExt};
use chrono::NaiveDate;
use fito_core::survey::FindingCategory;
use fito_core::text::required;
use fito_core::{Action, EppoCode, SampleStatus};
use fito_store::StoreError;
use fito_store::objects;
use fito_store::samples::{self, Sample};
use fito_store::time::now_us;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultInput {
    pub version: i64,
    /// The organism the laboratory identified (EPPO code); none for a negative result.
    pub organism: Option<String>,
    /// The method of the analysis.
    pub method: String,
    pub conclusion_number: String,
    /// YYYY-MM-DD
    pub conclusion_date: String,
    /// The laboratory's report (PDF), attached to the sample first.
    pub report_document_id: Uuid,
}

/// Enters the laboratory's result. A quarantine organism confirms the finding,
/// marks the object and tells the Heads above; anything else marks the finding not
/// confirmed and tells the inspector who took the sample.
pub async fn enter_result(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: ResultInput,
) -> Result<Sample, AppError> {
    let mut s = open_for(
        app,
        actor,
        id,
        Action::SampleResult,
        SampleStatus::Result,
        input.version,
    )
    .await?;
    let organism = match input
        .organism
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        Some(code) => {
            let code = EppoCode::parse(code)?;
            let found = samples::organism(app.store.reader(), code.as_str())
                .await?
                .ok_or_else(|| {
                    AppError::unprocessable("sample-organism-unknown").with("code", code.as_str())
                })?;
            Some(found)
        }
        None => None,
    };
    let method = required("method", &input.method, 300)?;
    let number = required("conclusion_number", &input.conclusion_number, 100)?;
    let date = NaiveDate::parse_from_str(input.conclusion_date.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::unprocessable("sample-conclusion-date-invalid"))?;
    fito_store::documents::get(app.store.reader(), input.report_document_id)
        .await?
        .filter(|d| d.owner_kind == "sample" && d.owner_id == s.id && d.kind == "pdf")
        .ok_or_else(|| AppError::unprocessable("sample-report-invalid"))?;
    let confirmed = organism
        .as_ref()
        .is_some_and(|o| FindingCategory::listed_as(&o.category) == FindingCategory::Quarantine);
    let now = now_us();
    let expected = s.version;
    s.status = SampleStatus::Result.as_str().into();
    s.result_eppo = organism.as_ref().map(|o| o.eppo_code.clone());
    s.outcome = Some(if confirmed { "confirmed" } else { "negative" }.into());
    s.method = Some(method);
    s.conclusion_number = Some(number);
    s.conclusion_date = Some(date.to_string());
    s.report_document_id = Some(input.report_document_id);
    s.result_at = Some(now);
    s.result_by = Some(actor.id());
    s.updated_at = now;
    let mut unit = app.begin().await?;
    let saved = match samples::update(unit.tx(), s, expected).await {
        Ok(s) => s,
        Err(StoreError::Conflict(_)) => return Err(AppError::conflict("sample-version-conflict")),
        Err(e) => return Err(e.into()),
    };
    let finding_status = if confirmed {
        "confirmed"
    } else {
        "not_confirmed"
    };
    samples::set_finding_result(
        unit.tx(),
        saved.survey_id,
        saved.finding_seq,
        finding_status,
        saved.id,
        now,
    )
    .await?;
    let target = Target {
        kind: "sample",
        id: saved.id,
    };
    let identified = saved.result_eppo.clone().unwrap_or_default();
    if confirmed {
        if let Some(object_id) = saved.object_id
            && let Some(mut o) = objects::get(unit.tx(), object_id).await?
        {
            let was = o.version;
            o.quarantine_found_at = Some(o.quarantine_found_at.unwrap_or(now));
            o.updated_at = now;
            o.updated_by = Some(actor.id());
            let stored = snapshot_object(&o, was + 1);
            objects::update(unit.tx(), o, was, "quarantine-confirmed", stored).await?;
        }
        let path = app
            .org_path(saved.organization_id)
            .await?
            .unwrap_or_default();
        let heads = notify::heads_over(app, &path).await?;
        let args = [("number", saved.number.clone()), ("organism", identified)];
        unit.notify(&heads, "sample-confirmed", &args, target)
            .await?;
    } else {
        let args = [("number", saved.number.clone())];
        unit.notify(&[saved.taken_by], "sample-negative", &args, target)
            .await?;
    }
    unit.journal(
        actor
            .entry("sample.result", Some("sample"), Some(saved.id.to_string()))
            .details(json!({ "outcome": saved.outcome, "organism": saved.result_eppo, "finding": finding_status })),
    );
    unit.commit().await?;
    Ok(saved)
}
