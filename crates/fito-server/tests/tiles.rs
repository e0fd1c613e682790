//! The register as vector tiles through the API (issue 16): what a map shows,
//! to whom, and when it changes.

mod common;

use common::tiles::{counted, ids, path_of, register, square};
use common::{Caller, TestApp};
use fito_store::{Engine, both_engines};
use fito_tiles::TileId;
use fito_tiles::decode::{DecodedFeature, Tag, decode};
use reqwest::{Method, StatusCode};
use serde_json::json;

struct Got {
    status: StatusCode,
    etag: Option<String>,
    content_type: Option<String>,
    bytes: Vec<u8>,
}

impl Got {
    fn features(&self) -> Vec<DecodedFeature> {
        assert_eq!(
            self.status,
            StatusCode::OK,
            "{:?}",
            String::from_utf8_lossy(&self.bytes)
        );
        let layers = decode(&self.bytes).expect("an MVT tile");
        assert_eq!(layers.len(), 1);
        assert_eq!(layers[0].name, "objects");
        layers.into_iter().next().unwrap().features
    }
}

async fn get_tile(app: &TestApp, who: &Caller, path: &str, if_none_match: Option<&str>) -> Got {
    let mut req = app
        .http
        .get(format!("{}{path}", app.base))
        .bearer_auth(&who.token);
    if let Some(tag) = if_none_match {
        req = req.header("if-none-match", tag);
    }
    let res = req.send().await.expect("request");
    let header = |name: &str| {
        res.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(String::from)
    };
    let (etag, content_type) = (header("etag"), header("content-type"));
    Got {
        status: res.status(),
        etag,
        content_type,
        bytes: res.bytes().await.unwrap().to_vec(),
    }
}

async fn issue_16_a_tile_shows_objects_with_ids_counts_at_low_zoom_and_changes_on_the_next_request(
    engine: Engine,
) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    let id = register(&app, &inspector, "Бидай алқабы", square(71.4, 51.1, 0.005)).await;
    let z14 = TileId::containing(14, 71.4, 51.1).unwrap();
    let got = get_tile(&app, &inspector, &path_of(z14, ""), None).await;
    assert_eq!(
        got.content_type.as_deref(),
        Some("application/vnd.mapbox-vector-tile")
    );
    let f = got.features();
    assert_eq!(ids(&f), vec![id.clone()]);
    assert_eq!(
        (f[0].kind, f[0].tags["type"].clone()),
        (3, Tag::Str("field".into()))
    );
    assert_eq!(f[0].tags["quarantine"], Tag::Bool(false));
    // The caller's copy is current: 304, no body.
    let etag = got.etag.expect("an ETag");
    let again = get_tile(&app, &inspector, &path_of(z14, ""), Some(&etag)).await;
    assert_eq!(
        (again.status, again.bytes.len()),
        (StatusCode::NOT_MODIFIED, 0)
    );
    // At the country's zoom the field is a count.
    let z5 = TileId::containing(5, 71.4, 51.1).unwrap();
    let low = get_tile(&app, &inspector, &path_of(z5, ""), None)
        .await
        .features();
    assert_eq!((counted(&low), ids(&low).len()), (1, 0));
    // Moved far away through the API: the next request shows it gone.
    let moved = app
        .call(
            Method::PATCH,
            &format!("/api/v1/objects/{id}"),
            Some(&inspector.token),
            Some(json!({ "version": 1, "geometry": square(76.9, 43.2, 0.005) })),
        )
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    let after = get_tile(&app, &inspector, &path_of(z14, ""), Some(&etag)).await;
    assert_ne!(after.etag.as_deref(), Some(etag.as_str()));
    assert!(after.features().is_empty());
    let there = TileId::containing(14, 76.9, 43.2).unwrap();
    let f = get_tile(&app, &inspector, &path_of(there, ""), None)
        .await
        .features();
    assert_eq!(ids(&f), vec![id.clone()]);
    // Archived objects leave the default map and appear under status=archived.
    let archived = app
        .call(
            Method::POST,
            &format!("/api/v1/objects/{id}/archive"),
            Some(&inspector.token),
            Some(json!({ "version": 2 })),
        )
        .await;
    assert!(archived.status.is_success(), "{}", archived.body);
    let f = get_tile(&app, &inspector, &path_of(there, ""), None)
        .await
        .features();
    assert!(f.is_empty());
    let f = get_tile(&app, &inspector, &path_of(there, "?status=archived"), None).await;
    assert_eq!(ids(&f.features()), vec![id]);
}
both_engines!(
    issue_16_a_tile_shows_objects_with_ids_counts_at_low_zoom_and_changes_on_the_next_request
);

