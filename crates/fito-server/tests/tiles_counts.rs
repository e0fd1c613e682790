//! Country-scale tiles (issue 16): the counts a low-zoom tile shows come from the
//! per-cell counts kept with every object write, and must equal what reading
//! every object gives; tile reads are journalled, summed per session and layer.

mod common;

use common::tiles::{counted, ids, path_of, register, square};
use common::{Caller, TestApp};
use fito_store::{Engine, both_engines};
use fito_tiles::TileId;
use fito_tiles::decode::{DecodedFeature, decode};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::BTreeMap;

async fn tile(app: &TestApp, who: &Caller, t: TileId, query: &str) -> Vec<u8> {
    let path = format!("{}{}", app.base, path_of(t, query));
    let res = app
        .http
        .get(path)
        .bearer_auth(&who.token)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res.bytes().await.unwrap().to_vec()
}

fn features(bytes: &[u8]) -> Vec<DecodedFeature> {
    let layers = decode(bytes).expect("an MVT tile");
    layers
        .into_iter()
        .next()
        .map(|l| l.features)
        .unwrap_or_default()
}

/// The zoom-5 tile from the counts (no filter) is byte for byte the tile read
/// object by object (`type=field`: every object here is a field).
async fn same_as_read_one_by_one(app: &TestApp, who: &Caller, t: TileId, status: &str) -> Vec<u8> {
    let counts = tile(app, who, t, &format!("?status={status}")).await;
    let read = tile(app, who, t, &format!("?status={status}&type=field")).await;
    assert_eq!(counts, read, "tile {t:?}, {status}");
    counts
}

/// The zoom-6 tile from the counts has the same cells, counts and drawn objects as
/// the tile read object by object, each count's point within two units of the
/// read one's (the kept positions are zoom-5 units, doubled).
async fn like_read_one_by_one(
    app: &TestApp,
    who: &Caller,
    t: TileId,
    status: &str,
) -> Vec<DecodedFeature> {
    let counts = features(&tile(app, who, t, &format!("?status={status}")).await);
    let read = features(&tile(app, who, t, &format!("?status={status}&type=field")).await);
    assert_eq!(ids(&counts), ids(&read), "tile {t:?}: drawn");
    let cells = |f: &[DecodedFeature]| -> Vec<(u64, (i64, i64))> {
        f.iter()
            .filter_map(|f| match f.tags.get("count") {
                Some(fito_tiles::decode::Tag::UInt(n)) => Some((*n, f.parts[0][0])),
                _ => None,
            })
            .collect()
    };
    let (a, b) = (cells(&counts), cells(&read));
    assert_eq!(a.len(), b.len(), "tile {t:?}: cells {a:?} against {b:?}");
    for ((n, (x, y)), (m, (u, v))) in a.iter().zip(&b) {
        assert_eq!(n, m, "tile {t:?}: {a:?} against {b:?}");
        assert!(
            (x - u).abs() <= 2 && (y - v).abs() <= 2,
            "tile {t:?}: {a:?} against {b:?}"
        );
    }
    counts
}

