//! The notification centre (R-NOTIF-1): a person reads their own service
//! notifications, each told in their language, and marks them read.

use crate::app::AppError;
use crate::http::extract::ApiQuery;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use fito_store::notifications;
use fito_store::time::{now_us, to_datetime};
use serde::{Deserialize, Serialize};
use serde_json::Value;
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
#[serde(deny_unknown_fields)]
pub struct NotificationQuery {
    #[serde(default)]
    pub unread: bool,
    pub limit: Option<u64>,
}

/// My notifications, newest first.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", params(NotificationQuery),
    responses((status = 200, body = Vec<NotificationView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("self"))))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<NotificationQuery>,
) -> Result<Json<Vec<NotificationView>>, AppError> {
    let limit = q.limit.unwrap_or(50).clamp(1, 500);
    let rows = notifications::of_user(state.store.reader(), me.user.id, q.unread, limit).await?;
    Ok(Json(
        rows.into_iter()
            .map(|n| view(&state, me.meta.lang, n))
            .collect(),
    ))
}

/// One notification as `GET /notifications` lists it (and the live stream sends it).
pub fn view(
    state: &AppState,
    lang: crate::i18n::Lang,
    n: notifications::Notification,
) -> NotificationView {
    let args: Vec<(String, String)> = serde_json::from_str::<Value>(&n.args)
        .ok()
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_string()))
        .collect();
    let args: Vec<(&str, String)> = args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    NotificationView {
        id: n.id,
        message: state
            .i18n
            .message(lang, &format!("notification-{}", n.kind), &args),
        kind: n.kind,
        target_kind: n.target_kind,
        target_id: n.target_id,
        created_at: to_datetime(n.created_at),
        read_at: n.read_at.map(to_datetime),
    }
}

/// Mark one of my notifications read. Idempotent: marking it again, or an id that is
/// not mine, changes nothing and answers the same.
#[utoipa::path(post, path = "/api/v1/notifications/{id}/read", tag = "notifications", params(("id" = Uuid, Path)),
    responses((status = 204)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn mark_read(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    notifications::mark_read(state.store.writer(), me.user.id, id, now_us()).await?;
    Ok(StatusCode::NO_CONTENT)
}
