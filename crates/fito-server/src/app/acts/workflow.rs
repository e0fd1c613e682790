//! Moving an act through its workflow (R-ACT-2): submit, approve, return, sign,
//! register. fito-core says which step leads where and who may take it; a step is
//! one unit of work: the new status (a registry number at approval), the history
//! line, the journal entry and the notification commit together, and everyone the
//! act concerns sees the new status live.

use super::{document, in_scope};
use crate::app::notify::{self, Target};
use crate::app::{Actor, App, AppError, EntryExt, Unit};
use chrono::Datelike;
use fito_core::{ActStatus, ActStep, Action};
use fito_store::StoreError;
use fito_store::acts::{self, Act, ActEvent, ActMove, Numbering};
use fito_store::esign::ActSignature;
use fito_store::time::{now_us, to_datetime};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepInput {
    /// The version the step was decided on.
    pub version: i64,
    /// Required when returning an act: what to correct.
    pub comment: Option<String>,
}

/// The steps the actor may take on `a` now: the workflow from its status, the
/// role table and the author rule (R-ACT-2, R-ROLE-1). The act is one the actor
/// sees, so the subtree allows them.
pub fn steps(actor: &Actor, a: &Act) -> Vec<ActStep> {
    match actor.role {
        Some(role) if !actor.user.must_change_password => {
            ActStep::open(a.status, role, a.inspector_id == actor.id())
        }
        _ => Vec::new(),
    }
}

/// Takes `step` on the act `id`: submit (its inspector), approve or return (a
/// Head), register (an operator). Signing carries a signature: [`super::signing::sign`].
pub async fn take_step(
    app: &App,
    actor: &Actor,
    id: Uuid,
    step: ActStep,
    input: StepInput,
) -> Result<Act, AppError> {
    if step == ActStep::Sign {
        return Err(AppError::internal());
    }
    let a = in_scope(app, actor, id, step.action()).await?;
    apply(app, actor, a, step, input, None).await
}

/// Every step the act went through, oldest first (R-ACT-2).
pub async fn history(app: &App, actor: &Actor, id: Uuid) -> Result<Vec<ActEvent>, AppError> {
    in_scope(app, actor, id, Action::ActRead).await?;
    Ok(acts::events(app.store.reader(), id).await?)
}

/// R-ACT-3: a refused attempt to change a signed act is kept in the journal.
pub(super) async fn refuse_frozen(actor: &Actor, a: &Act, action: &str) -> Result<(), AppError> {
    actor
        .record(
            actor
                .entry(action, Some("act"), Some(a.id.to_string()))
                .outcome("refused")
                .details(json!({ "reason": "act-frozen", "status": a.status })),
        )
        .await
}

/// Checks that `step` may be taken on `a` by the actor now: the author rule, the
/// workflow and the version. A refused move on a signed act is journalled (R-ACT-3).
pub(super) async fn check(
    actor: &Actor,
    a: &Act,
    step: ActStep,
    version: i64,
) -> Result<ActStatus, AppError> {
    if step.authors_only() && a.inspector_id != actor.id() {
        return Err(AppError::refused("act-not-yours"));
    }
    let Some(to) = step.from(a.status) else {
        if a.status.frozen() {
            refuse_frozen(actor, a, &format!("act.{}", step.as_str())).await?;
        }
        return Err(AppError::conflict("act-step-not-allowed")
            .with("step", step.as_str())
            .with("status", a.status.as_str()));
    };
    if a.version != version {
        return Err(AppError::conflict("act-version-conflict"));
    }
    Ok(to)
}

/// Takes `step` on `a` in one unit of work; `signature` is the one signing keeps.
pub(super) async fn apply(
    app: &App,
    actor: &Actor,
    a: Act,
    step: ActStep,
    input: StepInput,
    signature: Option<ActSignature>,
) -> Result<Act, AppError> {
    let to = check(actor, &a, step, input.version).await?;
    let comment = fito_core::text::optional("comment", input.comment.as_deref(), 4000)?;
    if step == ActStep::Return && comment.is_none() {
        return Err(AppError::unprocessable("act-return-comment-required"));
    }
    let now = now_us();
    let path = app.org_path(a.organization_id).await?.unwrap_or_default();
    let heads = notify::heads_over(app, &path).await?;
    let mut unit = app.begin().await?;
    if let Some(sig) = signature {
        fito_store::esign::insert_act_signature(unit.tx(), sig).await?;
    }
    let moved = ActMove {
        act_id: a.id,
        version: input.version,
        step,
        from: a.status,
        to,
        actor_id: actor.id(),
        comment,
        at: now,
        numbered_in: if step == ActStep::Approve {
            Some(Numbering {
                organization_id: a.organization_id,
                year: registry_year(now),
                // Checked when the server starts.
                format: app
                    .config
                    .acts
                    .registry_format()
                    .map_err(|_| AppError::internal())?,
            })
        } else {
            None
        },
    };
    let saved = match acts::move_act(unit.tx(), moved).await {
        Err(StoreError::Conflict(_)) => return Err(AppError::conflict("act-version-conflict")),
        other => other?,
    };
    announce(&mut unit, actor, &a, step, &saved, heads).await?;
    unit.commit().await?;
    if step == ActStep::Approve {
        // The PDF the inspector will sign is made now, once; if this fails it is
        // made on the first download instead.
        match document::frozen_pdf(app, &saved).await {
            Ok((frozen, _)) => return Ok(frozen),
            Err(e) => tracing::warn!(act = %a.id, code = e.code, "act PDF not frozen at approval"),
        }
    }
    Ok(saved)
}

/// Tells of a step taken on `before`, in its unit: who is notified (the Heads of a
/// submitted or signed act, the inspector of an approved, returned or registered
/// one), the journal entry, and everyone the act concerns sees its new status live:
/// its inspector, the Heads who review it, and whoever took the step.
async fn announce(
    unit: &mut Unit<'_>,
    actor: &Actor,
    before: &Act,
    step: ActStep,
    after: &Act,
    heads: Vec<Uuid>,
) -> Result<(), AppError> {
    let (kind, told) = match step {
        ActStep::Submit => ("act-submitted", heads.clone()),
        ActStep::Sign => ("act-signed", heads.clone()),
        ActStep::Approve => ("act-approved", vec![before.inspector_id]),
        ActStep::Return => ("act-returned", vec![before.inspector_id]),
        ActStep::Register => ("act-registered", vec![before.inspector_id]),
    };
    let number = after.registry_number.clone().unwrap_or_default();
    let target = Target {
        kind: "act",
        id: before.id,
    };
    unit.notify(&told, kind, &[("number", number)], target)
        .await?;
    let details = json!({ "from": before.status.as_str(), "to": after.status.as_str(),
        "registry_number": after.registry_number, "signed": step == ActStep::Sign });
    let action = format!("act.{}", step.as_str());
    unit.journal(
        actor
            .entry(&action, Some("act"), Some(before.id.to_string()))
            .details(details),
    );
    let mut concerned = heads;
    concerned.extend([before.inspector_id, actor.id()]);
    unit.act_changed(before.id, concerned);
    Ok(())
}

/// The year an approval is numbered in: Kazakhstan's, which keeps one zone, UTC+5,
/// since March 2024.
fn registry_year(now: i64) -> i32 {
    let almaty = chrono::FixedOffset::east_opt(5 * 3600).expect("valid offset");
    to_datetime(now).with_timezone(&almaty).year()
}
