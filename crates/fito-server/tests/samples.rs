//! Issue 14: laboratory samples from field to result. A sample is taken with a
//! finding, referred to a laboratory, received, and its result flows back in the
//! same transaction: a quarantine organism confirms the finding, marks the object
//! and tells the Heads; a negative result marks the finding not confirmed.

mod common;

use common::fieldwork::{Team, new_survey, ordinary_organism, team};
use common::{Answer, Caller, TestApp};
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn take_body(survey: &str, number: &str) -> Value {
    json!({ "id": uuid::Uuid::now_v7(), "number": number, "survey_id": survey, "finding_seq": 1,
        "what": "Зақымданған жапырақтар", "quantity": 20.0, "unit": "дана",
        "lat": 51.101, "lon": 71.401, "taken_at": "2026-06-10T05:35:00Z" })
}

async fn kinds(app: &TestApp, who: &Caller) -> Vec<String> {
    let a = app.get("/api/v1/notifications", &who.token).await;
    a.body
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_string())
        .collect()
}

/// A laboratory object of the register, made by the team's operator.
async fn laboratory(app: &TestApp, t: &Team) -> String {
    let a = app
        .post(
            "/api/v1/objects",
            &t.operator.token,
            json!({ "type": "laboratory", "name": "Облыстық карантин зертханасы",
                "geometry": { "type": "Point", "coordinates": [71.45, 51.16] } }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    a.body["id"].as_str().unwrap().to_string()
}

async fn step(app: &TestApp, who: &Caller, s: &Value, step: &str, mut body: Value) -> Answer {
    body["version"] = s["version"].clone();
    let id = s["id"].as_str().unwrap();
    app.post(&format!("/api/v1/samples/{id}/{step}"), &who.token, body)
        .await
}

/// A sample taken, referred and received: ready for its result, with the report.
async fn received(app: &TestApp, t: &Team, survey: &str, number: &str) -> (Value, String) {
    let s = app
        .post(
            "/api/v1/samples",
            &t.inspector.token,
            take_body(survey, number),
        )
        .await;
    assert_eq!(s.status, StatusCode::CREATED, "{}", s.body);
    let lab = laboratory(app, t).await;
    let sent = step(
        app,
        &t.inspector,
        &s.body,
        "refer",
        json!({ "laboratory_object_id": lab, "referral_number": "ЗЖ-2026/15" }),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let got = step(app, &t.operator, &sent.body, "receive", json!({})).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    let id = s.body["id"].as_str().unwrap();
    let doc = app
        .call_raw(
            &format!("/api/v1/samples/{id}/documents?name=report.pdf"),
            &t.operator.token,
            PDF.to_vec(),
        )
        .await;
    assert_eq!(doc.status, StatusCode::CREATED, "{}", doc.body);
    (got.body, doc.body["id"].as_str().unwrap().to_string())
}

fn result_body(organism: Option<&str>, report: &str) -> Value {
    json!({ "organism": organism, "method": "ПТР", "conclusion_number": "ЗҚ-88",
        "conclusion_date": "2026-06-20", "report_document_id": report })
}

async fn issue_14_sample_taken_referred_received_and_its_result_confirms_the_finding(
    engine: Engine,
) {
    // Every referral is overdue at once: the Head's list shows it until the result.
    let app = TestApp::start_with(engine, |c| c.sample_overdue_days = 0).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    let survey = new_survey(&app, &t).await;
    let body = take_body(&survey, "Ү-2026-001");
    let s = app
        .post("/api/v1/samples", &t.inspector.token, body.clone())
        .await;
    assert_eq!(s.status, StatusCode::CREATED, "{}", s.body);
    assert_eq!(s.body["status"], "taken");
    assert_eq!(s.body["organism"], "ACLRGL");
    assert_eq!(s.body["object_id"], t.field.as_str());
    // The field app sends it again: the same sample.
    let again = app.post("/api/v1/samples", &t.inspector.token, body).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.body);
    assert_eq!(again.body["id"], s.body["id"]);
    let dup = app
        .post(
            "/api/v1/samples",
            &t.inspector.token,
            take_body(&survey, "Ү-2026-001"),
        )
        .await;
    assert_eq!(dup.status, StatusCode::CONFLICT, "{}", dup.body);
    assert_eq!(dup.code(), "sample-number-taken");
    let head_takes = app
        .post(
            "/api/v1/samples",
            &t.head.token,
            take_body(&survey, "Ү-2026-002"),
        )
        .await;
    assert_eq!(
        head_takes.status,
        StatusCode::FORBIDDEN,
        "{}",
        head_takes.body
    );

    let lab = laboratory(&app, &t).await;
    let no_lab = step(&app, &t.inspector, &s.body, "refer", json!({})).await;
    assert_eq!(
        no_lab.code(),
        "sample-laboratory-required",
        "{}",
        no_lab.body
    );
    let sent = step(
        &app,
        &t.inspector,
        &s.body,
        "refer",
        json!({ "laboratory_object_id": lab }),
    )
    .await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    assert_eq!(sent.body["status"], "sent");
    let overdue = app.get("/api/v1/samples?overdue=true", &t.head.token).await;
    assert_eq!(overdue.body[0]["id"], s.body["id"], "{}", overdue.body);

    let by_inspector = step(&app, &t.inspector, &sent.body, "receive", json!({})).await;
    assert_eq!(
        by_inspector.status,
        StatusCode::FORBIDDEN,
        "{}",
        by_inspector.body
    );
    let got = step(&app, &t.operator, &sent.body, "receive", json!({})).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    assert_eq!(got.body["status"], "received");
    let twice = step(&app, &t.operator, &got.body, "receive", json!({})).await;
    assert_eq!(twice.status, StatusCode::CONFLICT, "{}", twice.body);
    assert_eq!(twice.code(), "sample-step-not-allowed");

    let id = s.body["id"].as_str().unwrap();
    let doc = app
        .call_raw(
            &format!("/api/v1/samples/{id}/documents?name=report.pdf"),
            &t.operator.token,
            PDF.to_vec(),
        )
        .await;
    let report = doc.body["id"].as_str().unwrap().to_string();
    // An organism the reference list does not know is refused; nothing changes.
    let unknown = step(
        &app,
        &t.operator,
        &got.body,
        "result",
        result_body(Some("NOSUCH"), &report),
    )
    .await;
    assert_eq!(
        unknown.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        unknown.body
    );
    assert_eq!(unknown.code(), "sample-organism-unknown");
    let no_report = step(
        &app,
        &t.operator,
        &got.body,
        "result",
        result_body(Some("ACLRGL"), &lab),
    )
    .await;
    assert_eq!(
        no_report.code(),
        "sample-report-invalid",
        "{}",
        no_report.body
    );

    let versions_before = app
        .get(
            &format!("/api/v1/objects/{}/history", t.field),
            &t.head.token,
        )
        .await;
    let before = versions_before.body.as_array().unwrap().len();
    let done = step(
        &app,
        &t.operator,
        &got.body,
        "result",
        result_body(Some("ACLRGL"), &report),
    )
    .await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(done.body["status"], "result");
    assert_eq!(done.body["outcome"], "confirmed");
    assert_eq!(done.body["identified"], "ACLRGL");
    // The finding is confirmed, the object has a new version, the Head is told.
    let lab_results = app
        .get(
            &format!("/api/v1/surveys/{survey}/lab-results"),
            &t.head.token,
        )
        .await;
    assert_eq!(
        lab_results.body[0]["status"], "confirmed",
        "{}",
        lab_results.body
    );
    assert_eq!(lab_results.body[0]["seq"], 1);
    let history = app
        .get(
            &format!("/api/v1/objects/{}/history", t.field),
            &t.head.token,
        )
        .await;
    let versions = history.body.as_array().unwrap();
    assert_eq!(versions.len(), before + 1);
    assert_eq!(
        versions.last().unwrap()["change"],
        "quarantine-confirmed",
        "{}",
        history.body
    );
    assert!(
        kinds(&app, &t.head)
            .await
            .contains(&"sample-confirmed".into())
    );
    let overdue = app.get("/api/v1/samples?overdue=true", &t.head.token).await;
    assert_eq!(overdue.body, json!([]));
    // Another inspectorate does not see the sample.
    let sibling = app
        .create_org(&t.admin, &app.root_org, "Басқа инспекция")
        .await;
    let s_operator = app.create_user(&t.admin, "operator", &sibling).await;
    let hidden = app
        .get(&format!("/api/v1/samples/{id}"), &s_operator.token)
        .await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{}", hidden.body);
    assert_eq!(hidden.code(), "sample-not-found");
    app.stop().await;
}
both_engines!(issue_14_sample_taken_referred_received_and_its_result_confirms_the_finding);

async fn issue_14_a_negative_result_marks_the_finding_not_confirmed(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    let survey = new_survey(&app, &t).await;
    let (s, report) = received(&app, &t, &survey, "Ү-2026-010").await;
    let done = step(&app, &t.operator, &s, "result", result_body(None, &report)).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(done.body["outcome"], "negative");
    let lab_results = app
        .get(
            &format!("/api/v1/surveys/{survey}/lab-results"),
            &t.inspector.token,
        )
        .await;
    assert_eq!(
        lab_results.body[0]["status"], "not_confirmed",
        "{}",
        lab_results.body
    );
    assert!(
        kinds(&app, &t.inspector)
            .await
            .contains(&"sample-negative".into())
    );
    assert!(
        !kinds(&app, &t.head)
            .await
            .contains(&"sample-confirmed".into())
    );
    let listed = app
        .get("/api/v1/samples?status=result", &t.head.token)
        .await;
    assert_eq!(listed.body.as_array().unwrap().len(), 1, "{}", listed.body);
    app.stop().await;
}
both_engines!(issue_14_a_negative_result_marks_the_finding_not_confirmed);
