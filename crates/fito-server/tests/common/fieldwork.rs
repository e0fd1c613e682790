//! A field-work team and the requests its tests share: survey tasks (R-SURV-2),
//! surveys (R-SURV-1) and act steps (R-ACT-2).

use super::{Answer, Caller, TestApp};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

/// A Head, an inspector and an operator of one inspectorate, and a field.
pub struct Team {
    pub admin: Caller,
    pub org: String,
    pub head: Caller,
    pub inspector: Caller,
    pub operator: Caller,
    pub field: String,
}

pub async fn team(app: &TestApp) -> Team {
    let admin = app.admin().await;
    let org = app
        .create_org(&admin, &app.root_org, "Ақмола инспекциясы")
        .await;
    let head = app.create_user(&admin, "head", &org).await;
    let inspector = app.create_user(&admin, "inspector", &org).await;
    let operator = app.create_user(&admin, "operator", &org).await;
    let d = 0.01;
    let (lon, lat) = (71.4, 51.1);
    let a = app
        .post(
            "/api/v1/objects",
            &inspector.token,
            json!({ "type": "field", "name": "Бидай алқабы", "kato": "110000000",
                "owner": { "kind": "legal_entity", "name": "«Астық» ЖШС", "bin": "260240002570" },
                "geometry": { "type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] } }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    Team {
        admin,
        org,
        head,
        inspector,
        operator,
        field: a.body["id"].as_str().unwrap().to_string(),
    }
}

pub fn task(t: &Team, starts: &str, due: &str) -> Value {
    json!({ "assignee_id": t.inspector.user_id, "basis": "plan", "object_ids": [t.field],
        "starts_on": starts, "due_on": due, "note": "Жоспарлы тексеру" })
}

pub async fn notifications(app: &TestApp, who: &Caller, lang: &str) -> Vec<Value> {
    let a = app
        .call_with(
            Method::GET,
            "/api/v1/notifications",
            Some(&who.token),
            None,
            &[("accept-language", lang)],
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.body.as_array().unwrap().clone()
}

/// A survey of the team's field with one quarantine and one ordinary finding.
pub fn survey_body(t: &Team, id: &str) -> Value {
    json!({
        "id": id, "object_id": t.field, "surveyed_at": "2026-06-10T05:30:00Z",
        "crop": "wheat_spring", "growth_phase": "түтіктену",
        "points": [
            { "lat": 51.101, "lon": 71.401, "accuracy_m": 4.5, "fixed_at": "2026-06-10T05:31:00Z",
              "findings": [
                { "organism": "ACLRGL", "development_stage": "дернәсіл",
                  "intensity": { "kind": "per_plant", "value": 2.5 },
                  "area_surveyed_ha": 50.0, "area_infested_ha": 3.2, "area_above_threshold_ha": 1.1,
                  "samples": [{ "sample_number": "Ү-1", "lab_referral_number": "ЗЖ-2026/15" }] }
              ] },
            { "lat": 51.102, "lon": 71.403, "accuracy_m": 6.0, "fixed_at": "2026-06-10T05:40:00Z",
              "findings": [
                { "organism": "ZZORDN", "intensity": { "kind": "prevalence_percent", "value": 12.0 },
                  "area_surveyed_ha": 50.0, "area_infested_ha": 6.0 }
              ] }
        ]
    })
}

pub async fn ordinary_organism(app: &TestApp, admin: &Caller) {
    let a = app
        .call(
            Method::PUT,
            "/api/v1/reference/organisms/ZZORDN",
            Some(&admin.token),
            Some(json!({ "kind": "disease", "category": "other", "name_la": "Ordinaria testa", "name_kk": "Қарапайым ауру", "name_ru": "Обычная болезнь", "name_en": null, "active": true })),
        )
        .await;
    assert!(a.status.is_success(), "{}", a.body);
}

pub async fn new_survey(app: &TestApp, t: &Team) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    let a = app
        .post("/api/v1/surveys", &t.inspector.token, survey_body(t, &id))
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    id
}

pub async fn step(
    app: &TestApp,
    who: &Caller,
    act: &Value,
    step: &str,
    comment: Option<&str>,
) -> Answer {
    let id = act["id"].as_str().unwrap();
    app.post(
        &format!("/api/v1/acts/{id}/{step}"),
        &who.token,
        json!({ "version": act["version"], "comment": comment }),
    )
    .await
}

pub async fn bytes(
    app: &TestApp,
    path: &str,
    who: &Caller,
) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    let res = app
        .http
        .get(format!("{}{}", app.base, path))
        .bearer_auth(&who.token)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    (status, headers, res.bytes().await.unwrap().to_vec())
}

/// A second inspectorate (region B, Abai) with its own Head, inspector, field
/// (KATO 103200000) and one survey with one quarantine finding of 7 ha infested.
pub async fn region_b(app: &TestApp, t: &Team) -> (Caller, Caller) {
    let org = app
        .create_org(&t.admin, &app.root_org, "Абай инспекциясы")
        .await;
    let head = app.create_user(&t.admin, "head", &org).await;
    let inspector = app.create_user(&t.admin, "inspector", &org).await;
    let d = 0.01;
    let (lon, lat) = (80.2, 50.4);
    let a = app
        .post(
            "/api/v1/objects",
            &inspector.token,
            json!({ "type": "field", "name": "Абай алқабы", "kato": "103200000",
                "geometry": { "type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] } }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    let body = json!({
        "object_id": a.body["id"], "surveyed_at": "2026-05-02T06:00:00Z", "crop": "barley",
        "points": [{ "lat": 50.4, "lon": 80.2, "fixed_at": "2026-05-02T06:01:00Z",
            "findings": [{ "organism": "ACLRGL", "area_surveyed_ha": 20.0, "area_infested_ha": 7.0 }] }]
    });
    let s = app.post("/api/v1/surveys", &inspector.token, body).await;
    assert_eq!(s.status, StatusCode::CREATED, "{}", s.body);
    (head, inspector)
}