async fn issue_16_another_regions_objects_never_appear_in_a_tile(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let north = app.create_org(&admin, &app.root_org, "Солтүстік").await;
    let south = app.create_org(&admin, &app.root_org, "Оңтүстік").await;
    let a = app.create_user(&admin, "inspector", &north).await;
    let b = app.create_user(&admin, "inspector", &south).await;
    // Two fields on the same spot, one per region.
    let mine = register(&app, &a, "North field", square(71.4, 51.1, 0.005)).await;
    let theirs = register(&app, &b, "South field", square(71.4, 51.1, 0.004)).await;
    for z in [5u8, 8, 11, 14] {
        let t = TileId::containing(z, 71.4, 51.1).unwrap();
        for (who, own, other) in [(&a, &mine, &theirs), (&b, &theirs, &mine)] {
            let f = get_tile(&app, who, &path_of(t, ""), None).await.features();
            let seen = ids(&f);
            assert!(!seen.contains(other), "zoom {z}: {seen:?}");
            if z >= fito_tiles::DETAIL_ZOOM {
                assert_eq!(&seen, &vec![own.clone()]);
            } else {
                assert_eq!(counted(&f) + seen.len() as u64, 1, "zoom {z}");
            }
        }
    }
    // The root sees both.
    let t = TileId::containing(14, 71.4, 51.1).unwrap();
    let head = app.create_user(&admin, "inspector", &app.root_org).await;
    let f = get_tile(&app, &head, &path_of(t, ""), None)
        .await
        .features();
    assert_eq!(ids(&f).len(), 2);
}
both_engines!(issue_16_another_regions_objects_never_appear_in_a_tile);

async fn issue_16_bad_tile_requests_get_a_translated_4xx(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    for (path, status, code) in [
        (
            "/api/v1/tiles/objects/23/0/0.mvt",
            StatusCode::NOT_FOUND,
            "tile-not-found",
        ),
        (
            "/api/v1/tiles/objects/3/8/0.mvt",
            StatusCode::NOT_FOUND,
            "tile-not-found",
        ),
        (
            "/api/v1/tiles/objects/3/0/0.png",
            StatusCode::NOT_FOUND,
            "tile-not-found",
        ),
        (
            "/api/v1/tiles/roads/3/0/0.mvt",
            StatusCode::NOT_FOUND,
            "tile-layer-unknown",
        ),
        (
            "/api/v1/tiles/roads",
            StatusCode::NOT_FOUND,
            "tile-layer-unknown",
        ),
        (
            "/api/v1/tiles/objects/3/0/0.mvt?status=lost",
            StatusCode::BAD_REQUEST,
            "tile-status-invalid",
        ),
        (
            "/api/v1/tiles/objects/3/0/0.mvt?from=2026-02-01&to=2026-01-01",
            StatusCode::BAD_REQUEST,
            "tile-period-invalid",
        ),
        (
            "/api/v1/tiles/objects/3/0/0.mvt?colour=red",
            StatusCode::BAD_REQUEST,
            "request-invalid-query",
        ),
        (
            "/api/v1/tiles/objects/3/0/0.mvt?organism=x",
            StatusCode::UNPROCESSABLE_ENTITY,
            "eppo-code-invalid",
        ),
    ] {
        let a = app
            .call_with(
                Method::GET,
                path,
                Some(&inspector.token),
                None,
                &[("accept-language", "kk")],
            )
            .await;
        assert_eq!(a.status, status, "{path}: {}", a.body);
        if !code.is_empty() {
            assert_eq!(a.code(), code, "{path}");
        }
        assert!(
            !a.title().is_empty() && !a.title().contains("tile-"),
            "{path}: {}",
            a.body
        );
    }
    let anonymous = app
        .call(Method::GET, "/api/v1/tiles/objects/0/0/0.mvt", None, None)
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
}
both_engines!(issue_16_bad_tile_requests_get_a_translated_4xx);

