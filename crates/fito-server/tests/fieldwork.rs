//! Field work through the API: survey tasks (R-SURV-2), and surveys and findings
//! that tell the Head (R-SURV-1, R-NOTIF-1). Acts, documents and the Excel exports
//! are in fieldwork_acts.rs, fieldwork_documents.rs and fieldwork_exports.rs.

mod common;

use common::TestApp;
use common::fieldwork::*;
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::json;

async fn r_surv_2_a_head_assigns_tasks_and_is_warned_before_the_art_18_limit(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    // Only a Head assigns.
    let by_inspector = app
        .post(
            "/api/v1/survey-tasks",
            &t.inspector.token,
            task(&t, "2026-03-02", "2026-03-03"),
        )
        .await;
    assert_eq!(by_inspector.status, StatusCode::FORBIDDEN);
    for (starts, due) in [
        ("2026-03-02", "2026-03-03"),
        ("2026-05-04", "2026-05-04"),
        ("2026-07-06", "2026-07-07"),
    ] {
        let a = app
            .post("/api/v1/survey-tasks", &t.head.token, task(&t, starts, due))
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        assert_eq!(a.body["warnings"], json!([]));
    }
    // The inspector is told, in their language.
    let told = notifications(&app, &t.inspector, "ru").await;
    assert_eq!(told.len(), 3);
    assert!(
        told[0]["message"].as_str().unwrap().contains("2026-07-07"),
        "{:?}",
        told[0]
    );
    // A fourth visit in one year and a three-day visit: warned, refused unconfirmed.
    let fourth = task(&t, "2026-09-01", "2026-09-03");
    let check = app
        .post("/api/v1/survey-tasks/check", &t.head.token, fourth.clone())
        .await;
    assert_eq!(check.status, StatusCode::OK, "{}", check.body);
    let codes: Vec<&str> = check.body["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["warning"]["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["too-long", "too-many-visits"]);
    assert!(
        check.body["warnings"][1]["message"]
            .as_str()
            .unwrap()
            .contains('4')
    );
    let before = app.audit_count().await;
    let refused = app
        .post("/api/v1/survey-tasks", &t.head.token, fourth.clone())
        .await;
    assert_eq!(
        (refused.status, refused.code()),
        (StatusCode::CONFLICT, "task-visit-limit")
    );
    assert_eq!(app.audit_count().await, before, "nothing written");
    let mut confirmed = fourth.clone();
    confirmed["confirm_warnings"] = json!(true);
    let a = app
        .post("/api/v1/survey-tasks", &t.head.token, confirmed)
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    assert_eq!(a.body["warnings"].as_array().unwrap().len(), 2);
    // A cancelled task's visit does not count (the next would be the 4th, not the
    // 5th); the next year counts afresh.
    let id = a.body["id"].as_str().unwrap();
    let cancelled = app
        .post(
            &format!("/api/v1/survey-tasks/{id}/cancel"),
            &t.head.token,
            json!({}),
        )
        .await;
    assert_eq!(cancelled.body["status"], "cancelled", "{}", cancelled.body);
    let again = app
        .post(
            "/api/v1/survey-tasks/check",
            &t.head.token,
            task(&t, "2026-10-01", "2026-10-02"),
        )
        .await;
    assert_eq!(
        again.body["warnings"][0]["warning"]["visit"], 4,
        "{}",
        again.body
    );
    let next_year = app
        .post(
            "/api/v1/survey-tasks/check",
            &t.head.token,
            task(&t, "2027-01-12", "2027-01-13"),
        )
        .await;
    assert_eq!(next_year.body["warnings"], json!([]), "{}", next_year.body);
    // The inspector sees their tasks and closes one.
    let mine = app
        .get(
            "/api/v1/survey-tasks?mine=true&status=open",
            &t.inspector.token,
        )
        .await;
    assert_eq!(mine.body.as_array().unwrap().len(), 3, "{}", mine.body);
    let first = mine.body[0]["id"].as_str().unwrap();
    let done = app
        .post(
            &format!("/api/v1/survey-tasks/{first}/done"),
            &t.inspector.token,
            json!({}),
        )
        .await;
    assert_eq!(done.body["status"], "done", "{}", done.body);
    // Dates the wrong way round and an unknown basis are refused.
    let reversed = app
        .post(
            "/api/v1/survey-tasks",
            &t.head.token,
            task(&t, "2026-04-05", "2026-04-01"),
        )
        .await;
    assert_eq!(reversed.code(), "task-dates-reversed");
    let mut odd = task(&t, "2026-04-01", "2026-04-01");
    odd["basis"] = json!("whim");
    assert_eq!(
        app.post("/api/v1/survey-tasks", &t.head.token, odd)
            .await
            .code(),
        "task-basis-unknown"
    );
    app.stop().await;
}
both_engines!(r_surv_2_a_head_assigns_tasks_and_is_warned_before_the_art_18_limit);

