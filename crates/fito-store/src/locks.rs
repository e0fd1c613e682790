//! Start-up work one instance does while the others wait (several instances may
//! start at once on PostgreSQL, R-OPS-3). SQLite has one writer: nothing to wait for.

use crate::Result;
use sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(Debug, Clone, Copy)]
pub enum StartupLock {
    /// Creating the first administrator of an empty system.
    FirstAdministrator,
    /// Adding the seed reference entries the database lacks.
    ReferenceSeed,
}

/// Holds `lock` until the transaction `conn` ends.
pub async fn hold<C: ConnectionTrait>(conn: &C, lock: StartupLock) -> Result<()> {
    if conn.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    let key = match lock {
        StartupLock::FirstAdministrator => 726100002,
        StartupLock::ReferenceSeed => 726100003,
    };
    conn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({key})"))
        .await?;
    Ok(())
}
