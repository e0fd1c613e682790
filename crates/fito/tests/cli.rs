//! The `fito` binary as an operator uses it (R-OPS-1, R-AUDIT-1).

use fito_store::test_support::ConnectionTrait;
use fito_store::test_support::TestDb;
use fito_store::{Engine, PoolOptions, Store};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn fito() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fito"));
    for var in [
        "FITO_DATABASE_URL",
        "FITO_LISTEN",
        "FITO_DATA_DIR",
        "FITO_CONFIG",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("FITO_LOG", "warn");
    cmd
}

fn run(cmd: &mut Command) -> Output {
    cmd.output().expect("fito runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A plain HTTP GET, answering the status line.
fn http_get(port: u16, path: &str) -> Option<String> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut text = String::new();
    s.read_to_string(&mut text).ok()?;
    text.lines().next().map(str::to_string)
}

/// Starts `fito serve` and waits until it answers; returns the process and the
/// lines it printed on stdout by then.
fn serve(port: u16, envs: &[(&str, &str)]) -> (Child, Vec<String>) {
    let mut cmd = fito();
    cmd.arg("serve")
        .env("FITO_LISTEN", format!("127.0.0.1:{port}"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    let out = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let started = Instant::now();
    while http_get(port, "/readyz").is_none_or(|l| !l.contains("200")) {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "fito serve did not come up"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    (child, rx.try_iter().collect())
}

#[test]
fn r_ops_1_help_names_every_command() {
    let help = stdout(&run(fito().arg("--help")));
    for command in ["serve", "migrate", "admin", "audit"] {
        assert!(help.contains(command), "{help}");
    }
    let admin = stdout(&run(fito().args(["admin", "--help"])));
    assert!(
        admin.contains("create") && admin.contains("reset"),
        "{admin}"
    );
    assert!(stdout(&run(fito().args(["audit", "--help"]))).contains("verify"));
}

#[test]
fn r_ops_1_first_start_prints_the_administrator_once_and_serves() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let port = free_port();
    let (mut child, lines) = serve(port, &[("FITO_DATA_DIR", data)]);
    let first: Vec<_> = lines
        .iter()
        .filter(|l| l.starts_with("first administrator: "))
        .collect();
    assert_eq!(first.len(), 1, "{lines:?}");
    let (email, password) = first[0]
        .trim_start_matches("first administrator: ")
        .split_once(" / ")
        .unwrap();
    assert_eq!(email, "admin@fito.local");
    assert_eq!(password.len(), 16);
    assert!(http_get(port, "/healthz").unwrap().contains("200"));
    assert!(http_get(port, "/api/v1/users").unwrap().contains("401"));
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        dir.path().join("fito.db").exists(),
        "the embedded database lives in the data folder"
    );

    let port = free_port();
    let (mut child, lines) = serve(port, &[("FITO_DATA_DIR", data)]);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        lines.iter().all(|l| !l.contains("first administrator")),
        "printed once only: {lines:?}"
    );
}

#[test]
fn r_ops_1_config_file_is_read_and_environment_wins() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("fito.toml");
    let port = free_port();
    std::fs::write(
        &config,
        format!("listen = \"127.0.0.1:1\"\ndata_dir = \"{}\"\n[bootstrap]\nadmin_email = \"chief@fito.kz\"\n", dir.path().join("from-file").display()),
    )
    .unwrap();
    let (mut child, lines) = serve(port, &[("FITO_CONFIG", config.to_str().unwrap())]);
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("first administrator: chief@fito.kz / ")),
        "{lines:?}"
    );
    assert!(dir.path().join("from-file/fito.db").exists());
    let bad = run(fito()
        .args(["migrate"])
        .env("FITO_DATABASE_URL", "mysql://nowhere/fito"));
    assert!(!bad.status.success());
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("sqlite://"),
        "the error says what works"
    );
}

async fn tamper(url: &str, statement: &str) {
    let store = Store::connect(url, &PoolOptions::default()).await.unwrap();
    store.writer().execute_unprepared(statement).await.unwrap();
    store.close().await;
}

async fn audit_verify_names_the_first_changed_deleted_or_reordered_entry(engine: Engine) {
    let db = TestDb::new(engine).await;
    let env = [("FITO_DATABASE_URL", db.url.as_str())];
    let verify = || run(fito().args(["audit", "verify"]).envs(env));
    assert!(run(fito().arg("migrate").envs(env)).status.success());
    for n in 0..5 {
        let created = run(fito()
            .args(["admin", "create", "--email", &format!("admin{n}@fito.kz")])
            .envs(env));
        assert!(
            created.status.success(),
            "{}",
            String::from_utf8_lossy(&created.stderr)
        );
        assert!(stdout(&created).starts_with(&format!("administrator: admin{n}@fito.kz / ")));
    }
    let reset = run(fito()
        .args(["admin", "reset", "--email", "admin2@fito.kz"])
        .envs(env));
    assert!(stdout(&reset).starts_with("one-time password: admin2@fito.kz / "));
    let ok = verify();
    assert!(ok.status.success(), "{}", stdout(&ok));
    assert!(stdout(&ok).contains("intact: 6 entries"), "{}", stdout(&ok));

    tamper(&db.url, "UPDATE audit_log SET details = '{}' WHERE seq = 3").await;
    let changed = verify();
    assert_eq!(changed.status.code(), Some(1));
    assert!(
        stdout(&changed).contains("BROKEN at entry 3: its content was changed"),
        "{}",
        stdout(&changed)
    );

    tamper(&db.url, "UPDATE audit_log SET details = '{\"role\":\"administrator\",\"via\":\"cli\"}' WHERE seq = 3").await;
    assert!(
        verify().status.success(),
        "restoring the exact bytes restores the chain"
    );

    tamper(&db.url, "UPDATE audit_log SET seq = 100 WHERE seq = 2; UPDATE audit_log SET seq = 2 WHERE seq = 4; UPDATE audit_log SET seq = 4 WHERE seq = 100").await;
    let reordered = verify();
    assert_eq!(reordered.status.code(), Some(1));
    assert!(
        stdout(&reordered).contains("BROKEN at entry 2"),
        "{}",
        stdout(&reordered)
    );

    tamper(&db.url, "DELETE FROM audit_log WHERE seq = 2").await;
    let deleted = verify();
    assert_eq!(deleted.status.code(), Some(1));
    assert!(
        stdout(&deleted).contains("BROKEN at entry 2: it is missing"),
        "{}",
        stdout(&deleted)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_audit_1_fito_audit_verify_catches_direct_edits_sqlite() {
    audit_verify_names_the_first_changed_deleted_or_reordered_entry(Engine::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_audit_1_fito_audit_verify_catches_direct_edits_postgres() {
    audit_verify_names_the_first_changed_deleted_or_reordered_entry(Engine::Postgres).await;
}