async fn r_surv_1_a_survey_with_a_quarantine_finding_flags_the_object_and_tells_the_head(
    engine: Engine,
) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    let id = uuid::Uuid::now_v7().to_string();
    let a = app
        .post("/api/v1/surveys", &t.inspector.token, survey_body(&t, &id))
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    assert_eq!(a.body["id"], id.as_str());
    assert_eq!(a.body["quarantine_found"], true);
    // The category came from the reference list: A1 → quarantine, other → ordinary.
    assert_eq!(a.body["points"][0]["findings"][0]["category"], "quarantine");
    assert_eq!(a.body["points"][1]["findings"][0]["category"], "ordinary");
    // The object carries the flag as a new version of it.
    let history = app
        .get(
            &format!("/api/v1/objects/{}/history", t.field),
            &t.head.token,
        )
        .await;
    let changes: Vec<&str> = history
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["change"].as_str().unwrap())
        .collect();
    assert_eq!(changes, ["create", "quarantine-found"]);
    // The Head is told.
    let told = notifications(&app, &t.head, "kk").await;
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0]["kind"], "quarantine-found");
    assert!(told[0]["message"].as_str().unwrap().contains("ACLRGL"));
    // The register can be filtered by the organism found.
    let found = app
        .get("/api/v1/objects?organism=ACLRGL", &t.head.token)
        .await;
    assert_eq!(
        found.body["features"].as_array().unwrap().len(),
        1,
        "{}",
        found.body
    );
    let none = app
        .get("/api/v1/objects?organism=ACUPFU", &t.head.token)
        .await;
    assert_eq!(none.body["features"].as_array().unwrap().len(), 0);
    // The app sends the same survey again after a cut connection: nothing changes.
    let before = app.audit_count().await;
    let again = app
        .post("/api/v1/surveys", &t.inspector.token, survey_body(&t, &id))
        .await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.body["version"], 1);
    assert_eq!(app.audit_count().await, before);
    assert_eq!(
        app.get("/api/v1/surveys", &t.head.token)
            .await
            .body
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Other content under a taken id is refused.
    let mut other = survey_body(&t, &id);
    other["growth_phase"] = json!("гүлдену");
    other["points"][0]["accuracy_m"] = json!(9.0);
    assert_eq!(
        app.post("/api/v1/surveys", &t.inspector.token, other)
            .await
            .code(),
        "survey-id-taken"
    );
    // Bad findings are refused and change nothing.
    for (path, value, code) in [
        ("organism", json!("ZZNONE"), "finding-organism-unknown"),
        (
            "area_infested_ha",
            json!(80.0),
            "finding-areas-inconsistent",
        ),
        ("area_surveyed_ha", json!(-1.0), "field-not-non-negative"),
        (
            "intensity",
            json!({ "kind": "prevalence_percent", "value": 140.0 }),
            "finding-intensity-out-of-range",
        ),
    ] {
        let mut bad = survey_body(&t, &uuid::Uuid::now_v7().to_string());
        bad["points"][0]["findings"][0][path] = value;
        let a = app.post("/api/v1/surveys", &t.inspector.token, bad).await;
        assert_eq!(
            (a.status, a.code()),
            (StatusCode::UNPROCESSABLE_ENTITY, code),
            "{}",
            a.body
        );
    }
    let mut outside = survey_body(&t, &uuid::Uuid::now_v7().to_string());
    outside["points"][0]["lat"] = json!(120.0);
    assert_eq!(
        app.post("/api/v1/surveys", &t.inspector.token, outside)
            .await
            .status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(app.audit_count().await, before);
    // An ad-hoc place instead of an object; an operator cannot record surveys.
    let mut adhoc = survey_body(&t, &uuid::Uuid::now_v7().to_string());
    adhoc.as_object_mut().unwrap().remove("object_id");
    adhoc["place"] = json!({ "type": "Point", "coordinates": [76.9, 43.2] });
    let a = app
        .post("/api/v1/surveys", &t.inspector.token, adhoc.clone())
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    assert_eq!(
        app.post("/api/v1/surveys", &t.operator.token, adhoc)
            .await
            .status,
        StatusCode::FORBIDDEN
    );
    // Replacing a survey needs its version.
    let mut changed = survey_body(&t, &id);
    changed["version"] = json!(1);
    changed["notes"] = json!("Қайта тексерілді");
    let a = app
        .call(
            Method::PUT,
            &format!("/api/v1/surveys/{id}"),
            Some(&t.inspector.token),
            Some(changed.clone()),
        )
        .await;
    assert_eq!(
        (a.status, a.body["version"].as_i64()),
        (StatusCode::OK, Some(2)),
        "{}",
        a.body
    );
    let stale = app
        .call(
            Method::PUT,
            &format!("/api/v1/surveys/{id}"),
            Some(&t.inspector.token),
            Some(changed),
        )
        .await;
    assert_eq!(stale.code(), "survey-version-conflict");
    app.stop().await;
}
both_engines!(r_surv_1_a_survey_with_a_quarantine_finding_flags_the_object_and_tells_the_head);
