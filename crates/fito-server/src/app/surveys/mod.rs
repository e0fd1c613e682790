//! Field surveys (R-SURV-1): an inspector's visit to an object or an ad-hoc place,
//! with GPS points and per-point findings. A survey is written whole (the app keeps
//! it offline and sends it when it can), under the client's UUIDv7; sending the same
//! survey again changes nothing. A quarantine finding flags the object and tells the
//! Heads.

mod checked;
mod input;

pub use checked::{CheckedSurvey, check};
pub use input::{FindingInput, IntensityInput, PointInput, SampleInput, SurveyInput, SurveyQuery};

use crate::app::{Actor, App, AppError, EntryExt, SameRecord};
use fito_core::Action;
use fito_store::StoreError;
use fito_store::fieldwork::{self, Page, Survey, SurveyFilter};
use fito_store::time::now_us;
use serde_json::json;
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

/// What recording a survey did.
pub enum Recorded {
    Created(Survey),
    /// This very survey was stored already (a retried upload): nothing written.
    AlreadyThere(Survey),
}

/// Records a new survey. Sent again with the same id and content, it answers with
/// the stored survey and changes nothing; other content under a taken id is
/// refused (`survey-id-taken`): [`replace`] changes a survey.
pub async fn record(app: &App, actor: &Actor, input: SurveyInput) -> Result<Recorded, AppError> {
    actor.require(Action::SurveyRecord)?;
    let id = input.id.unwrap_or_else(fito_core::new_id);
    let c = check(app, actor, id, &input).await?;
    if let Some(existing) = fieldwork::survey(app.store.reader(), id).await? {
        if existing.same_record(&c) {
            return Ok(Recorded::AlreadyThere(existing));
        }
        return Err(AppError::conflict("survey-id-taken"));
    }
    let now = now_us();
    let mut unit = app.begin().await?;
    let saved = match fieldwork::insert_survey(unit.tx(), c.new_row(now)?, c.finding_rows()).await {
        Err(StoreError::Conflict(_)) => return Err(AppError::conflict("survey-id-taken")),
        other => other?,
    };
    c.flag_quarantine(app, actor, &mut unit, now).await?;
    unit.journal(journal(actor, "survey.record", &c));
    unit.commit().await?;
    Ok(Recorded::Created(saved))
}

/// Writes a survey's next version (its inspector), if nobody changed it since
/// `input.version`.
pub async fn replace(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: SurveyInput,
) -> Result<Survey, AppError> {
    let existing = in_scope(app, actor, id, Action::SurveyRecord).await?;
    if existing.inspector_id != actor.id() {
        return Err(AppError::refused("survey-not-yours"));
    }
    let version = input
        .version
        .ok_or_else(|| AppError::unprocessable("field-required").with("field", "version"))?;
    let c = check(app, actor, id, &input).await?;
    let now = now_us();
    let changed = c.written(existing, now)?;
    let mut unit = app.begin().await?;
    let saved = match fieldwork::update_survey(unit.tx(), changed, version, c.finding_rows()).await
    {
        Err(StoreError::Conflict(_)) => return Err(AppError::conflict("survey-version-conflict")),
        other => other?,
    };
    c.flag_quarantine(app, actor, &mut unit, now).await?;
    unit.journal(journal(actor, "survey.update", &c));
    unit.commit().await?;
    Ok(saved)
}

fn journal(actor: &Actor, action: &str, c: &CheckedSurvey) -> fito_store::audit::NewEntry {
    let findings = c.survey.findings().count();
    actor
        .entry(action, Some("survey"), Some(c.id.to_string()))
        .details(json!({ "findings": findings, "quarantine": c.survey.quarantine() }))
}

/// Surveys of the actor's subtree, oldest first.
pub async fn list(app: &App, actor: &Actor, q: SurveyQuery) -> Result<Vec<Survey>, AppError> {
    actor.require(Action::SurveyRead)?;
    let org_path = actor.org_path.clone().ok_or_else(AppError::forbidden)?;
    let after_rid = match q.after {
        Some(id) => fieldwork::survey(app.store.reader(), id)
            .await?
            .map(|s| s.rid),
        None => None,
    };
    let page = Page {
        org_path,
        after_rid,
        limit: q.limit.unwrap_or(100).clamp(1, 500),
    };
    let filter = SurveyFilter {
        inspector: q.mine.then_some(actor.id()),
        object: q.object_id,
        task: q.task_id,
    };
    Ok(fieldwork::surveys(app.store.reader(), &page, &filter).await?)
}
