//! Personal data (R-PD-1, R-PD-4): the published policy and its acceptance before
//! anything else, signed acceptance, withdrawal requests and a person's own data.
//! Erasure (R-PD-2) is in privacy_erasure.rs.

mod common;

use common::pki::{Kind, Pki, b64};
use common::privacy::*;
use common::{Caller, TestApp, iin_born};
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn r_pd_1_r_pd_4_the_policy_in_force_is_published_and_accepted_before_anything_else(
    engine: Engine,
) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    // Nothing published: nothing to accept, everything works as before.
    let none = app
        .call(Method::GET, "/api/v1/policy/current", None, None)
        .await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
    assert_eq!(none.code(), "policy-none");
    assert_eq!(
        app.get("/api/v1/users", &admin.token).await.status,
        StatusCode::OK
    );
    // Only an administrator publishes.
    let refused = publish(&app, &inspector, "1.0", "2026-05-18").await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    let bad_date = publish(&app, &admin, "1.0", "18.05.2026").await;
    assert_eq!(bad_date.code(), "policy-date-invalid");
    let published = publish(&app, &admin, "1.0", "2026-05-18").await;
    assert_eq!(published.status, StatusCode::CREATED, "{}", published.body);
    assert_eq!(
        publish(&app, &admin, "1.0", "2026-05-18").await.code(),
        "policy-version-exists"
    );
    // Published for everyone, signed in or not, in Kazakh and Russian.
    let current = app
        .call(Method::GET, "/api/v1/policy/current", None, None)
        .await;
    assert_eq!(current.status, StatusCode::OK);
    assert_eq!(current.body["version"], "1.0");
    assert_eq!(current.body["effective_from"], "2026-05-18");
    assert_eq!(current.body["text_kk"], policy_text().trim());
    assert!(
        current.body["text_ru"]
            .as_str()
            .unwrap()
            .contains("русский")
    );
    assert_eq!(current.body["sha256"].as_str().unwrap().len(), 64);
    // Now every other call asks for consent first, in the caller's language.
    for who in [&admin, &inspector] {
        let blocked = app
            .call_with(
                Method::GET,
                "/api/v1/objects",
                Some(&who.token),
                None,
                &[("accept-language", "ru")],
            )
            .await;
        assert_eq!(blocked.status, StatusCode::FORBIDDEN);
        assert_eq!(blocked.code(), "consent-required");
        assert_eq!(blocked.body["params"]["version"], "1.0");
        assert!(blocked.title().contains("политики"), "{}", blocked.title());
    }
    // … except who am I, my data, the policy itself and a withdrawal request.
    assert_eq!(
        app.get("/api/v1/me", &inspector.token).await.status,
        StatusCode::OK
    );
    assert_eq!(
        app.get("/api/v1/me/data", &inspector.token).await.status,
        StatusCode::OK
    );
    // An old or unknown version is not what is asked for.
    let wrong = app
        .post(
            "/api/v1/policy/accept",
            &inspector.token,
            json!({ "version": "0.9" }),
        )
        .await;
    assert_eq!(wrong.code(), "policy-version-not-current");
    assert_eq!(wrong.body["params"]["version"], "1.0");
    let accepted = app
        .call_with(
            Method::POST,
            "/api/v1/policy/accept",
            Some(&inspector.token),
            Some(json!({ "version": "1.0" })),
            &[("x-device-id", "tablet-7")],
        )
        .await;
    assert_eq!(accepted.status, StatusCode::CREATED, "{}", accepted.body);
    assert_eq!(accepted.body["method"], "electronic");
    assert_eq!(accepted.body["device_id"], "tablet-7");
    assert_eq!(
        app.get("/api/v1/objects", &inspector.token).await.status,
        StatusCode::OK
    );
    // The administrator still has to accept for themselves.
    assert_eq!(
        app.get("/api/v1/users", &admin.token).await.code(),
        "consent-required"
    );
    let ok = app
        .post(
            "/api/v1/policy/accept",
            &admin.token,
            json!({ "version": "1.0" }),
        )
        .await;
    assert_eq!(ok.status, StatusCode::CREATED);
    // Recorded and journalled.
    let accepts = journal(&app, &admin, "policy.accept").await;
    assert_eq!(accepts.len(), 2, "{accepts:?}");
    assert!(
        accepts
            .iter()
            .any(|e| e["actor_id"] == inspector.user_id.as_str()
                && e["target_id"] == "1.0"
                && e["device_id"] == "tablet-7")
    );
    let publishes = journal(&app, &admin, "policy.publish").await;
    assert_eq!(publishes.iter().filter(|e| e["outcome"] == "ok").count(), 1);
    assert!(
        publishes
            .iter()
            .any(|e| e["outcome"] == "forbidden" && e["actor_id"] == inspector.user_id.as_str())
    );
    // A new version in force asks again; one published for later can be accepted
    // ahead and asks nobody yet.
    let later = publish(&app, &admin, "3.0", "2099-01-01").await;
    assert_eq!(later.status, StatusCode::CREATED);
    assert_eq!(
        app.get("/api/v1/objects", &inspector.token).await.status,
        StatusCode::OK
    );
    let ahead = app
        .post(
            "/api/v1/policy/accept",
            &inspector.token,
            json!({ "version": "3.0" }),
        )
        .await;
    assert_eq!(ahead.status, StatusCode::CREATED, "{}", ahead.body);
    assert_eq!(
        publish(&app, &admin, "2.0", "2026-06-01").await.status,
        StatusCode::CREATED
    );
    assert_eq!(
        app.get("/api/v1/objects", &inspector.token).await.body["params"]["version"],
        "2.0"
    );
    app.stop().await;
}
both_engines!(r_pd_1_r_pd_4_the_policy_in_force_is_published_and_accepted_before_anything_else);

