//! The change-log number tiles are made at (their cache key and ETag). Read from
//! the log on every request, except on PostgreSQL while this instance listens for
//! commits: then it is kept in memory and forgotten when a change is committed,
//! here (`App` units of work, at once) or by anyone (the log's NOTIFY, migration
//! 0025, within milliseconds). A read that a change overtook is not kept.

use fito_store::{Result, Store};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Default)]
pub struct ChangeHead {
    /// Whether a committed change is sure to reach `changed` (a listener is up).
    told: AtomicBool,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Bumped by every change: a read begun before it is not kept.
    generation: u64,
    known: Option<i64>,
}

impl ChangeHead {
    /// A change may have been committed: the next request reads the log.
    pub fn changed(&self) {
        if let Ok(mut s) = self.state.lock() {
            s.generation += 1;
            s.known = None;
        }
    }

    /// From now on every commit is told (`true`), or no longer is.
    pub fn told(&self, on: bool) {
        self.told.store(on, Ordering::SeqCst);
        self.changed();
    }

    /// The newest change-log number.
    pub async fn current(&self, store: &Store) -> Result<i64> {
        let told = self.told.load(Ordering::SeqCst);
        let generation = match self.state.lock() {
            Ok(s) if told => match s.known {
                Some(head) => return Ok(head),
                None => Some(s.generation),
            },
            _ => None,
        };
        let head = fito_store::tiles::change_head(store.reader()).await?;
        if let (Some(g), Ok(mut s)) = (generation, self.state.lock())
            && s.generation == g
        {
            s.known = Some(head);
        }
        Ok(head)
    }
}
