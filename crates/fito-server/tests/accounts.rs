//! Sign-in and sessions through the real HTTP API, on both engines (R-AUTH-1):
//! tokens and cookies, one-time passwords, lockouts, session lists and CSRF.
//! People's accounts are in accounts_people.rs.

mod common;

use common::TestApp;
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn r_auth_1_login_gives_a_bearer_token_and_a_locked_down_cookie(engine: Engine) {
    let app = TestApp::start(engine).await;
    let a = app.login(&app.admin_email, &app.admin_password).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let cookies: Vec<_> = a
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect();
    let session = cookies
        .iter()
        .find(|c| c.starts_with("fito_session="))
        .expect("session cookie");
    for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(session.contains(attribute), "{session} lacks {attribute}");
    }
    let token = a.body["token"].as_str().unwrap();
    assert!(
        session.contains(token),
        "the cookie carries the same session"
    );
    let me = app.get("/api/v1/me", token).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["email"], app.admin_email.as_str());
    assert_eq!(me.body["role"], "administrator");
    assert_eq!(
        app.get("/api/v1/me", "not-a-token").await.status,
        StatusCode::UNAUTHORIZED
    );
    app.stop().await;
}
both_engines!(r_auth_1_login_gives_a_bearer_token_and_a_locked_down_cookie);

async fn r_auth_1_one_time_password_must_be_replaced_before_anything_else(engine: Engine) {
    let app = TestApp::start(engine).await;
    let a = app.login(&app.admin_email, &app.admin_password).await;
    let token = a.body["token"].as_str().unwrap().to_string();
    assert_eq!(a.body["user"]["must_change_password"], true);
    let blocked = app.get("/api/v1/users", &token).await;
    assert_eq!(
        (blocked.status, blocked.code()),
        (StatusCode::FORBIDDEN, "auth-password-change-required")
    );
    let weak = app
        .post(
            "/api/v1/auth/password",
            &token,
            json!({ "current_password": app.admin_password, "new_password": "short" }),
        )
        .await;
    assert_eq!(weak.code(), "password-too-short");
    let wrong = app
        .post(
            "/api/v1/auth/password",
            &token,
            json!({ "current_password": "nope", "new_password": "a long enough one" }),
        )
        .await;
    assert_eq!(wrong.code(), "auth-wrong-current-password");
    let admin = app.admin().await;
    assert_eq!(
        app.get("/api/v1/users", &admin.token).await.status,
        StatusCode::OK
    );
    // The one-time password no longer works.
    assert_eq!(
        app.login(&app.admin_email, &app.admin_password)
            .await
            .status,
        StatusCode::UNAUTHORIZED
    );
    app.stop().await;
}
both_engines!(r_auth_1_one_time_password_must_be_replaced_before_anything_else);

async fn r_auth_1_five_failures_lock_sign_in_without_revealing_the_account(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    for email in [admin.email.as_str(), "nobody.here@fito.kz"] {
        for attempt in 1..=4 {
            let a = app.login(email, "wrong password").await;
            assert_eq!(
                (a.status, a.code()),
                (StatusCode::UNAUTHORIZED, "auth-invalid-credentials"),
                "{email} #{attempt}"
            );
        }
        let fifth = app.login(email, "wrong password").await;
        assert_eq!(
            (fifth.status, fifth.code()),
            (StatusCode::TOO_MANY_REQUESTS, "auth-locked"),
            "{email}"
        );
        assert_eq!(fifth.body["params"]["minutes"], "15");
    }
    // Locked: even the right password is refused, with the same answer as for an
    // unknown e-mail.
    let right = app.login(&admin.email, &admin.password).await;
    let unknown = app.login("nobody.here@fito.kz", &admin.password).await;
    assert_eq!(
        (right.status, right.code()),
        (StatusCode::TOO_MANY_REQUESTS, "auth-locked")
    );
    assert_eq!(right.body, unknown.body);
    let ru = app
        .call_with(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": admin.email, "password": "x"})),
            &[("accept-language", "ru")],
        )
        .await;
    assert!(ru.title().contains("Слишком много"), "{}", ru.title());
    // The earlier session still works: lockout stops sign-in, not signed-in work.
    assert_eq!(
        app.get("/api/v1/me", &admin.token).await.status,
        StatusCode::OK
    );
    app.stop().await;
}
both_engines!(r_auth_1_five_failures_lock_sign_in_without_revealing_the_account);