async fn r_pd_1_acceptance_signed_with_the_e_signature_must_be_the_users_own(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    assert_eq!(
        publish(&app, &admin, "1.0", "2026-05-18").await.status,
        StatusCode::CREATED
    );
    let text = policy_text();
    let text = text.trim().as_bytes();
    let pki = Pki::shared();
    let path = "/api/v1/policy/accept/signature";
    let send = |cms: Vec<u8>| {
        let token = inspector.token.clone();
        let app = &app;
        async move {
            app.post(path, &token, json!({ "version": "1.0", "cms": b64(&cms) }))
                .await
        }
    };
    let stranger = pki.leaf(&iin_born("900202"), Kind::LegalSigning, None);
    assert_eq!(
        send(pki.sign(&stranger, text, true)).await.code(),
        "signature-not-the-user"
    );
    let mine = pki.leaf(&app.iin_of(&inspector).await, Kind::LegalSigning, None);
    assert_eq!(
        send(pki.sign(&mine, b"another text", true)).await.code(),
        "sign-digest-mismatch"
    );
    assert_eq!(
        app.get("/api/v1/objects", &inspector.token).await.code(),
        "consent-required"
    );
    let signed = send(pki.sign(&mine, text, true)).await;
    assert_eq!(signed.status, StatusCode::CREATED, "{}", signed.body);
    assert_eq!(signed.body["method"], "signature");
    assert_eq!(
        app.get("/api/v1/objects", &inspector.token).await.status,
        StatusCode::OK
    );
    let mine = app.get("/api/v1/me/data", &inspector.token).await;
    let consents = mine.body["consents"].as_array().unwrap();
    assert_eq!(consents.len(), 1);
    assert_eq!(consents[0]["signed"], true);
    // Refusals are journalled too.
    let admin_ok = app
        .post(
            "/api/v1/policy/accept",
            &admin.token,
            json!({ "version": "1.0" }),
        )
        .await;
    assert_eq!(admin_ok.status, StatusCode::CREATED);
    let entries = journal(&app, &admin, "policy.accept").await;
    assert!(
        entries
            .iter()
            .any(|e| e["outcome"] == "signature-not-the-user")
    );
    app.stop().await;
}
both_engines!(r_pd_1_acceptance_signed_with_the_e_signature_must_be_the_users_own);

