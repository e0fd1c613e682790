//! `fito serve` as a child process, and a small HTTP client for it: the backup,
//! crash-durability, least-privilege and log tests drive the real binary.
#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub fn fito() -> Command {
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
    // These tests drive the API as people who never consented: no seed policy
    // (its own tests are in policy.rs).
    cmd.env("FITO_SEED_POLICY", "false");
    cmd
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn ready(port: u16) -> bool {
    let Ok(mut s) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
    if write!(
        s,
        "GET /readyz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .is_err()
    {
        return false;
    }
    let mut text = String::new();
    let _ = s.read_to_string(&mut text);
    text.starts_with("HTTP/1.1 200")
}

/// A running `fito serve`.
pub struct Server {
    pub child: Child,
    pub base: String,
    /// Lines printed on stdout until it answered (the first administrator).
    pub lines: Vec<String>,
}

impl Server {
    /// Starts `fito serve` with `envs` on a free port, stderr to `stderr` (or nowhere).
    pub fn start(envs: &[(&str, &str)], stderr: Option<&Path>) -> Server {
        let port = free_port();
        let mut cmd = fito();
        cmd.arg("serve")
            .env("FITO_LISTEN", format!("127.0.0.1:{port}"))
            .stdout(Stdio::piped());
        match stderr {
            Some(path) => cmd.stderr(std::fs::File::create(path).unwrap()),
            None => cmd.stderr(Stdio::null()),
        };
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
        while !ready(port) {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("fito serve ended: {status}");
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "fito serve did not come up"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Server {
            child,
            base: format!("http://127.0.0.1:{port}"),
            lines: rx.try_iter().collect(),
        }
    }

    /// The first administrator's one-time password, printed on the first start.
    pub fn first_admin(&self) -> (String, String) {
        let line = self
            .lines
            .iter()
            .find_map(|l| l.strip_prefix("first administrator: "))
            .unwrap_or_else(|| panic!("no first administrator in {:?}", self.lines));
        let (email, password) = line.split_once(" / ").unwrap();
        (email.to_string(), password.to_string())
    }

    /// SIGKILL: no shutdown, no flushing.
    pub fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Api {
    pub base: String,
    pub http: reqwest::Client,
}

impl Api {
    pub fn new(base: &str) -> Api {
        Api {
            base: base.to_string(),
            http: reqwest::Client::new(),
        }
    }

    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> reqwest::Result<(u16, Value)> {
        let mut req = self.http.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await?;
        let status = res.status().as_u16();
        let text = res.text().await?;
        Ok((
            status,
            serde_json::from_str(&text).unwrap_or(Value::String(text)),
        ))
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: Value) -> (u16, Value) {
        self.send(reqwest::Method::POST, path, token, Some(body))
            .await
            .expect("request")
    }

    pub async fn get(&self, path: &str, token: &str) -> (u16, Value) {
        self.send(reqwest::Method::GET, path, Some(token), None)
            .await
            .expect("request")
    }

    /// Signs in with a password; answers the bearer token.
    pub async fn login(&self, email: &str, password: &str) -> String {
        let (status, body) = self
            .post(
                "/api/v1/auth/login",
                None,
                json!({ "email": email, "password": password }),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        body["token"].as_str().unwrap().to_string()
    }

    /// First sign-in with a one-time password, replaced by `new_password`.
    pub async fn first_sign_in(&self, email: &str, one_time: &str, new_password: &str) -> String {
        let token = self.login(email, one_time).await;
        let (status, body) = self
            .post(
                "/api/v1/auth/password",
                Some(&token),
                json!({ "current_password": one_time, "new_password": new_password }),
            )
            .await;
        assert_eq!(status, 204, "{body}");
        token
    }
}

/// A valid IIN (check digit found by `fito_core::Iin::parse`).
pub fn iin(serial: u32) -> String {
    (0..10)
        .map(|d| format!("8803153{:04}{d}", serial % 10_000))
        .find(|s| fito_core::Iin::parse(s).is_ok())
        .unwrap_or_else(|| iin(serial + 1))
}

/// A person with personal data (R-USER-1) for a user to be created.
pub fn person(tag: &str, serial: u32) -> Value {
    json!({
        "surname": "Сейітқали",
        "first_name": "Әйгерім",
        "patronymic": "Қуанышқызы",
        "phone": "+7 701 555 12 34",
        "email": format!("inspector.{tag}@fito.kz"),
        "iin": iin(serial),
        "position": "Бас инспектор",
    })
}

/// Every table of a database, each as its rows rendered to text and sorted: two
/// databases with the same map hold the same rows.
pub async fn dump_tables(url: &str) -> std::collections::BTreeMap<String, Vec<String>> {
    use fito_store::test_support::ConnectionTrait;
    use fito_store::{Engine, PoolOptions, Store};
    use sea_orm::Statement;
    let store = Store::connect(url, &PoolOptions::default()).await.unwrap();
    let db = store.reader();
    let backend = db.get_database_backend();
    let q = |sql: String| Statement::from_string(backend, sql);
    let mut out = std::collections::BTreeMap::new();
    let list = match store.engine() {
        Engine::Sqlite => {
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        Engine::Postgres => {
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        }
    };
    let tables: Vec<String> = db
        .query_all_raw(q(list.to_string()))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.try_get_by_index::<String>(0).unwrap())
        .collect();
    for table in tables {
        let sql = match store.engine() {
            Engine::Sqlite => {
                let cols: Vec<String> = db
                    .query_all_raw(q(format!("SELECT name FROM pragma_table_info('{table}')")))
                    .await
                    .unwrap()
                    .into_iter()
                    .map(|r| format!("quote(\"{}\")", r.try_get_by_index::<String>(0).unwrap()))
                    .collect();
                format!("SELECT {} FROM \"{table}\"", cols.join(" || '|' || "))
            }
            Engine::Postgres => format!("SELECT row_to_json(t)::text FROM \"{table}\" t"),
        };
        let mut rows: Vec<String> = db
            .query_all_raw(q(sql))
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.try_get_by_index::<String>(0).unwrap())
            .collect();
        rows.sort();
        out.insert(table, rows);
    }
    store.close().await;
    out
}

/// Every file under `root` with its bytes, by relative path.
pub fn files_under(root: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.map(Result::unwrap) {
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                let rel = e.path().strip_prefix(root).unwrap().display().to_string();
                out.insert(rel, std::fs::read(e.path()).unwrap());
            }
        }
    }
    out
}
