//! Requests to withdraw consent to the processing of one's personal data (R-PD-1,
//! policy §14): a person files one; an administrator erases the account, deactivates
//! it, or rejects the request with a comment.

use crate::app::accounts::users::deactivate_in;
use crate::app::notify::Target;
use crate::app::{Actor, App, AppError, EntryExt, Unit};
use fito_core::text::{optional, required};
use fito_core::{Action, WithdrawalOutcome};
use fito_store::privacy::{self, WITHDRAWAL_OPEN, Withdrawal};
use fito_store::time::now_us;
use fito_store::users::{self, STATUS_ACTIVE, User};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FileWithdrawal {
    pub reason: String,
}

/// Files the actor's request (one may be open at a time) and tells the
/// administrators.
pub async fn file(app: &App, actor: &Actor, input: FileWithdrawal) -> Result<Withdrawal, AppError> {
    let reason = required("reason", &input.reason, 2000)?;
    let open =
        privacy::withdrawals(app.store.reader(), Some(WITHDRAWAL_OPEN), Some(actor.id())).await?;
    if !open.is_empty() {
        return Err(AppError::conflict("withdrawal-already-open"));
    }
    let w = Withdrawal {
        id: fito_core::new_id(),
        user_id: actor.id(),
        reason,
        filed_at: now_us(),
        status: WITHDRAWAL_OPEN.into(),
        resolved_by: None,
        resolved_at: None,
        comment: None,
    };
    let admins = super::administrators(app).await?;
    let mut unit = app.begin().await?;
    privacy::insert_withdrawal(unit.tx(), &w).await?;
    unit.journal(actor.entry(
        "privacy.withdrawal.file",
        Some("withdrawal"),
        Some(w.id.to_string()),
    ));
    let target = Target {
        kind: "withdrawal",
        id: w.id,
    };
    unit.notify(&admins, "withdrawal-filed", &[], target)
        .await?;
    unit.commit().await?;
    Ok(w)
}

#[derive(Deserialize, ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct WithdrawalQuery {
    /// `open` (the default), `all`, or a resolution.
    pub status: Option<String>,
}

/// A request with the person who filed it (gone once erased).
pub struct Filed {
    pub withdrawal: Withdrawal,
    pub user: Option<User>,
}

/// Requests, newest first (administrators); a read of personal data.
pub async fn list(
    app: &App,
    actor: &Actor,
    query: WithdrawalQuery,
) -> Result<Vec<Filed>, AppError> {
    actor.require(Action::WithdrawalManage)?;
    let status = query.status.unwrap_or_else(|| WITHDRAWAL_OPEN.into());
    let filter = (status != "all").then_some(status.as_str());
    let db = app.store.reader();
    let mut found = Vec::new();
    for withdrawal in privacy::withdrawals(db, filter, None).await? {
        let user = users::get(db, withdrawal.user_id).await?;
        found.push(Filed { withdrawal, user });
    }
    let ids: Vec<String> = found.iter().map(|f| f.withdrawal.id.to_string()).collect();
    actor
        .record(
            actor
                .entry("privacy.withdrawal.list", Some("withdrawal"), None)
                .details(json!({ "ids": ids })),
        )
        .await?;
    Ok(found)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolveWithdrawal {
    /// `account-deleted`, `account-deactivated` or `rejected`.
    pub outcome: String,
    /// Required when rejecting.
    pub comment: Option<String>,
}

impl ResolveWithdrawal {
    /// The outcome, which the actor's role must also allow, and the comment a
    /// rejection needs.
    fn checked(&self, actor: &Actor) -> Result<(WithdrawalOutcome, Option<String>), AppError> {
        let outcome = WithdrawalOutcome::parse(&self.outcome)?;
        match outcome {
            WithdrawalOutcome::Erase => actor.require(Action::UserDelete)?,
            WithdrawalOutcome::Deactivate => actor.require(Action::UserDeactivate)?,
            WithdrawalOutcome::Reject => {}
        }
        let comment = optional("comment", self.comment.as_deref(), 2000)?;
        if outcome == WithdrawalOutcome::Reject && comment.is_none() {
            return Err(AppError::unprocessable("withdrawal-comment-required"));
        }
        Ok((outcome, comment))
    }
}

/// Resolves an open request. The person is notified in the app, except after
/// erasure, which leaves nobody to tell.
pub async fn resolve(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: ResolveWithdrawal,
) -> Result<Withdrawal, AppError> {
    actor.require(Action::WithdrawalManage)?;
    let (outcome, comment) = input.checked(actor)?;
    let w = privacy::withdrawal(app.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("withdrawal-not-found"))?;
    if w.status != WITHDRAWAL_OPEN {
        return Err(AppError::conflict("withdrawal-not-open"));
    }
    if w.user_id == actor.id() && outcome != WithdrawalOutcome::Reject {
        return Err(AppError::conflict("user-cannot-delete-self"));
    }
    let person = w.user_id;
    let now = now_us();
    let mut unit = app.begin().await?;
    if !privacy::resolve_withdrawal(unit.tx(), id, outcome.as_str(), actor.id(), comment, now)
        .await?
    {
        return Err(AppError::conflict("withdrawal-not-open"));
    }
    unit.journal(
        actor
            .entry(
                "privacy.withdrawal.resolve",
                Some("withdrawal"),
                Some(id.to_string()),
            )
            .details(json!({ "outcome": outcome.as_str(), "user_id": person })),
    );
    apply(&mut unit, actor, outcome, person, id).await?;
    if outcome != WithdrawalOutcome::Erase {
        let args = [("outcome", outcome.as_str().to_string())];
        let target = Target {
            kind: "withdrawal",
            id,
        };
        unit.notify(&[person], "withdrawal-resolved", &args, target)
            .await?;
    }
    unit.commit().await?;
    if outcome == WithdrawalOutcome::Erase {
        privacy::flush_erased(&app.store).await;
    }
    privacy::withdrawal(app.store.reader(), id)
        .await?
        .ok_or_else(AppError::internal)
}

/// What the outcome does to the person's account, with its journal line.
async fn apply(
    unit: &mut Unit<'_>,
    actor: &Actor,
    outcome: WithdrawalOutcome,
    person: Uuid,
    withdrawal: Uuid,
) -> Result<(), AppError> {
    match outcome {
        WithdrawalOutcome::Erase => {
            privacy::erase(unit.tx(), person, now_us()).await?;
            unit.journal(
                actor
                    .entry("user.delete", Some("user"), Some(person.to_string()))
                    .details(json!({ "withdrawal": withdrawal })),
            );
        }
        WithdrawalOutcome::Deactivate => {
            let user = users::get(unit.tx(), person).await?;
            if let Some(user) = user.filter(|u| u.status == STATUS_ACTIVE) {
                let (_, ended) = deactivate_in(unit, user).await?;
                unit.journal(
                    actor
                        .entry("user.deactivate", Some("user"), Some(person.to_string()))
                        .details(json!({ "sessions_ended": ended, "withdrawal": withdrawal })),
                );
            }
        }
        WithdrawalOutcome::Reject => {}
    }
    Ok(())
}