async fn r_pd_1_withdrawal_requests_are_filed_resolved_journalled_and_notified(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let operator = app.create_user(&admin, "operator", &app.root_org).await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    // A policy in force that they have not accepted: filing still works.
    assert_eq!(
        publish(&app, &admin, "1.0", "2026-05-18").await.status,
        StatusCode::CREATED
    );
    app.post(
        "/api/v1/policy/accept",
        &admin.token,
        json!({ "version": "1.0" }),
    )
    .await;
    let file = |who: &Caller| {
        let token = who.token.clone();
        let app = &app;
        async move {
            app.post(
                "/api/v1/privacy/withdrawals",
                &token,
                json!({ "reason": "Дербес деректерімді өңдеуге келісімімді кері қайтарамын" }),
            )
            .await
        }
    };
    let first = file(&operator).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    assert_eq!(first.body["status"], "open");
    assert_eq!(file(&operator).await.code(), "withdrawal-already-open");
    let second = file(&inspector).await;
    assert_eq!(second.status, StatusCode::CREATED);
    // Only administrators see and resolve them.
    app.post(
        "/api/v1/policy/accept",
        &operator.token,
        json!({ "version": "1.0" }),
    )
    .await;
    assert_eq!(
        app.get("/api/v1/privacy/withdrawals", &operator.token)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    let open = app.get("/api/v1/privacy/withdrawals", &admin.token).await;
    assert_eq!(open.body.as_array().unwrap().len(), 2, "{}", open.body);
    let id = first.body["id"].as_str().unwrap();
    let resolve = |id: &str, body: Value| {
        let path = format!("/api/v1/privacy/withdrawals/{id}/resolve");
        let token = admin.token.clone();
        let app = &app;
        async move { app.post(&path, &token, body).await }
    };
    assert_eq!(
        resolve(id, json!({ "outcome": "rejected" })).await.code(),
        "withdrawal-comment-required"
    );
    assert_eq!(
        resolve(id, json!({ "outcome": "forgotten" })).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let rejected = resolve(
        id,
        json!({ "outcome": "rejected", "comment": "Қол қойылған актілер заң бойынша сақталады" }),
    )
    .await;
    assert_eq!(rejected.status, StatusCode::OK, "{}", rejected.body);
    assert_eq!(rejected.body["status"], "rejected");
    assert_eq!(
        resolve(id, json!({ "outcome": "rejected", "comment": "again" }))
            .await
            .code(),
        "withdrawal-not-open"
    );
    // The person learns the outcome in the app.
    let told = app
        .call_with(
            Method::GET,
            "/api/v1/notifications",
            Some(&operator.token),
            None,
            &[("accept-language", "en")],
        )
        .await;
    let told = told.body.as_array().unwrap().clone();
    assert!(
        told.iter().any(|n| n["kind"] == "withdrawal-resolved"
            && n["message"].as_str().unwrap().contains("rejected")),
        "{told:?}"
    );
    // Deactivation ends the inspector's sessions and sign-in.
    let deactivated = resolve(
        second.body["id"].as_str().unwrap(),
        json!({ "outcome": "account-deactivated", "comment": null }),
    )
    .await;
    assert_eq!(deactivated.status, StatusCode::OK, "{}", deactivated.body);
    assert_eq!(
        app.get("/api/v1/me", &inspector.token).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login(&inspector.email, &inspector.password)
            .await
            .code(),
        "auth-account-deactivated"
    );
    // Each step journalled.
    assert_eq!(
        journal(&app, &admin, "privacy.withdrawal.file").await.len(),
        2
    );
    assert_eq!(
        journal(&app, &admin, "privacy.withdrawal.resolve")
            .await
            .len(),
        2
    );
    assert_eq!(journal(&app, &admin, "user.deactivate").await.len(), 1);
    app.stop().await;
}
both_engines!(r_pd_1_withdrawal_requests_are_filed_resolved_journalled_and_notified);

async fn r_pd_1_a_person_sees_and_exports_what_the_system_holds_about_them(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    let from_app = app
        .call_with(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({ "email": inspector.email, "password": inspector.password })),
            &[
                ("x-device-id", "phone-42"),
                ("x-os", "Android 14"),
                ("x-app-version", "1.3.0"),
            ],
        )
        .await;
    assert_eq!(from_app.status, StatusCode::OK);
    let data = app.get("/api/v1/me/data", &inspector.token).await;
    assert_eq!(data.status, StatusCode::OK, "{}", data.body);
    assert_eq!(data.body["profile"]["email"], inspector.email.as_str());
    assert_eq!(data.body["profile"]["surname"], "Сейітқали");
    assert!(data.body["sessions"].as_array().unwrap().len() >= 2);
    let devices = data.body["devices"].as_array().unwrap();
    assert!(devices.iter().any(|d| d["device_id"] == "phone-42"
        && d["os"] == "Android 14"
        && d["app_version"] == "1.3.0"));
    assert!(data.body["consents"].as_array().unwrap().is_empty());
    let export = app
        .http
        .get(format!("{}/api/v1/me/data/export", app.base))
        .bearer_auth(&inspector.token)
        .send()
        .await
        .unwrap();
    assert_eq!(export.status(), StatusCode::OK);
    assert_eq!(export.headers()["content-type"], "application/json");
    let disposition = export.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.starts_with("attachment; filename=\"fito-my-data-"),
        "{disposition}"
    );
    let file: Value = export.json().await.unwrap();
    assert_eq!(file["profile"]["id"], inspector.user_id.as_str());
    // Reads of personal data are journalled.
    assert_eq!(journal(&app, &admin, "privacy.data.read").await.len(), 1);
    assert_eq!(journal(&app, &admin, "privacy.data.export").await.len(), 1);
    app.stop().await;
}
both_engines!(r_pd_1_a_person_sees_and_exports_what_the_system_holds_about_them);
