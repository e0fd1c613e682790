//! An outbox file the app exported when it could not sync (the last resort): an
//! administrator applies it as the user named in it would have, for a user of their
//! subtree. Each record answers as in a push; the import itself is journalled.

use super::push::{self, Answer, Record};
use crate::app::{Actor, App, AppError, EntryExt};
use fito_core::Action;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

/// The file the app exports when it cannot sync.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutboxFile {
    /// Always `fito-outbox`.
    pub format: String,
    /// Always 1.
    pub version: i64,
    pub device_id: Option<String>,
    pub exported_at: Option<chrono::DateTime<chrono::Utc>>,
    pub user_id: Uuid,
    pub records: Vec<Record>,
}

/// Applies `file` as its user; `actor` is the administrator importing it.
pub async fn import(app: &App, actor: &Actor, file: OutboxFile) -> Result<Vec<Answer>, AppError> {
    actor.require(Action::SyncOutboxImport)?;
    if file.format != "fito-outbox" || file.version != 1 {
        return Err(AppError::unprocessable("sync-outbox-format"));
    }
    let user = fito_store::users::get(app.store.reader(), file.user_id)
        .await?
        .ok_or_else(|| AppError::not_found("user-not-found"))?;
    let path = match user.organization_id {
        Some(id) => app.org_path(id).await?,
        None => None,
    };
    actor.require_in(Action::SyncOutboxImport, path.as_deref(), "user-not-found")?;
    if user.status != fito_store::users::STATUS_ACTIVE {
        return Err(AppError::unprocessable("sync-outbox-user-inactive"));
    }
    let batch = push::check(file.records)?;
    let device: Option<String> = file.device_id.map(|d| d.chars().take(200).collect());
    let author = actor.acting_as(app, user, device.clone()).await?;
    let answers = push::push(app, &author, batch).await?;
    let count = |status: &str| answers.iter().filter(|a| a.status() == status).count();
    let entry = actor
        .entry(
            "sync.outbox_import",
            Some("user"),
            Some(file.user_id.to_string()),
        )
        .details(json!({
            "device_id": device,
            "exported_at": file.exported_at,
            "records": answers.len(),
            "applied": count("applied"),
            "unchanged": count("unchanged"),
            "conflict": count("conflict"),
            "rejected": count("rejected"),
        }));
    let mut unit = app.begin().await?;
    unit.journal(entry);
    unit.commit().await?;
    Ok(answers)
}