async fn r_auth_1_lockout_ends_after_its_time(engine: Engine) {
    let app = TestApp::start_with(engine, |c| c.auth.lockout_window_minutes = 0).await;
    let admin = app.admin().await;
    for _ in 0..6 {
        app.login(&admin.email, "wrong password").await;
    }
    // With a zero-minute window old failures no longer count.
    assert_eq!(
        app.login(&admin.email, &admin.password).await.status,
        StatusCode::OK
    );
    app.stop().await;
}
both_engines!(r_auth_1_lockout_ends_after_its_time);

async fn r_auth_1_sessions_are_listed_and_revoked(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let phone = app
        .call_with(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"email": admin.email, "password": admin.password})),
            &[
                ("x-device-id", "phone-42"),
                ("x-os", "Android 15"),
                ("x-app-version", "1.0.3"),
            ],
        )
        .await;
    let phone_token = phone.body["token"].as_str().unwrap().to_string();
    let list = app.get("/api/v1/auth/sessions", &admin.token).await;
    let sessions = list.body.as_array().unwrap();
    assert_eq!(sessions.len(), 2, "{}", list.body);
    let on_phone = sessions
        .iter()
        .find(|s| s["device_id"] == "phone-42")
        .expect("phone session");
    assert_eq!(
        (
            on_phone["kind"].as_str(),
            on_phone["os"].as_str(),
            on_phone["current"].as_bool()
        ),
        (Some("app"), Some("Android 15"), Some(false))
    );
    let revoked = app
        .call(
            Method::DELETE,
            &format!("/api/v1/auth/sessions/{}", on_phone["id"].as_str().unwrap()),
            Some(&admin.token),
            None,
        )
        .await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me", &phone_token).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("/api/v1/me", &admin.token).await.status,
        StatusCode::OK
    );
    // Someone else's session cannot be revoked.
    let other = app.create_user(&admin, "inspector", &app.root_org).await;
    let theirs = app.get("/api/v1/auth/sessions", &other.token).await;
    let their_id = theirs.body[0]["id"].as_str().unwrap();
    let refused = app
        .call(
            Method::DELETE,
            &format!("/api/v1/auth/sessions/{their_id}"),
            Some(&admin.token),
            None,
        )
        .await;
    assert_eq!(
        (refused.status, refused.code()),
        (StatusCode::NOT_FOUND, "session-not-found")
    );
    // Logout ends the current session.
    assert_eq!(
        app.post("/api/v1/auth/logout", &other.token, json!({}))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get("/api/v1/me", &other.token).await.status,
        StatusCode::UNAUTHORIZED
    );
    app.stop().await;
}
both_engines!(r_auth_1_sessions_are_listed_and_revoked);

async fn r_auth_1_cookie_requests_that_change_things_need_the_csrf_token(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let cookie = format!("fito_session={}; fito_csrf={}", admin.token, admin.csrf);
    let url = format!("{}/api/v1/organizations", app.base);
    let body = json!({ "parent_id": app.root_org, "name_kk": "Облыс", "name_ru": "Область" });
    let read = app
        .http
        .get(&url)
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(
        read.status(),
        StatusCode::OK,
        "reads work with the cookie alone"
    );
    let forged = app
        .http
        .post(&url)
        .header("cookie", &cookie)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(
        forged.json::<serde_json::Value>().await.unwrap()["code"],
        "auth-csrf-failed"
    );
    let wrong = app
        .http
        .post(&url)
        .header("cookie", &cookie)
        .header("x-csrf-token", "guess")
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::FORBIDDEN);
    let proper = app
        .http
        .post(&url)
        .header("cookie", &cookie)
        .header("x-csrf-token", &admin.csrf)
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(proper.status(), StatusCode::CREATED);
    app.stop().await;
}
both_engines!(r_auth_1_cookie_requests_that_change_things_need_the_csrf_token);
