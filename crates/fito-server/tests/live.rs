//! Live updates in the open portal (R-NOTIF-1): `GET /notifications/stream` sends
//! new notifications and act status changes, keeps the connection alive and resumes
//! after `Last-Event-ID`; `/metrics` (R-OPS-2) counts requests and open streams.

mod common;

use common::sse::SseStream;
use common::{Caller, TestApp};
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

struct Team {
    head: Caller,
    inspector: Caller,
    field: String,
}

async fn team(app: &TestApp) -> Team {
    let admin = app.admin().await;
    let org = app
        .create_org(&admin, &app.root_org, "Қостанай инспекциясы")
        .await;
    let head = app.create_user(&admin, "head", &org).await;
    let inspector = app.create_user(&admin, "inspector", &org).await;
    let d = 0.01;
    let (lon, lat) = (63.6, 53.2);
    let a = app
        .post(
            "/api/v1/objects",
            &inspector.token,
            json!({ "type": "field", "name": "Арпа алқабы",
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

async fn assign(app: &TestApp, t: &Team, due: &str) -> String {
    let a = app
        .post(
            "/api/v1/survey-tasks",
            &t.head.token,
            json!({ "assignee_id": t.inspector.user_id, "basis": "plan", "object_ids": [t.field],
                "starts_on": due, "due_on": due, "note": "Тексеру" }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    a.body["id"].as_str().unwrap().to_string()
}

/// A survey without findings and an act made from it, as the inspector.
async fn draft_act(app: &TestApp, t: &Team) -> Value {
    let id = uuid::Uuid::now_v7().to_string();
    let s = app
        .post(
            "/api/v1/surveys",
            &t.inspector.token,
            json!({ "id": id, "object_id": t.field, "surveyed_at": "2026-07-02T05:30:00Z",
                "points": [{ "lat": 53.201, "lon": 63.601, "accuracy_m": 4.0, "fixed_at": "2026-07-02T05:31:00Z", "findings": [] }] }),
        )
        .await;
    assert_eq!(s.status, StatusCode::CREATED, "{}", s.body);
    let a = app
        .post(
            &format!("/api/v1/surveys/{id}/acts"),
            &t.inspector.token,
            json!({ "act_type": "crop-monitoring" }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    a.body
}

async fn r_notif_1_the_open_portal_gets_notifications_and_act_changes_live(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    let mut inspector = SseStream::open(&app.base, &t.inspector.token, None, "ru").await;
    let mut head = SseStream::open(&app.base, &t.head.token, None, "kk").await;

    // A task assigned: the inspector sees it at once, in their language, exactly as
    // the notification centre lists it.
    let task = assign(&app, &t, "2026-07-20").await;
    let e = inspector.next().await;
    assert_eq!(e.event, "notification");
    let n = e.json();
    assert_eq!(n["kind"], "task-assigned");
    assert_eq!(n["target_id"], task.as_str());
    assert!(n["message"].as_str().unwrap().contains("2026-07-20"), "{n}");
    assert!(
        n["message"].as_str().unwrap().starts_with("Вам назначено"),
        "{n}"
    );
    let listed = app
        .call_with(
            Method::GET,
            "/api/v1/notifications",
            Some(&t.inspector.token),
            None,
            &[("accept-language", "ru")],
        )
        .await;
    assert_eq!(listed.body[0], n, "the stream sends what the centre lists");
    let first_id = e.id.clone().expect("notifications carry an event id");

    // An act submitted: the Head gets the notification and the act's new status;
    // the inspector sees the status change of their act.
    let act = draft_act(&app, &t).await;
    let act_id = act["id"].as_str().unwrap();
    let submitted = app
        .post(
            &format!("/api/v1/acts/{act_id}/submit"),
            &t.inspector.token,
            json!({ "version": act["version"] }),
        )
        .await;
    assert_eq!(submitted.status, StatusCode::OK, "{}", submitted.body);
    let mut head_events = [head.next().await, head.next().await];
    head_events.sort_by(|a, b| a.event.cmp(&b.event));
    assert_eq!(head_events[0].event, "act");
    assert_eq!(
        head_events[0].json(),
        json!({ "id": act_id, "status": "submitted" })
    );
    assert_eq!(head_events[1].event, "notification");
    assert_eq!(head_events[1].json()["kind"], "act-submitted");
    let e = inspector.next().await;
    assert_eq!(e.event, "act");
    assert_eq!(e.json()["status"], "submitted");

    // Approval gives the act its registry number, in the event too.
    let approved = app
        .post(
            &format!("/api/v1/acts/{act_id}/approve"),
            &t.head.token,
            json!({ "version": submitted.body["version"] }),
        )
        .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    let mut events = [inspector.next().await, inspector.next().await];
    events.sort_by(|a, b| a.event.cmp(&b.event));
    assert_eq!(events[0].json()["status"], "approved");
    assert_eq!(
        events[0].json()["registry_number"],
        approved.body["registry_number"]
    );
    assert_eq!(events[1].json()["kind"], "act-approved");
    drop(inspector);

    // While the portal was closed another task came; reconnecting with the last
    // event id replays what was missed, and only that.
    let missed = assign(&app, &t, "2026-08-15").await;
    let mut again = SseStream::open(&app.base, &t.inspector.token, Some(&first_id), "en").await;
    let replayed = [again.next().await, again.next().await];
    assert_eq!(replayed[0].json()["kind"], "act-approved");
    assert_eq!(replayed[1].json()["kind"], "task-assigned");
    assert_eq!(replayed[1].json()["target_id"], missed.as_str());
    assert!(
        replayed[1].json()["message"]
            .as_str()
            .unwrap()
            .starts_with("You have")
    );
    app.stop().await;
}
both_engines!(r_notif_1_the_open_portal_gets_notifications_and_act_changes_live);

async fn r_notif_1_an_account_activation_is_notified(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let mut body = common::person();
    body["password"] = json!("a long enough password");
    body["organization_id"] = json!(app.root_org);
    let email = body["email"].as_str().unwrap().to_string();
    let r = app
        .call(Method::POST, "/api/v1/register", None, Some(body))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let id = r.body["id"].as_str().unwrap();
    let a = app
        .post(
            &format!("/api/v1/users/{id}/activate"),
            &admin.token,
            json!({ "role": "inspector" }),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let login = app.login(&email, "a long enough password").await;
    let token = login.body["token"].as_str().unwrap();
    let listed = app
        .call_with(
            Method::GET,
            "/api/v1/notifications",
            Some(token),
            None,
            &[("accept-language", "en")],
        )
        .await;
    let kinds: Vec<&str> = listed
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["account-activated"]);
    assert!(
        listed.body[0]["message"]
            .as_str()
            .unwrap()
            .contains("activated")
    );
    app.stop().await;
}
both_engines!(r_notif_1_an_account_activation_is_notified);

async fn r_ops_2_metrics_need_the_token_and_count_requests_and_streams(engine: Engine) {
    let app = TestApp::start_with(engine, |c| c.metrics.token = Some("scrape-secret".into())).await;
    let admin = app.admin().await;
    let listed = app.get("/api/v1/notifications", &admin.token).await;
    assert_eq!(listed.status, StatusCode::OK);
    let _stream = SseStream::open(&app.base, &admin.token, None, "kk").await;

    let anonymous = app.call(Method::GET, "/metrics", None, None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let wrong = app.call(Method::GET, "/metrics", Some("guess"), None).await;
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let m = app
        .call(Method::GET, "/metrics", Some("scrape-secret"), None)
        .await;
    assert_eq!(m.status, StatusCode::OK);
    assert!(
        m.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/plain; version=0.0.4")
    );
    let text = m.body.as_str().unwrap();
    for line in [
        "fito_http_requests_total{method=\"GET\",route=\"/api/v1/notifications\",status=\"200\"} 1",
        "fito_http_request_duration_seconds_count{method=\"GET\",route=\"/api/v1/notifications\",status=\"200\"} 1",
        "fito_sse_connections 1",
        "fito_push_outbox{state=\"pending\"} 0",
        "fito_push_deliveries_total{result=\"delivered\"} 0",
        "fito_sync_records_total{status=\"applied\"} 0",
    ] {
        assert!(text.lines().any(|l| l == line), "missing {line} in\n{text}");
    }
    // Route templates, never concrete ids.
    assert!(text.contains("route=\"/api/v1/auth/login\""));
    app.stop().await;

    let closed = TestApp::start(engine).await;
    let none = closed
        .call(Method::GET, "/metrics", Some("scrape-secret"), None)
        .await;
    assert_eq!(
        none.status,
        StatusCode::NOT_FOUND,
        "no token configured: no metrics"
    );
    closed.stop().await;
}
both_engines!(r_ops_2_metrics_need_the_token_and_count_requests_and_streams);

async fn r_notif_1_the_stream_needs_sign_in_and_keeps_alive(engine: Engine) {
    let app = TestApp::start(engine).await;
    let anonymous = app
        .call(Method::GET, "/api/v1/notifications/stream", None, None)
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let admin = app.admin().await;
    let mut stream = SseStream::open(&app.base, &admin.token, None, "kk").await;
    // A quiet stream still says it is alive (every 20 s), so proxies keep it open.
    let e = stream.next_any().await;
    assert_eq!(e.comment.as_deref(), Some("keep-alive"));
    // Signing out closes the stream (at its next session check).
    let out = app
        .post("/api/v1/auth/logout", &admin.token, json!({}))
        .await;
    assert!(out.status.is_success(), "{}", out.body);
    assert!(stream.ends().await, "the stream ends with its session");
    app.stop().await;
}
both_engines!(r_notif_1_the_stream_needs_sign_in_and_keeps_alive);
