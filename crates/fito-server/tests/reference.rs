//! Reference data through the API (R-OBJ-2).

mod common;

use common::TestApp;
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn items(a: &common::Answer) -> Vec<Value> {
    a.body.as_array().cloned().unwrap_or_default()
}

async fn r_obj_2_everyone_looks_up_seeded_reference_data(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    let all = items(
        &app.get("/api/v1/reference/organisms", &inspector.token)
            .await,
    );
    assert!(all.len() >= 50, "the EAEU list is seeded: {}", all.len());
    let found = items(
        &app.get("/api/v1/reference/organisms?q=amylovora", &inspector.token)
            .await,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0]["eppo_code"].as_str(), found[0]["kind"].as_str()),
        (Some("ERWIAM"), Some("disease"))
    );
    let by_russian = items(
        &app.get(
            &format!(
                "/api/v1/reference/organisms?q={}",
                "%D0%BE%D0%B6%D0%BE%D0%B3"
            ),
            &inspector.token,
        )
        .await,
    );
    assert!(!by_russian.is_empty(), "search by a Russian name (ожог)");
    let weeds = items(
        &app.get(
            "/api/v1/reference/organisms?kind=weed&category=limited",
            &inspector.token,
        )
        .await,
    );
    assert!(
        !weeds.is_empty()
            && weeds
                .iter()
                .all(|o| o["kind"] == "weed" && o["category"] == "limited")
    );

    let regions = items(
        &app.get(
            "/api/v1/reference/admin-units?level=region",
            &inspector.token,
        )
        .await,
    );
    assert_eq!(regions.len(), 17);
    let akmola = items(
        &app.get(
            "/api/v1/reference/admin-units?parent=110000000",
            &inspector.token,
        )
        .await,
    );
    assert!(akmola.len() >= 10, "Akmola region's districts");
    assert!(
        akmola
            .iter()
            .all(|u| u["parent_kato"] == "110000000"
                && u["kato"].as_str().unwrap().starts_with("11"))
    );
    let crops = items(
        &app.get("/api/v1/reference/crops?q=TRZAX", &inspector.token)
            .await,
    );
    assert!(crops.iter().any(|c| c["code"] == "wheat_spring"));
    let types = items(
        &app.get("/api/v1/reference/object-types", &inspector.token)
            .await,
    );
    assert!(
        types
            .iter()
            .any(|t| t["code"] == "field" && t["geometry"] == "polygon")
    );
    app.stop().await;
}
both_engines!(r_obj_2_everyone_looks_up_seeded_reference_data);

async fn r_obj_2_administrators_add_correct_and_retire_entries(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let put = |path: &str, token: &str, body: Value| {
        let app = &app;
        let path = path.to_string();
        let token = token.to_string();
        async move { app.call(Method::PUT, &path, Some(&token), Some(body)).await }
    };
    let organism = json!({ "kind": "pest", "category": "other", "name_la": "Calliptamus italicus", "name_kk": "Итальян шегірткесі", "name_ru": "Итальянский прус", "name_en": "Italian locust", "active": true });
    let created = put(
        "/api/v1/reference/organisms/calpit",
        &admin.token,
        organism.clone(),
    )
    .await;
    assert_eq!(
        (created.status, created.body["eppo_code"].as_str()),
        (StatusCode::CREATED, Some("CALPIT"))
    );
    let mut retired = organism.clone();
    retired["active"] = json!(false);
    let updated = put("/api/v1/reference/organisms/CALPIT", &admin.token, retired).await;
    assert_eq!(updated.status, StatusCode::OK);
    assert!(
        !items(
            &app.get("/api/v1/reference/organisms?q=calliptamus", &admin.token)
                .await
        )
        .iter()
        .any(|o| o["eppo_code"] == "CALPIT"),
        "retired entries are hidden"
    );
    let with_retired = items(
        &app.get(
            "/api/v1/reference/organisms?q=calliptamus&include_retired=true",
            &admin.token,
        )
        .await,
    );
    assert_eq!(with_retired[0]["active"], false);

    let bad_code = put(
        "/api/v1/reference/organisms/CAL-PIT",
        &admin.token,
        organism.clone(),
    )
    .await;
    assert_eq!(
        (bad_code.status, bad_code.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "eppo-code-invalid")
    );
    let mut bad_kind = organism.clone();
    bad_kind["kind"] = json!("mammal");
    let refused = app
        .call_with(
            Method::PUT,
            "/api/v1/reference/organisms/CALPIT",
            Some(&admin.token),
            Some(bad_kind),
            &[("accept-language", "en")],
        )
        .await;
    assert_eq!(refused.code(), "reference-value-invalid");
    assert!(
        refused.title().contains("pest, disease, weed"),
        "{}",
        refused.title()
    );

    let unit = json!({ "level": "district", "parent_kato": "110000000", "name_kk": "Жаңа аудан", "name_ru": "Новый район", "name_en": null, "active": true });
    assert_eq!(
        put(
            "/api/v1/reference/admin-units/119999000",
            &admin.token,
            unit.clone()
        )
        .await
        .status,
        StatusCode::CREATED
    );
    let wrong_region = put(
        "/api/v1/reference/admin-units/159999000",
        &admin.token,
        unit.clone(),
    )
    .await;
    assert_eq!(wrong_region.code(), "reference-parent-invalid");
    assert_eq!(
        put("/api/v1/reference/admin-units/12345", &admin.token, unit)
            .await
            .code(),
        "kato-code-invalid"
    );

    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    let forbidden = put(
        "/api/v1/reference/organisms/CALPIT",
        &inspector.token,
        organism,
    )
    .await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let journal = items(
        &app.get("/api/v1/audit?action=reference.put", &admin.token)
            .await,
    );
    assert_eq!(journal.len(), 3, "two organism changes and one unit");
    assert_eq!(journal.last().unwrap()["target_id"], "CALPIT");
    app.stop().await;
}
both_engines!(r_obj_2_administrators_add_correct_and_retire_entries);
