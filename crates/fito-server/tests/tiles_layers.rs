//! Findings and quarantine zones as map layers (issue 16): quarantine organisms
//! told apart from ordinary pests, zones by status, the subtree rule, changes on
//! the next request, and the same tiles from SQLite and PostgreSQL.

mod common;

use common::fieldwork::{Team, new_survey, ordinary_organism, team};
use common::{Caller, TestApp};
use fito_store::{Engine, both_engines};
use fito_tiles::TileId;
use fito_tiles::decode::{DecodedFeature, Tag, decode};
use reqwest::{Method, StatusCode};
use serde_json::json;

/// Around the team's survey points (71.401, 51.101) and (71.403, 51.102).
const LON: f64 = 71.402;
const LAT: f64 = 51.1015;

async fn features(
    app: &TestApp,
    who: &Caller,
    layer: &str,
    z: u8,
    query: &str,
) -> Vec<DecodedFeature> {
    let t = TileId::containing(z, LON, LAT).unwrap();
    let path = format!("/api/v1/tiles/{layer}/{z}/{}/{}.mvt{query}", t.x(), t.y());
    let (status, _, bytes) = common::fieldwork::bytes(app, &path, who).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "{path}: {}",
        String::from_utf8_lossy(&bytes)
    );
    let mut layers = decode(&bytes).expect("an MVT tile");
    assert_eq!(layers.len(), 1);
    assert_eq!(layers[0].name, layer);
    layers.remove(0).features
}

fn tag(f: &DecodedFeature, name: &str) -> Tag {
    f.tags.get(name).cloned().unwrap_or(Tag::Str("-".into()))
}

fn s(v: &str) -> Tag {
    Tag::Str(v.into())
}

fn counted(f: &[DecodedFeature], name: &str) -> u64 {
    f.iter()
        .map(|f| match f.tags.get(name) {
            Some(Tag::UInt(n)) => *n,
            _ => 0,
        })
        .sum()
}

async fn propose_zone(app: &TestApp, t: &Team, survey: &str) -> String {
    let z = app
        .post(
            "/api/v1/zones",
            &t.inspector.token,
            json!({ "organization_id": t.org, "name": "Целиноград карантин аймағы", "organisms": ["ACLRGL"],
                "boundary": { "kind": "buffer", "radius_km": 1.0, "findings": [{ "survey_id": survey, "seq": 1 }] },
                "basis": { "findings": [{ "survey_id": survey, "seq": 1 }], "acts": [] },
                "regime_kk": "Өнімді аймақтан тыс шығаруға тыйым салынады.",
                "regime_ru": "Вывоз продукции за пределы зоны запрещён." }),
        )
        .await;
    assert_eq!(z.status, StatusCode::CREATED, "{}", z.body);
    z.body["id"].as_str().unwrap().to_string()
}

