//! Web Push to the installed app (R-NOTIF-1, R-PD-3), against a local fake push
//! service that speaks the real protocol: it checks the VAPID `Authorization`
//! (RFC 8292) and decrypts the `aes128gcm` body (RFC 8291) with the subscription's
//! private key, as a browser would.

mod common;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode as AxumStatus, Uri};
use common::{Caller, TestApp};
use fito_push::UserAgentKeys;
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

#[derive(Clone, Debug)]
struct Received {
    path: String,
    headers: HeaderMap,
    body: Vec<u8>,
}

/// A push service on 127.0.0.1: answers each path from its script (then 201).
#[derive(Clone, Default)]
struct FakePushService {
    received: Arc<Mutex<Vec<Received>>>,
    script: Arc<Mutex<HashMap<String, VecDeque<u16>>>>,
    always: Arc<Mutex<HashMap<String, u16>>>,
}

async fn receive(
    State(fake): State<FakePushService>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> AxumStatus {
    let path = uri.path().to_string();
    fake.received.lock().unwrap().push(Received {
        path: path.clone(),
        headers,
        body: body.to_vec(),
    });
    let scripted = fake
        .script
        .lock()
        .unwrap()
        .get_mut(&path)
        .and_then(|q| q.pop_front());
    let always = fake.always.lock().unwrap().get(&path).copied();
    AxumStatus::from_u16(scripted.or(always).unwrap_or(201)).unwrap()
}

impl FakePushService {
    async fn start() -> (FakePushService, String) {
        let fake = FakePushService::default();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let app = axum::Router::new()
            .fallback(receive)
            .with_state(fake.clone());
        tokio::spawn(async move { axum::serve(listener, app).await });
        (fake, base)
    }

    fn to(&self, path: &str) -> Vec<Received> {
        self.received
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.path == path)
            .cloned()
            .collect()
    }
}

/// Checks the RFC 8292 `Authorization: vapid t=…, k=…` header: the key is the
/// server's, the token is an ES256 JWT for this push service's origin, signed by it.
fn check_vapid(header: &str, server_key: &str, origin: &str) {
    use p256::ecdsa::signature::Verifier;
    let rest = header.strip_prefix("vapid ").expect("vapid scheme");
    let mut t = "";
    let mut k = "";
    for part in rest.split(',') {
        let part = part.trim();
        if let Some(v) = part.strip_prefix("t=") {
            t = v;
        } else if let Some(v) = part.strip_prefix("k=") {
            k = v;
        }
    }
    assert_eq!(k, server_key, "signed with the key the app subscribed with");
    let pieces: Vec<&str> = t.split('.').collect();
    assert_eq!(pieces.len(), 3);
    let decode = |s: &str| fito_push::b64::decode("jwt", s).unwrap();
    let claims: Value = serde_json::from_slice(&decode(pieces[1])).unwrap();
    assert_eq!(claims["aud"], origin);
    assert_eq!(claims["sub"], "mailto:ops@fito.test");
    assert!(claims["exp"].as_u64().unwrap() > chrono::Utc::now().timestamp() as u64);
    let key = p256::ecdsa::VerifyingKey::from_sec1_bytes(&decode(k)).unwrap();
    let signature = p256::ecdsa::Signature::from_slice(&decode(pieces[2])).unwrap();
    key.verify(
        format!("{}.{}", pieces[0], pieces[1]).as_bytes(),
        &signature,
    )
    .expect("the VAPID token verifies");
}

struct Team {
    head: Caller,
    inspector: Caller,
    field: String,
}

