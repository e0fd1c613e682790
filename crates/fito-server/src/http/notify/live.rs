//! `GET /api/v1/notifications/stream` (R-NOTIF-1, R-OPS-3): the caller's live feed
//! (`app::notify::feed`) as Server-Sent Events. `event: notification` carries the
//! object `GET /notifications` lists, with the row as the event id; `event: act`
//! carries an act's new status; `: keep-alive` every 20 s. A reconnecting browser
//! sends `Last-Event-ID` and gets the notifications after it first.

use crate::app::AppError;
use crate::app::notify::feed::{self, Update};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::{Stream, StreamExt};
use std::convert::Infallible;
use std::time::Duration;

fn event(update: Update) -> Result<Event, Infallible> {
    Ok(match update {
        Update::Notification { cursor, view } => Event::default()
            .event("notification")
            .id(cursor.to_string())
            .data(serde_json::to_string(&view).unwrap_or_default()),
        Update::Act(data) => Event::default().event("act").data(data.to_string()),
    })
}

/// My live updates: new notifications and status changes of acts that concern me.
#[utoipa::path(get, path = "/api/v1/notifications/stream", tag = "notifications",
    params(("Last-Event-ID" = Option<String>, Header, description = "Resume after this event")),
    responses((status = 200, content_type = "text/event-stream",
        description = "`event: notification` (data as in GET /notifications, id = cursor), `event: act` (data {id, status, registry_number?}), `: keep-alive` every 20 s")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn stream(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|v| *v >= 0);
    let updates = feed::open(&state, &me, resume).await?;
    Ok(Sse::new(updates.map(event)).keep_alive(
        KeepAlive::new()
            .interval(Duration::from_secs(20))
            .text("keep-alive"),
    ))
}
