//! Surveys (R-SURV-1): the task a survey serves (R-SURV-2) — only one of the
//! inspector's own that they can see — and a survey sent again (R-MOB-2).

mod common;

use common::TestApp;
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn adhoc_survey(task: Option<&str>) -> Value {
    json!({
        "id": uuid::Uuid::now_v7(), "task_id": task, "surveyed_at": "2026-06-10T05:30:00Z",
        "place": { "type": "Point", "coordinates": [71.4, 51.1] },
        "points": [{ "lat": 51.1, "lon": 71.4, "fixed_at": "2026-06-10T05:31:00Z" }]
    })
}

async fn r_surv_2_a_survey_serves_only_a_task_of_its_inspector_in_sight(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let org = app.create_org(&admin, &app.root_org, "Ақмола").await;
    let away = app.create_org(&admin, &app.root_org, "Қостанай").await;
    let head = app.create_user(&admin, "head", &org).await;
    let inspector = app.create_user(&admin, "inspector", &org).await;
    let colleague = app.create_user(&admin, "inspector", &org).await;
    let d = 0.05;
    let assign = |to: &str| {
        json!({ "assignee_id": to, "basis": "plan", "starts_on": "2026-06-10", "due_on": "2026-06-11",
            "area": { "type": "Polygon", "coordinates": [[[71.4 - d, 51.1 - d], [71.4 + d, 51.1 - d],
                [71.4 + d, 51.1 + d], [71.4 - d, 51.1 + d], [71.4 - d, 51.1 - d]]] } })
    };
    let mut tasks = Vec::new();
    for to in [&inspector, &colleague] {
        let a = app
            .post("/api/v1/survey-tasks", &head.token, assign(&to.user_id))
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        tasks.push(a.body["id"].as_str().unwrap().to_string());
    }
    // No such task, or a colleague's: refused alike, in the caller's language,
    // and nothing is written.
    let before = app.audit_count().await;
    let nowhere = uuid::Uuid::now_v7().to_string();
    for task in [&nowhere, &tasks[1]] {
        let mut titles = Vec::new();
        for lang in ["kk", "ru", "en"] {
            let a = app
                .call_with(
                    Method::POST,
                    "/api/v1/surveys",
                    Some(&inspector.token),
                    Some(adhoc_survey(Some(task))),
                    &[("accept-language", lang)],
                )
                .await;
            assert_eq!(
                (a.status, a.code()),
                (StatusCode::UNPROCESSABLE_ENTITY, "survey-task-invalid"),
                "{}",
                a.body
            );
            assert!(!a.title().is_empty() && a.title() != a.code(), "{}", a.body);
            titles.push(a.title().to_string());
        }
        titles.dedup();
        assert_eq!(titles.len(), 3, "{titles:?}");
    }
    assert_eq!(app.audit_count().await, before);
    // The inspector's own task is taken.
    let a = app
        .post(
            "/api/v1/surveys",
            &inspector.token,
            adhoc_survey(Some(&tasks[0])),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    assert_eq!(a.body["task_id"], tasks[0].as_str());
    // Moved to another inspectorate, the inspector no longer sees the task.
    let moved = app
        .call(
            Method::PATCH,
            &format!("/api/v1/users/{}", inspector.user_id),
            Some(&admin.token),
            Some(json!({ "organization_id": away })),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    let a = app
        .post(
            "/api/v1/surveys",
            &inspector.token,
            adhoc_survey(Some(&tasks[0])),
        )
        .await;
    assert_eq!(a.code(), "survey-task-invalid", "{}", a.body);
    app.stop().await;
}
both_engines!(r_surv_2_a_survey_serves_only_a_task_of_its_inspector_in_sight);

async fn r_mob_2_a_survey_sent_again_is_the_same_only_when_it_says_the_same(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let org = app.create_org(&admin, &app.root_org, "Ақмола").await;
    let inspector = app.create_user(&admin, "inspector", &org).await;
    let mut body = adhoc_survey(None);
    body["notes"] = json!("Бірінші");
    body["points"][0]["findings"] = json!([{ "organism": "ACLRGL",
        "samples": [{ "sample_number": "Ү-1", "lab_referral_number": "ЗЖ-2026/15" }] }]);
    let a = app
        .post("/api/v1/surveys", &inspector.token, body.clone())
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    let before = app.audit_count().await;
    let again = app
        .post("/api/v1/surveys", &inspector.token, body.clone())
        .await;
    assert_eq!(
        (again.status, again.body["version"].as_i64()),
        (StatusCode::OK, Some(1)),
        "{}",
        again.body
    );
    assert_eq!(app.audit_count().await, before, "nothing written");
    // Every part of what it says counts, its notes too: anything else under a
    // taken id is another survey.
    for (field, value) in [
        ("notes", json!("Басқа")),
        ("growth_phase", json!("гүлдену")),
    ] {
        let mut other = body.clone();
        other[field] = value;
        let a = app.post("/api/v1/surveys", &inspector.token, other).await;
        assert_eq!(
            (a.status, a.code()),
            (StatusCode::CONFLICT, "survey-id-taken"),
            "{field}: {}",
            a.body
        );
    }
    assert_eq!(app.audit_count().await, before);
    app.stop().await;
}
both_engines!(r_mob_2_a_survey_sent_again_is_the_same_only_when_it_says_the_same);