async fn issue_16_findings_layer_tells_quarantine_organisms_from_ordinary_pests(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    let neighbour = app
        .create_org(&t.admin, &app.root_org, "Көрші инспекция")
        .await;
    let stranger = app.create_user(&t.admin, "head", &neighbour).await;
    assert!(features(&app, &t.head, "findings", 14, "").await.is_empty());
    let survey = new_survey(&app, &t).await;
    // From zoom 12 each finding, with its survey, organism and category.
    let f = features(&app, &t.head, "findings", 14, "").await;
    let seen: Vec<_> = f
        .iter()
        .map(|f| {
            (
                f.kind,
                tag(f, "id"),
                tag(f, "organism"),
                tag(f, "category"),
                tag(f, "quarantine"),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (1, s(&survey), s("ACLRGL"), s("quarantine"), Tag::Bool(true)),
            (1, s(&survey), s("ZZORDN"), s("ordinary"), Tag::Bool(false)),
        ]
    );
    assert_eq!(tag(&f[0], "object"), s(&t.field));
    assert_eq!(tag(&f[0], "surveyed_on"), s("2026-06-10"));
    // Below zoom 12 counted, with how many are quarantine.
    for z in [5u8, 8, 11] {
        let low = features(&app, &t.head, "findings", z, "").await;
        assert_eq!(
            (counted(&low, "count"), counted(&low, "quarantine_count")),
            (2, 1),
            "zoom {z}"
        );
    }
    for (query, want) in [
        ("?category=quarantine", vec![s("ACLRGL")]),
        ("?organism=ZZORDN", vec![s("ZZORDN")]),
        (
            "?from=2026-06-10&to=2026-06-11",
            vec![s("ACLRGL"), s("ZZORDN")],
        ),
        ("?from=2026-06-11", vec![]),
    ] {
        let f = features(&app, &t.head, "findings", 14, query).await;
        assert_eq!(
            f.iter().map(|f| tag(f, "organism")).collect::<Vec<_>>(),
            want,
            "{query}"
        );
    }
    // Another region's findings never appear, at any zoom.
    for z in [5u8, 8, 11, 14] {
        assert!(
            features(&app, &stranger, "findings", z, "")
                .await
                .is_empty(),
            "zoom {z}"
        );
    }
    // A second survey shows on the next request.
    new_survey(&app, &t).await;
    assert_eq!(features(&app, &t.head, "findings", 14, "").await.len(), 4);
}
both_engines!(issue_16_findings_layer_tells_quarantine_organisms_from_ordinary_pests);

async fn issue_16_zones_layer_shows_zones_by_status_in_the_subtree(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    let neighbour = app
        .create_org(&t.admin, &app.root_org, "Көрші инспекция")
        .await;
    let stranger = app.create_user(&t.admin, "head", &neighbour).await;
    let survey = new_survey(&app, &t).await;
    let zone = propose_zone(&app, &t, &survey).await;
    // A 1 km zone is a polygon from zoom 8 on, a count at the country's zoom.
    for z in [8u8, 11, 14] {
        let f = features(&app, &t.head, "zones", z, "").await;
        let seen: Vec<_> = f
            .iter()
            .map(|f| (f.kind, tag(f, "id"), tag(f, "status"), tag(f, "organisms")))
            .collect();
        assert_eq!(
            seen,
            vec![(3, s(&zone), s("proposed"), s("ACLRGL"))],
            "zoom {z}"
        );
    }
    assert_eq!(
        counted(&features(&app, &t.head, "zones", 5, "").await, "count"),
        1
    );
    for (query, n) in [
        ("?status=proposed", 1),
        ("?status=established", 0),
        ("?organism=ACLRGL", 1),
        ("?organism=ZZORDN", 0),
        ("?to=2001-01-01", 0),
        ("?from=2001-01-01", 1),
    ] {
        assert_eq!(
            features(&app, &t.head, "zones", 11, query).await.len(),
            n,
            "{query}"
        );
    }
    for z in [5u8, 8, 11, 14] {
        assert!(
            features(&app, &stranger, "zones", z, "").await.is_empty(),
            "zoom {z}"
        );
    }
    // Withdrawn through the API: the next tile shows the new status.
    let w = app
        .post(
            &format!("/api/v1/zones/{zone}/withdraw"),
            &t.head.token,
            json!({ "version": 1, "note": "Қате анықталды" }),
        )
        .await;
    assert_eq!(w.status, StatusCode::OK, "{}", w.body);
    let f = features(&app, &t.head, "zones", 11, "").await;
    assert_eq!(tag(&f[0], "status"), s("withdrawn"));
    assert!(
        features(&app, &t.head, "zones", 11, "?status=proposed")
            .await
            .is_empty()
    );
}
both_engines!(issue_16_zones_layer_shows_zones_by_status_in_the_subtree);

async fn issue_16_layer_filters_that_do_not_apply_get_a_translated_400(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    for (path, code) in [
        (
            "/api/v1/tiles/findings/3/0/0.mvt?type=field",
            "tile-filter-not-for-layer",
        ),
        (
            "/api/v1/tiles/findings/3/0/0.mvt?status=active",
            "tile-filter-not-for-layer",
        ),
        (
            "/api/v1/tiles/objects/3/0/0.mvt?category=quarantine",
            "tile-filter-not-for-layer",
        ),
        (
            "/api/v1/tiles/zones/3/0/0.mvt?type=field",
            "tile-filter-not-for-layer",
        ),
        (
            "/api/v1/tiles/findings/3/0/0.mvt?category=harmless",
            "tile-category-invalid",
        ),
        (
            "/api/v1/tiles/zones/3/0/0.mvt?status=active",
            "tile-zone-status-invalid",
        ),
    ] {
        let a = app
            .call_with(
                Method::GET,
                path,
                Some(&inspector.token),
                None,
                &[("accept-language", "ru")],
            )
            .await;
        assert_eq!(
            (a.status, a.code()),
            (StatusCode::BAD_REQUEST, code),
            "{path}: {}",
            a.body
        );
        assert!(!a.title().contains("tile-"), "{path}: {}", a.body);
    }
    for layer in ["findings", "zones"] {
        let a = app
            .get(
                &format!("/api/v1/tiles/{layer}?organism=ACLRGL"),
                &inspector.token,
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(
            a.body["tiles"][0],
            format!("/api/v1/tiles/{layer}/{{z}}/{{x}}/{{y}}.mvt?organism=ACLRGL")
        );
    }
}
both_engines!(issue_16_layer_filters_that_do_not_apply_get_a_translated_400);

/// The same findings and zone through the API on both engines give the same
/// decoded tiles (ids, made by the server, replaced by what they name).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_16_findings_and_zones_tiles_are_the_same_on_sqlite_and_postgresql() {
    let mut seen = Vec::new();
    for engine in [Engine::Sqlite, Engine::Postgres] {
        let app = TestApp::start(engine).await;
        let t = team(&app).await;
        ordinary_organism(&app, &t.admin).await;
        let survey = new_survey(&app, &t).await;
        let zone = propose_zone(&app, &t, &survey).await;
        let mut tiles = Vec::new();
        for layer in ["findings", "zones"] {
            for z in [5u8, 8, 11, 14] {
                let mut f = features(&app, &t.head, layer, z, "").await;
                for feature in &mut f {
                    for (key, value) in [("id", &survey), ("id", &zone), ("object", &t.field)] {
                        if feature.tags.get(key) == Some(&s(value)) {
                            feature.tags.insert(key.into(), s(key));
                        }
                    }
                }
                tiles.push((layer, z, f));
            }
        }
        assert!(tiles.iter().any(|(_, z, f)| *z == 14 && f.len() == 2));
        seen.push(tiles);
        app.stop().await;
    }
    assert_eq!(seen[0], seen[1]);
}
