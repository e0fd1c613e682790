//! Personal data (R-PD-1, R-PD-2, R-PD-4): the published policy and its acceptance
//! before anything else, signed acceptance, withdrawal requests, a person's own
//! data, and erasure by crypto-shredding — with signed acts and the journal still
//! verifiable, and old backups made to forget the person too.

mod common;

use common::pki::{Kind, Pki, b64};
use common::{Caller, TestApp, iin_born, person};
use fito_store::test_support::ConnectionTrait;
use fito_store::{Engine, PoolOptions, Store, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// The operator's published policy (Kazakh), as an administrator would load it.
fn policy_text() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/000_6672490cc0643d72.txt"
    );
    std::fs::read_to_string(path).expect("the policy text in shared/seed")
}

async fn publish(app: &TestApp, admin: &Caller, version: &str, effective: &str) -> common::Answer {
    app.post(
        "/api/v1/policy",
        &admin.token,
        json!({ "version": version, "effective_from": effective, "text_kk": policy_text(),
            "text_ru": "Политика конфиденциальности (русский текст)" }),
    )
    .await
}

async fn journal(app: &TestApp, admin: &Caller, action: &str) -> Vec<Value> {
    let a = app
        .get(
            &format!("/api/v1/audit?action={action}&limit=500"),
            &admin.token,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.body.as_array().unwrap().clone()
}

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

async fn r_pd_2_no_endpoint_deletes_ones_own_account_and_only_administrators_delete(
    engine: Engine,
) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let openapi = app
        .call(Method::GET, "/api/openapi.json", None, None)
        .await
        .body;
    let mut deleting = Vec::new();
    for (path, item) in openapi["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let action = op["x-fito-action"].as_str().unwrap();
            // Nothing a user may do to their own account removes it.
            if action == "self" || action == "public" {
                assert!(
                    !(method == "delete" && (path.contains("/me") || path.contains("/users"))),
                    "{method} {path} would let a person delete their own account"
                );
            }
            if action == "user.delete" {
                deleting.push(format!("{method} {path}"));
            }
        }
    }
    assert_eq!(deleting, ["delete /api/v1/users/{id}"]);
    for role in fito_core::Role::ALL {
        let allowed = fito_core::permission::allowed(role, fito_core::Action::UserDelete);
        assert_eq!(allowed, role == fito_core::Role::Administrator, "{role}");
    }
    // A non-administrator's DELETE, even of their own account, is refused.
    for role in ["head", "inspector", "operator"] {
        let who = app.create_user(&admin, role, &app.root_org).await;
        let own = app
            .call(
                Method::DELETE,
                &format!("/api/v1/users/{}", who.user_id),
                Some(&who.token),
                None,
            )
            .await;
        assert_eq!(own.status, StatusCode::FORBIDDEN, "{role}: {}", own.body);
        assert_eq!(
            app.get("/api/v1/me", &who.token).await.status,
            StatusCode::OK
        );
    }
    // The administrator cannot erase themselves either.
    let me = app
        .call(
            Method::DELETE,
            &format!("/api/v1/users/{}", admin.user_id),
            Some(&admin.token),
            None,
        )
        .await;
    assert_eq!(me.code(), "user-cannot-delete-self");
    app.stop().await;
}
both_engines!(r_pd_2_no_endpoint_deletes_ones_own_account_and_only_administrators_delete);

/// An inspector with details found nowhere else in the test, with a signed act.
async fn inspector_with_signed_act(
    app: &TestApp,
    admin: &Caller,
) -> (Caller, Caller, Value, Value) {
    let head = app.create_user(admin, "head", &app.root_org).await;
    let mut body = person();
    body["surname"] = json!("Жұмабекқызы");
    body["first_name"] = json!("Гүлназира");
    body["patronymic"] = json!("Ерланқызы");
    body["phone"] = json!("+7 702 999 88 77");
    body["role"] = json!("inspector");
    body["organization_id"] = json!(app.root_org);
    let created = app.post("/api/v1/users", &admin.token, body.clone()).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    let inspector = app
        .sign_in_first_time(
            body["email"].as_str().unwrap(),
            created.body["one_time_password"].as_str().unwrap(),
        )
        .await;
    let act = app.approved_act(&inspector, &head).await;
    let signed = app.sign_act(&inspector, &act).await;
    assert_eq!(signed.status, StatusCode::OK, "{}", signed.body);
    (inspector, head, signed.body, body)
}

fn sqlite_path(url: &str) -> std::path::PathBuf {
    std::path::PathBuf::from(url.trim_start_matches("sqlite://"))
}

