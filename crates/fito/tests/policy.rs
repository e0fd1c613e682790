//! `fito policy publish` (R-PD-4): an administrator publishes the operator's policy
//! texts from files; the server then serves and asks for that version.

mod support;

use fito_store::test_support::TestDb;
use fito_store::{Engine, PoolOptions, Store};
use std::process::{Command, Output};

fn fito(db: &TestDb, data_dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fito"));
    cmd.env_remove("FITO_CONFIG")
        .env_remove("FITO_LISTEN")
        .env("FITO_DATABASE_URL", &db.url)
        .env("FITO_DATA_DIR", data_dir)
        .env("FITO_LOG", "warn")
        .env("FITO_LANG", "en");
    cmd
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

async fn r_pd_4_fito_policy_publish_loads_the_texts_and_refuses_a_version_twice(engine: Engine) {
    let db = TestDb::new(engine).await;
    let dir = tempfile::tempdir().unwrap();
    let kk = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/000_6672490cc0643d72.txt"
    );
    let ru = dir.path().join("ru.txt");
    std::fs::write(&ru, "Политика конфиденциальности\n").unwrap();
    let publish = |version: &str, date: &str| {
        fito(&db, dir.path())
            .args([
                "policy",
                "publish",
                "--version",
                version,
                "--effective",
                date,
                "--kk",
                kk,
            ])
            .arg("--ru")
            .arg(&ru)
            .output()
            .unwrap()
    };
    let done = publish("1.0", "2026-05-18");
    assert!(done.status.success(), "{}", text(&done));
    assert!(
        text(&done).starts_with("policy 1.0 published, in force from 2026-05-18"),
        "{}",
        text(&done)
    );
    let twice = publish("1.0", "2026-05-18");
    assert!(!twice.status.success());
    assert!(
        text(&twice).contains("policy-version-exists"),
        "{}",
        text(&twice)
    );
    let bad = publish("1.1", "May 18");
    assert!(text(&bad).contains("policy-date-invalid"), "{}", text(&bad));
    let store = Store::connect(&db.url, &PoolOptions::default())
        .await
        .unwrap();
    let current = fito_store::privacy::current_policy(store.reader(), "2026-11-25")
        .await
        .unwrap()
        .expect("published");
    assert_eq!(current.version, "1.0");
    assert_eq!(current.text_kk, std::fs::read_to_string(kk).unwrap().trim());
    assert_eq!(
        current.text_ru.as_deref(),
        Some("Политика конфиденциальности")
    );
    store.close().await;
    let verify = fito(&db, dir.path())
        .args(["audit", "verify"])
        .output()
        .unwrap();
    assert!(verify.status.success(), "{}", text(&verify));
    assert!(
        text(&verify).contains("intact: 1 entries"),
        "{}",
        text(&verify)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_pd_4_fito_policy_publish_sqlite() {
    r_pd_4_fito_policy_publish_loads_the_texts_and_refuses_a_version_twice(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_pd_4_fito_policy_publish_postgres() {
    r_pd_4_fito_policy_publish_loads_the_texts_and_refuses_a_version_twice(Engine::Postgres).await;
}

/// Issue 15: `fito serve` publishes the seed policy on first start; `fito policy
/// publish` then replaces it with the operator's newer version.
async fn r_pd_4_fito_policy_publish_replaces_the_seed_policy(engine: Engine) {
    let db = TestDb::new(engine).await;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let server = support::Server::start(
        &[
            ("FITO_DATABASE_URL", db.url.as_str()),
            ("FITO_DATA_DIR", data),
            ("FITO_SEED_POLICY", "true"),
        ],
        None,
    );
    server.kill();
    let store = Store::connect(&db.url, &PoolOptions::default())
        .await
        .unwrap();
    let today = fito_server::app::privacy::today();
    let seeded = fito_store::privacy::current_policy(store.reader(), &today)
        .await
        .unwrap()
        .expect("the seed policy is in force after the first start");
    assert_eq!(seeded.version, "1.0");
    let kk = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/000_6672490cc0643d72.txt"
    );
    let newer = fito(&db, dir.path())
        .args(["policy", "publish", "--version", "1.1", "--effective"])
        .arg(&today)
        .args(["--kk", kk])
        .output()
        .unwrap();
    assert!(newer.status.success(), "{}", text(&newer));
    let current = fito_store::privacy::current_policy(store.reader(), &today)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(current.version, "1.1");
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_pd_4_fito_policy_publish_replaces_the_seed_sqlite() {
    r_pd_4_fito_policy_publish_replaces_the_seed_policy(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_pd_4_fito_policy_publish_replaces_the_seed_postgres() {
    r_pd_4_fito_policy_publish_replaces_the_seed_policy(Engine::Postgres).await;
}
