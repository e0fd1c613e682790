//! Requests to rectify one's personal data (R-PD-1, policy §14, issue 15): a person
//! edits their own phone and position (`accounts::users::update_own`) and asks for the
//! rest (name, IIN, e-mail) to be corrected; an administrator corrects the record
//! (`PATCH /users/{id}`) and marks the request `corrected`, or rejects it with a
//! comment. Filing notifies the administrators; the answer notifies the person.

use super::administrators;
use crate::app::notify::Target;
use crate::app::{Actor, App, AppError, EntryExt};
use fito_core::text::{optional, required};
use fito_core::{Action, Invalid};
use fito_store::privacy::{self, RECTIFICATION_OPEN, Rectification};
use fito_store::time::now_us;
use fito_store::users::{self, User};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FileRectification {
    /// What is wrong in the record and what it should be.
    pub details: String,
}

/// Files the actor's request (several may be open) and tells the administrators.
pub async fn file(
    app: &App,
    actor: &Actor,
    input: FileRectification,
) -> Result<Rectification, AppError> {
    let details = required("details", &input.details, 2000)?;
    let r = Rectification {
        id: fito_core::new_id(),
        user_id: actor.id(),
        details,
        filed_at: now_us(),
        status: RECTIFICATION_OPEN.into(),
        resolved_by: None,
        resolved_at: None,
        comment: None,
    };
    let admins = administrators(app).await?;
    let mut unit = app.begin().await?;
    privacy::insert_rectification(unit.tx(), &r).await?;
    unit.journal(actor.entry(
        "privacy.rectification.file",
        Some("rectification"),
        Some(r.id.to_string()),
    ));
    let target = Target {
        kind: "rectification",
        id: r.id,
    };
    unit.notify(&admins, "rectification-filed", &[], target)
        .await?;
    unit.commit().await?;
    Ok(r)
}

#[derive(Deserialize, ToSchema, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct RectificationQuery {
    /// `open` (the default), `all`, `corrected` or `rejected`.
    pub status: Option<String>,
}

/// A request with the person who filed it (gone once erased).
pub struct FiledRectification {
    pub rectification: Rectification,
    pub user: Option<User>,
}

/// Requests, newest first (administrators); a read of personal data.
pub async fn list(
    app: &App,
    actor: &Actor,
    query: RectificationQuery,
) -> Result<Vec<FiledRectification>, AppError> {
    actor.require(Action::WithdrawalManage)?;
    let status = query.status.unwrap_or_else(|| RECTIFICATION_OPEN.into());
    let filter = (status != "all").then_some(status.as_str());
    let db = app.store.reader();
    let mut found = Vec::new();
    for rectification in privacy::rectifications(db, filter, None).await? {
        let user = users::get(db, rectification.user_id).await?;
        found.push(FiledRectification {
            rectification,
            user,
        });
    }
    let ids: Vec<String> = found
        .iter()
        .map(|f| f.rectification.id.to_string())
        .collect();
    actor
        .record(
            actor
                .entry("privacy.rectification.list", Some("rectification"), None)
                .details(json!({ "ids": ids })),
        )
        .await?;
    Ok(found)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolveRectification {
    /// `corrected` (the record was corrected) or `rejected`.
    pub outcome: String,
    /// Required when rejecting.
    pub comment: Option<String>,
}

impl ResolveRectification {
    fn checked(&self) -> Result<(&'static str, Option<String>), AppError> {
        let outcome = match self.outcome.as_str() {
            "corrected" => "corrected",
            "rejected" => "rejected",
            _ => {
                return Err(Invalid::new("reference-value-invalid")
                    .with("field", "outcome")
                    .with("allowed", "corrected, rejected")
                    .into());
            }
        };
        let comment = optional("comment", self.comment.as_deref(), 2000)?;
        if outcome == "rejected" && comment.is_none() {
            return Err(AppError::unprocessable("rectification-comment-required"));
        }
        Ok((outcome, comment))
    }
}

/// Resolves an open request and tells the person.
pub async fn resolve(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: ResolveRectification,
) -> Result<Rectification, AppError> {
    actor.require(Action::WithdrawalManage)?;
    let (outcome, comment) = input.checked()?;
    let r = privacy::rectification(app.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("rectification-not-found"))?;
    if r.status != RECTIFICATION_OPEN {
        return Err(AppError::conflict("rectification-not-open"));
    }
    let mut unit = app.begin().await?;
    if !privacy::resolve_rectification(unit.tx(), id, outcome, actor.id(), comment, now_us())
        .await?
    {
        return Err(AppError::conflict("rectification-not-open"));
    }
    unit.journal(
        actor
            .entry(
                "privacy.rectification.resolve",
                Some("rectification"),
                Some(id.to_string()),
            )
            .details(json!({ "outcome": outcome, "user_id": r.user_id })),
    );
    let args = [("outcome", outcome.to_string())];
    let target = Target {
        kind: "rectification",
        id,
    };
    unit.notify(&[r.user_id], "rectification-resolved", &args, target)
        .await?;
    unit.commit().await?;
    privacy::rectification(app.store.reader(), id)
        .await?
        .ok_or_else(AppError::internal)
}
