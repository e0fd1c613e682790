//! `/api/v1/notifications`: the notification centre (R-NOTIF-1), over
//! `app::notifications`.

use crate::app::AppError;
use crate::app::notifications::{self, NotificationQuery, NotificationView};
use crate::http::extract::ApiQuery;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use uuid::Uuid;

/// My notifications, newest first.
#[utoipa::path(get, path = "/api/v1/notifications", tag = "notifications", params(NotificationQuery),
    responses((status = 200, body = Vec<NotificationView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("self"))))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<NotificationQuery>,
) -> Result<Json<Vec<NotificationView>>, AppError> {
    Ok(Json(notifications::list(&state, &me, q).await?))
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
    notifications::mark_read(&state, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