async fn team(app: &TestApp) -> Team {
    let admin = app.admin().await;
    let org = app
        .create_org(&admin, &app.root_org, "Павлодар инспекциясы")
        .await;
    let head = app.create_user(&admin, "head", &org).await;
    let inspector = app.create_user(&admin, "inspector", &org).await;
    let d = 0.01;
    let (lon, lat) = (76.9, 52.3);
    let a = app
        .post(
            "/api/v1/objects",
            &inspector.token,
            json!({ "type": "field", "name": "Сұлы алқабы",
                "geometry": { "type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] } }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    Team {
        head,
        inspector,
        field: a.body["id"].as_str().unwrap().to_string(),
    }
}

async fn assign(app: &TestApp, t: &Team) -> String {
    let a = app
        .post(
            "/api/v1/survey-tasks",
            &t.head.token,
            json!({ "assignee_id": t.inspector.user_id, "basis": "plan", "object_ids": [t.field],
                "starts_on": "2026-09-01", "due_on": "2026-09-02" }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    a.body["id"].as_str().unwrap().to_string()
}

fn subscription(endpoint: &str, ua: &UserAgentKeys) -> Value {
    let keys = ua.subscription_keys();
    json!({ "endpoint": endpoint, "expirationTime": null, "keys": {
        "p256dh": fito_push::b64::encode(&keys.p256dh_bytes()),
        "auth": fito_push::b64::encode(keys.auth()) } })
}

async fn subscribe(app: &TestApp, who: &Caller, body: Value, lang: &str) {
    let a = app
        .call_with(
            Method::POST,
            "/api/v1/push/subscriptions",
            Some(&who.token),
            Some(body),
            &[("accept-language", lang)],
        )
        .await;
    assert_eq!(a.status, StatusCode::NO_CONTENT, "{}", a.body);
}

/// Waits (at most a minute: a hang guard) until `done` holds.
async fn eventually<F, Fut>(what: &str, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..600 {
        if done().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("never happened: {what}");
}

async fn pending(app: &TestApp) -> i64 {
    fito_store::push::count(app.store.reader(), fito_store::push::PENDING)
        .await
        .unwrap()
}

async fn r_notif_1_a_notification_is_pushed_encrypted_and_vapid_signed(engine: Engine) {
    let (fake, origin) = FakePushService::start().await;
    let app = TestApp::start_with(engine, |c| c.push.interval_seconds = 1).await;
    let t = team(&app).await;
    let key = app
        .call(Method::GET, "/api/v1/push/vapid-public-key", None, None)
        .await;
    assert_eq!(key.status, StatusCode::OK, "{}", key.body);
    let server_key = key.body["key"].as_str().unwrap().to_string();
    let ua = UserAgentKeys::generate().unwrap();
    let endpoint = format!("{origin}/wpush/inspector-phone");
    subscribe(&app, &t.inspector, subscription(&endpoint, &ua), "ru").await;

    let task = assign(&app, &t).await;
    eventually("the push arrives", || async {
        !fake.to("/wpush/inspector-phone").is_empty()
    })
    .await;
    let got = fake.to("/wpush/inspector-phone").remove(0);
    assert_eq!(got.headers["content-encoding"], "aes128gcm");
    assert!(got.headers.contains_key("ttl"));
    check_vapid(
        got.headers["authorization"].to_str().unwrap(),
        &server_key,
        &origin,
    );
    let payload: Value = serde_json::from_slice(&ua.decrypt(&got.body).unwrap()).unwrap();
    assert_eq!(payload["kind"], "task-assigned");
    assert_eq!(payload["target_kind"], "survey_task");
    assert_eq!(payload["target_id"], task.as_str());
    assert!(
        payload["title"]
            .as_str()
            .unwrap()
            .starts_with("Вам назначено"),
        "in the language the device subscribed in: {payload}"
    );
    // Only the kind, ids and the text: nothing about any person.
    let mut fields: Vec<&String> = payload.as_object().unwrap().keys().collect();
    fields.sort();
    assert_eq!(fields, ["id", "kind", "target_id", "target_kind", "title"]);
    eventually("the delivery leaves the outbox", || async {
        pending(&app).await == 0
    })
    .await;

    // Unsubscribing: the device is gone; again → 404.
    let gone = app
        .call(
            Method::DELETE,
            "/api/v1/push/subscriptions",
            Some(&t.inspector.token),
            Some(json!({ "endpoint": endpoint })),
        )
        .await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT, "{}", gone.body);
    let again = app
        .call(
            Method::DELETE,
            "/api/v1/push/subscriptions",
            Some(&t.inspector.token),
            Some(json!({ "endpoint": endpoint })),
        )
        .await;
    assert_eq!(again.code(), "push-subscription-not-found");
    // Bad subscriptions are refused with the field named.
    let bad = app
        .post(
            "/api/v1/push/subscriptions",
            &t.inspector.token,
            json!({ "endpoint": endpoint, "keys": { "p256dh": "AAAA", "auth": "AAAA" } }),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.code(), "push-subscription-invalid");
    app.stop().await;
}
both_engines!(r_notif_1_a_notification_is_pushed_encrypted_and_vapid_signed);

async fn r_notif_1_failed_pushes_are_retried_forgotten_or_given_up(engine: Engine) {
    let (fake, origin) = FakePushService::start().await;
    fake.script
        .lock()
        .unwrap()
        .insert("/flaky".into(), VecDeque::from([500, 502]));
    fake.always.lock().unwrap().insert("/gone".into(), 410);
    fake.always.lock().unwrap().insert("/down".into(), 503);
    let app = TestApp::start_with(engine, |c| {
        c.push.interval_seconds = 1;
        c.push.max_attempts = 3;
        c.push.retry_base_seconds = 0;
    })
    .await;
    let t = team(&app).await;
    let ua = UserAgentKeys::generate().unwrap();
    for path in ["/flaky", "/gone", "/down"] {
        subscribe(
            &app,
            &t.inspector,
            subscription(&format!("{origin}{path}"), &ua),
            "kk",
        )
        .await;
    }
    // A push service that is not on the egress allow-list (R-PD-3): the same fake,
    // reached by a name the operator did not list.
    let port = origin.rsplit(':').next().unwrap();
    subscribe(
        &app,
        &t.inspector,
        subscription(&format!("http://localhost:{port}/refused"), &ua),
        "kk",
    )
    .await;

    assign(&app, &t).await;
    eventually("every delivery is settled", || async {
        pending(&app).await == 0
    })
    .await;
    assert_eq!(
        fake.to("/flaky").len(),
        3,
        "two 5xx answers, then delivered"
    );
    assert_eq!(fake.to("/gone").len(), 1, "410: never tried again");
    assert_eq!(fake.to("/down").len(), 3, "given up after max_attempts");
    assert!(
        fake.to("/refused").is_empty(),
        "refused before any connection"
    );
    let user = uuid::Uuid::parse_str(&t.inspector.user_id).unwrap();
    assert_eq!(
        fito_store::push::count_of_user(app.store.reader(), user)
            .await
            .unwrap(),
        3,
        "the gone subscription is forgotten"
    );
    assert_eq!(
        fito_store::push::count(app.store.reader(), fito_store::push::FAILED)
            .await
            .unwrap(),
        2,
        "the one that stayed down and the refused one are kept as failed"
    );
    app.stop().await;
}
both_engines!(r_notif_1_failed_pushes_are_retried_forgotten_or_given_up);

async fn r_pd_3_without_push_configuration_nothing_is_sent_anywhere(engine: Engine) {
    let (fake, origin) = FakePushService::start().await;
    let app = TestApp::start_with(engine, |c| c.push.subject = None).await;
    let t = team(&app).await;
    let key = app
        .call(Method::GET, "/api/v1/push/vapid-public-key", None, None)
        .await;
    assert_eq!(key.status, StatusCode::NOT_FOUND);
    assert_eq!(key.code(), "push-not-configured");
    let ua = UserAgentKeys::generate().unwrap();
    let refused = app
        .post(
            "/api/v1/push/subscriptions",
            &t.inspector.token,
            subscription(&format!("{origin}/x"), &ua),
        )
        .await;
    assert_eq!(refused.code(), "push-not-configured");
    // A subscription left from when push was configured: its notification is
    // queued, but no worker runs and no call goes out.
    let keys = ua.subscription_keys();
    let user = uuid::Uuid::parse_str(&t.inspector.user_id).unwrap();
    let p256dh = fito_push::b64::encode(&keys.p256dh_bytes());
    let auth = fito_push::b64::encode(keys.auth());
    let endpoint = format!("{origin}/left-over");
    let sub = fito_store::push::Subscription {
        user_id: user,
        endpoint: &endpoint,
        p256dh: &p256dh,
        auth: &auth,
        lang: "kk",
        kinds: None,
    };
    fito_store::push::subscribe(app.store.writer(), sub, 0)
        .await
        .unwrap();
    assign(&app, &t).await;
    assert_eq!(pending(&app).await, 1);
    // Longer than a configured worker's interval.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert!(fake.received.lock().unwrap().is_empty(), "no outbound call");
    assert_eq!(pending(&app).await, 1);
    assert!(
        fito_store::jobs::holder(app.store.reader(), "push-outbox")
            .await
            .unwrap()
            .is_none(),
        "the push worker never ran"
    );
    app.stop().await;
}
both_engines!(r_pd_3_without_push_configuration_nothing_is_sent_anywhere);

async fn r_notif_1_a_device_is_pushed_only_the_kinds_chosen_for_it(engine: Engine) {
    let (fake, origin) = FakePushService::start().await;
    let app = TestApp::start_with(engine, |c| c.push.interval_seconds = 1).await;
    let t = team(&app).await;
    let ua = UserAgentKeys::generate().unwrap();
    let with_kinds = |path: &str, kinds: Value| {
        let mut body = subscription(&format!("{origin}{path}"), &ua);
        body["kinds"] = kinds;
        body
    };
    let unknown = app
        .post(
            "/api/v1/push/subscriptions",
            &t.inspector.token,
            with_kinds("/wpush/x", json!(["task-assigned", "gossip"])),
        )
        .await;
    assert_eq!(unknown.code(), "push-kind-unknown", "{}", unknown.body);
    subscribe(
        &app,
        &t.inspector,
        with_kinds("/wpush/tasks", json!(["task-assigned"])),
        "kk",
    )
    .await;
    subscribe(
        &app,
        &t.inspector,
        with_kinds("/wpush/acts", json!(["act-approved"])),
        "kk",
    )
    .await;
    subscribe(
        &app,
        &t.inspector,
        subscription(&format!("{origin}/wpush/all"), &ua),
        "kk",
    )
    .await;
    assign(&app, &t).await;
    eventually("the chosen devices get it", || async {
        !fake.to("/wpush/tasks").is_empty() && !fake.to("/wpush/all").is_empty()
    })
    .await;
    eventually("the outbox is empty", || async { pending(&app).await == 0 }).await;
    assert!(
        fake.to("/wpush/acts").is_empty(),
        "a device that chose only acts"
    );
    // The notification itself is in the app whatever the devices chose.
    let all = app.get("/api/v1/notifications", &t.inspector.token).await;
    assert_eq!(all.body.as_array().unwrap().len(), 1);
    app.stop().await;
}
both_engines!(r_notif_1_a_device_is_pushed_only_the_kinds_chosen_for_it);
