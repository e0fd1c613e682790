//! The register of phytosanitary objects through the API (R-OBJ-1, R-GEO-1).

mod common;

use common::{Caller, TestApp};
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn square(lon: f64, lat: f64, d: f64) -> Value {
    json!({ "type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] })
}

async fn inspector(app: &TestApp) -> (Caller, Caller) {
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    (admin, inspector)
}

async fn register(app: &TestApp, who: &Caller, body: Value) -> common::Answer {
    app.post("/api/v1/objects", &who.token, body).await
}

fn ids(a: &common::Answer) -> Vec<String> {
    a.body["features"]
        .as_array()
        .map(|f| {
            f.iter()
                .filter_map(|x| x["id"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

async fn r_obj_1_an_inspector_registers_a_field_with_owner_unit_crop_and_geodesic_area(
    engine: Engine,
) {
    let app = TestApp::start(engine).await;
    let (_, inspector) = inspector(&app).await;
    let body = json!({
        "type": "field", "name": "Бидай алқабы №7",
        "owner": { "kind": "legal_entity", "name": "«Астық» ЖШС", "bin": "260240002570" },
        "kato": "110000000", "crop": "wheat_spring",
        "geometry": square(71.4, 51.1, 0.005),
    });
    let a = register(&app, &inspector, body).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    assert_eq!(a.headers["content-type"], "application/geo+json");
    let p = &a.body["properties"];
    assert_eq!(
        (
            p["type"].as_str(),
            p["crop"].as_str(),
            p["kato"].as_str(),
            p["version"].as_i64()
        ),
        (
            Some("field"),
            Some("wheat_spring"),
            Some("110000000"),
            Some(1)
        )
    );
    assert_eq!(p["owner"]["bin"], "260240002570");
    // 0.01° × 0.01° at 51.1° N: about 1,112 m × 700 m, i.e. about 77.8 ha.
    let area = p["area_ha"].as_f64().unwrap();
    assert!((area - 77.8).abs() < 0.8, "{area} ha");
    let id = a.body["id"].as_str().unwrap().to_string();
    let got = app
        .get(&format!("/api/v1/objects/{id}"), &inspector.token)
        .await;
    assert_eq!(got.body["geometry"]["type"], "Polygon");
    let listed = app
        .get("/api/v1/objects?bbox=71.3,51.0,71.5,51.2", &inspector.token)
        .await;
    assert_eq!(listed.status, StatusCode::OK, "{}", listed.body);
    assert_eq!(ids(&listed), vec![id.clone()], "{}", listed.body);
    let in_akmola = app
        .get("/api/v1/objects?kato=110000000", &inspector.token)
        .await;
    assert_eq!(
        ids(&in_akmola),
        vec![id.clone()],
        "a region's objects include its units'"
    );
    assert!(
        ids(&app
            .get("/api/v1/objects?kato=150000000", &inspector.token)
            .await)
        .is_empty()
    );
    let bad_kato = app.get("/api/v1/objects?kato=1", &inspector.token).await;
    assert_eq!(
        (bad_kato.status, bad_kato.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "kato-code-invalid")
    );
    app.stop().await;
}
both_engines!(r_obj_1_an_inspector_registers_a_field_with_owner_unit_crop_and_geodesic_area);

async fn r_geo_1_broken_geometries_are_refused_in_the_callers_language_and_nothing_is_written(
    engine: Engine,
) {
    let app = TestApp::start(engine).await;
    let (_, inspector) = inspector(&app).await;
    let before = app.audit_count().await;
    let post = |geometry: Value, lang: &'static str| {
        let app = &app;
        let token = inspector.token.clone();
        async move {
            app.call_with(
                Method::POST,
                "/api/v1/objects",
                Some(&token),
                Some(json!({ "type": "field", "name": "x", "geometry": geometry })),
                &[("accept-language", lang)],
            )
            .await
        }
    };
    let bowtie = json!({ "type": "Polygon", "coordinates": [[[71.0, 51.0], [71.1, 51.1], [71.1, 51.0], [71.0, 51.1], [71.0, 51.0]]] });
    let ru = post(bowtie.clone(), "ru").await;
    assert_eq!(
        (ru.status, ru.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "geo-ring-self-intersects")
    );
    assert!(
        ru.title()
            .starts_with("Контур пересекает или касается сам себя ("),
        "{}",
        ru.title()
    );
    let kk = post(bowtie, "kk").await;
    assert!(kk.title().contains("өзін-өзі"), "{}", kk.title());
    let open = json!({ "type": "Polygon", "coordinates": [[[71.0, 51.0], [71.1, 51.0], [71.1, 51.1], [71.0, 51.1]]] });
    assert_eq!(post(open, "en").await.code(), "geo-ring-not-closed");
    let swapped = square(51.1, 71.4, 0.01);
    let sw = post(swapped, "en").await;
    assert_eq!(sw.code(), "geo-axes-swapped");
    assert!(sw.title().contains("longitude first"), "{}", sw.title());
    assert_eq!(
        post(
            json!({ "type": "Point", "coordinates": [200.0, 51.0] }),
            "en"
        )
        .await
        .code(),
        "geo-longitude-out-of-range"
    );
    assert_eq!(
        post(
            json!({ "type": "LineString", "coordinates": [[71.0, 51.0], [71.1, 51.1]] }),
            "en"
        )
        .await
        .code(),
        "geo-geometry-type-unsupported"
    );
    assert_eq!(
        post(json!({ "type": "Polygon", "coordinates": "no" }), "en")
            .await
            .code(),
        "geo-geojson-wrong-type"
    );
    // A field must be an area, an outbreak focus may be a point.
    let point = json!({ "type": "Point", "coordinates": [71.4, 51.1] });
    let mismatch = post(point, "en").await;
    assert_eq!(
        (
            mismatch.code(),
            mismatch.body["params"]["geometry"].as_str()
        ),
        ("object-type-geometry-mismatch", Some("polygon"))
    );
    let bad_owner = register(&app, &inspector, json!({ "type": "field", "name": "x", "geometry": square(71.4, 51.1, 0.01), "owner": { "kind": "person", "name": "Ахметов А.", "iin": "900101300008" } })).await;
    assert_eq!(bad_owner.code(), "iin-checksum");
    let bad_kato = register(&app, &inspector, json!({ "type": "field", "name": "x", "geometry": square(71.4, 51.1, 0.01), "kato": "999999999" })).await;
    assert_eq!(bad_kato.code(), "object-kato-unknown");
    let listed = app.get("/api/v1/objects", &inspector.token).await;
    assert!(ids(&listed).is_empty(), "nothing was registered");
    assert_eq!(
        app.audit_count().await,
        before + 1,
        "only the (empty) list read is journalled"
    );
    app.stop().await;
}
both_engines!(r_geo_1_broken_geometries_are_refused_in_the_callers_language_and_nothing_is_written);

async fn r_geo_1_unambiguous_repairs_are_made_only_when_asked_and_reported(engine: Engine) {
    let app = TestApp::start(engine).await;
    let (_, inspector) = inspector(&app).await;
    // Clockwise and unclosed: closing is asked for, reorientation is always safe.
    let ring = json!([[71.0, 51.0], [71.0, 51.1], [71.1, 51.1], [71.1, 51.0]]);
    let a = register(&app, &inspector, json!({ "type": "field", "name": "x", "close_open_rings": true, "geometry": { "type": "Polygon", "coordinates": [ring] } })).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    let codes: Vec<&str> = a.body["properties"]["repairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["code"].as_str())
        .collect();
    assert!(codes.contains(&"geo-repair-ring-closed"), "{codes:?}");
    let stored = &a.body["geometry"]["coordinates"][0];
    assert_eq!(
        stored[0],
        stored[stored.as_array().unwrap().len() - 1],
        "the stored ring is closed"
    );
    app.stop().await;
}
both_engines!(r_geo_1_unambiguous_repairs_are_made_only_when_asked_and_reported);

async fn r_obj_1_every_change_is_a_version_and_stale_edits_are_refused(engine: Engine) {
    let app = TestApp::start(engine).await;
    let (_, inspector) = inspector(&app).await;
    let a = register(
        &app,
        &inspector,
        json!({ "type": "orchard", "name": "Алма бағы", "geometry": square(76.9, 43.2, 0.002) }),
    )
    .await;
    let id = a.body["id"].as_str().unwrap().to_string();
    let path = format!("/api/v1/objects/{id}");
    let renamed = app
        .call(
            Method::PATCH,
            &path,
            Some(&inspector.token),
            Some(json!({ "version": 1, "name": "Апорт бағы" })),
        )
        .await;
    assert_eq!(
        (
            renamed.status,
            renamed.body["properties"]["version"].as_i64()
        ),
        (StatusCode::OK, Some(2)),
        "{}",
        renamed.body
    );
    let moved = app
        .call(
            Method::PATCH,
            &path,
            Some(&inspector.token),
            Some(json!({ "version": 2, "geometry": square(76.95, 43.25, 0.004) })),
        )
        .await;
    assert_eq!(moved.body["properties"]["version"], 3);
    assert!(
        moved.body["properties"]["area_ha"].as_f64().unwrap()
            > a.body["properties"]["area_ha"].as_f64().unwrap() * 3.5,
        "area follows the geometry"
    );
    let stale = app
        .call(
            Method::PATCH,
            &path,
            Some(&inspector.token),
            Some(json!({ "version": 2, "name": "Басқа" })),
        )
        .await;
    assert_eq!(
        (
            stale.status,
            stale.code(),
            stale.body["params"]["current"].as_str()
        ),
        (StatusCode::CONFLICT, "object-version-conflict", Some("3"))
    );
    let archived = app
        .post(
            &format!("{path}/archive"),
            &inspector.token,
            json!({ "version": 3 }),
        )
        .await;
    assert_eq!(archived.body["properties"]["status"], "archived");
    assert!(
        ids(&app.get("/api/v1/objects", &inspector.token).await).is_empty(),
        "archived objects leave the map"
    );
    assert_eq!(
        ids(&app
            .get("/api/v1/objects?status=archived", &inspector.token)
            .await),
        vec![id.clone()]
    );
    let edit_archived = app
        .call(
            Method::PATCH,
            &path,
            Some(&inspector.token),
            Some(json!({ "version": 4, "name": "x" })),
        )
        .await;
    assert_eq!(edit_archived.code(), "object-archived");
    app.post(
        &format!("{path}/restore"),
        &inspector.token,
        json!({ "version": 4 }),
    )
    .await;
    let history = app.get(&format!("{path}/history"), &inspector.token).await;
    let changes: Vec<&str> = history
        .body
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v["change"].as_str())
        .collect();
    assert_eq!(
        changes,
        ["create", "update", "update", "archive", "restore"]
    );
    assert_eq!(
        history.body[0]["object"]["properties"]["name"], "Алма бағы",
        "old versions read back as they were"
    );
    assert_eq!(
        history.body[1]["object"]["properties"]["name"],
        "Апорт бағы"
    );
    app.stop().await;
}
both_engines!(r_obj_1_every_change_is_a_version_and_stale_edits_are_refused);

async fn r_geo_1_which_object_am_i_in_nearest_objects_and_a_buffer_zone(engine: Engine) {
    let app = TestApp::start(engine).await;
    let (_, inspector) = inspector(&app).await;
    let big = register(
        &app,
        &inspector,
        json!({ "type": "field", "name": "Үлкен алқап", "geometry": square(71.4, 51.1, 0.02) }),
    )
    .await;
    let big_id = big.body["id"].as_str().unwrap().to_string();
    // Points north of (71.4, 51.1) at about 3.3, 5.6 and 11.1 km.
    let mut expected: Vec<(f64, String)> = Vec::new();
    for (name, dlat) in [("far", 0.1), ("near", 0.03), ("middle", 0.05)] {
        let a = register(&app, &inspector, json!({ "type": "outbreak_focus", "name": name, "geometry": { "type": "Point", "coordinates": [71.4, 51.1 + dlat] } })).await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        expected.push((dlat, a.body["id"].as_str().unwrap().to_string()));
    }
    let inside = app
        .get("/api/v1/objects/at?lon=71.41&lat=51.11", &inspector.token)
        .await;
    assert_eq!(ids(&inside), vec![big_id.clone()]);
    let on_fence = app
        .get("/api/v1/objects/at?lon=71.42&lat=51.1", &inspector.token)
        .await;
    assert_eq!(
        ids(&on_fence),
        vec![big_id.clone()],
        "the boundary counts as inside"
    );
    assert!(
        ids(&app
            .get("/api/v1/objects/at?lon=71.5&lat=51.1", &inspector.token)
            .await)
        .is_empty()
    );
    assert_eq!(
        app.get("/api/v1/objects/at?lon=71.5&lat=95", &inspector.token)
            .await
            .code(),
        "geo-latitude-out-of-range"
    );

    let nearest = app
        .get(
            "/api/v1/objects/nearest?lon=71.4&lat=51.1&n=3",
            &inspector.token,
        )
        .await;
    let features = nearest.body["features"].as_array().unwrap();
    assert_eq!(
        features[0]["id"],
        big_id.as_str(),
        "the field we stand in is nearest (0 m)"
    );
    assert_eq!(features[0]["properties"]["distance_m"], 0.0);
    expected.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert_eq!(features[1]["id"], expected[0].1.as_str());
    assert_eq!(features[2]["id"], expected[1].1.as_str());
    let d = features[1]["properties"]["distance_m"].as_f64().unwrap();
    assert!(
        (d - 3_338.0).abs() < 15.0,
        "0.03° of latitude at 51° N is about 3,338 m, got {d}"
    );

    let focus = &expected[0].1;
    let zone = app
        .post(
            &format!("/api/v1/objects/{focus}/buffer"),
            &inspector.token,
            json!({ "radius_km": 5.0, "name": "Карантин аймағы" }),
        )
        .await;
    assert_eq!(zone.status, StatusCode::CREATED, "{}", zone.body);
    assert_eq!(zone.body["properties"]["type"], "quarantine_zone");
    let area = zone.body["properties"]["area_ha"].as_f64().unwrap();
    let circle = std::f64::consts::PI * 25.0 * 100.0;
    assert!(
        (area - circle).abs() / circle < 0.005,
        "a 5 km zone is π·25 km² = {circle:.0} ha, got {area}"
    );
    let too_big = app
        .post(
            &format!("/api/v1/objects/{focus}/buffer"),
            &inspector.token,
            json!({ "radius_km": 5000.0 }),
        )
        .await;
    assert_eq!(too_big.code(), "object-buffer-radius");
    app.stop().await;
}
both_engines!(r_geo_1_which_object_am_i_in_nearest_objects_and_a_buffer_zone);

async fn r_mob_2_an_object_made_offline_keeps_its_client_id_and_is_not_duplicated(engine: Engine) {
    let app = TestApp::start(engine).await;
    let (_, inspector) = inspector(&app).await;
    let id = uuid::Uuid::now_v7().to_string();
    let body = json!({ "id": id, "type": "outbreak_focus", "name": "Далада тіркелген", "geometry": { "type": "Point", "coordinates": [68.3, 42.3] } });
    let first = register(&app, &inspector, body.clone()).await;
    assert_eq!(
        (first.status, first.body["id"].as_str()),
        (StatusCode::CREATED, Some(id.as_str()))
    );
    let again = register(&app, &inspector, body).await;
    assert_eq!(
        (again.status, again.code()),
        (StatusCode::CONFLICT, "object-id-taken")
    );
    assert_eq!(
        ids(&app.get("/api/v1/objects", &inspector.token).await).len(),
        1
    );
    app.stop().await;
}
both_engines!(r_mob_2_an_object_made_offline_keeps_its_client_id_and_is_not_duplicated);
