//! Accounts and sign-in through the real HTTP API, on both engines.

mod common;

use fito_store::both_engines;

use common::{TestApp, iin_born, iin_born_2000s, person};
use fito_store::Engine;
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

async fn r_user_2_self_registration_waits_for_an_administrator(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let region = app.create_org(&admin, &app.root_org, "Ақмола облысы").await;
    let mut body = person();
    body["password"] = json!("my own long password");
    body["organization_id"] = json!(region);
    let email = body["email"].as_str().unwrap().to_string();
    let reg = app
        .call(Method::POST, "/api/v1/register", None, Some(body))
        .await;
    assert_eq!(reg.status, StatusCode::CREATED, "{}", reg.body);
    assert_eq!(
        (reg.body["status"].as_str(), reg.body["role"].as_str()),
        (Some("pending"), None)
    );
    let id = reg.body["id"].as_str().unwrap();
    let pending = app.login(&email, "my own long password").await;
    assert_eq!(
        (pending.status, pending.code()),
        (StatusCode::FORBIDDEN, "auth-account-pending")
    );
    let pending_list = app.get("/api/v1/users?status=pending", &admin.token).await;
    assert!(
        pending_list
            .body
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["id"] == id)
    );
    let bad_role = app
        .post(
            &format!("/api/v1/users/{id}/activate"),
            &admin.token,
            json!({ "role": "superuser" }),
        )
        .await;
    assert_eq!(bad_role.code(), "role-unknown");
    let activated = app
        .post(
            &format!("/api/v1/users/{id}/activate"),
            &admin.token,
            json!({ "role": "inspector" }),
        )
        .await;
    assert_eq!(activated.status, StatusCode::OK, "{}", activated.body);
    assert_eq!(
        (
            activated.body["status"].as_str(),
            activated.body["role"].as_str()
        ),
        (Some("active"), Some("inspector"))
    );
    assert_eq!(activated.body["organization_id"], region.as_str());
    let again = app
        .post(
            &format!("/api/v1/users/{id}/activate"),
            &admin.token,
            json!({ "role": "inspector" }),
        )
        .await;
    assert_eq!(again.code(), "user-already-active");
    let ok = app.login(&email, "my own long password").await;
    assert_eq!(ok.status, StatusCode::OK);
    assert_eq!(
        ok.body["user"]["must_change_password"], false,
        "a password the person chose is not one-time"
    );
    app.stop().await;
}
both_engines!(r_user_2_self_registration_waits_for_an_administrator);

async fn r_user_3_invalid_iin_and_minors_are_refused_in_the_callers_language(engine: Engine) {
    let app = TestApp::start(engine).await;
    let users_before = app.user_count().await;
    let audit_before = app.audit_count().await;
    let register = |iin: String, lang: &'static str| {
        let mut body = person();
        body["iin"] = json!(iin);
        body["password"] = json!("my own long password");
        let app = &app;
        async move {
            app.call_with(
                Method::POST,
                "/api/v1/register",
                None,
                Some(body),
                &[("accept-language", lang)],
            )
            .await
        }
    };
    let mut bad_checksum = iin_born("900101");
    let last = bad_checksum.pop().unwrap().to_digit(10).unwrap();
    bad_checksum.push(char::from_digit((last + 1) % 10, 10).unwrap());
    let kk = register(bad_checksum.clone(), "kk").await;
    assert_eq!(
        (kk.status, kk.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "iin-checksum")
    );
    assert!(kk.title().contains("ЖСН"), "{}", kk.title());
    let ru = register(bad_checksum.clone(), "ru-RU,ru;q=0.9").await;
    assert!(ru.title().contains("ИИН недействителен"), "{}", ru.title());
    let en = register(bad_checksum, "en").await;
    assert!(en.title().contains("check digit"), "{}", en.title());
    assert_eq!(en.headers["content-type"], "application/problem+json");

    // Born 2010-05-01: a minor in 2026.
    let minor = register(iin_born_2000s("100501"), "en").await;
    assert_eq!(
        (minor.status, minor.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "iin-underage")
    );
    assert!(minor.title().contains("18"));
    let short = register("12345".into(), "kk").await;
    assert_eq!(short.code(), "iin-format");
    assert_eq!(app.user_count().await, users_before, "nothing was written");
    assert_eq!(app.audit_count().await, audit_before);
    app.stop().await;
}
both_engines!(r_user_3_invalid_iin_and_minors_are_refused_in_the_callers_language);

