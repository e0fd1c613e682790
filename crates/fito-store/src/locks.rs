//! Work that several instances may start at once on one PostgreSQL (R-OPS-3) is
//! serialised by a transaction-scoped advisory lock: one instance does it, the others
//! wait and then find it done. On SQLite the single write connection already
//! serialises transactions, so these do nothing there.

use crate::{Result, Tx};
use sea_orm::{ConnectionTrait, DbBackend};

const MIGRATIONS: i64 = 726100001;
const FIRST_ADMINISTRATOR: i64 = 726100002;
const REFERENCE_SEED: i64 = 726100003;
const REFERENCE_WRITE: i64 = 726100004;

/// Until `tx` ends: the one instance that creates the first administrator.
pub async fn first_administrator(tx: &Tx) -> Result<()> {
    hold(tx, FIRST_ADMINISTRATOR).await
}

/// Until `tx` ends: the one instance that adds missing reference entries.
pub async fn reference_seed(tx: &Tx) -> Result<()> {
    hold(tx, REFERENCE_SEED).await
}

/// Until `tx` ends: the one writer of reference data (an entry's correction or a
/// dictionary's import), so an import applies to the dictionary it was checked
/// against.
pub async fn reference(tx: &Tx) -> Result<()> {
    hold(tx, REFERENCE_WRITE).await
}

/// Until `txn` ends: the one instance that applies migrations.
pub(crate) async fn migrations<C: ConnectionTrait>(txn: &C) -> Result<()> {
    hold(txn, MIGRATIONS).await
}

async fn hold<C: ConnectionTrait>(txn: &C, id: i64) -> Result<()> {
    if txn.get_database_backend() == DbBackend::Postgres {
        txn.execute_unprepared(&format!("SELECT pg_advisory_xact_lock({id})"))
            .await?;
    }
    Ok(())
}
