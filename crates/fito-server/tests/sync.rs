//! Offline sync through the API (R-MOB-1, R-MOB-2, R-MOB-4): push of records made
//! offline (objects, surveys, act drafts), replays and cut connections, conflicts,
//! rejected records, pull cursors and scope, the outbox import of last resort.

mod common;

use common::{Answer, Caller, TestApp};
use fito_store::{Engine, both_engines};
use proptest::prelude::*;
use proptest::test_runner::{Config as PropConfig, TestRunner};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

struct Team {
    admin: Caller,
    org: String,
    head: Caller,
    inspector: Caller,
    field: String,
}

fn square(lon: f64, lat: f64) -> Value {
    let d = 0.005;
    json!({ "type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] })
}

async fn team(app: &TestApp) -> Team {
    let admin = app.admin().await;
    let org = app
        .create_org(&admin, &app.root_org, "Қостанай инспекциясы")
        .await;
    let head = app.create_user(&admin, "head", &org).await;
    let inspector = app.create_user(&admin, "inspector", &org).await;
    let a = app
        .post(
            "/api/v1/objects",
            &inspector.token,
            json!({ "type": "field", "name": "Арпа алқабы", "geometry": square(63.6, 53.2) }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    Team {
        admin,
        org,
        head,
        inspector,
        field: a.body["id"].as_str().unwrap().to_string(),
    }
}

fn survey_data(id: Uuid, field: &str, points: usize, note: &str) -> Value {
    let points: Vec<Value> = (0..points)
        .map(|i| {
            json!({ "lat": 53.2 + i as f64 * 0.0003, "lon": 63.6, "accuracy_m": 4.0,
                "fixed_at": "2026-06-10T05:31:00Z",
                "findings": [{ "organism": "ACLRGL", "area_surveyed_ha": 2.0, "area_infested_ha": 0.5 }] })
        })
        .collect();
    json!({ "id": id, "object_id": field, "surveyed_at": "2026-06-10T05:30:00Z", "notes": note, "points": points })
}

fn survey_record(id: Uuid, field: &str, points: usize, note: &str) -> Value {
    json!({ "kind": "survey", "id": id, "base_version": null, "data": survey_data(id, field, points, note) })
}

fn object_record(id: Uuid, k: usize, name: &str) -> Value {
    let (lon, lat) = (64.0 + (k % 40) as f64 * 0.05, 52.0 + (k / 40) as f64 * 0.05);
    json!({ "kind": "object", "id": id, "base_version": null,
        "data": { "type": "field", "name": name, "geometry": square(lon, lat) } })
}

fn act_record(id: Uuid, survey: &str, base: Option<i64>, location: &str) -> Value {
    json!({ "kind": "act_draft", "id": id, "base_version": base,
        "data": { "survey_id": survey, "act_type": "crop-monitoring", "location": location,
            "conclusions": "Зиянкестер табылды." } })
}

async fn push(app: &TestApp, who: &Caller, records: &[Value]) -> Answer {
    app.post(
        "/api/v1/sync/push",
        &who.token,
        json!({ "records": records }),
    )
    .await
}

fn statuses(a: &Answer) -> Vec<String> {
    a.body["results"]
        .as_array()
        .unwrap_or_else(|| panic!("no results: {} {}", a.status, a.body))
        .iter()
        .map(|r| r["status"].as_str().unwrap().to_string())
        .collect()
}

async fn survey_of(app: &TestApp, who: &Caller, field: &str) -> String {
    let id = Uuid::now_v7();
    let a = app
        .post(
            "/api/v1/surveys",
            &who.token,
            survey_data(id, field, 1, "act base"),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    id.to_string()
}

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

/// Pulls everything from `cursor` in pages of `limit`.
async fn pull_all(
    app: &TestApp,
    who: &Caller,
    cursor: Option<String>,
    limit: u64,
) -> (Vec<Value>, String) {
    let mut cursor = cursor;
    let mut all = Vec::new();
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/sync/pull?cursor={c}&limit={limit}"),
            None => format!("/api/v1/sync/pull?limit={limit}"),
        };
        let a = app.get(&path, &who.token).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        all.extend(a.body["changes"].as_array().unwrap().iter().cloned());
        cursor = Some(a.body["cursor"].as_str().unwrap().to_string());
        if !a.body["more"].as_bool().unwrap() {
            return (all, cursor.unwrap());
        }
    }
}

fn keys(changes: &[Value], kind: &str) -> Vec<String> {
    changes
        .iter()
        .filter(|c| c["kind"] == kind)
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

async fn r_mob_1_pull_pages_never_skip_or_repeat_and_keep_to_the_callers_scope(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    let other = app.create_user(&t.admin, "inspector", &t.org).await;
    // An object owned by a person, on a task of the inspector.
    let owned = app
        .post(
            "/api/v1/objects",
            &other.token,
            json!({ "type": "field", "name": "Жеке шаруа", "geometry": square(65.0, 51.0),
                "owner": { "kind": "person", "name": "Серік Әбенов", "iin": common::iin_born("850315") } }),
        )
        .await;
    assert_eq!(owned.status, StatusCode::CREATED, "{}", owned.body);
    let owned_id = owned.body["id"].as_str().unwrap().to_string();
    let not_mine = app
        .post(
            "/api/v1/objects",
            &other.token,
            json!({ "type": "field", "name": "Басқа алқап", "geometry": square(65.2, 51.0) }),
        )
        .await;
    let not_mine = not_mine.body["id"].as_str().unwrap().to_string();
    let task = app
        .post(
            "/api/v1/survey-tasks",
            &t.head.token,
            json!({ "assignee_id": t.inspector.user_id, "basis": "plan", "object_ids": [owned_id],
                "starts_on": "2026-06-01", "due_on": "2026-06-02" }),
        )
        .await;
    assert_eq!(task.status, StatusCode::CREATED, "{}", task.body);
    let task_id = task.body["id"].as_str().unwrap().to_string();

    // Page sizes 1, 7 and 1000 give the same changes, each once.
    let (big, cursor) = pull_all(&app, &t.inspector, None, 1000).await;
    for limit in [1, 7] {
        let (paged, _) = pull_all(&app, &t.inspector, None, limit).await;
        let ids = |c: &[Value]| {
            c.iter()
                .map(|x| format!("{}:{}", x["kind"], x["id"]))
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(&paged), ids(&big), "limit {limit}");
    }
    let all_ids: Vec<String> = big
        .iter()
        .map(|x| format!("{}:{}", x["kind"], x["id"]))
        .collect();
    assert_eq!(
        all_ids.len(),
        all_ids.iter().collect::<HashSet<_>>().len(),
        "no repeats"
    );
    let objects = keys(&big, "object");
    assert!(
        objects.contains(&owned_id) && objects.contains(&t.field),
        "{objects:?}"
    );
    assert!(
        !objects.contains(&not_mine),
        "outside the inspector's scope"
    );
    assert_eq!(keys(&big, "task"), std::slice::from_ref(&task_id));
    assert!(keys(&big, "reference").contains(&"ACLRGL".to_string()));
    // R-MOB-4: the person-owner's name and IIN stay on the server.
    let text = serde_json::to_string(&big).unwrap();
    assert!(
        !text.contains("Серік") && !text.contains("Әбенов"),
        "{text}"
    );
    let owner = big.iter().find(|c| c["id"] == owned_id.as_str()).unwrap();
    assert_eq!(
        owner["data"]["properties"]["owner"],
        json!({ "kind": "person" })
    );

    // Nothing new: an empty page. Then a change: exactly it.
    let (none, cursor) = pull_all(&app, &t.inspector, Some(cursor), 100).await;
    assert!(none.is_empty(), "{none:?}");
    let patched = app
        .call(
            Method::PATCH,
            &format!("/api/v1/objects/{}", t.field),
            Some(&t.inspector.token),
            Some(json!({ "version": 1, "notes": "суарылады" })),
        )
        .await;
    assert_eq!(patched.status, StatusCode::OK, "{}", patched.body);
    let (one, cursor) = pull_all(&app, &t.inspector, Some(cursor), 100).await;
    assert_eq!(one.len(), 1, "{one:?}");
    assert_eq!(one[0]["version"], 2);
    // The task is done: its objects leave the scope (data null).
    let done = app
        .post(
            &format!("/api/v1/survey-tasks/{task_id}/cancel"),
            &t.head.token,
            json!({}),
        )
        .await;
    assert!(done.status.is_success(), "{}", done.body);
    let (gone, _) = pull_all(&app, &t.inspector, Some(cursor), 100).await;
    let left = gone.iter().find(|c| c["id"] == owned_id.as_str()).unwrap();
    assert_eq!(left["data"], Value::Null);
    // A cursor that was not handed out is refused.
    let bad = app
        .get("/api/v1/sync/pull?cursor=zzz", &t.inspector.token)
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert_eq!(bad.code(), "sync-cursor-invalid");
    app.stop().await;
}
both_engines!(r_mob_1_pull_pages_never_skip_or_repeat_and_keep_to_the_callers_scope);

async fn r_mob_2_pull_sees_own_act_drafts_and_their_fate(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    let base_survey = survey_of(&app, &t.inspector, &t.field).await;
    let (_, cursor) = pull_all(&app, &t.inspector, None, 1000).await;
    let a = Uuid::now_v7();
    let mut record = act_record(a, &base_survey, None, "Жол бойы");
    record["data"]["parties"] =
        json!([{ "role": "witness", "name": "Айгүл Сейтқали", "position": "агроном" }]);
    assert_eq!(
        statuses(&push(&app, &t.inspector, &[record]).await),
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
    let (changes, _) = pull_all(&app, &t.inspector, Some(cursor), 100).await;
    let acts: Vec<&Value> = changes.iter().filter(|c| c["kind"] == "act").collect();
    assert_eq!(acts.len(), 1, "{changes:?}");
    assert_eq!(acts[0]["data"]["status"], "submitted");
    assert!(!serde_json::to_string(&changes).unwrap().contains("Айгүл"));
    // Another inspector does not see it.
    let other = app.create_user(&t.admin, "inspector", &t.org).await;
    let (theirs, _) = pull_all(&app, &other, None, 1000).await;
    assert!(keys(&theirs, "act").is_empty());
    app.stop().await;
}
both_engines!(r_mob_2_pull_sees_own_act_drafts_and_their_fate);

async fn r_mob_2_an_administrator_imports_an_exported_outbox_as_its_user(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    let s = Uuid::now_v7();
    let file = json!({ "format": "fito-outbox", "version": 1, "device_id": "phone-7",
        "exported_at": "2026-06-11T08:00:00Z", "user_id": t.inspector.user_id,
        "records": [survey_record(s, &t.field, 2, "экспорт")] });
    // Only an administrator.
    let by_inspector = app
        .post(
            "/api/v1/sync/outbox-import",
            &t.inspector.token,
            file.clone(),
        )
        .await;
    assert_eq!(by_inspector.status, StatusCode::FORBIDDEN);
    let imported = app
        .post("/api/v1/sync/outbox-import", &t.admin.token, file.clone())
        .await;
    assert_eq!(imported.status, StatusCode::OK, "{}", imported.body);
    assert_eq!(statuses(&imported), ["applied"]);
    // The survey is the inspector's, journalled with the phone's device id.
    let survey = app
        .get(&format!("/api/v1/surveys/{s}"), &t.inspector.token)
        .await;
    assert_eq!(survey.body["inspector_id"], t.inspector.user_id.as_str());
    let entries = app
        .get(&format!("/api/v1/audit?target_id={s}"), &t.admin.token)
        .await;
    assert!(
        entries.body.to_string().contains("phone-7"),
        "{}",
        entries.body
    );
    // Importing the same file again changes nothing; the app pushing it too.
    let again = app
        .post("/api/v1/sync/outbox-import", &t.admin.token, file.clone())
        .await;
    assert_eq!(statuses(&again), ["unchanged"]);
    let pushed = push(&app, &t.inspector, file["records"].as_array().unwrap()).await;
    assert_eq!(statuses(&pushed), ["unchanged"]);
    let mut wrong = file.clone();
    wrong["format"] = json!("something-else");
    let refused = app
        .post("/api/v1/sync/outbox-import", &t.admin.token, wrong)
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.code(), "sync-outbox-format");
    app.stop().await;
}
both_engines!(r_mob_2_an_administrator_imports_an_exported_outbox_as_its_user);

// ------------------------------------------------------------------ the property

/// What happens to one request on a bad network.
#[derive(Debug, Clone, Copy)]
enum Fate {
    /// Cut before the server got it.
    LostOnTheWay,
    /// The server committed, the answer was lost.
    AnswerLost,
    /// Delivered and answered.
    Delivered,
}

fn fate() -> impl Strategy<Value = Fate> {
    prop_oneof![
        Just(Fate::LostOnTheWay),
        Just(Fate::AnswerLost),
        Just(Fate::Delivered)
    ]
}

/// A client's attempts: which of its records (by index, in any order, repeated or
/// not) go in each request, and what the network does to it.
fn attempts(records: usize) -> impl Strategy<Value = Vec<(Vec<usize>, Fate)>> {
    prop::collection::vec((prop::collection::vec(0..records, 1..8), fate()), 1..10)
}

async fn r_mob_2_no_point_is_lost_or_duplicated_whatever_the_network_does(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    // Surveys for the act drafts exist on the server already.
    let mut act_surveys = Vec::new();
    for _ in 0..3 {
        act_surveys.push(survey_of(&app, &t.inspector, &t.field).await);
    }
    let handle = tokio::runtime::Handle::current();
    let cases = 8;
    let mut runner = TestRunner::new(PropConfig {
        cases,
        failure_persistence: None,
        ..PropConfig::default()
    });
    let counter = std::sync::atomic::AtomicUsize::new(0);
    const RECORDS: usize = 9;
    let result = runner.run(
        &(attempts(RECORDS), prop::collection::vec(1usize..6, 1..4)),
        |(plan, final_sizes)| {
            tokio::task::block_in_place(|| {
                handle.block_on(async {
                    let case = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    // The client's records: surveys with points, objects, act drafts.
                    let mut records = Vec::new();
                    for i in 0..RECORDS {
                        let id = Uuid::now_v7();
                        records.push(match i % 3 {
                            0 => survey_record(id, &t.field, 1 + i % 4, &format!("c{case} r{i}")),
                            1 => object_record(id, case * RECORDS + i, &format!("c{case} r{i}")),
                            _ => act_record(
                                id,
                                &act_surveys[i % act_surveys.len()],
                                None,
                                &format!("c{case} r{i}"),
                            ),
                        });
                    }
                    let mut acknowledged = HashSet::new();
                    for (batch, fate) in &plan {
                        let sent: Vec<Value> = batch.iter().map(|i| records[*i].clone()).collect();
                        match fate {
                            Fate::LostOnTheWay => continue,
                            Fate::AnswerLost => {
                                let _ = push(&app, &t.inspector, &sent).await;
                            }
                            Fate::Delivered => {
                                let a = push(&app, &t.inspector, &sent).await;
                                for (i, s) in batch.iter().zip(statuses(&a)) {
                                    prop_assert!(
                                        s == "applied" || s == "unchanged",
                                        "{s}: {}",
                                        a.body
                                    );
                                    acknowledged.insert(*i);
                                }
                            }
                        }
                    }
                    // The connection is back: the outbox drains in batches of varying size.
                    let waiting: Vec<usize> =
                        (0..RECORDS).filter(|i| !acknowledged.contains(i)).collect();
                    let mut at = 0;
                    let mut sizes = final_sizes.iter().cycle();
                    while at < waiting.len() {
                        let n = (*sizes.next().unwrap()).min(waiting.len() - at);
                        let sent: Vec<Value> = waiting[at..at + n]
                            .iter()
                            .map(|i| records[*i].clone())
                            .collect();
                        let a = push(&app, &t.inspector, &sent).await;
                        for s in statuses(&a) {
                            prop_assert!(s == "applied" || s == "unchanged", "{s}: {}", a.body);
                        }
                        at += n;
                    }
                    // An old batch replayed once more: all unchanged.
                    let everything = push(&app, &t.inspector, &records).await;
                    prop_assert!(
                        statuses(&everything).iter().all(|s| s == "unchanged"),
                        "{}",
                        everything.body
                    );
                    // The server holds each record once, with the client's content.
                    for r in &records {
                        let id = r["id"].as_str().unwrap();
                        let note = match r["kind"].as_str().unwrap() {
                            "survey" => {
                                let s = app
                                    .get(&format!("/api/v1/surveys/{id}"), &t.inspector.token)
                                    .await;
                                prop_assert_eq!(
                                    &s.body["points"].as_array().unwrap().len(),
                                    &r["data"]["points"].as_array().unwrap().len()
                                );
                                s.body["notes"].clone()
                            }
                            "object" => app
                                .get(&format!("/api/v1/objects/{id}"), &t.inspector.token)
                                .await
                                .body["properties"]["name"]
                                .clone(),
                            _ => app
                                .get(&format!("/api/v1/acts/{id}"), &t.inspector.token)
                                .await
                                .body["content"]["location"]
                                .clone(),
                        };
                        let wanted = r["data"]
                            .get("notes")
                            .or(r["data"].get("name"))
                            .or(r["data"].get("location"))
                            .unwrap();
                        prop_assert_eq!(&note, wanted);
                    }
                    Ok(())
                })
            })
        },
    );
    result.unwrap();
    // Exactly one copy each: the counts match what the client made.
    let cases = counter.load(std::sync::atomic::Ordering::Relaxed);
    let surveys = app
        .get("/api/v1/surveys?mine=true&limit=500", &t.inspector.token)
        .await;
    let per_case_surveys = (0..RECORDS).filter(|i| i % 3 == 0).count();
    assert_eq!(
        surveys.body.as_array().unwrap().len(),
        act_surveys.len() + cases * per_case_surveys
    );
    let acts = app.get("/api/v1/acts?limit=500", &t.inspector.token).await;
    let per_case_acts = (0..RECORDS).filter(|i| i % 3 == 2).count();
    let acts_by_id: HashMap<String, Value> = acts
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap().to_string(), a.clone()))
        .collect();
    assert_eq!(acts_by_id.len(), cases * per_case_acts);
    app.stop().await;
}
both_engines!(r_mob_2_no_point_is_lost_or_duplicated_whatever_the_network_does);
