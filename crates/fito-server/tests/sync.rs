//! Offline sync through the API (R-MOB-2, R-MOB-4): push of records made offline
//! (objects, surveys, act drafts), replays, conflicts, rejected records and malformed
//! batches. Pulls and the outbox import are in sync_pull.rs, cut connections in
//! sync_network.rs.

mod common;

use common::TestApp;
use common::sync::*;
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

async fn r_mob_2_a_batch_applies_once_and_a_replay_changes_nothing(engine: Engine) {
    let app = TestApp::start_with(engine, |c| c.metrics.token = Some("scrape".into())).await;
    let t = team(&app).await;
    let base_survey = survey_of(&app, &t.inspector, &t.field).await;
    let (s, o, a) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
    let batch = vec![
        object_record(o, 1, "Сұлы алқабы"),
        survey_record(s, &t.field, 3, "бірінші"),
        act_record(a, &base_survey, None, "Қостанай ауданы"),
    ];
    let first = app
        .call_with(
            Method::POST,
            "/api/v1/sync/push",
            Some(&t.inspector.token),
            Some(json!({ "records": batch })),
            &[("x-device-id", "device-sync-1")],
        )
        .await;
    assert_eq!(first.status, StatusCode::OK, "{}", first.body);
    assert_eq!(statuses(&first), ["applied", "applied", "applied"]);
    assert_eq!(first.body["results"][0]["version"], 1);
    assert_eq!(first.body["results"][1]["id"], s.to_string());
    let audit_after_first = app.audit_count().await;
    // The answer was lost: the app sends the same batch again.
    let again = push(&app, &t.inspector, &batch).await;
    assert_eq!(statuses(&again), ["unchanged", "unchanged", "unchanged"]);
    assert_eq!(again.body["results"][2]["version"], 1);
    assert_eq!(
        app.audit_count().await,
        audit_after_first,
        "a replay writes nothing"
    );
    // What was written is the app's content, once.
    let survey = app
        .get(&format!("/api/v1/surveys/{s}"), &t.inspector.token)
        .await;
    assert_eq!(survey.body["points"].as_array().unwrap().len(), 3);
    let mine = app
        .get("/api/v1/surveys?mine=true", &t.inspector.token)
        .await;
    assert_eq!(mine.body.as_array().unwrap().len(), 2);
    let act = app
        .get(&format!("/api/v1/acts/{a}"), &t.inspector.token)
        .await;
    assert_eq!(act.body["content"]["location"], "Қостанай ауданы");
    // The journal names the device the records came from.
    let entries = app
        .get(&format!("/api/v1/audit?target_id={s}"), &t.admin.token)
        .await;
    let text = entries.body.to_string();
    assert!(text.contains("device-sync-1"), "{text}");
    // Operators see what devices sent and how it was answered (R-OPS-2).
    let metrics = app
        .call(Method::GET, "/metrics", Some("scrape"), None)
        .await;
    let metrics = metrics.body.as_str().unwrap().to_string();
    for line in [
        "fito_sync_records_total{status=\"applied\"} 3",
        "fito_sync_records_total{status=\"unchanged\"} 3",
        "fito_sync_records_total{status=\"conflict\"} 0",
    ] {
        assert!(
            metrics.lines().any(|l| l == line),
            "missing {line} in\n{metrics}"
        );
    }
    app.stop().await;
}
both_engines!(r_mob_2_a_batch_applies_once_and_a_replay_changes_nothing);