async fn issue_16_tilejson_describes_the_layer_with_the_filters_in_its_url(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    let a = app
        .get("/api/v1/tiles/objects?type=field", &inspector.token)
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.body["tilejson"], "3.0.0");
    assert_eq!(
        a.body["tiles"][0],
        "/api/v1/tiles/objects/{z}/{x}/{y}.mvt?type=field"
    );
    assert_eq!(a.body["vector_layers"][0]["id"], "objects");
}
both_engines!(issue_16_tilejson_describes_the_layer_with_the_filters_in_its_url);

/// A tile's features with each object's id replaced by its name (ids are made
/// by the server, names by the test), for comparing engines.
async fn named_tile(
    app: &TestApp,
    who: &Caller,
    path: &str,
    names: &[(String, String)],
) -> Vec<DecodedFeature> {
    let mut f = get_tile(app, who, path, None).await.features();
    for feature in &mut f {
        if let Some(Tag::Str(id)) = feature.tags.get("id") {
            let name = names.iter().find(|(i, _)| i == id).map(|(_, n)| n.clone());
            feature
                .tags
                .insert("id".into(), Tag::Str(name.expect("a known object")));
        }
    }
    f
}

/// The same register through the API on both engines gives the same decoded
/// tiles at every zoom, with and without a filter (issue 16 conformance).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_16_sqlite_and_postgresql_give_the_same_tiles() {
    let mut seen = Vec::new();
    for engine in [Engine::Sqlite, Engine::Postgres] {
        let app = TestApp::start(engine).await;
        let admin = app.admin().await;
        let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
        let mut names = Vec::new();
        // Fields of 100 m to 5 km and point foci on a 6 × 6 grid around Astana,
        // some overlapping tile edges at zoom 11 and 14.
        for i in 0..36 {
            let (lon, lat) = (
                71.30 + 0.037 * f64::from(i % 6),
                51.05 + 0.029 * f64::from(i / 6),
            );
            let name = format!("object {i}");
            let (kind, geometry) = if i % 3 == 2 {
                (
                    "outbreak_focus",
                    json!({ "type": "Point", "coordinates": [lon, lat] }),
                )
            } else {
                (
                    "field",
                    square(lon, lat, 0.0005 + 0.0007 * f64::from(i % 7)),
                )
            };
            let a = app
                .post(
                    "/api/v1/objects",
                    &inspector.token,
                    json!({ "type": kind, "name": name, "geometry": geometry }),
                )
                .await;
            assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
            names.push((a.body["id"].as_str().unwrap().to_string(), name));
        }
        let mut tiles = Vec::new();
        for z in [5u8, 8, 11, 14] {
            let centre = TileId::containing(z, 71.39, 51.12).unwrap();
            for (dx, dy) in [(0i64, 0i64), (1, 0), (0, 1), (-1, -1)] {
                let (x, y) = (i64::from(centre.x()) + dx, i64::from(centre.y()) + dy);
                let t = TileId::new(z, x as u32, y as u32).unwrap();
                for query in ["", "?type=field"] {
                    let f = named_tile(&app, &inspector, &path_of(t, query), &names).await;
                    tiles.push((t, query, f));
                }
            }
        }
        let drawn: usize = tiles.iter().map(|(_, _, f)| f.len()).sum();
        assert!(drawn > 36, "the tiles hold the objects: {drawn} features");
        seen.push(tiles);
        app.stop().await;
    }
    for (a, b) in seen[0].iter().zip(&seen[1]) {
        assert_eq!(a, b, "SQLite vs PostgreSQL, tile {:?}{}", a.0, a.1);
    }
}

