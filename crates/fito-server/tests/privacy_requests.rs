//! Privacy requests as the administrators see them (R-PD-1, policy §14, issue 15): a
//! person corrects their own phone and position, asks an administrator to rectify the
//! rest, and filing any request (rectification, withdrawal) tells the administrators.

mod common;

use common::TestApp;
use common::privacy::journal;
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// The kinds of the caller's notifications.
async fn kinds(app: &TestApp, token: &str) -> Vec<String> {
    let found = app.get("/api/v1/notifications", token).await;
    found
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_string())
        .collect()
}

async fn r_pd_1_a_person_corrects_phone_and_position_and_asks_for_the_rest(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let second_admin = app
        .create_user(&admin, "administrator", &app.root_org)
        .await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    // Own phone and position: changed and journalled by field name.
    let patch = |body: Value| {
        let token = inspector.token.clone();
        let app = &app;
        async move {
            app.call(Method::PATCH, "/api/v1/me", Some(&token), Some(body))
                .await
        }
    };
    let changed = patch(json!({ "phone": "+7 702 111 22 33", "position": "Бас агроном" })).await;
    assert_eq!(changed.status, StatusCode::OK, "{}", changed.body);
    assert_eq!(changed.body["position"], "Бас агроном");
    assert_eq!(
        app.get("/api/v1/me", &inspector.token).await.body["position"],
        "Бас агроном"
    );
    // Anything else is not theirs to change, and a bad phone changes nothing.
    let surname = patch(json!({ "surname": "Басқа" })).await;
    assert_eq!(
        surname.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        surname.body
    );
    let bad = patch(json!({ "phone": "12", "position": "Агроном" })).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(
        app.get("/api/v1/me", &inspector.token).await.body["position"],
        "Бас агроном"
    );
    let updates = journal(&app, &admin, "user.update").await;
    assert!(
        updates.iter().any(|e| e["details"]["own"] == true),
        "{updates:?}"
    );
    // The rest by a rectification request: both administrators are told.
    let empty = app
        .post(
            "/api/v1/privacy/rectifications",
            &inspector.token,
            json!({ "details": "  " }),
        )
        .await;
    assert_eq!(empty.code(), "field-required");
    let filed = app
        .post(
            "/api/v1/privacy/rectifications",
            &inspector.token,
            json!({ "details": "Әкемнің аты қате: Серікұлы емес, Серікович" }),
        )
        .await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.body);
    assert_eq!(filed.body["status"], "open");
    for who in [&admin, &second_admin] {
        assert!(
            kinds(&app, &who.token)
                .await
                .contains(&"rectification-filed".into())
        );
    }
    assert!(
        !kinds(&app, &inspector.token)
            .await
            .contains(&"rectification-filed".into())
    );
    // Only administrators list and resolve.
    assert_eq!(
        app.get("/api/v1/privacy/rectifications", &inspector.token)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let open = app
        .get("/api/v1/privacy/rectifications", &admin.token)
        .await;
    let open = open.body.as_array().unwrap().clone();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["user"]["id"], inspector.user_id.as_str());
    let id = filed.body["id"].as_str().unwrap();
    let path = format!("/api/v1/privacy/rectifications/{id}/resolve");
    let no_comment = app
        .post(&path, &admin.token, json!({ "outcome": "rejected" }))
        .await;
    assert_eq!(no_comment.code(), "rectification-comment-required");
    let unknown = app
        .post(&path, &admin.token, json!({ "outcome": "ignored" }))
        .await;
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    let done = app
        .post(&path, &admin.token, json!({ "outcome": "corrected" }))
        .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(done.body["status"], "corrected");
    let again = app
        .post(&path, &admin.token, json!({ "outcome": "corrected" }))
        .await;
    assert_eq!(again.code(), "rectification-not-open");
    assert!(
        app.get("/api/v1/privacy/rectifications", &admin.token)
            .await
            .body
            .as_array()
            .unwrap()
            .is_empty()
    );
    let all = app
        .get("/api/v1/privacy/rectifications?status=all", &admin.token)
        .await;
    assert_eq!(all.body.as_array().unwrap().len(), 1);
    // The person learns the answer, in their language.
    let told = app
        .call_with(
            Method::GET,
            "/api/v1/notifications",
            Some(&inspector.token),
            None,
            &[("accept-language", "en")],
        )
        .await;
    assert!(
        told.body
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["kind"] == "rectification-resolved"
                && n["message"].as_str().unwrap().contains("corrected")),
        "{}",
        told.body
    );
    assert_eq!(
        journal(&app, &admin, "privacy.rectification.file")
            .await
            .len(),
        1
    );
    assert_eq!(
        journal(&app, &admin, "privacy.rectification.resolve")
            .await
            .len(),
        1
    );
    app.stop().await;
}
both_engines!(r_pd_1_a_person_corrects_phone_and_position_and_asks_for_the_rest);

async fn r_pd_1_a_withdrawal_request_tells_the_administrators(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let operator = app.create_user(&admin, "operator", &app.root_org).await;
    let filed = app
        .post(
            "/api/v1/privacy/withdrawals",
            &operator.token,
            json!({ "reason": "Келісімімді қайтарамын" }),
        )
        .await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.body);
    assert!(
        kinds(&app, &admin.token)
            .await
            .contains(&"withdrawal-filed".into())
    );
    assert!(kinds(&app, &operator.token).await.is_empty());
    app.stop().await;
}
both_engines!(r_pd_1_a_withdrawal_request_tells_the_administrators);

async fn r_pd_2_erasure_blanks_the_persons_rectification_requests(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let operator = app.create_user(&admin, "operator", &app.root_org).await;
    app.post(
        "/api/v1/privacy/rectifications",
        &operator.token,
        json!({ "details": "ЖСН қате: 900101300123" }),
    )
    .await;
    let path = format!("/api/v1/users/{}", operator.user_id);
    let erased = app
        .call(Method::DELETE, &path, Some(&admin.token), None)
        .await;
    assert_eq!(erased.status, StatusCode::NO_CONTENT, "{}", erased.body);
    let all = app
        .get("/api/v1/privacy/rectifications?status=all", &admin.token)
        .await;
    let all = all.body.as_array().unwrap().clone();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0]["details"], "");
    app.stop().await;
}
both_engines!(r_pd_2_erasure_blanks_the_persons_rectification_requests);
