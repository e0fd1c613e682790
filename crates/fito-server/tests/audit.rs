//! The audit journal through the API (R-AUDIT-1).

mod common;

use fito_store::both_engines;

use common::{TestApp, person};
use fito_store::Engine;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn entries(answer: &common::Answer) -> Vec<Value> {
    answer.body.as_array().cloned().unwrap_or_default()
}

async fn r_audit_1_mutations_and_reads_of_personal_data_are_journalled_with_the_device(
    engine: Engine,
) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let device = [
        ("x-device-id", "tablet-7"),
        ("x-os", "Android 14"),
        ("x-app-version", "2.1.0"),
    ];
    let mut body = person();
    body["role"] = json!("inspector");
    body["organization_id"] = json!(app.root_org);
    let created = app
        .call_with(
            Method::POST,
            "/api/v1/users",
            Some(&admin.token),
            Some(body),
            &device,
        )
        .await;
    let id = created.body["user"]["id"].as_str().unwrap().to_string();
    app.call_with(
        Method::GET,
        &format!("/api/v1/users/{id}"),
        Some(&admin.token),
        None,
        &device,
    )
    .await;

    let found = app
        .get(&format!("/api/v1/audit?target_id={id}"), &admin.token)
        .await;
    let lines = entries(&found);
    let actions: Vec<&str> = lines.iter().filter_map(|e| e["action"].as_str()).collect();
    assert_eq!(actions, ["user.read", "user.create"], "newest first");
    for line in &lines {
        assert_eq!(line["actor_id"], admin.user_id.as_str());
        assert_eq!(line["actor_role"], "administrator");
        assert_eq!(line["ip"], "127.0.0.1");
        assert_eq!(
            (
                line["device_id"].as_str(),
                line["os"].as_str(),
                line["app_version"].as_str()
            ),
            (Some("tablet-7"), Some("Android 14"), Some("2.1.0"))
        );
        assert_eq!(line["hash"].as_str().unwrap().len(), 64);
    }
    // The journal keeps which fields changed, never the personal values.
    app.call(
        Method::PATCH,
        &format!("/api/v1/users/{id}"),
        Some(&admin.token),
        Some(json!({ "surname": "Жаңа" })),
    )
    .await;
    let update = entries(
        &app.get(
            &format!("/api/v1/audit?target_id={id}&action=user.update"),
            &admin.token,
        )
        .await,
    );
    assert_eq!(update[0]["details"]["fields"], json!(["surname"]));
    assert!(!update[0].to_string().contains("Жаңа"));
    // Lists of people are journalled with the ids shown.
    app.get("/api/v1/users", &admin.token).await;
    let listed = entries(
        &app.get("/api/v1/audit?action=user.list", &admin.token)
            .await,
    );
    assert!(
        listed[0]["details"]["ids"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v == id.as_str())
    );
    // Sign-ins, good and bad, are journalled too.
    app.login(&admin.email, "wrong password").await;
    let logins = entries(
        &app.get("/api/v1/audit?action=auth.login", &admin.token)
            .await,
    );
    assert_eq!(logins[0]["outcome"], "auth-invalid-credentials");
    assert!(logins.iter().any(|e| e["outcome"] == "ok"));
    app.stop().await;
}
both_engines!(r_audit_1_mutations_and_reads_of_personal_data_are_journalled_with_the_device);

async fn r_audit_1_refused_attempts_are_journalled(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let operator = app.create_user(&admin, "operator", &app.root_org).await;
    assert_eq!(
        app.get("/api/v1/audit", &operator.token).await.status,
        StatusCode::FORBIDDEN
    );
    // Refusals are written without holding up the answer: poll briefly.
    let mut found = Vec::new();
    for _ in 0..50 {
        found = entries(
            &app.get(
                &format!(
                    "/api/v1/audit?actor_id={}&action=audit.read",
                    operator.user_id
                ),
                &admin.token,
            )
            .await,
        );
        if !found.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert_eq!(found[0]["outcome"], "forbidden");
    assert_eq!(found[0]["actor_role"], "operator");
    app.stop().await;
}
both_engines!(r_audit_1_refused_attempts_are_journalled);

async fn r_audit_1_administrators_search_page_and_export_the_journal(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    for i in 0..12 {
        app.create_org(&admin, &app.root_org, &format!("Office {i}"))
            .await;
    }
    let first = entries(
        &app.get("/api/v1/audit?action=org.create&limit=5", &admin.token)
            .await,
    );
    assert_eq!(first.len(), 5);
    let before = first[4]["seq"].as_i64().unwrap();
    let second = entries(
        &app.get(
            &format!("/api/v1/audit?action=org.create&limit=5&before_seq={before}"),
            &admin.token,
        )
        .await,
    );
    assert_eq!(second.len(), 5);
    assert!(second.iter().all(|e| e["seq"].as_i64().unwrap() < before));
    let now = chrono::Utc::now();
    let future =
        (now + chrono::Duration::hours(1)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let none = entries(
        &app.get(
            &format!("/api/v1/audit?from={}", urlencode(&future)),
            &admin.token,
        )
        .await,
    );
    assert!(none.is_empty());

    let export = app
        .http
        .get(format!(
            "{}/api/v1/audit/export?action=org.create",
            app.base
        ))
        .bearer_auth(&admin.token)
        .send()
        .await
        .unwrap();
    assert_eq!(export.headers()["content-type"], "application/x-ndjson");
    let text = export.text().await.unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 12);
    assert!(lines.iter().all(|l| l["action"] == "org.create"));

    let verify = app.get("/api/v1/audit/verify", &admin.token).await;
    assert_eq!(verify.body["intact"], true, "{}", verify.body);
    assert_eq!(verify.body["entries"], verify.body["head_seq"]);
    let head = app.get("/api/v1/audit?limit=1", &admin.token).await;
    assert!(verify.body["head_seq"].as_i64().unwrap() <= head.body[0]["seq"].as_i64().unwrap());
    app.stop().await;
}
both_engines!(r_audit_1_administrators_search_page_and_export_the_journal);

fn urlencode(s: &str) -> String {
    s.replace('+', "%2B").replace(':', "%3A")
}