/// The database file and its WAL as bytes (SQLite), for a raw search.
fn sqlite_bytes(url: &str) -> Vec<u8> {
    let path = sqlite_path(url);
    let mut bytes = std::fs::read(&path).unwrap();
    if let Ok(wal) = std::fs::read(format!("{}-wal", path.display())) {
        bytes.extend(wal);
    }
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// A copy of the database as a backup would hold it, opened as a store with the
/// instance's master key (R-PD-2).
async fn backup_copy(app: &TestApp, dir: &std::path::Path) -> (Store, Option<String>) {
    let (store, name) = copy_database(app, dir).await;
    fito_server::app::bootstrap::privacy_keys(&store, &common::test_config(&app.db))
        .await
        .unwrap();
    (store, name)
}

async fn copy_database(app: &TestApp, dir: &std::path::Path) -> (Store, Option<String>) {
    match app.db.engine {
        Engine::Sqlite => {
            let path = dir.join("backup.db");
            app.store
                .writer()
                .execute_unprepared(&format!("VACUUM INTO '{}'", path.display()))
                .await
                .unwrap();
            let url = format!("sqlite://{}", path.display());
            (
                Store::connect(&url, &PoolOptions::default()).await.unwrap(),
                None,
            )
        }
        Engine::Postgres => {
            let name = format!("fito_backup_{}", uuid::Uuid::now_v7().simple());
            app.store
                .writer()
                .execute_unprepared(&format!("CREATE DATABASE {name}"))
                .await
                .unwrap();
            let base = app.db.url.rsplit_once('/').unwrap().0;
            let copy = format!("{base}/{name}");
            let out = std::process::Command::new("sh")
                .arg("-c")
                .arg(format!(
                    "pg_dump --no-owner --no-privileges '{}' | psql -q -v ON_ERROR_STOP=1 '{copy}'",
                    app.db.url
                ))
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            (
                Store::connect(&copy, &PoolOptions::default())
                    .await
                    .unwrap(),
                Some(name),
            )
        }
    }
}

async fn r_pd_2_deletion_crypto_shreds_the_person_while_signed_acts_and_the_journal_stay(
    engine: Engine,
) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let (inspector, head, act, details) = inspector_with_signed_act(&app, &admin).await;
    let id = inspector.user_id.clone();
    let iin = app.iin_of(&inspector).await;
    let email = inspector.email.clone();
    let needles = [
        email.clone(),
        iin.clone(),
        "Жұмабекқызы".to_string(),
        "Гүлназира".to_string(),
        "Ерланқызы".to_string(),
        "+7 702 999 88 77".to_string(),
    ];
    // Even before erasure the personal fields are not stored in clear (R-PD-2).
    assert!(
        fito_store::test_support::columns_containing(&app.store, &email)
            .await
            .is_empty()
    );
    assert!(
        fito_store::test_support::columns_containing(&app.store, &iin)
            .await
            .iter()
            .all(|c| !c.starts_with("users.")),
    );
    // Sign-in by e-mail and lookups by IIN still work (blind indexes).
    assert_eq!(
        app.login(&email, &inspector.password).await.status,
        StatusCode::OK
    );
    assert_eq!(details["surname"], "Жұмабекқызы");
    let shown = app.get(&format!("/api/v1/users/{id}"), &admin.token).await;
    assert_eq!(shown.body["surname"], "Жұмабекқызы");
    // A backup taken now.
    let dir = tempfile::tempdir().unwrap();
    let (backup, backup_name) = backup_copy(&app, dir.path()).await;
    // Heads may not erase; the administrator does.
    let refused = app
        .call(
            Method::DELETE,
            &format!("/api/v1/users/{id}"),
            Some(&head.token),
            None,
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let erased = app
        .call(
            Method::DELETE,
            &format!("/api/v1/users/{id}"),
            Some(&admin.token),
            None,
        )
        .await;
    assert_eq!(erased.status, StatusCode::NO_CONTENT, "{}", erased.body);
    // Gone for the system: sessions ended, sign-in impossible, record not found.
    assert_eq!(
        app.get("/api/v1/me", &inspector.token).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.login(&email, &inspector.password).await.code(),
        "auth-invalid-credentials"
    );
    assert_eq!(
        app.get(&format!("/api/v1/users/{id}"), &admin.token)
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    let again = app
        .call(
            Method::DELETE,
            &format!("/api/v1/users/{id}"),
            Some(&admin.token),
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
    // Nowhere in the database: no column of any table, and (SQLite) no byte of the
    // file or its WAL.
    for needle in &needles {
        let hits = fito_store::test_support::columns_containing(&app.store, needle).await;
        assert!(hits.is_empty(), "{needle} is still in {hits:?}");
    }
    if engine == Engine::Sqlite {
        app.store
            .writer()
            .execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
            .await
            .unwrap();
        let bytes = sqlite_bytes(&app.db.url);
        for needle in &needles {
            assert!(
                !contains(&bytes, needle),
                "{needle} is in the database file"
            );
        }
    }
    // The erasure is recorded (id and time only) and journalled.
    let recorded = fito_store::privacy::erasures(app.store.reader())
        .await
        .unwrap();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].0.to_string(), id);
    let journalled: Vec<Value> = journal(&app, &admin, "user.delete")
        .await
        .into_iter()
        .filter(|e| e["outcome"] == "ok")
        .collect();
    assert_eq!(journalled.len(), 1);
    assert_eq!(journalled[0]["target_id"], id.as_str());
    // The signed act stays: its PDF and CMS still verify with openssl.
    let act_id = act["id"].as_str().unwrap();
    let fetch = |path: String| {
        let token = head.token.clone();
        let app = &app;
        async move {
            app.http
                .get(format!("{}{path}", app.base))
                .bearer_auth(token)
                .send()
                .await
                .unwrap()
                .bytes()
                .await
                .unwrap()
                .to_vec()
        }
    };
    let pdf = fetch(format!("/api/v1/acts/{act_id}/pdf")).await;
    let p7s = fetch(format!("/api/v1/acts/{act_id}/signature.p7s")).await;
    let work = tempfile::tempdir().unwrap();
    std::fs::write(work.path().join("act.pdf"), &pdf).unwrap();
    std::fs::write(work.path().join("act.p7s"), &p7s).unwrap();
    let out = std::process::Command::new("openssl")
        .args([
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            "act.p7s",
            "-content",
            "act.pdf",
            "-purpose",
            "any",
            "-out",
            "/dev/null",
            "-CAfile",
        ])
        .arg(Pki::shared().ca())
        .current_dir(work.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "openssl: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let info = app
        .get(&format!("/api/v1/acts/{act_id}/signature"), &head.token)
        .await;
    assert_eq!(info.body["verifies"], true, "{}", info.body);
    assert_eq!(
        app.get(&format!("/api/v1/acts/{act_id}"), &head.token)
            .await
            .status,
        StatusCode::OK
    );
    // The journal is untouched and its chain verifies.
    let report = fito_store::audit::verify(&app.store).await.unwrap();
    assert!(
        report.first_break.is_none(),
        "{:?}",
        report.first_break.map(|b| b.seq)
    );
    // The backup from before still knows the person, until the recorded erasures are
    // applied to it (what `fito restore` does); then it does not.
    let person = uuid::Uuid::parse_str(&id).unwrap();
    let before = fito_store::users::get(backup.reader(), person)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(before.email, email);
    fito_store::privacy::apply_erasures(backup.writer(), &[person])
        .await
        .unwrap();
    fito_store::privacy::apply_erasures(backup.writer(), &[person])
        .await
        .unwrap();
    let after = fito_store::users::get(backup.reader(), person)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.status, "deleted");
    assert!(after.email.starts_with("erased:") && after.iin.is_none());
    for needle in &needles {
        let hits = fito_store::test_support::columns_containing(&backup, needle).await;
        assert!(
            hits.is_empty(),
            "{needle} is still in the backup's {hits:?}"
        );
    }
    assert!(
        fito_store::audit::verify(&backup)
            .await
            .unwrap()
            .first_break
            .is_none()
    );
    backup.close().await;
    if let Some(name) = backup_name {
        let _ = app
            .store
            .writer()
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name}"))
            .await;
    }
    app.stop().await;
}
both_engines!(r_pd_2_deletion_crypto_shreds_the_person_while_signed_acts_and_the_journal_stay);

