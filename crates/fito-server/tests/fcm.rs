//! Push through Firebase Cloud Messaging, HTTP v1 (R-NOTIF-1, R-PD-3), against a
//! local fake of Google's two endpoints that speaks their protocol: the OAuth token
//! endpoint checks the service account's RS256 assertion (RFC 7523) against the
//! account's public key, the FCM endpoint checks the access token it issued.
//! The service-account key is made by real `openssl`.

mod common;

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode as AxumStatus};
use axum::routing::post;
use common::{Caller, TestApp};
use fito_server::config::FcmConfig;
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::pkcs8::DecodePrivateKey;
use rsa::signature::Verifier;
use serde_json::{Value, json};
use sha2::Sha256;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const ACCESS_TOKEN: &str = "ya29.fake-access-token";
const ACCOUNT: &str = "fito-push@fito-test.iam.gserviceaccount.com";

#[derive(Clone)]
struct FakeGoogle {
    key: VerifyingKey<Sha256>,
    token_uri: String,
    tokens_issued: Arc<Mutex<usize>>,
    messages: Arc<Mutex<Vec<Value>>>,
}

/// The OAuth token endpoint: a JWT-bearer grant whose assertion the account signed.
async fn token(State(g): State<FakeGoogle>, form: String) -> (AxumStatus, Json<Value>) {
    let assertion = form
        .split('&')
        .find_map(|kv| kv.strip_prefix("assertion="))
        .unwrap_or_default();
    let grant_ok =
        form.contains("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer");
    let pieces: Vec<&str> = assertion.split('.').collect();
    let verified = pieces.len() == 3 && {
        let decode = |s: &str| fito_push::b64::decode("jwt", s).unwrap_or_default();
        let claims: Value = serde_json::from_slice(&decode(pieces[1])).unwrap_or_default();
        let signature = Signature::try_from(decode(pieces[2]).as_slice());
        signature.is_ok_and(|s| {
            g.key
                .verify(format!("{}.{}", pieces[0], pieces[1]).as_bytes(), &s)
                .is_ok()
        }) && claims["iss"] == ACCOUNT
            && claims["aud"] == g.token_uri.as_str()
            && claims["scope"] == "https://www.googleapis.com/auth/firebase.messaging"
    };
    if !(grant_ok && verified) {
        return (
            AxumStatus::BAD_REQUEST,
            Json(json!({ "error": "invalid_grant" })),
        );
    }
    *g.tokens_issued.lock().unwrap() += 1;
    (
        AxumStatus::OK,
        Json(json!({ "access_token": ACCESS_TOKEN, "expires_in": 3599, "token_type": "Bearer" })),
    )
}

