//! A real server on a random port with a fresh database, for either engine, and a
//! small HTTP client. `fito_store::both_engines!` turns one test body into a SQLite
//! and a PostgreSQL test.
#![allow(dead_code)]

pub mod fieldwork;
pub mod pki;
pub mod privacy;
pub mod sse;
pub mod sync;
pub mod tiles;
pub mod transfer;

use fito_server::config::Config;
use fito_store::test_support::TestDb;
use fito_store::{Engine, Store};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

pub struct TestApp {
    pub base: String,
    pub http: reqwest::Client,
    pub store: Store,
    pub db: TestDb,
    pub admin_email: String,
    pub admin_password: String,
    pub root_org: String,
    /// Where this server keeps documents and act PDFs.
    pub data_dir: std::path::PathBuf,
    running: Option<fito_server::Running>,
}

/// Cheap argon2 so tests run fast; everything else as in production.
pub fn test_config(db: &TestDb) -> Config {
    let mut config = Config {
        database_url: Some(db.url.clone()),
        database_max_connections: 8,
        // Documents and act PDFs of each test go to a folder of their own.
        data_dir: std::env::temp_dir().join(format!("fito-test-files-{}", uuid::Uuid::now_v7())),
        ..Config::default()
    };
    // The e-signature trusts the tests' own CA (common/pki.rs) and its CRL.
    let pki = pki::Pki::shared();
    config.signature.ca_files = vec![pki.ca()];
    config.signature.crl_files = vec![pki.crl()];
    // Local fakes (OCSP responder, CRL server) live on this machine.
    config.egress.allow = vec!["127.0.0.1".into()];
    // Tests sign in far more often than a person; the limit has its own test.
    config.rate_limit.enabled = false;
    // No seed policy: most tests act as people who have not consented to anything;
    // the first-start tests turn it on (privacy_seed.rs).
    config.privacy.seed_policy = false;
    config.auth.argon2_memory_kib = 1024;
    config.auth.argon2_iterations = 1;
    // Web Push is on (VAPID key made at start); push services are local fakes.
    config.push.subject = Some("mailto:ops@fito.test".into());
    // Every instance of one database shares its master key (R-PD-2), as in production:
    // a second server or a restart on the same test database finds the same key.
    let mut key_name = Sha256::new();
    key_name.update(db.url.as_bytes());
    config.privacy.master_key_file = Some(std::env::temp_dir().join(format!(
        "fito-test-master-{}.key",
        hex::encode(&key_name.finalize()[..12])
    )));
    config
}

pub struct Answer {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Answer {
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }
    pub fn title(&self) -> &str {
        self.body["title"].as_str().unwrap_or("")
    }
}

/// A signed-in caller.
#[derive(Clone, Debug)]
pub struct Caller {
    pub token: String,
    pub csrf: String,
    pub user_id: String,
    pub email: String,
    pub password: String,
}

impl TestApp {
    pub async fn start(engine: Engine) -> TestApp {
        Self::start_with(engine, |_| {}).await
    }

    pub async fn start_with(engine: Engine, adjust: impl FnOnce(&mut Config)) -> TestApp {
        let db = TestDb::new(engine).await;
        let mut config = test_config(&db);
        adjust(&mut config);
        let store = Store::connect(&db.url, &config.pool_options())
            .await
            .expect("database");
        store.migrate().await.expect("migrations");
        let first = fito_server::app::bootstrap::first_administrator(&store, &config)
            .await
            .expect("bootstrap")
            .expect("an empty system gets a first administrator");
        let root_org = fito_store::orgs::roots(store.reader()).await.unwrap()[0]
            .id
            .to_string();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let data_dir = config.data_dir.clone();
        let running = fito_server::start(config, listener)
            .await
            .expect("server starts");
        TestApp {
            base: format!("http://{}", running.addr),
            http: reqwest::Client::new(),
            store,
            db,
            admin_email: first.email,
            admin_password: first.password,
            root_org,
            data_dir,
            running: Some(running),
        }
    }

    pub async fn stop(mut self) {
        if let Some(running) = self.running.take() {
            running.stop().await.unwrap();
        }
    }

    /// Stops the server but keeps its database, for tests that go on as other
    /// instances on the same database (scheduled jobs under a lease).
    pub async fn stop_server(&mut self) {
        if let Some(running) = self.running.take() {
            running.stop().await.unwrap();
        }
    }

