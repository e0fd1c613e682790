//! Offline sync through the API (R-MOB-1, R-MOB-2): pull cursors and scope, the
//! inspector's own act drafts, and the outbox import of last resort.

mod common;

use common::TestApp;
use common::sync::*;
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::HashSet;
use uuid::Uuid;

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
