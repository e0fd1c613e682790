//! The database side of backups and restore (R-SEC-2, R-OPS-1): what the server's
//! backup use case asks of the database, per engine — a snapshot file on SQLite
//! ([`sqlite`]), every table as JSON rows on PostgreSQL ([`postgres`]). Folders,
//! manifests and blob files are the server's.

pub mod postgres;
pub mod sqlite;

use crate::sql::stmt;
use crate::{Result, Store, StoreError};
use sea_orm::ConnectionTrait;

/// The highest migration applied to the database.
pub async fn schema_version(store: &Store) -> Result<i64> {
    schema_version_in(store.reader()).await
}

async fn schema_version_in<C: ConnectionTrait>(conn: &C) -> Result<i64> {
    let row = conn
        .query_one_raw(stmt(
            conn,
            "SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations",
            vec![],
        ))
        .await?
        .ok_or(StoreError::Backup("no schema version".into()))?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

/// An instance is empty when nobody has an account and nothing was journalled.
pub async fn is_empty(store: &Store) -> Result<bool> {
    let db = store.reader();
    for table in ["users", "audit_log"] {
        let row = db
            .query_one_raw(stmt(db, &format!("SELECT COUNT(*) FROM {table}"), vec![]))
            .await?
            .ok_or(StoreError::Backup("count".into()))?;
        if row.try_get_by_index::<i64>(0)? > 0 {
            return Ok(false);
        }
    }
    Ok(true)
}