async fn r_mob_2_conflicts_are_detected_per_record_and_resolved_by_the_app(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    let base_survey = survey_of(&app, &t.inspector, &t.field).await;
    let (o, a) = (Uuid::now_v7(), Uuid::now_v7());
    let created = push(
        &app,
        &t.inspector,
        &[
            object_record(o, 2, "Бидай"),
            act_record(a, &base_survey, None, "бірінші"),
        ],
    )
    .await;
    assert_eq!(statuses(&created), ["applied", "applied"]);
    // Someone changes the object in the office meanwhile (version 2).
    let office = app
        .call(
            Method::PATCH,
            &format!("/api/v1/objects/{o}"),
            Some(&t.inspector.token),
            Some(json!({ "version": 1, "name": "Бидай (кеңсе)" })),
        )
        .await;
    assert_eq!(office.status, StatusCode::OK, "{}", office.body);
    // The app edited its copy made on version 1: a conflict, nothing written.
    let mut mine = object_record(o, 2, "Бидай (далада)");
    mine["base_version"] = json!(1);
    let audit_before = app.audit_count().await;
    let clash = push(&app, &t.inspector, std::slice::from_ref(&mine)).await;
    assert_eq!(statuses(&clash), ["conflict"]);
    assert_eq!(clash.body["results"][0]["version"], 2);
    assert_eq!(
        clash.body["results"][0]["server"]["properties"]["name"],
        "Бидай (кеңсе)"
    );
    assert_eq!(app.audit_count().await, audit_before);
    // "Keep mine": resend on the server's version.
    mine["base_version"] = json!(2);
    let kept = push(&app, &t.inspector, std::slice::from_ref(&mine)).await;
    assert_eq!(statuses(&kept), ["applied"]);
    assert_eq!(kept.body["results"][0]["version"], 3);
    let now = app
        .get(&format!("/api/v1/objects/{o}"), &t.inspector.token)
        .await;
    assert_eq!(now.body["properties"]["name"], "Бидай (далада)");
    // The same edit again (its answer was lost) is unchanged, not a conflict.
    let replay = push(&app, &t.inspector, std::slice::from_ref(&mine)).await;
    assert_eq!(statuses(&replay), ["unchanged"]);

    // Act drafts have versions: an edit on version 1, then one on a stale version.
    let edit = push(
        &app,
        &t.inspector,
        &[act_record(a, &base_survey, Some(1), "екінші")],
    )
    .await;
    assert_eq!(statuses(&edit), ["applied"]);
    assert_eq!(edit.body["results"][0]["version"], 2);
    let stale = push(
        &app,
        &t.inspector,
        &[act_record(a, &base_survey, Some(1), "үшінші")],
    )
    .await;
    assert_eq!(statuses(&stale), ["conflict"]);
    assert_eq!(
        stale.body["results"][0]["server"]["content"]["location"],
        "екінші"
    );
    // "Take the server's": the app drops its copy; nothing more is sent.

    // A survey is written once: other content under the same id is a conflict
    // carrying the server's copy.
    let s = Uuid::now_v7();
    assert_eq!(
        statuses(&push(&app, &t.inspector, &[survey_record(s, &t.field, 2, "a")]).await),
        ["applied"]
    );
    let other = push(&app, &t.inspector, &[survey_record(s, &t.field, 4, "b")]).await;
    assert_eq!(statuses(&other), ["conflict"]);
    assert_eq!(
        other.body["results"][0]["server"]["points"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    app.stop().await;
}
both_engines!(r_mob_2_conflicts_are_detected_per_record_and_resolved_by_the_app);

async fn r_mob_2_rejected_records_say_why_and_the_rest_of_the_batch_goes_through(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    let base_survey = survey_of(&app, &t.inspector, &t.field).await;
    let a = Uuid::now_v7();
    assert_eq!(
        statuses(
            &push(
                &app,
                &t.inspector,
                &[act_record(a, &base_survey, None, "x")]
            )
            .await
        ),
        ["applied"]
    );
    let submitted = app
        .post(
            &format!("/api/v1/acts/{a}/submit"),
            &t.inspector.token,
            json!({ "version": 1 }),
        )
        .await;
    assert!(submitted.status.is_success(), "{}", submitted.body);
    let mut unknown_organism = survey_record(Uuid::now_v7(), &t.field, 1, "z");
    unknown_organism["data"]["points"][0]["findings"][0]["organism"] = json!("XXXXXX");
    let good = Uuid::now_v7();
    let answer = app
        .call_with(
            Method::POST,
            "/api/v1/sync/push",
            Some(&t.inspector.token),
            Some(json!({ "records": [
                act_record(a, &base_survey, Some(2), "кеш"),
                unknown_organism,
                survey_record(good, &t.field, 1, "ok"),
            ] })),
            &[("accept-language", "ru")],
        )
        .await;
    assert_eq!(statuses(&answer), ["rejected", "rejected", "applied"]);
    let problem = &answer.body["results"][0]["problem"];
    assert_eq!(problem["code"], "act-not-editable");
    assert!(problem["title"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(
        answer.body["results"][1]["problem"]["code"],
        "finding-organism-unknown"
    );
    // A Head may not record surveys: the table decides, per record.
    let by_head = push(
        &app,
        &t.head,
        &[survey_record(Uuid::now_v7(), &t.field, 1, "h")],
    )
    .await;
    assert_eq!(statuses(&by_head), ["rejected"]);
    assert_eq!(by_head.body["results"][0]["problem"]["code"], "forbidden");
    app.stop().await;
}
both_engines!(r_mob_2_rejected_records_say_why_and_the_rest_of_the_batch_goes_through);

async fn r_mob_2_a_malformed_batch_is_refused_whole_and_writes_nothing(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    let before = app.audit_count().await;
    let good = survey_record(Uuid::now_v7(), &t.field, 1, "ok");
    let cases: Vec<(Value, StatusCode)> = vec![
        (
            json!({ "records": [good.clone(), { "kind": "photo", "id": Uuid::now_v7(), "data": {} }] }),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({ "records": [good.clone(), { "kind": "survey", "id": "not-a-uuid", "data": {} }] }),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({ "records": [good.clone(), { "kind": "survey", "id": Uuid::now_v7(), "base_version": "one", "data": {} }] }),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({ "records": [good.clone(), { "kind": "survey", "id": Uuid::now_v7(), "data": { "surveyed_at": 5 } }] }),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({ "records": [good.clone()], "extra": true }),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            json!({ "records": vec![good.clone(); 501] }),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
    ];
    for (body, status) in cases {
        let a = app
            .call(
                Method::POST,
                "/api/v1/sync/push",
                Some(&t.inspector.token),
                Some(body),
            )
            .await;
        assert_eq!(a.status, status, "{}", a.body);
        assert!(!a.code().is_empty(), "{}", a.body);
    }
    let broken = app
        .http
        .post(format!("{}/api/v1/sync/push", app.base))
        .bearer_auth(&t.inspector.token)
        .header("content-type", "application/json")
        .body("{\"records\": [")
        .send()
        .await
        .unwrap();
    assert_eq!(broken.status(), StatusCode::BAD_REQUEST);
    let anonymous = app
        .call(
            Method::POST,
            "/api/v1/sync/push",
            None,
            Some(json!({ "records": [good] })),
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.audit_count().await, before, "nothing was written");
    let mine = app
        .get("/api/v1/surveys?mine=true", &t.inspector.token)
        .await;
    assert_eq!(mine.body.as_array().unwrap().len(), 0);
    app.stop().await;
}
both_engines!(r_mob_2_a_malformed_batch_is_refused_whole_and_writes_nothing);
