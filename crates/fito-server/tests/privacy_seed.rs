//! First start (R-PD-4, R-PD-1, issue 15): a fresh install publishes the operator's
//! policy (Kazakh, with a Russian translation marked as such) as the policy in force,
//! so every person is asked for consent; a later version replaces it, and a restart
//! never publishes the seed again.

mod common;

use common::TestApp;
use common::privacy::{journal, policy_text};
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn r_pd_4_issue_15_a_fresh_install_asks_everyone_to_accept_the_seed_policy(engine: Engine) {
    let app = TestApp::start_with(engine, |c| c.privacy.seed_policy = true).await;
    let current = app
        .call(Method::GET, "/api/v1/policy/current", None, None)
        .await;
    assert_eq!(current.status, StatusCode::OK, "{}", current.body);
    assert_eq!(current.body["version"], "1.0");
    assert_eq!(current.body["effective_from"], "2026-05-18");
    // The operator's Kazakh text exactly, and the translation saying what it is.
    assert_eq!(current.body["text_kk"], policy_text().trim());
    let ru = current.body["text_ru"].as_str().unwrap();
    let first_line = ru.lines().next().unwrap();
    assert!(
        first_line.contains("Перевод на русский язык"),
        "{first_line}"
    );
    assert!(ru.contains("преимущественную силу имеет текст на государственном"));
    // The first administrator, like everyone, must accept it before anything else.
    let admin = app.admin().await;
    let blocked = app.get("/api/v1/users", &admin.token).await;
    assert_eq!(blocked.status, StatusCode::FORBIDDEN, "{}", blocked.body);
    assert_eq!(blocked.code(), "consent-required");
    assert_eq!(blocked.body["params"]["version"], "1.0");
    let accepted = app
        .post(
            "/api/v1/policy/accept",
            &admin.token,
            json!({ "version": "1.0" }),
        )
        .await;
    assert_eq!(accepted.status, StatusCode::CREATED, "{}", accepted.body);
    assert_eq!(
        app.get("/api/v1/users", &admin.token).await.status,
        StatusCode::OK
    );
    // Journalled as published by the system.
    let published = journal(&app, &admin, "policy.publish").await;
    assert_eq!(published.len(), 1, "{published:?}");
    assert_eq!(published[0]["target_id"], "1.0");
    assert_eq!(published[0]["actor_role"], "system");
    // A restart on the same database publishes nothing again.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let mut config = common::test_config(&app.db);
    config.privacy.seed_policy = true;
    let again = fito_server::start(config, listener).await.unwrap();
    again.stop().await.unwrap();
    let versions = fito_store::privacy::policy_versions(app.store.reader())
        .await
        .unwrap();
    assert_eq!(versions.len(), 1);
    // An administrator's newer version replaces it, and is asked for in turn.
    let newer = app
        .post(
            "/api/v1/policy",
            &admin.token,
            json!({ "version": "1.1", "effective_from": "2026-05-18",
                "text_kk": policy_text(), "text_ru": "Редакция 1.1" }),
        )
        .await;
    assert_eq!(newer.status, StatusCode::CREATED, "{}", newer.body);
    let current = app
        .call(Method::GET, "/api/v1/policy/current", None, None)
        .await;
    assert_eq!(current.body["version"], "1.1");
    assert_eq!(
        app.get("/api/v1/users", &admin.token).await.code(),
        "consent-required"
    );
    app.stop().await;
}
both_engines!(r_pd_4_issue_15_a_fresh_install_asks_everyone_to_accept_the_seed_policy);

async fn r_pd_4_issue_15_the_seed_policy_can_be_turned_off(engine: Engine) {
    let app = TestApp::start(engine).await;
    let none = app
        .call(Method::GET, "/api/v1/policy/current", None, None)
        .await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
    assert_eq!(none.code(), "policy-none");
    app.stop().await;
}
both_engines!(r_pd_4_issue_15_the_seed_policy_can_be_turned_off);
