//! One person's live feed (R-NOTIF-1, R-OPS-3): their new notifications and the
//! status changes of acts that concern them, picked out of the live events. A feed
//! opened with a cursor first replays the notifications after it. It ends when the
//! server stops or the session it was opened with ends.

use crate::app::notifications::{NotificationView, view};
use crate::app::notify::live::Event;
use crate::app::{Actor, App, AppError};
use crate::i18n::Lang;
use fito_store::notifications::{self, Notification};
use futures_util::Stream;
use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;
use tokio::sync::{broadcast, watch};
use uuid::Uuid;

/// At most this many notifications are replayed on resume.
const REPLAY: u64 = 500;

/// How often an open feed checks that its session is still live.
const SESSION_CHECK: Duration = Duration::from_secs(15);

/// What a feed carries.
pub enum Update {
    /// A notification as the centre lists it; `cursor` is its row, to resume after.
    Notification {
        cursor: i64,
        view: Box<NotificationView>,
    },
    /// An act's new status: `{id, status, registry_number?}`.
    Act(serde_json::Value),
}

struct Feed {
    app: App,
    user: Uuid,
    lang: Lang,
    /// The newest notification row sent.
    cursor: i64,
    events: broadcast::Receiver<Arc<Event>>,
    stop: watch::Receiver<bool>,
    queue: VecDeque<Update>,
    /// The session the feed was opened with: a signed-out or expired session
    /// (deactivation ends every session) ends the feed at the next check.
    session: Option<Uuid>,
    check: tokio::time::Interval,
}

impl Drop for Feed {
    fn drop(&mut self) {
        self.app
            .metrics
            .sse_connections
            .fetch_sub(1, Ordering::Relaxed);
    }
}

/// Opens the actor's feed; `resume` is the cursor of the last notification they got.
pub async fn open(
    app: &App,
    actor: &Actor,
    resume: Option<i64>,
) -> Result<impl Stream<Item = Update> + use<>, AppError> {
    // Listen first, then read: nothing committed in between is missed.
    let events = app.live.subscribe();
    let cursor = match resume {
        Some(after) => after,
        None => notifications::latest_rid(app.store.reader(), actor.id()).await?,
    };
    app.metrics.sse_connections.fetch_add(1, Ordering::Relaxed);
    let mut check =
        tokio::time::interval_at(tokio::time::Instant::now() + SESSION_CHECK, SESSION_CHECK);
    check.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut feed = Feed {
        stop: app.live.stopping(),
        app: app.clone(),
        user: actor.id(),
        lang: actor.meta.lang,
        cursor,
        events,
        queue: VecDeque::new(),
        session: actor.session_id,
        check,
    };
    if resume.is_some() {
        feed.catch_up().await;
    }
    Ok(futures_util::stream::unfold(feed, Feed::next))
}

impl Feed {
    fn push_notifications(&mut self, rows: Vec<Notification>) {
        for n in rows {
            if n.rid <= self.cursor {
                continue;
            }
            self.cursor = n.rid;
            self.queue.push_back(Update::Notification {
                cursor: n.rid,
                view: Box::new(view(&self.app, self.lang, n)),
            });
        }
    }

    async fn catch_up(&mut self) {
        let reader = self.app.store.reader();
        match notifications::of_user_after(reader, self.user, self.cursor, REPLAY).await {
            Ok(rows) => self.push_notifications(rows),
            Err(e) => tracing::warn!(error = %e, "live stream: notifications not read"),
        }
    }

    async fn handle(&mut self, event: &Event) {
        match event {
            Event::Notified(rows) => {
                let mine: Vec<i64> = rows
                    .iter()
                    .filter(|(u, _)| *u == self.user)
                    .map(|(_, rid)| *rid)
                    .collect();
                if mine.is_empty() {
                    return;
                }
                let reader = self.app.store.reader();
                match notifications::of_user_by_rids(reader, self.user, &mine).await {
                    Ok(rows) => self.push_notifications(rows),
                    Err(e) => tracing::warn!(error = %e, "live stream: notifications not read"),
                }
            }
            Event::Act(id, users) => {
                if !users.contains(&self.user) {
                    return;
                }
                match fito_store::acts::act(self.app.store.reader(), *id).await {
                    Ok(Some(act)) => {
                        let mut data = serde_json::json!({ "id": act.id, "status": act.status });
                        if let Some(number) = act.registry_number {
                            data["registry_number"] = number.into();
                        }
                        self.queue.push_back(Update::Act(data));
                    }
                    Ok(None) => {}
                    Err(e) => tracing::warn!(error = %e, "live stream: act not read"),
                }
            }
            Event::Resync => self.catch_up().await,
            Event::Changed | Event::Accounts => {}
        }
    }

    async fn session_live(&self) -> bool {
        let Some(session) = self.session else {
            return true;
        };
        match fito_store::sessions::get(self.app.store.reader(), session).await {
            Ok(Some(s)) => s.revoked_at.is_none() && s.expires_at > fito_store::time::now_us(),
            Ok(None) => false,
            // A database hiccup does not end the feed.
            Err(_) => true,
        }
    }

    /// The next update; None when the server stops or the session ends.
    async fn next(mut self) -> Option<(Update, Feed)> {
        loop {
            if let Some(update) = self.queue.pop_front() {
                return Some((update, self));
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
