//! Housekeeping statements for tools (benchmarks, bulk loads), per engine.

use crate::{Engine, Result, Store};
use sea_orm::ConnectionTrait;

/// After a bulk load: fresh planner statistics, and on SQLite the write-ahead log
/// folded into the database file, as for a load finished long before anyone queries.
pub async fn after_bulk_load(store: &Store) -> Result<()> {
    store.writer().execute_unprepared("ANALYZE").await?;
    if store.engine() == Engine::Sqlite {
        store
            .writer()
            .execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
            .await?;
    }
    Ok(())
}

/// PostgreSQL: creates database `name` on the server `store` is connected to.
/// `name` is a plain identifier chosen by the caller, never user input.
pub async fn create_database(store: &Store, name: &str) -> Result<()> {
    store
        .writer()
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await?;
    Ok(())
}

/// PostgreSQL: drops database `name`, ending its sessions.
pub async fn drop_database(store: &Store, name: &str) -> Result<()> {
    store
        .writer()
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        .await?;
    Ok(())
}
