//! Plain SQL migrations, one text for both engines, applied in order, each in its own
//! transaction and recorded in `schema_migrations`.

use crate::{Engine, Result};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};

const MIGRATIONS: &[(i64, &str, &str)] = &[
    (
        1,
        "foundation",
        include_str!("../migrations/0001_foundation.sql"),
    ),
    (
        2,
        "reference",
        include_str!("../migrations/0002_reference.sql"),
    ),
    (3, "objects", include_str!("../migrations/0003_objects.sql")),
    (
        4,
        "objects without organisation index",
        include_str!("../migrations/0004_objects_without_organisation_index.sql"),
    ),
    (
        5,
        "field work",
        include_str!("../migrations/0005_field_work.sql"),
    ),
    (
        6,
        "e-signature",
        include_str!("../migrations/0006_esignature.sql"),
    ),
    (
        7,
        "organisation address",
        include_str!("../migrations/0007_organization_address.sql"),
    ),
    (8, "privacy", include_str!("../migrations/0008_privacy.sql")),
    (
        9,
        "live updates, push, job leases",
        include_str!("../migrations/0009_live_push_jobs.sql"),
    ),
    (10, "sync", include_str!("../migrations/0010_sync.sql")),
    (
        11,
        "audit log append-only",
        include_str!("../migrations/0011_audit_log_append_only.sql"),
    ),
    (
        12,
        "analytics indexes",
        include_str!("../migrations/0012_analytics_indexes.sql"),
    ),
    (
        13,
        "quarantine zones and samples",
        include_str!("../migrations/0013_zones_samples.sql"),
    ),
    (
        14,
        "organisation code",
        include_str!("../migrations/0014_organization_code.sql"),
    ),
    (
        16,
        "quarantine zones in the sync change log",
        include_str!("../migrations/0016_zones_sync.sql"),
    ),
    (
        17,
        "rectification requests, object change reasons, push kinds",
        include_str!("../migrations/0017_rectification_requests.sql"),
    ),
    (
        18,
        "tile changes",
        include_str!("../migrations/0018_tile_changes.sql"),
    ),
    (
        20,
        "quarantine zones of the assigned area in the sync change log",
        include_str!("../migrations/0020_zones_assigned_area.sql"),
    ),
    (
        21,
        "administrative boundaries",
        include_str!("../migrations/0021_admin_boundaries.sql"),
    ),
    (
        22,
        "findings aggregate index",
        include_str!("../migrations/0022_findings_aggregate_index.sql"),
    ),
    (
        23,
        "findings rollup",
        include_str!("../migrations/0023_findings_rollup.sql"),
    ),
    (
        24,
        "object counts per cell for low-zoom tiles",
        include_str!("../migrations/0024_object_cells.sql"),
    ),
    (
        25,
        "the change log tells listening instances of commits",
        include_str!("../migrations/0025_change_notify.sql"),
    ),
    (
        26,
        "session, user and policy changes tell listening instances",
        include_str!("../migrations/0026_accounts_notify.sql"),
    ),
    (
        27,
        "zoom-6 tiles count from the object cells",
        include_str!("../migrations/0027_object_cells_zoom6.sql"),
    ),
];

/// What a migration does after its text, in the same transaction: rows made by the
/// code that keeps them, so their SQL is written once.
async fn after<C: ConnectionTrait>(conn: &C, version: i64, engine: Engine) -> Result<()> {
    if version == 23 {
        crate::analytics::rollup::rebuild(conn).await?;
    }
    if version == 24 || version == 27 {
        crate::tile_cells::rebuild(conn, engine).await?;
    }
    Ok(())
}

/// One migration text for both engines: `{uuid}` and `{serial_pk}` become each
/// engine's type, and `{sqlite}…{/sqlite}` / `{postgres}…{/postgres}` blocks are
/// kept only for their engine.
fn dialect(sql: &str, engine: Engine) -> String {
    let (keep, drop) = match engine {
        Engine::Postgres => ("postgres", "sqlite"),
        Engine::Sqlite => ("sqlite", "postgres"),
    };
    let mut text = sql.to_string();
    let (open, close) = (format!("{{{drop}}}"), format!("{{/{drop}}}"));
    while let (Some(start), Some(end)) = (text.find(&open), text.find(&close)) {
        text.replace_range(start..end + close.len(), "");
    }
    let (uuid, serial) = match engine {
        Engine::Postgres => ("UUID", "BIGSERIAL PRIMARY KEY"),
        Engine::Sqlite => ("BLOB", "INTEGER PRIMARY KEY"),
    };
    text.replace(&format!("{{{keep}}}"), "")
        .replace(&format!("{{/{keep}}}"), "")
        .replace("{uuid}", uuid)
        .replace("{serial_pk}", serial)
}

pub(crate) async fn run(db: &DatabaseConnection, engine: Engine) -> Result<Vec<i64>> {
    let mut applied_now = Vec::new();
    for (version, name, sql) in MIGRATIONS {
        let txn = db.begin().await?;
        crate::locks::migrations(&txn).await?;
        txn.execute_unprepared(
            "CREATE TABLE IF NOT EXISTS schema_migrations \
             (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
        )
        .await?;
        let done = txn
            .query_one_raw(sea_orm::Statement::from_string(
                txn.get_database_backend(),
                format!("SELECT version FROM schema_migrations WHERE version = {version}"),
            ))
            .await?
            .is_some();
        if !done {
            txn.execute_unprepared(&dialect(sql, engine)).await?;
            after(&txn, *version, engine).await?;
            txn.execute_unprepared(&format!(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES ({version}, '{name}', {})",
                crate::time::now_us()
            ))
            .await?;
            applied_now.push(*version);
        }
        txn.commit().await?;
    }
    Ok(applied_now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_engine_keeps_only_its_own_blocks() {
        let sql = "A {uuid};\n{sqlite}S;\n{/sqlite}{postgres}P;\n{/postgres}B {serial_pk};";
        assert_eq!(
            dialect(sql, Engine::Sqlite),
            "A BLOB;\nS;\nB INTEGER PRIMARY KEY;"
        );
        assert_eq!(
            dialect(sql, Engine::Postgres),
            "A UUID;\nP;\nB BIGSERIAL PRIMARY KEY;"
        );
    }
}