/// Filters by the organism found and the period of the finding; a survey's
/// quarantine finding shows on the next tile.
async fn issue_16_tiles_filter_by_organism_and_period_and_show_the_quarantine_flag(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = common::fieldwork::team(&app).await;
    common::fieldwork::ordinary_organism(&app, &t.admin).await;
    let other = register(
        &app,
        &t.inspector,
        "No findings",
        square(71.41, 51.11, 0.001),
    )
    .await;
    let z14 = TileId::containing(14, 71.4, 51.1).unwrap();
    let before = get_tile(&app, &t.head, &path_of(z14, ""), None).await;
    let etag = before.etag.clone().unwrap();
    let flags: Vec<_> = before
        .features()
        .iter()
        .map(|f| f.tags["quarantine"].clone())
        .collect();
    assert_eq!(flags, vec![Tag::Bool(false), Tag::Bool(false)]);
    common::fieldwork::new_survey(&app, &t).await;
    let after = get_tile(&app, &t.head, &path_of(z14, ""), Some(&etag)).await;
    let f = after.features();
    let field = f
        .iter()
        .find(|f| f.tags["id"] == Tag::Str(t.field.clone()))
        .unwrap();
    assert_eq!(field.tags["quarantine"], Tag::Bool(true));
    assert_eq!(ids(&f).len(), 2);
    for (query, want) in [
        ("?organism=ACLRGL", vec![t.field.clone()]),
        ("?organism=ACUPFU", vec![]),
        ("?from=2026-06-01&to=2026-07-01", vec![t.field.clone()]),
        ("?from=2026-06-11", vec![]),
        ("?organism=ACLRGL&to=2026-06-10", vec![]),
        (
            "?type=field&status=active",
            vec![t.field.clone(), other.clone()],
        ),
    ] {
        let f = get_tile(&app, &t.head, &path_of(z14, query), None)
            .await
            .features();
        let mut got = ids(&f);
        got.sort();
        let mut want = want;
        want.sort();
        assert_eq!(got, want, "{query}");
    }
}
both_engines!(issue_16_tiles_filter_by_organism_and_period_and_show_the_quarantine_flag);

/// Archives an object as another instance on the same database, or the command
/// line, would: straight through fito-store, not through this server.
async fn archive_elsewhere(app: &TestApp, id: &str) {
    let stored = fito_store::objects::get(app.store.reader(), id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let version = stored.version;
    let archived = fito_store::objects::Object {
        status: "archived".into(),
        ..stored
    };
    let tx = app.store.begin().await.unwrap();
    fito_store::objects::update(&tx, archived, version, "archive", "{}".into())
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

/// The ids a tile draws once they no longer include `id`, asking for at most
/// five seconds (a notification takes milliseconds).
async fn drawn_after_change(app: &TestApp, who: &Caller, t: TileId, id: &str) -> Vec<String> {
    let mut shown = Vec::new();
    for _ in 0..100 {
        shown = ids(&get_tile(app, who, &path_of(t, ""), None).await.features());
        if !shown.iter().any(|s| s == id) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    shown
}

/// A field registered through the API and drawn twice at zoom 14 (the second
/// time from the tile cache and the change head kept).
async fn drawn_field(app: &TestApp, who: &Caller) -> (String, TileId) {
    let id = register(app, who, "Арпа алқабы", square(71.4, 51.1, 0.005)).await;
    let z14 = TileId::containing(14, 71.4, 51.1).unwrap();
    for _ in 0..2 {
        let f = get_tile(app, who, &path_of(z14, ""), None).await;
        assert_eq!(ids(&f.features()), vec![id.clone()]);
    }
    (id, z14)
}

/// A change committed outside this server — another instance on the same
/// PostgreSQL, or the command line — shows on a following tile: on PostgreSQL the
/// change head kept in memory is forgotten when the change log's notification
/// arrives, on SQLite the head is read on every request.
async fn issue_16_a_change_committed_elsewhere_reaches_the_next_tiles(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    let (id, z14) = drawn_field(&app, &inspector).await;
    archive_elsewhere(&app, &id).await;
    let shown = drawn_after_change(&app, &inspector, z14, &id).await;
    assert!(shown.is_empty(), "the archived object is still drawn");
}
both_engines!(issue_16_a_change_committed_elsewhere_reaches_the_next_tiles);

/// PostgreSQL: while the listening connection is lost, nothing tells this server
/// of other commits, so it stops trusting the head it kept; a change made then
/// still reaches the tiles.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn issue_16_tiles_follow_changes_while_the_listener_reconnects() {
    let app = TestApp::start(Engine::Postgres).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    let (id, z14) = drawn_field(&app, &inspector).await;
    app.cut_listener().await;
    archive_elsewhere(&app, &id).await;
    let shown = drawn_after_change(&app, &inspector, z14, &id).await;
    assert!(shown.is_empty(), "the archived object is still drawn");
}
