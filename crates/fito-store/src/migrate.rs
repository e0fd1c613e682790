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
];

fn dialect(sql: &str, engine: Engine) -> String {
    let uuid = match engine {
        Engine::Postgres => "UUID",
        Engine::Sqlite => "BLOB",
    };
    sql.replace("{uuid}", uuid)
}

pub(crate) async fn run(db: &DatabaseConnection, engine: Engine) -> Result<Vec<i64>> {
    let mut applied_now = Vec::new();
    for (version, name, sql) in MIGRATIONS {
        let txn = db.begin().await?;
        if engine == Engine::Postgres {
            // Several instances may start at once: one migrates, the others wait.
            txn.execute_unprepared("SELECT pg_advisory_xact_lock(726100001)")
                .await?;
        }
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
