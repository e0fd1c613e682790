//! A team with a field, and the sync records and requests the sync tests share
//! (R-MOB-1, R-MOB-2).

use super::{Answer, Caller, TestApp};
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

pub struct Team {
    pub admin: Caller,
    pub org: String,
    pub head: Caller,
    pub inspector: Caller,
    pub field: String,
}

pub fn square(lon: f64, lat: f64) -> Value {
    let d = 0.005;
    json!({ "type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] })
}

pub async fn team(app: &TestApp) -> Team {
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

pub fn survey_data(id: Uuid, field: &str, points: usize, note: &str) -> Value {
    let points: Vec<Value> = (0..points)
        .map(|i| {
            json!({ "lat": 53.2 + i as f64 * 0.0003, "lon": 63.6, "accuracy_m": 4.0,
                "fixed_at": "2026-06-10T05:31:00Z",
                "findings": [{ "organism": "ACLRGL", "area_surveyed_ha": 2.0, "area_infested_ha": 0.5 }] })
        })
        .collect();
    json!({ "id": id, "object_id": field, "surveyed_at": "2026-06-10T05:30:00Z", "notes": note, "points": points })
}

pub fn survey_record(id: Uuid, field: &str, points: usize, note: &str) -> Value {
    json!({ "kind": "survey", "id": id, "base_version": null, "data": survey_data(id, field, points, note) })
}

pub fn object_record(id: Uuid, k: usize, name: &str) -> Value {
    let (lon, lat) = (64.0 + (k % 40) as f64 * 0.05, 52.0 + (k / 40) as f64 * 0.05);
    json!({ "kind": "object", "id": id, "base_version": null,
        "data": { "type": "field", "name": name, "geometry": square(lon, lat) } })
}

pub fn act_record(id: Uuid, survey: &str, base: Option<i64>, location: &str) -> Value {
    json!({ "kind": "act_draft", "id": id, "base_version": base,
        "data": { "survey_id": survey, "act_type": "crop-monitoring", "location": location,
            "conclusions": "Зиянкестер табылды." } })
}

/// A laboratory sample taken offline with the first finding of `survey` (issue 14).
pub fn sample_record(id: Uuid, survey: &str, number: &str) -> Value {
    json!({ "kind": "sample", "id": id, "base_version": null,
        "data": { "id": id, "number": number, "survey_id": survey, "finding_seq": 1,
            "what": "Жапырақтар", "quantity": 10.0, "unit": "дана",
            "lat": 53.2, "lon": 63.6, "taken_at": "2026-06-10T05:35:00Z" } })
}

pub async fn push(app: &TestApp, who: &Caller, records: &[Value]) -> Answer {
    app.post(
        "/api/v1/sync/push",
        &who.token,
        json!({ "records": records }),
    )
    .await
}

pub fn statuses(a: &Answer) -> Vec<String> {
    a.body["results"]
        .as_array()
        .unwrap_or_else(|| panic!("no results: {} {}", a.status, a.body))
        .iter()
        .map(|r| r["status"].as_str().unwrap().to_string())
        .collect()
}

pub async fn survey_of(app: &TestApp, who: &Caller, field: &str) -> String {
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

/// Pulls everything from `cursor` in pages of `limit`.
pub async fn pull_all(
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

pub fn keys(changes: &[Value], kind: &str) -> Vec<String> {
    changes
        .iter()
        .filter(|c| c["kind"] == kind)
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}
