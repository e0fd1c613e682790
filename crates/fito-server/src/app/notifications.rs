//! The notification centre (R-NOTIF-1): a person reads their own service
//! notifications, each told in their language, and marks them read.

use crate::app::{Actor, App, AppError, notify};
use crate::i18n::Lang;
use chrono::{DateTime, Utc};
use fito_store::notifications::{self, Notification};
use fito_store::time::{now_us, to_datetime};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct NotificationView {
    pub id: Uuid,
    /// task-assigned, quarantine-found, act-submitted, act-approved, act-returned,
    /// act-signed, act-registered or account-activated
    pub kind: String,
    /// The notification in the caller's language.
    pub message: String,
    /// survey_task, survey, act or user
    pub target_kind: Option<String>,
    pub target_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub read_at: Option<DateTime<Utc>>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct NotificationQuery {
    #[serde(default)]
    pub unread: bool,
    pub limit: Option<u64>,
}

/// One notification as the centre lists it (and the live stream sends it).
pub fn view(app: &App, lang: Lang, n: Notification) -> NotificationView {
    NotificationView {
        id: n.id,
        message: notify::message(&app.i18n, lang, &n.kind, &n.args),
        kind: n.kind,
        target_kind: n.target_kind,
        target_id: n.target_id,
        created_at: to_datetime(n.created_at),
        read_at: n.read_at.map(to_datetime),
    }
}

/// The actor's notifications, newest first, in the language of their request.
pub async fn list(
    app: &App,
    actor: &Actor,
    query: NotificationQuery,
) -> Result<Vec<NotificationView>, AppError> {
    let limit = query.limit.unwrap_or(50).clamp(1, 500);
    let rows = notifications::of_user(app.store.reader(), actor.id(), query.unread, limit).await?;
    Ok(rows
        .into_iter()
        .map(|n| view(app, actor.meta.lang, n))
        .collect())
}

/// Marks one of the actor's notifications read. Idempotent: marking it again, or an
/// id that is not theirs, changes nothing.
pub async fn mark_read(app: &App, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    let unit = app.begin().await?;
    notifications::mark_read(unit.tx(), actor.id(), id, now_us()).await?;
    unit.commit().await
}