async fn issue_16_country_tiles_count_from_cells_kept_with_every_object_write(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    let z5 = TileId::containing(5, 71.4, 51.1).unwrap();
    let mut ids_made = Vec::new();
    for i in 0..12 {
        let (lon, lat) = (70.0 + f64::from(i) * 0.4, 50.0 + f64::from(i % 4) * 0.5);
        ids_made.push(
            register(
                &app,
                &inspector,
                &format!("Алқап {i}"),
                square(lon, lat, 0.002),
            )
            .await,
        );
    }
    // Big enough to be drawn at zoom 5: drawn with its id, not counted.
    let big = register(&app, &inspector, "Үлкен алқап", square(71.0, 51.0, 0.3)).await;
    // Drawn at zoom 6 (~3 km across), counted at zoom 5 from its box.
    let medium = register(&app, &inspector, "Орта алқап", square(71.6, 50.6, 0.015)).await;
    let f = features(&same_as_read_one_by_one(&app, &inspector, z5, "active").await);
    assert_eq!((counted(&f), ids(&f)), (13, vec![big.clone()]));
    let z6 = TileId::containing(6, 71.6, 50.6).unwrap();
    let f = like_read_one_by_one(&app, &inspector, z6, "active").await;
    assert!(ids(&f).contains(&medium), "zoom 6 draws the medium field");
    assert!(counted(&f) > 0, "zoom 6 counts the small fields");
    // Moved within the tile, moved out of it, archived: the counts follow.
    let patch = |id: &str, version: i64, geometry: Value| {
        let path = format!("/api/v1/objects/{id}");
        let body = json!({ "version": version, "geometry": geometry });
        let (app, token) = (&app, inspector.token.clone());
        async move {
            app.call(Method::PATCH, &path, Some(&token), Some(body))
                .await
        }
    };
    let a = patch(&ids_made[0], 1, square(72.5, 49.2, 0.002)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let a = patch(&ids_made[1], 1, square(51.4, 43.6, 0.002)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let a = patch(&big, 1, square(73.0, 50.0, 0.001)).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    for id in &ids_made[2..4] {
        let path = format!("/api/v1/objects/{id}/archive");
        let a = app
            .call(
                Method::POST,
                &path,
                Some(&inspector.token),
                Some(json!({ "version": 1 })),
            )
            .await;
        assert!(a.status.is_success(), "{}", a.body);
    }
    let f = features(&same_as_read_one_by_one(&app, &inspector, z5, "active").await);
    assert_eq!((counted(&f), ids(&f).len()), (11, 0));
    like_read_one_by_one(&app, &inspector, z6, "active").await;
    let f = features(&same_as_read_one_by_one(&app, &inspector, z5, "archived").await);
    assert_eq!(counted(&f), 2);
    // The moved one is counted where it went.
    let there = TileId::containing(5, 51.4, 43.6).unwrap();
    let f = features(&same_as_read_one_by_one(&app, &inspector, there, "active").await);
    assert_eq!(counted(&f), 1);
    // Lower zooms sum the same cells.
    let z3 = TileId::containing(3, 71.4, 51.1).unwrap();
    assert_eq!(
        counted(&features(&tile(&app, &inspector, z3, "").await)),
        12
    );
}
both_engines!(issue_16_country_tiles_count_from_cells_kept_with_every_object_write);

async fn issue_16_another_regions_objects_are_not_in_its_counts(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let north = app.create_org(&admin, &app.root_org, "Солтүстік").await;
    let south = app.create_org(&admin, &app.root_org, "Оңтүстік").await;
    let ours = app.create_user(&admin, "inspector", &north).await;
    let theirs = app.create_user(&admin, "inspector", &south).await;
    register(&app, &ours, "Біздің", square(71.4, 51.1, 0.002)).await;
    register(&app, &theirs, "Олардың", square(71.5, 51.2, 0.002)).await;
    register(&app, &theirs, "Олардың үлкені", square(71.0, 51.0, 0.3)).await;
    let z5 = TileId::containing(5, 71.4, 51.1).unwrap();
    let f = features(&tile(&app, &ours, z5, "").await);
    assert_eq!((counted(&f), ids(&f).len()), (1, 0));
    let f = features(&tile(&app, &admin, z5, "").await);
    assert_eq!((counted(&f), ids(&f).len()), (2, 1));
}
both_engines!(issue_16_another_regions_objects_are_not_in_its_counts);

async fn issue_16_tile_reads_are_journalled_once_per_session_and_layer(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    register(&app, &inspector, "Алқап", square(71.4, 51.1, 0.002)).await;
    for z in [5, 8, 8, 11] {
        let t = TileId::containing(z, 71.4, 51.1).unwrap();
        tile(&app, &inspector, t, "").await;
    }
    tile(
        &app,
        &inspector,
        TileId::containing(8, 71.4, 51.1).unwrap(),
        "?status=archived",
    )
    .await;
    // Written by the flusher within a window or two, not by the answers: one
    // line per window for each set of filters, summing the tiles and zooms.
    let mut sums: BTreeMap<String, (u64, BTreeMap<String, u64>)> = BTreeMap::new();
    for _ in 0..50 {
        let found = app
            .get("/api/v1/audit?action=tile.read", &admin.token)
            .await;
        sums.clear();
        for l in found.body.as_array().cloned().unwrap_or_default() {
            assert_eq!(l["actor_id"], inspector.user_id.as_str());
            assert_eq!(l["details"]["layer"], "objects");
            let d = &l["details"];
            let s = sums.entry(d["filters"].to_string()).or_default();
            s.0 += d["tiles"].as_u64().unwrap();
            for (z, n) in d["zooms"].as_object().unwrap() {
                *s.1.entry(z.clone()).or_default() += n.as_u64().unwrap();
            }
        }
        if sums.values().map(|s| s.0).sum::<u64>() >= 5 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let zooms = |z: &[(&str, u64)]| z.iter().map(|(k, n)| (k.to_string(), *n)).collect();
    assert_eq!(
        sums.into_iter().collect::<Vec<_>>(),
        vec![
            (
                json!({ "status": "archived" }).to_string(),
                (1, zooms(&[("8", 1)]))
            ),
            (
                json!({}).to_string(),
                (4, zooms(&[("11", 1), ("5", 1), ("8", 2)]))
            ),
        ]
    );
}
both_engines!(issue_16_tile_reads_are_journalled_once_per_session_and_layer);

/// Below zoom 12 an object too small to see is counted and a big one is drawn
/// with its id, whether the tile reads boxes first (zoom 9) or every drawn column
/// in one statement (zooms 10 and 11).
async fn issue_16_below_zoom_12_small_objects_are_counted_and_big_ones_drawn(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    let (lon, lat) = (71.43, 51.13);
    let big = register(&app, &inspector, "Үлкен алқап", square(lon, lat, 0.02)).await;
    register(
        &app,
        &inspector,
        "Кішкене алқап",
        square(lon + 0.03, lat, 0.0001),
    )
    .await;
    let focus = app
        .post(
            "/api/v1/objects",
            &inspector.token,
            json!({ "type": "outbreak_focus", "name": "Ошақ",
                "geometry": { "type": "Point", "coordinates": [lon - 0.03, lat] } }),
        )
        .await;
    assert_eq!(focus.status, StatusCode::CREATED, "{}", focus.body);
    for z in [9u8, 10, 11] {
        let t = TileId::containing(z, lon, lat).unwrap();
        let f = features(&tile(&app, &inspector, t, "").await);
        assert_eq!(ids(&f), vec![big.clone()], "zoom {z}: drawn");
        assert_eq!(counted(&f), 2, "zoom {z}: counted");
        let named = f.iter().any(|f| f.tags.contains_key("name"));
        assert!(named, "zoom {z}: the drawn field has its name");
    }
}
both_engines!(issue_16_below_zoom_12_small_objects_are_counted_and_big_ones_drawn);