    /// A request with a bearer token (or none) and optional JSON body.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> Answer {
        self.call_with(method, path, token, body, &[]).await
    }

    pub async fn call_with(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
        headers: &[(&str, &str)],
    ) -> Answer {
        let mut req = self.http.request(method, format!("{}{}", self.base, path));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        let res = req.send().await.expect("request");
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Answer {
            status,
            headers,
            body,
        }
    }

    /// A POST of raw bytes (a document upload).
    pub async fn call_raw(&self, path: &str, token: &str, body: Vec<u8>) -> Answer {
        let res = self
            .http
            .post(format!("{}{}", self.base, path))
            .bearer_auth(token)
            .header("content-type", "application/octet-stream")
            .body(body)
            .send()
            .await
            .expect("request");
        let status = res.status();
        let headers = res.headers().clone();
        let text = res.text().await.unwrap_or_default();
        let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
        Answer {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Answer {
        self.call(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Answer {
        self.call(Method::POST, path, Some(token), Some(body)).await
    }

    pub async fn login(&self, email: &str, password: &str) -> Answer {
        self.call(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({ "email": email, "password": password })),
        )
        .await
    }

    /// Signs in with a one-time password and replaces it, as a person would.
    pub async fn sign_in_first_time(&self, email: &str, one_time: &str) -> Caller {
        let a = self.login(email, one_time).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        let token = a.body["token"].as_str().unwrap().to_string();
        let password = format!("{one_time}-own-secret");
        let changed = self
            .post(
                "/api/v1/auth/password",
                &token,
                json!({ "current_password": one_time, "new_password": password }),
            )
            .await;
        assert_eq!(changed.status, StatusCode::NO_CONTENT, "{}", changed.body);
        Caller {
            token,
            csrf: a.body["csrf_token"].as_str().unwrap().to_string(),
            user_id: a.body["user"]["id"].as_str().unwrap().to_string(),
            email: email.to_string(),
            password,
        }
    }

    pub async fn admin(&self) -> Caller {
        self.sign_in_first_time(&self.admin_email.clone(), &self.admin_password.clone())
            .await
    }

    pub async fn create_org(&self, admin: &Caller, parent: &str, name: &str) -> String {
        let a = self
            .post(
                "/api/v1/organizations",
                &admin.token,
                json!({ "parent_id": parent, "name_kk": format!("{name} (kk)"), "name_ru": format!("{name} (ru)") }),
            )
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        a.body["id"].as_str().unwrap().to_string()
    }

    /// Creates an active user through the API and signs them in.
    pub async fn create_user(&self, admin: &Caller, role: &str, org: &str) -> Caller {
        let person = person();
        let email = person["email"].as_str().unwrap().to_string();
        let mut body = person;
        body["role"] = json!(role);
        body["organization_id"] = json!(org);
        let a = self.post("/api/v1/users", &admin.token, body).await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        let one_time = a.body["one_time_password"].as_str().unwrap().to_string();
        self.sign_in_first_time(&email, &one_time).await
    }

    pub async fn audit_count(&self) -> u64 {
        fito_store::audit::count(&self.store).await.unwrap()
    }

    pub async fn user_count(&self) -> u64 {
        fito_store::users::count(self.store.reader()).await.unwrap()
    }

    /// PostgreSQL: ends the server's listening connection, as a network fault would.
    pub async fn cut_listener(&self) {
        use sea_orm::ConnectionTrait;
        let cut = self
            .store
            .writer()
            .execute_unprepared(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
                 WHERE datname = current_database() AND query LIKE 'LISTEN%'",
            )
            .await
            .unwrap();
        assert_eq!(cut.rows_affected(), 1, "one listening connection");
    }
}

/// A valid IIN for someone born on `born` (YYMMDD, 1900s), with a fresh serial.
pub fn iin_born(born: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static SERIAL: AtomicU32 = AtomicU32::new(1);
    loop {
        let serial = SERIAL.fetch_add(1, Ordering::Relaxed) + std::process::id() % 5000;
        let s = format!("{born}3{:04}", serial % 10_000);
        if let Some(check) = check_digit(&s) {
            return format!("{s}{check}");
        }
    }
}

/// A valid IIN for someone born on 2000-01-01 + `days` (2000s century digit 5).
pub fn iin_born_2000s(yymmdd: &str) -> String {
    let s = format!("{yymmdd}50001");
    let check = check_digit(&s).unwrap_or(0);
    format!("{s}{check}")
}

fn check_digit(first11: &str) -> Option<u32> {
    let d: Vec<u32> = first11.bytes().map(|b| u32::from(b - b'0')).collect();
    let w1 = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    let w2 = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
    let s1: u32 = d.iter().zip(w1).map(|(a, b)| a * b).sum::<u32>() % 11;
    if s1 != 10 {
        return Some(s1);
    }
    let s2: u32 = d.iter().zip(w2).map(|(a, b)| a * b).sum::<u32>() % 11;
    (s2 != 10).then_some(s2)
}

/// A complete, valid person (R-USER-1) with a unique e-mail and IIN.
pub fn person() -> Value {
    let n = uuid::Uuid::now_v7().simple().to_string();
    json!({
        "surname": "Сейітқали",
        "first_name": "Әйгерім",
        "patronymic": "Қуанышқызы",
        "phone": "+7 701 555 12 34",
        "email": format!("inspector.{}@fito.kz", &n[20..]),
        "iin": iin_born("880315"),
        "position": "Бас инспектор",
    })
}

impl TestApp {
    /// An inspector at the root whose IIN is `iin` (to match a test certificate).
    pub async fn user_with_iin(&self, admin: &Caller, iin: &str) {
        let mut body = person();
        body["iin"] = json!(iin);
        body["role"] = json!("inspector");
        body["organization_id"] = json!(self.root_org);
        let a = self.post("/api/v1/users", &admin.token, body).await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    }

    /// The IIN on a user's record.
    pub async fn iin_of(&self, who: &Caller) -> String {
        let me = self.get("/api/v1/me", &who.token).await;
        me.body["iin"]
            .as_str()
            .expect("the user has an IIN")
            .to_string()
    }

    /// An act the inspector made from a fresh survey (one point, one finding), submitted
    /// and approved by the head: ready to be signed.
    pub async fn approved_act(&self, inspector: &Caller, head: &Caller) -> Value {
        let survey = self
            .post(
                "/api/v1/surveys",
                &inspector.token,
                json!({ "place": { "type": "Point", "coordinates": [76.9, 43.2] }, "surveyed_at": "2026-06-10T05:30:00Z",
                    "points": [{ "lat": 43.2, "lon": 76.9, "fixed_at": "2026-06-10T05:31:00Z",
                        "findings": [{ "organism": "ACLRGL", "area_surveyed_ha": 2.0, "area_infested_ha": 0.5 }] }] }),
            )
            .await;
        assert_eq!(survey.status, StatusCode::CREATED, "{}", survey.body);
        let id = survey.body["id"].as_str().unwrap();
        let mut act = self
            .post(
                &format!("/api/v1/surveys/{id}/acts"),
                &inspector.token,
                json!({ "act_type": "quarantine-survey", "language": "kk-ru" }),
            )
            .await
            .body;
        for (who, step) in [(inspector, "submit"), (head, "approve")] {
            act = self
                .post(
                    &format!("/api/v1/acts/{}/{step}", act["id"].as_str().unwrap()),
                    &who.token,
                    json!({ "version": act["version"] }),
                )
                .await
                .body;
        }
        assert_eq!(act["status"], "approved", "{act}");
        act
    }

    /// The act's inspector signs its PDF with their own legal-entity key (a detached
    /// CMS, as NCALayer makes it) and sends the signature.
    pub async fn sign_act(&self, inspector: &Caller, act: &Value) -> Answer {
        let id = act["id"].as_str().unwrap();
        let pdf = self
            .http
            .get(format!("{}/api/v1/acts/{id}/pdf", self.base))
            .bearer_auth(&inspector.token)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        let pki = pki::Pki::shared();
        let leaf = pki.leaf(&self.iin_of(inspector).await, pki::Kind::LegalSigning, None);
        let cms = pki.sign(&leaf, &pdf, true);
        self.post(
            &format!("/api/v1/acts/{id}/sign"),
            &inspector.token,
            json!({ "version": act["version"], "cms": pki::b64(&cms) }),
        )
        .await
    }
}
