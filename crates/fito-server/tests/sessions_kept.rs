//! Sessions kept in memory (R-AUTH-1, R-PD-1): on PostgreSQL an instance keeps the
//! live sessions it has read while its listener is up, so these tests make every
//! request twice before the change (the second answered from memory) and then check
//! that the change still decides the next request — made here, made by another
//! instance or the command line (straight through fito-store), or made while the
//! listener is lost. On SQLite every request reads its session, and the same
//! assertions hold.

mod common;

use common::{Caller, TestApp};
use fito_store::privacy::{PolicyVersion, policy_hash, publish_policy};
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use uuid::Uuid;

/// A server, its administrator and a user of `role` whose session has answered
/// `/api/v1/me` twice (on PostgreSQL the second time from memory).
async fn seen_twice(engine: Engine, role: &str) -> (TestApp, Caller, Caller) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let user = app.create_user(&admin, role, &app.root_org).await;
    for _ in 0..2 {
        let me = app.get("/api/v1/me", &user.token).await;
        assert_eq!(me.status, StatusCode::OK, "{}", me.body);
    }
    (app, admin, user)
}

/// The first answer of `path` for which `done` holds, asking for at most five
/// seconds (a notification from another instance takes milliseconds).
async fn polled(
    app: &TestApp,
    who: &Caller,
    path: &str,
    done: impl Fn(&common::Answer) -> bool,
) -> common::Answer {
    let mut answer = app.get(path, &who.token).await;
    for _ in 0..100 {
        if done(&answer) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        answer = app.get(path, &who.token).await;
    }
    answer
}

/// The first answer of `path` that is not 200, within five seconds.
async fn refused_within_seconds(app: &TestApp, who: &Caller, path: &str) -> common::Answer {
    polled(app, who, path, |a| a.status != StatusCode::OK).await
}

fn user_id(who: &Caller) -> Uuid {
    who.user_id.parse().unwrap()
}

/// Ends `who`'s sessions straight through fito-store, as another instance or the
/// command line would; returns how many were live.
async fn ended_elsewhere(app: &TestApp, who: &Caller) -> u64 {
    let now = fito_store::time::now_us();
    fito_store::sessions::revoke_all_for_user(app.store.writer(), user_id(who), now)
        .await
        .unwrap()
}

/// Signing out here ends the session at once, for the very next request.
async fn r_auth_1_signing_out_ends_the_kept_session_at_once(engine: Engine) {
    let (app, _admin, inspector) = seen_twice(engine, "inspector").await;
    let out = app
        .post(
            "/api/v1/auth/logout",
            &inspector.token,
            serde_json::json!({}),
        )
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT, "{}", out.body);
    let me = app.get("/api/v1/me", &inspector.token).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED, "{}", me.body);
}
both_engines!(r_auth_1_signing_out_ends_the_kept_session_at_once);

/// An administrator deactivating an account here refuses its session at once.
async fn r_auth_1_deactivating_ends_the_kept_session_at_once(engine: Engine) {
    let (app, admin, inspector) = seen_twice(engine, "inspector").await;
    let blocked = app
        .post(
            &format!("/api/v1/users/{}/deactivate", inspector.user_id),
            &admin.token,
            serde_json::json!({}),
        )
        .await;
    assert!(blocked.status.is_success(), "{}", blocked.body);
    let me = app.get("/api/v1/me", &inspector.token).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED, "{}", me.body);
}
both_engines!(r_auth_1_deactivating_ends_the_kept_session_at_once);

/// Sessions ended by another instance or the command line are refused here.
async fn r_auth_1_a_session_ended_elsewhere_is_refused(engine: Engine) {
    let (app, admin, inspector) = seen_twice(engine, "inspector").await;
    assert_eq!(ended_elsewhere(&app, &inspector).await, 1);
    let me = refused_within_seconds(&app, &inspector, "/api/v1/me").await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED, "{}", me.body);
    // Another caller's kept session is not disturbed.
    let still = app.get("/api/v1/me", &admin.token).await;
    assert_eq!(still.status, StatusCode::OK, "{}", still.body);
}
both_engines!(r_auth_1_a_session_ended_elsewhere_is_refused);

/// R-ROLE-1: a role changed elsewhere is the role of the next requests; the user
/// kept with the session is not.
async fn r_role_1_a_role_changed_elsewhere_decides_the_next_request(engine: Engine) {
    let (app, _admin, head) = seen_twice(engine, "head").await;
    let change = fito_store::users::Change {
        role: Some(Some("operator".into())),
        ..Default::default()
    };
    let now = fito_store::time::now_us();
    fito_store::users::update(app.store.writer(), user_id(&head), change, now)
        .await
        .unwrap();
    let me = polled(&app, &head, "/api/v1/me", |me| {
        me.status != StatusCode::OK || me.body["role"] != "head"
    })
    .await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.body);
    assert_eq!(me.body["role"], "operator");
}
both_engines!(r_role_1_a_role_changed_elsewhere_decides_the_next_request);

/// R-PD-1: a policy version published elsewhere (in force today) must be accepted
/// before the next request, kept session or not.
async fn r_pd_1_a_policy_published_elsewhere_is_asked_at_once(engine: Engine) {
    let (app, _admin, inspector) = seen_twice(engine, "inspector").await;
    let text = common::privacy::policy_text();
    let policy = PolicyVersion {
        id: Uuid::now_v7(),
        version: "9.9".into(),
        effective_from: fito_server::app::privacy::today(),
        sha256: policy_hash(&text, None),
        text_kk: text,
        text_ru: None,
        published_by: None,
        published_at: fito_store::time::now_us(),
    };
    let objects = app.get("/api/v1/objects", &inspector.token).await;
    assert_eq!(objects.status, StatusCode::OK, "{}", objects.body);
    publish_policy(app.store.writer(), &policy).await.unwrap();
    // `/api/v1/me` is among the few routes open before consent.
    let me = refused_within_seconds(&app, &inspector, "/api/v1/objects").await;
    assert_eq!(me.status, StatusCode::FORBIDDEN, "{}", me.body);
    assert_eq!(me.code(), "consent-required");
}
both_engines!(r_pd_1_a_policy_published_elsewhere_is_asked_at_once);

/// PostgreSQL: while the listening connection is lost nothing tells this server of
/// other commits, so it stops trusting the sessions it kept; a session ended then
/// is still refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_auth_1_sessions_are_read_again_while_the_listener_reconnects() {
    let (app, _admin, inspector) = seen_twice(Engine::Postgres, "inspector").await;
    app.cut_listener().await;
    ended_elsewhere(&app, &inspector).await;
    let me = refused_within_seconds(&app, &inspector, "/api/v1/me").await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED, "{}", me.body);
}
