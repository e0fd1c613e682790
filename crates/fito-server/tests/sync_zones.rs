//! Issue 14 (R-MOB-1): the quarantine zones of an inspector's assigned area reach
//! their device through sync pull, so the field app warns inside an established
//! zone offline. A zone of the same inspectorate elsewhere, or of another one, does
//! not; a zone's status change arrives on the next pull; the area follows the tasks.

mod common;

use common::fieldwork::{Team, team};
use common::{Caller, TestApp};
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashSet};

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// A square field of `who` around (lon, lat).
async fn field(app: &TestApp, who: &Caller, lon: f64, lat: f64) -> String {
    let d = 0.005;
    let a = app
        .post(
            "/api/v1/objects",
            &who.token,
            json!({ "type": "field", "name": "Алқап", "geometry": { "type": "Polygon",
                "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] } }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    a.body["id"].as_str().unwrap().to_string()
}

/// A survey of `field` now at (lon, lat), with an ACLRGL finding or none.
async fn survey(
    app: &TestApp,
    who: &Caller,
    field: &str,
    lon: f64,
    lat: f64,
    found: bool,
) -> String {
    let findings = if found {
        json!([{ "organism": "ACLRGL", "area_surveyed_ha": 2.0, "area_infested_ha": 0.5 }])
    } else {
        json!([])
    };
    let at = now();
    let a = app
        .post(
            "/api/v1/surveys",
            &who.token,
            json!({ "object_id": field, "surveyed_at": at,
                "points": [{ "lat": lat, "lon": lon, "fixed_at": at, "findings": findings }] }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    a.body["id"].as_str().unwrap().to_string()
}

/// A zone of `org` proposed by `who` around the first finding of `survey`.
async fn propose(app: &TestApp, who: &Caller, org: &str, survey: &str, name: &str) -> String {
    let focus = json!([{ "survey_id": survey, "seq": 1 }]);
    let a = app
        .post(
            "/api/v1/zones",
            &who.token,
            json!({ "organization_id": org, "name": name, "organisms": ["ACLRGL"],
                "boundary": { "kind": "buffer", "radius_km": 2.0, "findings": focus },
                "basis": { "findings": focus, "acts": [] },
                "regime_kk": "Өнімді аймақтан тыс шығаруға тыйым салынады.",
                "regime_ru": "Вывоз продукции за пределы зоны запрещён." }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    a.body["id"].as_str().unwrap().to_string()
}

/// The Head attaches the decision's PDF and establishes the zone.
async fn establish(app: &TestApp, head: &Caller, zone: &str) {
    let doc = app
        .call_raw(
            &format!("/api/v1/zones/{zone}/decision?name=decision.pdf"),
            &head.token,
            PDF.to_vec(),
        )
        .await;
    assert_eq!(doc.status, StatusCode::CREATED, "{}", doc.body);
    let e = app
        .post(
            &format!("/api/v1/zones/{zone}/establish"),
            &head.token,
            json!({ "version": 1, "decision_number": "№ 15-к", "decision_date": "2026-07-01",
                "decision_authority": "Ақмола облысының әкімдігі", "decision_document_id": doc.body["id"] }),
        )
        .await;
    assert_eq!(e.status, StatusCode::OK, "{}", e.body);
}

async fn assign(app: &TestApp, t: &Team, field: &str) -> String {
    let a = app
        .post(
            "/api/v1/survey-tasks",
            &t.head.token,
            json!({ "assignee_id": t.inspector.user_id, "basis": "plan", "object_ids": [field],
                "starts_on": "2026-06-01", "due_on": "2026-06-30", "confirm_warnings": true }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    a.body["id"].as_str().unwrap().to_string()
}

/// The device: pulls from `cursor` until nothing more waits, applies the changes to
/// its cache of zones (id → status; data null drops one) and answers the new cursor.
/// Each zone comes at most once a pull (exactly once: a page never repeats one).
async fn pull_zones(
    app: &TestApp,
    who: &Caller,
    cache: &mut BTreeMap<String, String>,
    cursor: Option<String>,
) -> (String, Vec<Value>) {
    let mut cursor = cursor;
    let mut zones = Vec::new();
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/sync/pull?cursor={c}&limit=3"),
            None => "/api/v1/sync/pull?limit=3".to_string(),
        };
        let a = app.get(&path, &who.token).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        for c in a.body["changes"].as_array().unwrap() {
            if c["kind"] != "zone" {
                continue;
            }
            let id = c["id"].as_str().unwrap().to_string();
            match c["data"]["status"].as_str() {
                Some(status) => cache.insert(id, status.to_string()),
                None => cache.remove(&id),
            };
            zones.push(c.clone());
        }
        cursor = Some(a.body["cursor"].as_str().unwrap().to_string());
        if !a.body["more"].as_bool().unwrap() {
            break;
        }
    }
    let ids: Vec<&str> = zones.iter().map(|z| z["id"].as_str().unwrap()).collect();
    let once: HashSet<&&str> = ids.iter().collect();
    assert_eq!(once.len(), ids.len(), "a zone twice in one pull: {ids:?}");
    (cursor.unwrap(), zones)
}

fn cached(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(id, status)| (id.to_string(), status.to_string()))
        .collect()
}

async fn issue_14_zones_of_the_assigned_area_reach_the_device_and_their_changes_follow(
    engine: Engine,
) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    // Zone A around a focus on the inspector's task field (71.4, 51.1); zone B of the
    // same inspectorate in another region (75.0, 45.0); zone C of another inspectorate
    // next to the task field.
    let focus = survey(&app, &t.inspector, &t.field, 71.401, 51.101, true).await;
    let a = propose(&app, &t.inspector, &t.org, &focus, "Целиноград").await;
    let far_field = field(&app, &t.inspector, 75.0, 45.0).await;
    let far_focus = survey(&app, &t.inspector, &far_field, 75.0, 45.0, true).await;
    let b = propose(&app, &t.inspector, &t.org, &far_focus, "Балқаш").await;
    let other = app
        .create_org(&t.admin, &app.root_org, "Көрші инспекция")
        .await;
    let o_head = app.create_user(&t.admin, "head", &other).await;
    let o_inspector = app.create_user(&t.admin, "inspector", &other).await;
    let o_field = field(&app, &o_inspector, 71.42, 51.1).await;
    let o_focus = survey(&app, &o_inspector, &o_field, 71.42, 51.1, true).await;
    let c = propose(&app, &o_inspector, &other, &o_focus, "Көрші").await;
    for (head, zone) in [(&t.head, &a), (&t.head, &b), (&o_head, &c)] {
        establish(&app, head, zone).await;
    }
    let task = assign(&app, &t, &t.field).await;

    // The device pulls from the start: only zone A, established, is kept.
    let mut cache = BTreeMap::new();
    let (cursor, _) = pull_zones(&app, &t.inspector, &mut cache, None).await;
    assert_eq!(cache, cached(&[(&a, "established")]));
    let (cursor, again) = pull_zones(&app, &t.inspector, &mut cache, Some(cursor)).await;
    assert!(again.is_empty(), "nothing new, nothing again: {again:?}");

    // The fields inside are surveyed clean and the Head lifts zone A: the next pull says so
    // (the phone stops warning); nothing else moves.
    survey(&app, &t.inspector, &t.field, 71.401, 51.101, false).await;
    survey(&app, &o_inspector, &o_field, 71.42, 51.1, false).await;
    let lifted = app
        .post(
            &format!("/api/v1/zones/{a}/lift"),
            &t.head.token,
            json!({ "version": 2, "note": "Тексеру таза" }),
        )
        .await;
    assert_eq!(lifted.status, StatusCode::OK, "{}", lifted.body);
    let (cursor, changed) = pull_zones(&app, &t.inspector, &mut cache, Some(cursor)).await;
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0]["id"], a.as_str());
    assert_eq!(changed[0]["version"], 3);
    assert_eq!(cache, cached(&[(&a, "lifted")]));

    // The task is cancelled: no assigned area left, the device keeps the zones of its
    // inspectorate's territory (B comes), never another inspectorate's (C).
    let cancelled = app
        .post(
            &format!("/api/v1/survey-tasks/{task}/cancel"),
            &t.head.token,
            json!({}),
        )
        .await;
    assert!(cancelled.status.is_success(), "{}", cancelled.body);
    let (cursor, _) = pull_zones(&app, &t.inspector, &mut cache, Some(cursor)).await;
    assert_eq!(cache, cached(&[(&a, "lifted"), (&b, "established")]));

    // A task in the other region: zone B is the area's, zone A leaves the device.
    assign(&app, &t, &far_field).await;
    let (cursor, moved) = pull_zones(&app, &t.inspector, &mut cache, Some(cursor)).await;
    assert_eq!(cache, cached(&[(&b, "established")]), "{moved:?}");
    let (cursor, none) = pull_zones(&app, &t.inspector, &mut cache, Some(cursor)).await;
    assert!(none.is_empty(), "{none:?}");

    // The task's field is redrawn next to zone A: the area moves with it.
    let path = format!("/api/v1/objects/{far_field}");
    let version = app.get(&path, &t.inspector.token).await.body["properties"]["version"].clone();
    let d = 0.004;
    let (lon, lat) = (71.405, 51.095);
    let redrawn = app
        .call(
            reqwest::Method::PATCH,
            &path,
            Some(&t.inspector.token),
            Some(json!({ "version": version, "geometry": { "type": "Polygon",
                "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] } })),
        )
        .await;
    assert_eq!(redrawn.status, StatusCode::OK, "{}", redrawn.body);
    let (_, moved) = pull_zones(&app, &t.inspector, &mut cache, Some(cursor)).await;
    assert_eq!(cache, cached(&[(&a, "lifted")]), "{moved:?}");

    // A fresh device of the other inspectorate's inspector (no task): its own zone.
    let mut theirs = BTreeMap::new();
    pull_zones(&app, &o_inspector, &mut theirs, None).await;
    assert_eq!(theirs, cached(&[(&c, "established")]));
    app.stop().await;
}
both_engines!(issue_14_zones_of_the_assigned_area_reach_the_device_and_their_changes_follow);

async fn issue_14_the_head_attaches_the_decision_only_to_a_proposed_zone_of_their_subtree(
    engine: Engine,
) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    let focus = survey(&app, &t.inspector, &t.field, 71.401, 51.101, true).await;
    let zone = propose(&app, &t.inspector, &t.org, &focus, "Целиноград").await;
    let path = format!("/api/v1/zones/{zone}/decision?name=decision.pdf");
    // Not the inspector's nor the operator's step; a Head elsewhere does not see it.
    for who in [&t.inspector, &t.operator] {
        let refused = app.call_raw(&path, &who.token, PDF.to_vec()).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);
    }
    let other = app
        .create_org(&t.admin, &app.root_org, "Көрші инспекция")
        .await;
    let o_head = app.create_user(&t.admin, "head", &other).await;
    let hidden = app.call_raw(&path, &o_head.token, PDF.to_vec()).await;
    assert_eq!(hidden.status, StatusCode::NOT_FOUND, "{}", hidden.body);
    // The Head of the subtree attaches it and establishes with it.
    establish(&app, &t.head, &zone).await;
    let docs = app
        .get(&format!("/api/v1/zones/{zone}/documents"), &t.head.token)
        .await;
    assert_eq!(docs.body[0]["uploaded_by"], t.head.user_id.as_str());
    assert_eq!(docs.body[0]["kind"], "pdf");
    // Once established there is no decision left to attach.
    let late = app.call_raw(&path, &t.head.token, PDF.to_vec()).await;
    assert_eq!(late.status, StatusCode::CONFLICT, "{}", late.body);
    assert_eq!(late.code(), "zone-step-not-allowed");
    app.stop().await;
}
both_engines!(issue_14_the_head_attaches_the_decision_only_to_a_proposed_zone_of_their_subtree);
