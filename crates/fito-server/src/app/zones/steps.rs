//! A zone's steps (issue 14): establish by a decision, lift on evidence, withdraw a
//! proposal. fito-core says which step leads where; each is one unit of work: the
//! new version, the journal line and the notifications commit together.

use super::lifting::evidence;
use super::view::snapshot;
use super::{in_scope, tell};
use crate::app::documents::{self, Owner};
use crate::app::{Actor, App, AppError, EntryExt};
use bytes::Bytes;
use chrono::NaiveDate;
use fito_core::text::{optional, required};
use fito_core::{ZoneStatus, ZoneStep};
use fito_store::StoreError;
use fito_store::documents::Document;
use fito_store::time::now_us;
use fito_store::zones::{self, Zone};
use futures_util::Stream;
use serde::Deserialize;
use serde_json::json;
use std::error::Error;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EstablishInput {
    /// The version the step was decided on.
    pub version: i64,
    pub decision_number: String,
    /// YYYY-MM-DD
    pub decision_date: String,
    /// The authority that issued the decision.
    pub decision_authority: String,
    /// The decision's PDF, attached to the zone first (`POST /zones/{id}/decision`,
    /// or by the office through `POST /zones/{id}/documents`).
    pub decision_document_id: Uuid,
    /// The regime as decided, when it differs from the proposal.
    pub regime_kk: Option<String>,
    pub regime_ru: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = ZoneStepInput)]
pub struct StepInput {
    /// The version the step was decided on.
    pub version: i64,
    /// Why (required to withdraw; for a lifting, the decision's reference).
    pub note: Option<String>,
}

/// The zone `id` for `step`, when it may take it now.
async fn open_for(
    app: &App,
    actor: &Actor,
    id: Uuid,
    step: ZoneStep,
    version: i64,
) -> Result<(Zone, ZoneStatus), AppError> {
    let z = in_scope(app, actor, id, step.action()).await?;
    let status = ZoneStatus::parse(&z.status)?;
    let Some(next) = status.after(step) else {
        return Err(AppError::conflict("zone-step-not-allowed")
            .with("step", step.as_str())
            .with("status", status.as_str()));
    };
    if z.version != version {
        return Err(AppError::conflict("zone-version-conflict").with("current", z.version));
    }
    Ok((z, next))
}

/// Writes the zone's next version and tells those it concerns.
async fn save(
    app: &App,
    actor: &Actor,
    mut z: Zone,
    step: ZoneStep,
    details: serde_json::Value,
) -> Result<Zone, AppError> {
    let expected = z.version;
    z.updated_at = now_us();
    z.updated_by = actor.id();
    z.version = expected + 1;
    let stored = snapshot(&z);
    let mut unit = app.begin().await?;
    let saved = match zones::update(unit.tx(), z, expected, step.as_str(), stored).await {
        Ok(z) => z,
        Err(StoreError::Conflict(_)) => return Err(AppError::conflict("zone-version-conflict")),
        Err(e) => return Err(e.into()),
    };
    unit.journal(
        actor
            .entry(
                step.action().as_str(),
                Some("zone"),
                Some(saved.id.to_string()),
            )
            .details(details),
    );
    let kind = match step {
        ZoneStep::Establish => "zone-established",
        ZoneStep::Lift => "zone-lifted",
        ZoneStep::Withdraw => "zone-withdrawn",
    };
    tell(app, &mut unit, &saved, kind).await?;
    unit.commit().await?;
    Ok(saved)
}

/// Establishes a proposed zone by a decision whose PDF is attached to the zone.
pub async fn establish(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: EstablishInput,
) -> Result<Zone, AppError> {
    let (mut z, next) = open_for(app, actor, id, ZoneStep::Establish, input.version).await?;
    let number = required("decision_number", &input.decision_number, 100)?;
    let authority = required("decision_authority", &input.decision_authority, 500)?;
    let date = NaiveDate::parse_from_str(input.decision_date.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::unprocessable("zone-decision-date-invalid"))?;
    let document = fito_store::documents::get(app.store.reader(), input.decision_document_id)
        .await?
        .filter(|d| d.owner_kind == "zone" && d.owner_id == z.id && d.kind == "pdf")
        .ok_or_else(|| AppError::unprocessable("zone-decision-document-invalid"))?;
    if let Some(kk) = optional("regime_kk", input.regime_kk.as_deref(), 20_000)? {
        z.regime_kk = kk;
    }
    if let Some(ru) = optional("regime_ru", input.regime_ru.as_deref(), 20_000)? {
        z.regime_ru = ru;
    }
    z.status = next.as_str().into();
    z.decision_number = Some(number.clone());
    z.decision_date = Some(date.to_string());
    z.decision_authority = Some(authority);
    z.decision_document_id = Some(document.id);
    z.established_at = Some(now_us());
    let details = json!({ "decision_number": number, "document_id": document.id });
    save(app, actor, z, ZoneStep::Establish, details).await
}

/// Attaches the establishing decision's PDF to a proposed zone. It is the Head's,
/// who establishes the zone (zone.establish), not the office's: Heads hold no
/// general right to attach documents, yet the decision is theirs to file (issue 14).
pub async fn attach_decision<S, E>(
    app: &App,
    actor: &Actor,
    id: Uuid,
    name: &str,
    content: S,
) -> Result<Document, AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Into<Box<dyn Error + Send + Sync>>,
{
    let z = in_scope(app, actor, id, ZoneStep::Establish.action()).await?;
    let status = ZoneStatus::parse(&z.status)?;
    if status.after(ZoneStep::Establish).is_none() {
        return Err(AppError::conflict("zone-step-not-allowed")
            .with("step", ZoneStep::Establish.as_str())
            .with("status", status.as_str()));
    }
    let action = ZoneStep::Establish.action();
    documents::attach_as(app, actor, Owner::Zone, id, name, content, action).await
}

/// Lifts an established zone, when the surveys since its establishment show no
/// finding of its organisms (else 422 `zone-lift-basis-missing`).
pub async fn lift(app: &App, actor: &Actor, id: Uuid, input: StepInput) -> Result<Zone, AppError> {
    let (mut z, next) = open_for(app, actor, id, ZoneStep::Lift, input.version).await?;
    let note = optional("note", input.note.as_deref(), 2_000)?;
    let basis = evidence(app, &z).await?;
    if !basis.sufficient {
        actor
            .record(
                actor
                    .entry("zone.lift", Some("zone"), Some(id.to_string()))
                    .outcome("refused")
                    .details(json!({ "missing": basis.missing })),
            )
            .await?;
        return Err(AppError::unprocessable("zone-lift-basis-missing")
            .with("missing", basis.missing.join(", ")));
    }
    let evidence = serde_json::to_value(&basis).map_err(|_| AppError::internal())?;
    z.status = next.as_str().into();
    z.closed_at = Some(now_us());
    z.closing_note = note;
    z.closing_evidence = Some(evidence.to_string());
    let details = json!({ "objects": basis.objects.len() });
    save(app, actor, z, ZoneStep::Lift, details).await
}

/// Withdraws a proposal, saying why.
pub async fn withdraw(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: StepInput,
) -> Result<Zone, AppError> {
    let (mut z, next) = open_for(app, actor, id, ZoneStep::Withdraw, input.version).await?;
    let note = required("note", input.note.as_deref().unwrap_or_default(), 2_000)?;
    z.status = next.as_str().into();
    z.closed_at = Some(now_us());
    z.closing_note = Some(note);
    save(app, actor, z, ZoneStep::Withdraw, json!({})).await
}
