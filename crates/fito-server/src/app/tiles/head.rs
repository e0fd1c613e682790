//! The change-log number tiles are made at (their cache key and ETag). Read from
//! the log on every request, except while this instance is told of every commit
//! (`app::kept`; the log's NOTIFY, migration 0025): then it is kept in memory.

use crate::app::kept::Kept;
use fito_store::{Result, Store};

pub struct ChangeHead(Kept<(), i64>);

impl Default for ChangeHead {
    fn default() -> ChangeHead {
        ChangeHead(Kept::new(1))
    }
}

impl ChangeHead {
    /// A change may have been committed: the next request reads the log.
    pub fn changed(&self) {
        self.0.changed();
    }

    /// From now on every commit is told (`true`), or no longer is.
    pub fn told(&self, on: bool) {
        self.0.told(on);
    }

    /// The newest change-log number.
    pub async fn current(&self, store: &Store) -> Result<i64> {
        let since = match self.0.get(&()) {
            Ok(head) => return Ok(head),
            Err(since) => since,
        };
        let head = fito_store::tiles::change_head(store.reader()).await?;
        self.0.keep(&(), &head, since);
        Ok(head)
    }
}
