//! What the web portal needs from the API beyond the JSON: the act's PDF may be shown in
//! a frame of the app's own pages (the preview on the act page, R-ACT-1), while every
//! other answer still refuses to be framed at all (R-SEC-1).

mod common;

use common::TestApp;
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use serde_json::json;

async fn r_act_1_the_act_pdf_may_be_framed_by_the_portal_and_nothing_else(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
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
    let act = app
        .post(
            &format!(
                "/api/v1/surveys/{}/acts",
                survey.body["id"].as_str().unwrap()
            ),
            &inspector.token,
            json!({ "act_type": "quarantine-survey" }),
        )
        .await;
    assert_eq!(act.status, StatusCode::CREATED, "{}", act.body);
    let id = act.body["id"].as_str().unwrap();

    let pdf = app
        .get(&format!("/api/v1/acts/{id}/pdf"), &inspector.token)
        .await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.headers["content-type"], "application/pdf");
    assert_eq!(pdf.headers["x-frame-options"], "SAMEORIGIN");
    let csp = pdf.headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("frame-ancestors 'self'"), "{csp}");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert_eq!(pdf.headers["x-content-type-options"], "nosniff");

    // The act itself, as JSON, keeps the defaults.
    let json = app
        .get(&format!("/api/v1/acts/{id}"), &inspector.token)
        .await;
    assert_eq!(json.headers["x-frame-options"], "DENY");
    assert!(
        json.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    app.stop().await;
}
both_engines!(r_act_1_the_act_pdf_may_be_framed_by_the_portal_and_nothing_else);
