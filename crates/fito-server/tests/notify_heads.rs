//! Who hears of a record's news (R-NOTIF-1, R-ORG-1): the active Heads of its
//! organisation and of every organisation above it; no Head of another branch of the
//! tree, and nobody who is no longer active.

mod common;

use common::{Caller, TestApp};
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use serde_json::json;

async fn kinds(app: &TestApp, who: &Caller) -> Vec<String> {
    let a = app.get("/api/v1/notifications", &who.token).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.body
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap().to_string())
        .collect()
}

async fn r_notif_1_heads_above_are_told_and_heads_of_another_region_are_not(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let region = app.create_org(&admin, &app.root_org, "Ақмола облысы").await;
    let district = app.create_org(&admin, &region, "Целиноград ауданы").await;
    let other_region = app
        .create_org(&admin, &app.root_org, "Қостанай облысы")
        .await;
    let other_district = app
        .create_org(&admin, &other_region, "Әулиекөл ауданы")
        .await;
    let at_root = app.create_user(&admin, "head", &app.root_org).await;
    let of_region = app.create_user(&admin, "head", &region).await;
    let of_district = app.create_user(&admin, "head", &district).await;
    let of_other_region = app.create_user(&admin, "head", &other_region).await;
    let of_other_district = app.create_user(&admin, "head", &other_district).await;
    let gone = app.create_user(&admin, "head", &region).await;
    let deactivated = app
        .post(
            &format!("/api/v1/users/{}/deactivate", gone.user_id),
            &admin.token,
            json!({}),
        )
        .await;
    assert_eq!(deactivated.status, StatusCode::OK, "{}", deactivated.body);
    let inspector = app.create_user(&admin, "inspector", &district).await;

    // A quarantine organism found in the district.
    let survey = app
        .post(
            "/api/v1/surveys",
            &inspector.token,
            json!({ "place": { "type": "Point", "coordinates": [71.4, 51.1] }, "surveyed_at": "2026-06-10T05:30:00Z",
                "points": [{ "lat": 51.1, "lon": 71.4, "fixed_at": "2026-06-10T05:31:00Z",
                    "findings": [{ "organism": "ACLRGL", "area_surveyed_ha": 2.0, "area_infested_ha": 0.5 }] }] }),
        )
        .await;
    assert_eq!(survey.status, StatusCode::CREATED, "{}", survey.body);
    assert_eq!(survey.body["quarantine_found"], true);

    for (who, told) in [
        (&of_district, true),
        (&of_region, true),
        (&at_root, true),
        (&of_other_region, false),
        (&of_other_district, false),
        (&inspector, false),
    ] {
        let expected: Vec<String> = if told {
            vec!["quarantine-found".into()]
        } else {
            Vec::new()
        };
        assert_eq!(kinds(&app, who).await, expected, "{}", who.email);
    }
    let gone_id = gone.user_id.parse().unwrap();
    let kept = fito_store::notifications::of_user(app.store.reader(), gone_id, false, 50)
        .await
        .unwrap();
    assert!(kept.is_empty(), "a deactivated Head is told nothing");
    app.stop().await;
}
both_engines!(r_notif_1_heads_above_are_told_and_heads_of_another_region_are_not);