async fn r_user_1_administrator_creates_people_with_every_field(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let region = app
        .create_org(&admin, &app.root_org, "Қостанай облысы")
        .await;
    let mut body = person();
    body["role"] = json!("head");
    body["organization_id"] = json!(region);
    let created = app.post("/api/v1/users", &admin.token, body.clone()).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let user = &created.body["user"];
    for field in [
        "surname",
        "first_name",
        "patronymic",
        "email",
        "iin",
        "position",
    ] {
        assert_eq!(user[field], body[field], "{field}");
    }
    assert_eq!(user["phone"], "+77015551234", "phone is normalised");
    assert_eq!(
        (user["role"].as_str(), user["status"].as_str()),
        (Some("head"), Some("active"))
    );
    assert!(user["certificate"].is_null(), "no e-signature used yet");
    let id = user["id"].as_str().unwrap();
    let read = app.get(&format!("/api/v1/users/{id}"), &admin.token).await;
    assert_eq!(read.body["iin"], body["iin"]);

    let mut same_email = body.clone();
    same_email["iin"] = json!(iin_born("750607"));
    let same_email = app.post("/api/v1/users", &admin.token, same_email).await;
    assert_eq!(
        (same_email.status, same_email.code()),
        (StatusCode::CONFLICT, "email-taken")
    );
    let mut same_iin = body.clone();
    same_iin["email"] = json!("other.person@fito.kz");
    assert_eq!(
        app.post("/api/v1/users", &admin.token, same_iin)
            .await
            .code(),
        "iin-taken"
    );

    let patched = app
        .call(
            Method::PATCH,
            &format!("/api/v1/users/{id}"),
            Some(&admin.token),
            Some(json!({ "position": "Басқарма басшысы", "phone": "8 (702) 000 11 22" })),
        )
        .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    assert_eq!(
        (
            patched.body["position"].as_str(),
            patched.body["phone"].as_str()
        ),
        (Some("Басқарма басшысы"), Some("+77020001122"))
    );
    let role = app
        .call(
            Method::PUT,
            &format!("/api/v1/users/{id}/role"),
            Some(&admin.token),
            Some(json!({ "role": "operator" })),
        )
        .await;
    assert_eq!(role.body["role"], "operator");
    let own = app
        .call(
            Method::PUT,
            &format!("/api/v1/users/{}/role", admin.user_id),
            Some(&admin.token),
            Some(json!({ "role": "operator" })),
        )
        .await;
    assert_eq!(own.code(), "user-cannot-change-own-role");
    app.stop().await;
}
both_engines!(r_user_1_administrator_creates_people_with_every_field);

async fn r_pd_2_deactivation_blocks_sign_in_and_ends_sessions(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    assert_eq!(
        app.get("/api/v1/me", &inspector.token).await.status,
        StatusCode::OK
    );
    let done = app
        .post(
            &format!("/api/v1/users/{}/deactivate", inspector.user_id),
            &admin.token,
            json!({}),
        )
        .await;
    assert_eq!(
        (done.status, done.body["status"].as_str()),
        (StatusCode::OK, Some("deactivated"))
    );
    assert_eq!(
        app.get("/api/v1/me", &inspector.token).await.status,
        StatusCode::UNAUTHORIZED
    );
    let login = app.login(&inspector.email, &inspector.password).await;
    assert_eq!(
        (login.status, login.code()),
        (StatusCode::FORBIDDEN, "auth-account-deactivated")
    );
    let own = app
        .post(
            &format!("/api/v1/users/{}/deactivate", admin.user_id),
            &admin.token,
            json!({}),
        )
        .await;
    assert_eq!(own.code(), "user-cannot-deactivate-self");
    // Reactivation restores access; the data was kept.
    let back = app
        .post(
            &format!("/api/v1/users/{}/activate", inspector.user_id),
            &admin.token,
            json!({ "role": "inspector" }),
        )
        .await;
    assert_eq!(back.status, StatusCode::OK);
    assert_eq!(
        app.login(&inspector.email, &inspector.password)
            .await
            .status,
        StatusCode::OK
    );
    app.stop().await;
}
both_engines!(r_pd_2_deactivation_blocks_sign_in_and_ends_sessions);

async fn r_org_1_people_see_their_subtree_and_never_a_siblings(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let north = app.create_org(&admin, &app.root_org, "Солтүстік").await;
    let north_district = app.create_org(&admin, &north, "Аудан").await;
    let south = app.create_org(&admin, &app.root_org, "Оңтүстік").await;
    let head_north = app.create_user(&admin, "head", &north).await;
    let inspector_district = app.create_user(&admin, "inspector", &north_district).await;
    let inspector_south = app.create_user(&admin, "inspector", &south).await;

    let seen = app.get("/api/v1/users", &head_north.token).await;
    let ids: Vec<&str> = seen
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|u| u["id"].as_str())
        .collect();
    assert!(ids.contains(&inspector_district.user_id.as_str()));
    assert!(!ids.contains(&inspector_south.user_id.as_str()));
    let sibling = app
        .get(
            &format!("/api/v1/users/{}", inspector_south.user_id),
            &head_north.token,
        )
        .await;
    assert_eq!(
        (sibling.status, sibling.code()),
        (StatusCode::NOT_FOUND, "user-not-found")
    );
    let orgs = app.get("/api/v1/organizations", &head_north.token).await;
    let org_ids: Vec<&str> = orgs
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["id"].as_str())
        .collect();
    assert_eq!(org_ids.len(), 2);
    assert!(org_ids.contains(&north.as_str()) && org_ids.contains(&north_district.as_str()));
    assert_eq!(
        app.get(&format!("/api/v1/organizations/{south}"), &head_north.token)
            .await
            .code(),
        "organization-not-found"
    );
    // A regional administrator manages only their region.
    let admin_north = app.create_user(&admin, "administrator", &north).await;
    let outside = app
        .post(
            &format!("/api/v1/users/{}/deactivate", inspector_south.user_id),
            &admin_north.token,
            json!({}),
        )
        .await;
    assert_eq!(outside.status, StatusCode::NOT_FOUND);
    let mut body = person();
    body["role"] = json!("inspector");
    body["organization_id"] = json!(south);
    assert_eq!(
        app.post("/api/v1/users", &admin_north.token, body)
            .await
            .code(),
        "organization-not-found"
    );
    app.stop().await;
}
both_engines!(r_org_1_people_see_their_subtree_and_never_a_siblings);
