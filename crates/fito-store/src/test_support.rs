//! Fresh databases for tests, on either engine: a temporary SQLite file, or a new
//! database on the PostgreSQL server named by `FITO_TEST_POSTGRES_URL`
//! (default `postgres://postgres@127.0.0.1:5432/postgres`).
#![cfg(feature = "test-support")]

use crate::Engine;
use sea_orm::sqlx::{self, Connection};
use std::sync::atomic::{AtomicU32, Ordering};

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
