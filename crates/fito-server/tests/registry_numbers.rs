//! Act registry numbers unique nationally (R-ACT-2, issue 15): every number carries
//! its organisation's code, set by an administrator or given at the organisation's
//! first numbered act; the format is configurable; numbers given stay.

mod common;

use common::{Caller, TestApp};
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

async fn org(app: &TestApp, admin: &Caller, name: &str, code: Option<&str>) -> common::Answer {
    app.post(
        "/api/v1/organizations",
        &admin.token,
        json!({ "parent_id": app.root_org, "name_kk": name, "name_ru": name, "code": code }),
    )
    .await
}

async fn set_code(app: &TestApp, admin: &Caller, id: &str, code: &str) -> common::Answer {
    app.call(
        Method::PATCH,
        &format!("/api/v1/organizations/{id}"),
        Some(&admin.token),
        Some(json!({ "code": code })),
    )
    .await
}

/// The number of an act of an inspector of `org`, approved by a head there.
async fn number_in(app: &TestApp, admin: &Caller, org: &str) -> String {
    numbered(app, admin, org).await.0
}

/// The number, the act's id, and its head.
async fn numbered(app: &TestApp, admin: &Caller, org: &str) -> (String, String, Caller) {
    let inspector = app.create_user(admin, "inspector", org).await;
    let head = app.create_user(admin, "head", org).await;
    let act: Value = app.approved_act(&inspector, &head).await;
    (
        act["registry_number"].as_str().unwrap().to_string(),
        act["id"].as_str().unwrap().to_string(),
        head,
    )
}

async fn issue_15_registry_numbers_differ_between_organisations(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    // Codes are Latin capitals and digits, and unique.
    let bad = org(&app, &admin, "Bad", Some("АКМ-1")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(bad.code(), "organization-code-invalid");
    let akmola = org(&app, &admin, "Akmola", Some("akm")).await;
    assert_eq!(akmola.status, StatusCode::CREATED, "{}", akmola.body);
    assert_eq!(akmola.body["code"], "AKM");
    let twice = org(&app, &admin, "Again", Some("AKM")).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);
    assert_eq!(twice.code(), "organization-code-taken");
    let almaty = org(&app, &admin, "Almaty", None).await;
    assert_eq!(almaty.body["code"], Value::Null);
    let (akmola, almaty) = (
        akmola.body["id"].as_str().unwrap().to_string(),
        almaty.body["id"].as_str().unwrap().to_string(),
    );
    // The first act of each organisation: the same count, different numbers.
    let a1 = number_in(&app, &admin, &akmola).await;
    let (b1, b1_id, b_head) = numbered(&app, &admin, &almaty).await;
    let year = &a1["AKM-".len().."AKM-".len() + 4];
    assert_eq!(a1, format!("AKM-{year}/000001"));
    // Almaty had no code: it got the first free one at its first numbered act.
    assert_eq!(b1, format!("02-{year}/000001"));
    let shown = app
        .get(&format!("/api/v1/organizations/{almaty}"), &admin.token)
        .await;
    assert_eq!(shown.body["code"], "02");
    assert_eq!(
        set_code(&app, &admin, &akmola, "02").await.code(),
        "organization-code-taken"
    );
    // A new code applies to new numbers; numbers already given stay.
    let renamed = set_code(&app, &admin, &almaty, "ALA").await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);
    let b2 = number_in(&app, &admin, &almaty).await;
    assert_eq!(b2, format!("ALA-{year}/000002"));
    let first = app
        .get(&format!("/api/v1/acts/{b1_id}"), &b_head.token)
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(first.body["registry_number"], b1.as_str());
    app.stop().await;
}
both_engines!(issue_15_registry_numbers_differ_between_organisations);

async fn issue_15_the_registry_number_format_is_configurable(engine: Engine) {
    let app = TestApp::start_with(engine, |c| {
        c.acts.registry_number_format = "{year}.{org}.{seq}".into();
        c.acts.registry_seq_digits = 4;
    })
    .await;
    let admin = app.admin().await;
    let region = org(&app, &admin, "Turkistan", Some("TRK")).await;
    let region = region.body["id"].as_str().unwrap().to_string();
    let number = number_in(&app, &admin, &region).await;
    let (year, rest) = number.split_once('.').unwrap();
    assert_eq!(year.len(), 4, "{number}");
    assert_eq!(rest, "TRK.0001");
    app.stop().await;
}
both_engines!(issue_15_the_registry_number_format_is_configurable);
