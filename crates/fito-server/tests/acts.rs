//! What the API offers each caller to do with an act now (R-ACT-2, R-ROLE-1): an
//! act's `steps`, from its status, the role table and the author rule, so no client
//! keeps its own copy of the workflow.

mod common;

use common::{Caller, TestApp};
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The steps `who` is offered on the act `id`.
async fn steps(app: &TestApp, who: &Caller, id: &str) -> Vec<String> {
    let a = app.get(&format!("/api/v1/acts/{id}"), &who.token).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    serde_json::from_value(a.body["steps"].clone()).expect("steps: string[]")
}

/// Takes `step` as `who` and answers the act as it now is.
async fn take(
    app: &TestApp,
    who: &Caller,
    act: &Value,
    step: &str,
    comment: Option<&str>,
) -> Value {
    let id = act["id"].as_str().unwrap();
    let a = app
        .post(
            &format!("/api/v1/acts/{id}/{step}"),
            &who.token,
            json!({ "version": act["version"], "comment": comment }),
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{step}: {}", a.body);
    a.body
}

async fn r_act_2_each_caller_is_offered_the_steps_they_may_take_now(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let root = app.root_org.clone();
    let head = app.create_user(&admin, "head", &root).await;
    let inspector = app.create_user(&admin, "inspector", &root).await;
    let colleague = app.create_user(&admin, "inspector", &root).await;
    let operator = app.create_user(&admin, "operator", &root).await;
    let survey = app
        .post(
            "/api/v1/surveys",
            &inspector.token,
            json!({ "place": { "type": "Point", "coordinates": [76.9, 43.2] }, "surveyed_at": "2026-06-10T05:30:00Z",
                "points": [{ "lat": 43.2, "lon": 76.9, "fixed_at": "2026-06-10T05:31:00Z", "findings": [] }] }),
        )
        .await;
    assert_eq!(survey.status, StatusCode::CREATED, "{}", survey.body);
    let made = app
        .post(
            &format!(
                "/api/v1/surveys/{}/acts",
                survey.body["id"].as_str().unwrap()
            ),
            &inspector.token,
            json!({ "act_type": "sampling" }),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let mut act = made.body;
    let id = act["id"].as_str().unwrap().to_string();
    let everyone = [&admin, &head, &inspector, &colleague, &operator];
    // The answer of a write carries the steps of whoever wrote.
    assert_eq!(act["steps"], json!(["submit"]));

    // A draft: only its own inspector may submit it.
    assert_eq!(steps(&app, &inspector, &id).await, ["submit"]);
    for who in [&admin, &head, &colleague, &operator] {
        assert!(steps(&app, who, &id).await.is_empty());
    }

    // Submitted: the Head approves or returns it; nobody else may do anything.
    act = take(&app, &inspector, &act, "submit", None).await;
    assert_eq!(act["steps"], json!([]));
    assert_eq!(steps(&app, &head, &id).await, ["approve", "return"]);
    let listed = app.get("/api/v1/acts?status=submitted", &head.token).await;
    assert_eq!(
        listed.body[0]["steps"],
        json!(["approve", "return"]),
        "{}",
        listed.body
    );
    for who in [&admin, &inspector, &colleague, &operator] {
        assert!(steps(&app, who, &id).await.is_empty());
    }

    // Returned: back to its inspector to correct and submit again.
    act = take(&app, &head, &act, "return", Some("Мерзімін нақтылаңыз")).await;
    assert_eq!(steps(&app, &inspector, &id).await, ["submit"]);
    assert!(steps(&app, &head, &id).await.is_empty());
    act = take(&app, &inspector, &act, "submit", None).await;

    // Approved: only its inspector signs it.
    act = take(&app, &head, &act, "approve", None).await;
    assert_eq!(steps(&app, &inspector, &id).await, ["sign"]);
    for who in [&admin, &head, &colleague, &operator] {
        assert!(steps(&app, who, &id).await.is_empty());
    }

    // Signed: the operator registers it.
    let signed = app.sign_act(&inspector, &act).await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    act = signed.body;
    assert_eq!(steps(&app, &operator, &id).await, ["register"]);
    for who in [&admin, &head, &inspector, &colleague] {
        assert!(steps(&app, who, &id).await.is_empty());
    }

    // Registered: nothing moves it again (R-ACT-3).
    take(&app, &operator, &act, "register", None).await;
    for who in everyone {
        assert!(steps(&app, who, &id).await.is_empty());
    }
    app.stop().await;
}
both_engines!(r_act_2_each_caller_is_offered_the_steps_they_may_take_now);