/// `projects.messages.send`: a device whose token is `gone-…` was uninstalled.
async fn send(
    State(g): State<FakeGoogle>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> (AxumStatus, Json<Value>) {
    if headers["authorization"] != format!("Bearer {ACCESS_TOKEN}").as_str() {
        return (AxumStatus::UNAUTHORIZED, Json(json!({})));
    }
    let device = body["message"]["token"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    g.messages.lock().unwrap().push(body);
    if device.starts_with("gone-") {
        return (
            AxumStatus::NOT_FOUND,
            Json(json!({ "error": { "status": "NOT_FOUND",
                "details": [{ "errorCode": "UNREGISTERED" }] } })),
        );
    }
    (
        AxumStatus::OK,
        Json(json!({ "name": "projects/fito-test/messages/1" })),
    )
}

/// Starts the fake and writes a service-account key file pointing at it.
async fn fake_google(dir: &std::path::Path) -> (FakeGoogle, FcmConfig) {
    let pem_path = dir.join("account.pem");
    let made = std::process::Command::new("openssl")
        .args([
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
        ])
        .arg(&pem_path)
        .output()
        .expect("openssl runs");
    assert!(made.status.success(), "{made:?}");
    let pem = std::fs::read_to_string(&pem_path).unwrap();
    let private = rsa::RsaPrivateKey::from_pkcs8_pem(&pem).unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let fake = FakeGoogle {
        key: VerifyingKey::new(private.to_public_key()),
        token_uri: format!("{base}/token"),
        tokens_issued: Arc::default(),
        messages: Arc::default(),
    };
    let app = axum::Router::new()
        .route("/token", post(token))
        .route("/v1/projects/fito-test/messages:send", post(send))
        .with_state(fake.clone());
    tokio::spawn(async move { axum::serve(listener, app).await });
    let account = dir.join("service-account.json");
    std::fs::write(
        &account,
        json!({ "type": "service_account", "project_id": "fito-test",
            "client_email": ACCOUNT, "private_key": pem, "token_uri": fake.token_uri })
        .to_string(),
    )
    .unwrap();
    let config = FcmConfig {
        project_id: "fito-test".into(),
        service_account_file: account,
        api_base: Some(base),
    };
    (fake, config)
}

async fn register_token(app: &TestApp, who: &Caller, token: &str) -> common::Answer {
    app.call_with(
        Method::POST,
        "/api/v1/push/fcm-token",
        Some(&who.token),
        Some(json!({ "token": token })),
        &[("accept-language", "kk")],
    )
    .await
}

async fn assign_task(app: &TestApp, head: &Caller, inspector: &Caller) -> String {
    let d = 0.01;
    let (lon, lat) = (71.4, 51.1);
    let field = app
        .post(
            "/api/v1/objects",
            &inspector.token,
            json!({ "type": "field", "name": "Арпа алқабы",
                "geometry": { "type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] } }),
        )
        .await;
    assert_eq!(field.status, StatusCode::CREATED, "{}", field.body);
    let task = app
        .post(
            "/api/v1/survey-tasks",
            &head.token,
            json!({ "assignee_id": inspector.user_id, "basis": "plan",
                "object_ids": [field.body["id"]], "starts_on": "2026-09-01", "due_on": "2026-09-02" }),
        )
        .await;
    assert_eq!(task.status, StatusCode::CREATED, "{}", task.body);
    task.body["id"].as_str().unwrap().to_string()
}

/// How many push subscriptions have this endpoint.
async fn subscriptions(app: &TestApp, endpoint: &str) -> i64 {
    use fito_store::test_support::ConnectionTrait;
    let db = app.store.reader();
    let backend = db.get_database_backend();
    let sql = match backend {
        sea_orm::DatabaseBackend::Postgres => {
            "SELECT COUNT(*) FROM push_subscriptions WHERE endpoint = $1"
        }
        _ => "SELECT COUNT(*) FROM push_subscriptions WHERE endpoint = ?",
    };
    db.query_one_raw(sea_orm::Statement::from_sql_and_values(
        backend,
        sql,
        [endpoint.into()],
    ))
    .await
    .unwrap()
    .unwrap()
    .try_get_by_index::<i64>(0)
    .unwrap()
}

async fn eventually(what: &str, done: impl Fn() -> bool) {
    for _ in 0..600 {
        if done() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("never happened: {what}");
}

async fn r_notif_1_notifications_reach_an_fcm_device_through_the_v1_api(engine: Engine) {
    let dir = tempfile::tempdir().unwrap();
    let (google, fcm) = fake_google(dir.path()).await;
    let app = TestApp::start_with(engine, |c| {
        c.push.interval_seconds = 1;
        c.push.fcm = Some(fcm);
    })
    .await;
    let admin = app.admin().await;
    let org = app
        .create_org(&admin, &app.root_org, "Қостанай инспекциясы")
        .await;
    let head = app.create_user(&admin, "head", &org).await;
    let inspector = app.create_user(&admin, "inspector", &org).await;

    // Bad tokens are refused and nothing is kept.
    for bad in ["", "has spaces", "<script>"] {
        let refused = register_token(&app, &inspector, bad).await;
        assert_eq!(
            refused.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{}",
            refused.body
        );
    }
    let ok = register_token(&app, &inspector, "phone-1:APA91b").await;
    assert_eq!(ok.status, StatusCode::NO_CONTENT, "{}", ok.body);

    let task = assign_task(&app, &head, &inspector).await;
    eventually("the FCM message arrives", || {
        !google.messages.lock().unwrap().is_empty()
    })
    .await;
    let message = google.messages.lock().unwrap()[0]["message"].clone();
    assert_eq!(message["token"], "phone-1:APA91b");
    let data = &message["data"];
    assert_eq!(data["kind"], "task-assigned");
    assert_eq!(data["target_kind"], "survey_task");
    assert_eq!(data["target_id"], task.as_str());
    assert!(
        !data["title"].as_str().unwrap().is_empty(),
        "the text in the device's language: {data}"
    );
    // Only the kind, ids and the text, all strings as FCM wants: nothing about anyone.
    let mut fields: Vec<&String> = data.as_object().unwrap().keys().collect();
    fields.sort();
    assert_eq!(fields, ["id", "kind", "target_id", "target_kind", "title"]);
    assert!(data.as_object().unwrap().values().all(Value::is_string));

    // An uninstalled app (404 UNREGISTERED): its token is forgotten, nothing retried.
    let gone = register_token(&app, &inspector, "gone-old-phone").await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT, "{}", gone.body);
    assign_task(&app, &head, &inspector).await;
    eventually("the uninstalled device is tried", || {
        google
            .messages
            .lock()
            .unwrap()
            .iter()
            .any(|m| m["message"]["token"] == "gone-old-phone")
    })
    .await;
    let mut forgotten = false;
    for _ in 0..600 {
        if subscriptions(&app, "fcm:gone-old-phone").await == 0 {
            forgotten = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(forgotten, "an UNREGISTERED token is forgotten");
    assert_eq!(subscriptions(&app, "fcm:phone-1:APA91b").await, 1);
    // One access token served every message.
    assert_eq!(*google.tokens_issued.lock().unwrap(), 1);
    app.stop().await;
}
both_engines!(r_notif_1_notifications_reach_an_fcm_device_through_the_v1_api);

/// Without `[push.fcm]` no FCM token is taken, so nothing can be sent there (R-PD-3).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_pd_3_without_fcm_configured_no_token_is_taken() {
    let app = TestApp::start(Engine::Sqlite).await;
    let admin = app.admin().await;
    let refused = app
        .call_with(
            Method::POST,
            "/api/v1/push/fcm-token",
            Some(&admin.token),
            Some(json!({ "token": "phone-1" })),
            &[("accept-language", "kk")],
        )
        .await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND, "{}", refused.body);
    assert_eq!(refused.body["code"], "push-fcm-not-configured");
    assert!(refused.body["title"].as_str().unwrap().contains("FCM"));
    app.stop().await;
}
