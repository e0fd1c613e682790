//! The privacy policy and the journal as the privacy tests read them (R-PD-1, R-PD-4).

use super::{Answer, Caller, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The operator's published policy (Kazakh), as an administrator would load it.
pub fn policy_text() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/seed/000_6672490cc0643d72.txt"
    );
    std::fs::read_to_string(path).expect("the policy text in shared/seed")
}

pub async fn publish(app: &TestApp, admin: &Caller, version: &str, effective: &str) -> Answer {
    app.post(
        "/api/v1/policy",
        &admin.token,
        json!({ "version": version, "effective_from": effective, "text_kk": policy_text(),
            "text_ru": "Политика конфиденциальности (русский текст)" }),
    )
    .await
}

pub async fn journal(app: &TestApp, admin: &Caller, action: &str) -> Vec<Value> {
    let a = app
        .get(
            &format!("/api/v1/audit?action={action}&limit=500"),
            &admin.token,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.body.as_array().unwrap().clone()
}
