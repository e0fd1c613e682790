//! `GET /api/v1/notifications/stream` (R-NOTIF-1, R-OPS-3): Server-Sent Events for
//! the signed-in user. `event: notification` carries the object `GET /notifications`
//! lists, with the row as the event id; `event: act` carries an act's new status;
//! `: keep-alive` every 20 s. A reconnecting browser sends `Last-Event-ID` and gets
//! the notifications after it first.

use crate::app::AppError;
use crate::app::notify::live::Event as LiveEvent;
use crate::http::notifications::view;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use crate::i18n::Lang;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;
use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tokio::sync::{broadcast, watch};
use uuid::Uuid;

/// At most this many notifications are replayed on resume.
const REPLAY: u64 = 500;

/// How often an open stream checks that its session is still live.
const SESSION_CHECK: Duration = Duration::from_secs(15);

struct Connection {
    state: AppState,
    user: Uuid,
    lang: Lang,
    /// The newest notification row sent.
    cursor: i64,
    events: broadcast::Receiver<Arc<LiveEvent>>,
    stop: watch::Receiver<bool>,
    queue: VecDeque<Event>,
    /// The session the stream was opened with: a signed-out or expired session
    /// (deactivation ends every session) closes the stream at the next check.
    session: Uuid,
    check: tokio::time::Interval,
}

impl Drop for Connection {
    fn drop(&mut self) {
        self.state
            .metrics
            .sse_connections
            .fetch_sub(1, Ordering::Relaxed);
    }
}

impl Connection {
    fn push_notifications(&mut self, rows: Vec<fito_store::notifications::Notification>) {
        for n in rows {
            if n.rid <= self.cursor {
                continue;
            }
            self.cursor = n.rid;
            let id = n.rid.to_string();
            let data = serde_json::to_string(&view(&self.state, self.lang, n)).unwrap_or_default();
            self.queue
                .push_back(Event::default().event("notification").id(id).data(data));
        }
    }

    async fn catch_up(&mut self) {
        match fito_store::notifications::of_user_after(
            self.state.store.reader(),
            self.user,
            self.cursor,
            REPLAY,
        )
        .await
        {
            Ok(rows) => self.push_notifications(rows),
            Err(e) => tracing::warn!(error = %e, "live stream: notifications not read"),
        }
    }

    async fn handle(&mut self, event: &LiveEvent) {
        match event {
            LiveEvent::Notified(rows) => {
                let mine: Vec<i64> = rows
                    .iter()
                    .filter(|(u, _)| *u == self.user)
                    .map(|(_, rid)| *rid)
                    .collect();
                if mine.is_empty() {
                    return;
                }
                match fito_store::notifications::of_user_by_rids(
                    self.state.store.reader(),
                    self.user,
                    &mine,
                )
                .await
                {
                    Ok(rows) => self.push_notifications(rows),
                    Err(e) => tracing::warn!(error = %e, "live stream: notifications not read"),
                }
            }
            LiveEvent::Act(id, users) => {
                if !users.contains(&self.user) {
                    return;
                }
                match fito_store::acts::act(self.state.store.reader(), *id).await {
                    Ok(Some(act)) => {
                        let mut data = serde_json::json!({ "id": act.id, "status": act.status });
                        if let Some(number) = act.registry_number {
                            data["registry_number"] = number.into();
                        }
                        self.queue
                            .push_back(Event::default().event("act").data(data.to_string()));
                    }
                    Ok(None) => {}
                    Err(e) => tracing::warn!(error = %e, "live stream: act not read"),
                }
            }
            LiveEvent::Resync => self.catch_up().await,
        }
    }

    async fn session_live(&self) -> bool {
        match fito_store::sessions::get(self.state.store.reader(), self.session).await {
            Ok(Some(s)) => s.revoked_at.is_none() && s.expires_at > fito_store::time::now_us(),
            Ok(None) => false,
            // A database hiccup does not end the stream.
            Err(_) => true,
        }
    }

    /// The next event to send; None when the server stops or the session ends.
    async fn next(mut self) -> Option<(Result<Event, Infallible>, Connection)> {
        loop {
            if let Some(event) = self.queue.pop_front() {
                return Some((Ok(event), self));
            }
            if *self.stop.borrow() {
                return None;
            }
            tokio::select! {
                received = self.events.recv() => match received {
                    Ok(event) => self.handle(&event).await,
                    Err(broadcast::error::RecvError::Lagged(_)) => self.catch_up().await,
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                _ = self.stop.changed() => return None,
                _ = self.check.tick() => {
                    if !self.session_live().await {
                        return None;
                    }
                }
            }
        }
    }
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
    // Listen first, then read: nothing committed in between is missed.
    let events = state.live.subscribe();
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<i64>().ok())
        .filter(|v| *v >= 0);
    let cursor = match resume {
        Some(after) => after,
        None => fito_store::notifications::latest_rid(state.store.reader(), me.user.id).await?,
    };
    state
        .metrics
        .sse_connections
        .fetch_add(1, Ordering::Relaxed);
    let mut connection = Connection {
        stop: state.live.stopping(),
        state: state.clone(),
        user: me.user.id,
        lang: me.meta.lang,
        cursor,
        events,
        queue: VecDeque::new(),
        session: me.session.id,
        check: {
            let mut check = tokio::time::interval_at(
                tokio::time::Instant::now() + SESSION_CHECK,
                SESSION_CHECK,
            );
            check.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            check
        },
    };
    if resume.is_some() {
        connection.catch_up().await;
    }
    let stream = futures_util::stream::unfold(connection, Connection::next);
    Ok(Sse::new(stream).keep_alive(
        KeepAlive::new()
            .interval(Duration::from_secs(20))
            .text("keep-alive"),
    ))
}
