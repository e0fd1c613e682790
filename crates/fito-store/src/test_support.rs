//! Fresh databases for tests, on either engine: a temporary SQLite file, or a new
//! database on the PostgreSQL server named by `FITO_TEST_POSTGRES_URL`
//! (default `postgres://postgres@127.0.0.1:5432/postgres`).
#![cfg(feature = "test-support")]

use crate::Engine;
use sea_orm::sqlx::{self, Connection};
use std::sync::atomic::{AtomicU32, Ordering};

/// Raw SQL in tests (corrupting a row, inspecting a table): the store's connections
/// answer SeaORM's statements.
pub use sea_orm::ConnectionTrait;

pub const DEFAULT_POSTGRES_ADMIN_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub struct TestDb {
    pub url: String,
    pub engine: Engine,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    pub async fn new(engine: Engine) -> TestDb {
        match engine {
            Engine::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary folder");
                let url = format!("sqlite://{}", dir.path().join("fito.db").display());
                TestDb {
                    url,
                    engine,
                    _dir: Some(dir),
                }
            }
            Engine::Postgres => {
                static NEXT: AtomicU32 = AtomicU32::new(0);
                let admin = std::env::var("FITO_TEST_POSTGRES_URL")
                    .unwrap_or_else(|_| DEFAULT_POSTGRES_ADMIN_URL.to_string());
                let name = format!(
                    "fito_t_{}_{}_{}",
                    std::process::id(),
                    NEXT.fetch_add(1, Ordering::Relaxed),
                    uuid::Uuid::now_v7()
                        .simple()
                        .to_string()
                        .get(20..)
                        .unwrap_or("x")
                );
                let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap_or_else(|e| {
                    panic!(
                        "PostgreSQL tests need a server at {admin} ({e}); run the README's test \
                         command, which starts one, or set FITO_TEST_POSTGRES_URL"
                    )
                });
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut conn)
                    .await
                    .expect("create test database");
                let base = admin.split('?').next().unwrap_or(&admin);
                let prefix = base.rsplit_once('/').map(|(p, _)| p).unwrap_or(base);
                TestDb {
                    url: format!("{prefix}/{name}"),
                    engine,
                    _dir: None,
                }
            }
        }
    }
}

/// The master key of tests that use the repositories without a server: every store
/// a test opens on one database unlocks with it.
pub fn test_key() -> crate::MasterKey {
    crate::MasterKey::from_bytes(&[7u8; 32])
}

/// Turns `async fn name(engine: Engine)` into two tests, `name::sqlite` and
/// `name::postgres`: the same suite on both engines. The caller needs `tokio`.
#[macro_export]
macro_rules! both_engines {
    ($name:ident) => {
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::Engine::Sqlite).await;
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::Engine::Postgres).await;
            }
        }
    };
}

/// Every `table.column` of the database whose value contains `needle` somewhere,
/// whatever the column's type (for tests that show personal data is gone, R-PD-2).
pub async fn columns_containing(store: &crate::Store, needle: &str) -> Vec<String> {
    use sea_orm::Statement;
    let db = store.reader();
    let backend = db.get_database_backend();
    let list = match store.engine() {
        Engine::Sqlite => {
            "SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p \
             WHERE m.type = 'table' AND m.sql NOT LIKE 'CREATE VIRTUAL%'"
        }
        Engine::Postgres => {
            "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns \
             WHERE table_schema = 'public'"
        }
    };
    let columns = db
        .query_all_raw(Statement::from_string(backend, list))
        .await
        .expect("columns");
    let mut hits = Vec::new();
    for row in columns {
        let t: String = row.try_get("", "t").expect("table");
        let c: String = row.try_get("", "c").expect("column");
        let sql = match store.engine() {
            Engine::Sqlite => format!(
                "SELECT COUNT(*) AS n FROM \"{t}\" WHERE instr(CAST(\"{c}\" AS BLOB), CAST(? AS BLOB)) > 0"
            ),
            Engine::Postgres => format!(
                "SELECT COUNT(*) AS n FROM \"{t}\" WHERE position($1 in CAST(\"{c}\" AS TEXT)) > 0"
            ),
        };
        let found = db
            .query_one_raw(Statement::from_sql_and_values(
                backend,
                sql,
                [needle.to_string().into()],
            ))
            .await
            .expect("search")
            .expect("a count");
        if found.try_get::<i64>("", "n").expect("count") > 0 {
            hits.push(format!("{t}.{c}"));
        }
    }
    hits
}
