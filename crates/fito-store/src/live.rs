//! Fan-out of live events between server instances on one PostgreSQL (R-OPS-3):
//! NOTIFY after a commit, LISTEN in every instance. Payloads carry ids only; a
//! listener reads the rows. On SQLite (one process) the server fans out in memory.

use crate::{Result, Store};
use sea_orm::sqlx;

/// The channel every instance listens on.
pub const CHANNEL: &str = "fito_live";

/// PostgreSQL: sends `payload` (at most 8000 bytes) to every listening instance.
/// Does nothing on SQLite.
pub async fn publish(store: &Store, payload: &str) -> Result<()> {
    if let Some(pool) = store.pg_pool() {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(payload)
            .execute(&pool)
            .await?;
    }
    Ok(())
}

/// A LISTEN connection (PostgreSQL only).
pub struct Listener(sqlx::postgres::PgListener);

impl Listener {
    /// None on SQLite.
    pub async fn connect(store: &Store) -> Result<Option<Listener>> {
        let Some(pool) = store.pg_pool() else {
            return Ok(None);
        };
        let mut listener = sqlx::postgres::PgListener::connect_with(&pool).await?;
        listener.listen(CHANNEL).await?;
        Ok(Some(Listener(listener)))
    }

    /// The next payload; `None` when the connection dropped (messages sent until a new
    /// LISTEN is in place are lost, which the caller covers by re-reading).
    pub async fn recv(&mut self) -> Result<Option<String>> {
        Ok(self.0.try_recv().await?.map(|n| n.payload().to_string()))
    }
}
