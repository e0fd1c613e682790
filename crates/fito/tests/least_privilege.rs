//! Least-privilege database access on PostgreSQL (R-SEC-1, R-AUDIT-1): the roles made
//! by `scripts/sql/app-role.sql`; the owner migrates, `fito serve` runs as the
//! application role, which writes normally but cannot change or remove journal
//! entries, nor alter or drop tables.

mod support;

use fito_store::test_support::ConnectionTrait;
use fito_store::test_support::TestDb;
use fito_store::{Engine, PoolOptions, Store};
use serde_json::json;
use support::{Api, Server};

/// The same server and database as `url`, as another user.
fn as_user(url: &str, user: &str, password: &str) -> String {
    let (scheme, rest) = url.split_once("://").unwrap();
    let host_db = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    format!("{scheme}://{user}:{password}@{host_db}")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_sec_1_the_server_runs_as_an_app_role_that_cannot_rewrite_the_journal() {
    let db = TestDb::new(Engine::Postgres).await;
    let tag = &uuid::Uuid::now_v7().simple().to_string()[20..];
    let (owner, app) = (format!("fito_owner_{tag}"), format!("fito_app_{tag}"));
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../scripts/sql/app-role.sql"
    );
    let psql = std::process::Command::new("psql")
        .arg(&db.url)
        .args([
            "-X",
            "-q",
            "-v",
            &format!("owner={owner}"),
            "-v",
            "owner_password=owner-secret",
        ])
        .args([
            "-v",
            &format!("app={app}"),
            "-v",
            "app_password=app-secret",
            "-f",
            script,
        ])
        .output()
        .expect("psql runs");
    assert!(
        psql.status.success(),
        "{}",
        String::from_utf8_lossy(&psql.stderr)
    );

    let owner_url = as_user(&db.url, &owner, "owner-secret");
    let app_url = as_user(&db.url, &app, "app-secret");
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("fito.toml");
    std::fs::write(
        &config,
        format!(
            "database_url = \"{app_url}\"\ndata_dir = \"{}\"\n[database]\nmigrate_url = \"{owner_url}\"\n",
            dir.path().display()
        ),
    )
    .unwrap();
    // `fito serve` migrates as the owner, then serves as the app role.
    let server = Server::start(&[("FITO_CONFIG", config.to_str().unwrap())], None);
    let (email, one_time) = server.first_admin();
    let api = Api::new(&server.base);
    let token = api
        .first_sign_in(&email, &one_time, "least privilege pw")
        .await;
    let (_, roots) = api.get("/api/v1/organizations", &token).await;
    let root = roots[0]["id"].as_str().unwrap().to_string();
    let (status, body) = api
        .post(
            "/api/v1/organizations",
            Some(&token),
            json!({ "parent_id": root, "name_kk": "Облыс", "name_ru": "Область" }),
        )
        .await;
    assert_eq!(status, 201, "a normal write works as the app role: {body}");
    server.kill();

    let as_app = Store::connect(&app_url, &PoolOptions::default())
        .await
        .unwrap();
    let db_app = as_app.writer();
    let entries = db_app
        .query_one_raw(sea_orm::Statement::from_string(
            db_app.get_database_backend(),
            "SELECT COUNT(*) FROM audit_log",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap();
    assert!(entries >= 3, "the app role reads and appends the journal");
    for forbidden in [
        "UPDATE audit_log SET outcome = 'denied'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "ALTER TABLE audit_log ADD COLUMN note TEXT",
        "DROP TABLE organizations",
        "CREATE TABLE intruder (id INT)",
    ] {
        let err = db_app
            .execute_unprepared(forbidden)
            .await
            .expect_err(forbidden)
            .to_string();
        assert!(
            err.contains("permission denied") || err.contains("must be owner"),
            "{forbidden}: {err}"
        );
    }
    as_app.close().await;
    let verified = support::fito()
        .args(["audit", "verify"])
        .env("FITO_CONFIG", &config)
        .output()
        .unwrap();
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stdout)
    );

    // Leave no roles behind: the database goes first, then its roles.
    let admin = std::env::var("FITO_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| fito_store::test_support::DEFAULT_POSTGRES_ADMIN_URL.to_string());
    let name = db.url.rsplit('/').next().unwrap().to_string();
    let su = Store::connect(&admin, &PoolOptions::default())
        .await
        .unwrap();
    su.writer()
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await
        .unwrap();
    su.writer()
        .execute_unprepared(&format!("DROP ROLE IF EXISTS \"{owner}\", \"{app}\""))
        .await
        .unwrap();
    su.close().await;
}
