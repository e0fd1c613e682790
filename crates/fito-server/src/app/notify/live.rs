//! Live updates (R-NOTIF-1, R-OPS-3): after a transaction that notified people
//! commits, its unit of work publishes which notification rows (and which act) changed
//! for whom. On PostgreSQL the event goes through NOTIFY, so every instance's
//! listener hears it, including this one; on SQLite (one process) it goes straight
//! to the in-process broadcast. Open feeds (`notify::feed`) pick out their user's
//! events and read the rows themselves: payloads carry ids only.

use crate::app::accounts::sessions::KeptSessions;
use crate::app::tiles::ChangeHead;
use fito_store::{Engine, Store};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use tokio::sync::{broadcast, watch};
use uuid::Uuid;

/// One thing that happened, for the users named in it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub enum Event {
    /// New notification rows: (user, row id).
    #[serde(rename = "n")]
    Notified(Vec<(Uuid, i64)>),
    /// An act changed status; the users concerned.
    #[serde(rename = "a")]
    Act(Uuid, Vec<Uuid>),
    /// Events may have been lost (the listener reconnected): streams re-read.
    #[serde(rename = "r")]
    Resync,
    /// A change was committed to the change log (its trigger's NOTIFY, migration
    /// 0025): the change head kept for tiles is forgotten. Not passed to streams.
    #[serde(rename = "c")]
    Changed,
    /// A session, user, person's key or policy changed (the triggers of migration
    /// 0026): the sessions kept are forgotten. Not passed to streams.
    #[serde(rename = "u")]
    Accounts,
}

/// What a transaction's notifications were, to publish once it has committed.
#[derive(Debug, Default)]
#[must_use = "publish it after the commit"]
pub struct Sent {
    pub rows: Vec<(Uuid, i64)>,
}

impl Sent {
    pub fn add(&mut self, other: Sent) {
        self.rows.extend(other.rows);
    }
}

/// The fan-out of this process.
pub struct Live {
    store: Store,
    /// Told of committed changes while the listener is up (PostgreSQL).
    head: Arc<ChangeHead>,
    sessions: Arc<KeptSessions>,
    tx: broadcast::Sender<Arc<Event>>,
    stop: watch::Receiver<bool>,
}

/// NOTIFY payloads stay well under PostgreSQL's 8000 bytes.
const PER_MESSAGE: usize = 80;

impl Live {
    pub fn new(
        store: Store,
        stop: watch::Receiver<bool>,
        head: Arc<ChangeHead>,
        sessions: Arc<KeptSessions>,
    ) -> Live {
        let (tx, _) = broadcast::channel(1024);
        Live {
            store,
            head,
            sessions,
            tx,
            stop,
        }
    }

    /// What the listener heard: a committed change goes to the change head, a
    /// changed account to the sessions kept, other events to the streams; `Resync`
    /// to all of them (changes may have been missed).
    fn heard(&self, event: Event) {
        match event {
            Event::Changed => self.head.changed(),
            Event::Accounts => self.sessions.changed(),
            _ => {
                if event == Event::Resync {
                    self.changed();
                }
                let _ = self.tx.send(Arc::new(event));
            }
        }
    }

    /// Everything this instance keeps is read again: it committed a change, or
    /// changes may have been missed.
    pub fn changed(&self) {
        self.head.changed();
        self.sessions.changed();
    }

    /// From now on every commit is told to what this instance keeps, or no longer is.
    fn told(&self, on: bool) {
        self.head.told(on);
        self.sessions.told(on);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Event>> {
        self.tx.subscribe()
    }

    /// Turns true when the server stops: open streams end.
    pub fn stopping(&self) -> watch::Receiver<bool> {
        self.stop.clone()
    }

    /// Publishes committed notifications (call after `commit`).
    pub async fn notified(&self, sent: Sent) {
        for chunk in sent.rows.chunks(PER_MESSAGE) {
            self.publish(Event::Notified(chunk.to_vec())).await;
        }
    }

    /// Publishes a committed act status change to `users`.
    pub async fn act(&self, act: Uuid, users: &[Uuid]) {
        let mut seen = std::collections::HashSet::new();
        let users: Vec<Uuid> = users.iter().copied().filter(|u| seen.insert(*u)).collect();
        for chunk in users.chunks(PER_MESSAGE) {
            self.publish(Event::Act(act, chunk.to_vec())).await;
        }
    }

    async fn publish(&self, event: Event) {
        match self.store.engine() {
            Engine::Sqlite => {
                let _ = self.tx.send(Arc::new(event));
            }
            Engine::Postgres => {
                let payload = serde_json::to_string(&event).unwrap_or_default();
                if let Err(e) = fito_store::live::publish(&self.store, &payload).await {
                    // The change is committed; the stream catches up on reconnect.
                    tracing::warn!(error = %e, "live event not published");
                }
            }
        }
    }

    /// PostgreSQL: listens for every instance's events and hands them to this
    /// process's streams, until the server stops. Returns once the first LISTEN is
    /// in place, so nothing committed after the start is missed. Nothing on SQLite.
    pub async fn start_listener(self: &Arc<Self>) -> Result<(), fito_store::StoreError> {
        let Some(first) = fito_store::live::Listener::connect(&self.store).await? else {
            return Ok(());
        };
        let live = self.clone();
        live.told(true);
        tokio::spawn(async move {
            let mut stop = live.stop.clone();
            let mut next = Some(first);
            loop {
                let mut listener = match next.take() {
                    Some(l) => l,
                    None => match fito_store::live::Listener::connect(&live.store).await {
                        Ok(Some(l)) => {
                            live.told(true);
                            live.heard(Event::Resync);
                            l
                        }
                        Ok(None) => return,
                        Err(e) => {
                            tracing::warn!(error = %e, "live listener cannot connect; retrying");
                            tokio::select! {
                                () = tokio::time::sleep(std::time::Duration::from_secs(2)) => continue,
                                _ = stop.changed() => return,
                            }
                        }
                    },
                };
                loop {
                    let message = tokio::select! {
                        m = listener.recv() => m,
                        _ = stop.changed() => return,
                    };
                    match message {
                        Ok(Some(payload)) => match serde_json::from_str::<Event>(&payload) {
                            Ok(event) => live.heard(event),
                            Err(e) => tracing::warn!(error = %e, "unreadable live event"),
                        },
                        // The connection dropped (`None`) or failed: until a new LISTEN is
                        // in place nothing is told; then what was sent meanwhile is re-read.
                        Ok(None) => {
                            live.told(false);
                            break;
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, "live listener lost; reconnecting");
                            live.told(false);
                            break;
                        }
                    }
                }
            }
        });
        Ok(())
    }
}
