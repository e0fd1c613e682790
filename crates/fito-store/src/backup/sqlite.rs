//! SQLite backups: the database as one snapshot file.

use crate::{Result, Store, StoreError};
use sea_orm::ConnectionTrait;
use std::path::Path;
use uuid::Uuid;

/// Writes a consistent snapshot of the database to `target` (`VACUUM INTO`, taken
/// in one read transaction); answers the schema version it holds.
pub async fn snapshot(store: &Store, target: &Path) -> Result<i64> {
    let version = super::schema_version(store).await?;
    let quoted = target.to_string_lossy().replace('\'', "''");
    store
        .reader()
        .execute_unprepared(&format!("VACUUM INTO '{quoted}'"))
        .await
        .map_err(|e| StoreError::Backup(format!("SQLite snapshot (VACUUM INTO) failed: {e}")))?;
    Ok(version)
}

/// The erasures (R-PD-2) recorded in a snapshot file, which is opened read-only so
/// it stays byte-identical; none when it predates the table.
pub async fn snapshot_erasures(snapshot: &Path) -> Result<Vec<Uuid>> {
    let url = format!("sqlite://{}?mode=ro", snapshot.display());
    let db = sea_orm::Database::connect(url).await?;
    let found = crate::privacy::recorded_in(&db).await;
    db.close().await?;
    Ok(found
        .map(|rows| rows.into_iter().map(|(id, _)| id).collect())
        .unwrap_or_default())
}