async fn r_pd_2_a_withdrawal_resolved_by_deletion_erases_the_account(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let operator = app.create_user(&admin, "operator", &app.root_org).await;
    let filed = app
        .post(
            "/api/v1/privacy/withdrawals",
            &operator.token,
            json!({ "reason": "Менің деректерімді жойыңыз" }),
        )
        .await;
    let resolved = app
        .post(
            &format!(
                "/api/v1/privacy/withdrawals/{}/resolve",
                filed.body["id"].as_str().unwrap()
            ),
            &admin.token,
            json!({ "outcome": "account-deleted", "comment": "Жойылды" }),
        )
        .await;
    assert_eq!(resolved.status, StatusCode::OK, "{}", resolved.body);
    assert_eq!(resolved.body["status"], "account-deleted");
    assert_eq!(
        app.get("/api/v1/me", &operator.token).await.status,
        StatusCode::UNAUTHORIZED
    );
    assert!(
        fito_store::test_support::columns_containing(&app.store, &operator.email)
            .await
            .is_empty()
    );
    assert!(
        fito_store::test_support::columns_containing(&app.store, "Менің деректерімді")
            .await
            .is_empty()
    );
    assert_eq!(journal(&app, &admin, "user.delete").await.len(), 1);
    app.stop().await;
}
both_engines!(r_pd_2_a_withdrawal_resolved_by_deletion_erases_the_account);
