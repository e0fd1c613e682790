//! Issue 15 (R-ROLE-1): the person's own profile lists what their role may do, from
//! the one role table, so screens offer only what the server allows — an operator
//! is not offered a survey the server then refuses.

mod common;

use common::TestApp;
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use serde_json::{Value, json};

fn actions(me: &Value) -> Vec<&str> {
    me["actions"]
        .as_array()
        .expect("actions listed")
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect()
}

async fn issue_15_me_lists_the_roles_actions_and_the_server_keeps_to_them(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    let operator = app.create_user(&admin, "operator", &app.root_org).await;
    let survey = json!({ "place": { "type": "Point", "coordinates": [76.9, 43.2] },
        "surveyed_at": "2026-06-10T05:30:00Z", "points": [] });
    for (who, records) in [(&inspector, true), (&operator, false), (&admin, false)] {
        let me = app.get("/api/v1/me", &who.token).await;
        assert_eq!(me.status, StatusCode::OK);
        let listed = actions(&me.body);
        assert!(listed.contains(&"object.read"), "{listed:?}");
        assert_eq!(listed.contains(&"survey.record"), records, "{listed:?}");
        // What the list says is what the server does.
        let tried = app
            .post("/api/v1/surveys", &who.token, survey.clone())
            .await;
        assert_eq!(
            tried.status == StatusCode::FORBIDDEN,
            !records,
            "{}",
            tried.body
        );
    }
    // The sign-in answer carries the same list.
    let login = app.login(&operator.email, &operator.password).await;
    assert_eq!(
        actions(&login.body["user"]),
        actions(&app.get("/api/v1/me", &operator.token).await.body)
    );
    app.stop().await;
}
both_engines!(issue_15_me_lists_the_roles_actions_and_the_server_keeps_to_them);
