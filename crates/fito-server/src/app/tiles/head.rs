//! The change-log number tiles are made at (their cache key and ETag). Read from
//! the log on every request, except on PostgreSQL while this instance listens for
//! commits: then it is kept in memory and forgotten when a change is committed,
//! here (`App` units of work, at once) or by anyone (the log's NOTIFY, migration
//! 0025, within milliseconds). A read that a change overtook is not kept.

use fito_store::{Result, Store};
use std::sync::{Mutex, MutexGuard};

#[derive(Default)]
pub struct ChangeHead {
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    /// Whether a committed change is sure to reach `changed` (a listener is up).
    told: bool,
    /// Bumped by every change: a read begun before it is not kept.
    generation: u64,
    /// Kept only while `told`.
    known: Option<i64>,
}

impl State {
    fn forget(&mut self) {
        self.generation += 1;
        self.known = None;
    }
}

impl ChangeHead {
    fn state(&self) -> MutexGuard<'_, State> {
        // Nothing panics while holding it; a poisoned state is still consistent.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A change may have been committed: the next request reads the log.
    pub fn changed(&self) {
        self.state().forget();
    }

    /// From now on every commit is told (`true`), or no longer is.
    pub fn told(&self, on: bool) {
        let mut s = self.state();
        s.told = on;
        s.forget();
    }

    /// The newest change-log number.
    pub async fn current(&self, store: &Store) -> Result<i64> {
        let generation = {
            let s = self.state();
            if let Some(head) = s.known {
                return Ok(head);
            }
            s.generation
        };
        let head = fito_store::tiles::change_head(store.reader()).await?;
        let mut s = self.state();
        if s.told && s.generation == generation {
            s.known = Some(head);
        }
        Ok(head)
    }
}
