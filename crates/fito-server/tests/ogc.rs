//! The register as OGC API – Features (R-GEO-1: "standard GIS clients (QGIS, GDAL)
//! can read the layers"): over HTTP, and through GDAL's own OAPIF driver
//! (`ogrinfo`, `ogr2ogr` from Debian's gdal-bin).

mod common;

use common::{Caller, TestApp};
use fito_store::{Engine, both_engines};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::collections::HashSet;
use std::process::{Command, Output};

fn square(lon: f64, lat: f64, d: f64) -> Value {
    json!({ "type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] })
}

/// `n` fields in a row eastwards from 70.0° E, 50.0° N, 0.1° apart; their ids.
async fn fields(app: &TestApp, who: &Caller, org: &str, n: usize) -> Vec<String> {
    let mut ids = Vec::new();
    for i in 0..n {
        let lon = 70.0 + 0.1 * i as f64;
        let a = app
            .post(
                "/api/v1/objects",
                &who.token,
                json!({ "organization_id": org, "type": "field", "name": format!("Алқап {i}"), "geometry": square(lon, 50.0, 0.01) }),
            )
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
        ids.push(a.body["id"].as_str().unwrap().to_string());
    }
    ids
}

async fn laboratory(app: &TestApp, who: &Caller, lon: f64, lat: f64) -> String {
    let a = app
        .post(
            "/api/v1/objects",
            &who.token,
            json!({ "type": "laboratory", "name": "Зертхана", "geometry": { "type": "Point", "coordinates": [lon, lat] } }),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    a.body["id"].as_str().unwrap().to_string()
}

fn ids(body: &Value) -> Vec<String> {
    body["features"]
        .as_array()
        .map(|f| {
            f.iter()
                .filter_map(|x| x["id"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

fn link(body: &Value, rel: &str) -> Option<String> {
    body["links"]
        .as_array()?
        .iter()
        .find(|l| l["rel"] == rel)
        .and_then(|l| l["href"].as_str().map(String::from))
}

/// Runs a GDAL tool off the async workers.
async fn gdal(program: &'static str, args: Vec<String>) -> Output {
    tokio::task::spawn_blocking(move || {
        Command::new(program)
            .args(&args)
            .env("CPL_DEBUG", "OFF")
            .output()
            .unwrap_or_else(|e| panic!("{program} (Debian gdal-bin) must be installed: {e}"))
    })
    .await
    .unwrap()
}

fn with_token(token: Option<&str>, rest: &[&str]) -> Vec<String> {
    let mut args = Vec::new();
    if let Some(t) = token {
        args.extend([
            "--config".to_string(),
            "GDAL_HTTP_HEADERS".to_string(),
            format!("Authorization: Bearer {t}"),
        ]);
    }
    args.extend(rest.iter().map(|s| s.to_string()));
    args
}

fn text(o: &Output) -> String {
    format!(
        "{}\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

async fn r_geo_1_gdal_reads_the_layers_through_ogc_api_features(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    fields(&app, &inspector, &app.root_org, 3).await;
    laboratory(&app, &inspector, 71.43, 51.13).await;
    laboratory(&app, &inspector, 76.9, 43.25).await;
    let url = format!("OAPIF:{}/ogc", app.base);
    let token = Some(inspector.token.as_str());

    let listed = gdal("ogrinfo", with_token(token, &["-ro", "-so", &url])).await;
    let out = text(&listed);
    assert!(listed.status.success(), "{out}");
    for layer in ["objects", "field", "laboratory", "quarantine_zone"] {
        assert!(
            out.lines().any(|l| l.contains(&format!(": {layer} ("))),
            "{layer} missing: {out}"
        );
    }

    let all = gdal(
        "ogrinfo",
        with_token(token, &["-ro", "-al", "-so", &url, "objects"]),
    )
    .await;
    let out = text(&all);
    assert!(all.status.success(), "{out}");
    assert!(out.contains("Feature Count: 5"), "{out}");
    let field = gdal(
        "ogrinfo",
        with_token(token, &["-ro", "-al", "-so", &url, "field"]),
    )
    .await;
    let out = text(&field);
    assert!(out.contains("Feature Count: 3"), "{out}");
    assert!(out.contains("Geometry: Polygon"), "{out}");
    // The layer extent GDAL reports is the collection's: Kazakhstan.
    assert!(
        out.contains("Extent: (45.000000, 39.500000) - (89.000000, 56.500000)"),
        "{out}"
    );

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("field.json").display().to_string();
    let exported = gdal(
        "ogr2ogr",
        with_token(
            token,
            &[
                "-oo",
                "PAGE_SIZE=2",
                "-f",
                "GeoJSON",
                &target,
                &url,
                "field",
            ],
        ),
    )
    .await;
    assert!(exported.status.success(), "{}", text(&exported));
    let written: Value = serde_json::from_slice(&std::fs::read(&target).unwrap()).unwrap();
    assert_eq!(written["features"].as_array().map(Vec::len), Some(3));
    // GDAL paged by our `next` links: a page of the field layer started at offset 2.
    let filter = fito_store::audit::Filter {
        action: Some("object.list".into()),
        limit: 500,
        ..Default::default()
    };
    let journal = fito_store::audit::search(&app.store, &filter)
        .await
        .unwrap();
    let paged = journal.iter().any(|e| {
        let d: Value = serde_json::from_str(&e.details).unwrap_or_default();
        d["collection"] == "field" && d["offset"] == 2 && d["returned"] == 1
    });
    assert!(paged, "GDAL did not follow the next link");

    let refused = gdal("ogrinfo", with_token(None, &["-ro", "-so", &url])).await;
    let out = text(&refused);
    assert!(!refused.status.success(), "{out}");
    assert!(out.contains("401"), "{out}");
    app.stop().await;
}
both_engines!(r_geo_1_gdal_reads_the_layers_through_ogc_api_features);

async fn r_geo_1_ogc_landing_and_conformance_describe_the_service(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let head = app.create_user(&admin, "head", &app.root_org).await;
    let landing = app.get("/ogc", &head.token).await;
    assert_eq!(landing.status, StatusCode::OK, "{}", landing.body);
    assert_eq!(landing.headers["content-type"], "application/json");
    let base = app.base.clone();
    assert_eq!(link(&landing.body, "self"), Some(format!("{base}/ogc")));
    assert_eq!(
        link(&landing.body, "service-desc"),
        Some(format!("{base}/api/openapi.json"))
    );
    assert_eq!(
        link(&landing.body, "conformance"),
        Some(format!("{base}/ogc/conformance"))
    );
    assert_eq!(
        link(&landing.body, "data"),
        Some(format!("{base}/ogc/collections"))
    );
    assert!(landing.body["title"].as_str().unwrap().contains("Фито"));

    let conformance = app.get("/ogc/conformance", &head.token).await;
    let classes = conformance.body["conformsTo"].as_array().unwrap();
    for c in ["core", "oas30", "geojson"] {
        let uri = format!("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/{c}");
        assert!(classes.iter().any(|x| x == &json!(uri)), "{c}");
    }

    app.stop().await;
}
both_engines!(r_geo_1_ogc_landing_and_conformance_describe_the_service);

async fn r_geo_1_ogc_collections_are_the_object_types_in_the_callers_language(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let head = app.create_user(&admin, "head", &app.root_org).await;
    let base = app.base.clone();
    let ru = app
        .call_with(
            Method::GET,
            "/ogc/collections",
            Some(&head.token),
            None,
            &[("accept-language", "ru")],
        )
        .await;
    let list = ru.body["collections"].as_array().unwrap();
    assert_eq!(list[0]["id"], "objects");
    let field = list.iter().find(|c| c["id"] == "field").unwrap();
    assert_eq!(field["title"], "Поле (посевная площадь)");
    assert_eq!(
        field["extent"]["spatial"]["bbox"][0]
            .as_array()
            .unwrap()
            .len(),
        4
    );
    assert_eq!(
        field["crs"][0],
        "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
    );
    assert_eq!(
        link(field, "items"),
        Some(format!("{base}/ogc/collections/field/items"))
    );
    assert!(list.iter().any(|c| c["id"] == "quarantine_zone"));

    let kk = app.get("/ogc/collections/field", &head.token).await;
    assert_eq!(
        kk.body["title"], "Егістік алқабы (егіс алқабы)",
        "{}",
        kk.body
    );
    let en = app
        .call_with(
            Method::GET,
            "/ogc/collections/objects",
            Some(&head.token),
            None,
            &[("accept-language", "en")],
        )
        .await;
    assert_eq!(en.body["title"], "All phytosanitary objects");

    let missing = app
        .get("/ogc/collections/no_such_layer/items", &head.token)
        .await;
    assert_eq!(
        (missing.status, missing.code()),
        (StatusCode::NOT_FOUND, "ogc-collection-not-found")
    );
    assert_eq!(missing.headers["content-type"], "application/problem+json");
    for path in [
        "/ogc",
        "/ogc/conformance",
        "/ogc/collections",
        "/ogc/collections/field/items",
    ] {
        let anonymous = app.call(Method::GET, path, None, None).await;
        assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED, "{path}");
    }
    app.stop().await;
}
both_engines!(r_geo_1_ogc_collections_are_the_object_types_in_the_callers_language);

/// Follows `next` links from `first` and returns every page's ids.
async fn walk(app: &TestApp, token: &str, first: &str) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut next = Some(format!("{}{first}", app.base));
    while let Some(url) = next {
        let path = url.strip_prefix(&app.base).unwrap().to_string();
        let a = app.get(&path, token).await;
        assert_eq!(a.status, StatusCode::OK, "{}", a.body);
        assert_eq!(a.headers["content-type"], "application/geo+json");
        assert_eq!(
            a.body["numberReturned"].as_u64(),
            Some(ids(&a.body).len() as u64)
        );
        assert!(a.body["timeStamp"].is_string());
        pages.push(ids(&a.body));
        next = link(&a.body, "next");
        assert!(pages.len() <= 10, "the next links never end");
    }
    pages
}

async fn r_geo_1_ogc_items_page_by_limit_and_offset_each_feature_once(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    let made = fields(&app, &inspector, &app.root_org, 5).await;
    let lab = laboratory(&app, &inspector, 70.2, 50.0).await;
    let token = inspector.token.as_str();

    let pages = walk(&app, token, "/ogc/collections/field/items?limit=2").await;
    assert_eq!(
        pages.iter().map(Vec::len).collect::<Vec<_>>(),
        vec![2, 2, 1]
    );
    let seen: Vec<String> = pages.concat();
    assert_eq!(seen, made, "every feature once, in registration order");
    let all = walk(&app, token, "/ogc/collections/objects/items?limit=4").await;
    let unique: HashSet<String> = all.concat().into_iter().collect();
    assert_eq!((all.concat().len(), unique.len()), (6, 6));
    assert!(unique.contains(&lab));

    // Plain offset (no cursor) lands on the same page as the next link.
    let third = app
        .get("/ogc/collections/field/items?limit=2&offset=2", token)
        .await;
    assert_eq!(ids(&third.body), made[2..4].to_vec());
    assert_eq!(third.body["numberMatched"], 5);
    let first = app
        .get("/ogc/collections/objects/items?limit=1", token)
        .await;
    assert_eq!(first.body["numberMatched"], 6);
    let second = app
        .get(&link(&first.body, "next").unwrap()[app.base.len()..], token)
        .await;
    assert!(
        second.body.get("numberMatched").is_none(),
        "{}",
        second.body
    );
    let past = app
        .get("/ogc/collections/field/items?offset=50", token)
        .await;
    assert_eq!((past.status, ids(&past.body).len()), (StatusCode::OK, 0));

    app.stop().await;
}
both_engines!(r_geo_1_ogc_items_page_by_limit_and_offset_each_feature_once);

async fn r_geo_1_ogc_items_filter_by_bbox_and_refuse_bad_parameters(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let inspector = app.create_user(&admin, "inspector", &app.root_org).await;
    let made = fields(&app, &inspector, &app.root_org, 5).await;
    let lab = laboratory(&app, &inspector, 70.2, 50.0).await;
    let token = inspector.token.as_str();
    // Fields 1 and 2 (70.1 and 70.2° E), and the laboratory at 70.2° E.
    let boxed = walk(
        &app,
        token,
        "/ogc/collections/field/items?bbox=70.05,49.9,70.25,50.1&limit=1",
    )
    .await;
    assert_eq!(boxed.concat(), made[1..3].to_vec());
    let one_box = app
        .get(
            "/ogc/collections/field/items?bbox=70.05,49.9,70.25,50.1",
            token,
        )
        .await;
    assert!(
        one_box.body.get("numberMatched").is_none(),
        "{}",
        one_box.body
    );
    let boxed3d = app
        .get(
            "/ogc/collections/objects/items?bbox=70.05,49.9,0,70.25,50.1,100",
            token,
        )
        .await;
    assert_eq!(
        ids(&boxed3d.body),
        vec![made[1].clone(), made[2].clone(), lab.clone()]
    );

    for bad in [
        "bbox=1,2,3",
        "bbox=80,50,70,51",
        "limit=-1",
        "limit=x",
        "offset=-3",
        "datetime=yesterday",
        "datetime=2025-01-01T00:00:00Z/x/y",
        "after=first",
        "unknown=1",
        "f=html",
    ] {
        let a = app
            .get(&format!("/ogc/collections/field/items?{bad}"), token)
            .await;
        assert_eq!(a.status, StatusCode::BAD_REQUEST, "{bad}: {}", a.body);
        assert_eq!(a.headers["content-type"], "application/problem+json");
    }
    let dated = app
        .get(
            "/ogc/collections/field/items?datetime=2025-01-01T00:00:00Z/..",
            token,
        )
        .await;
    assert_eq!(ids(&dated.body).len(), 5);
    let json = app.get("/ogc/collections/field/items?f=json", token).await;
    assert_eq!(ids(&json.body).len(), 5);
    app.stop().await;
}
both_engines!(r_geo_1_ogc_items_filter_by_bbox_and_refuse_bad_parameters);

async fn r_org_1_ogc_shows_only_active_objects_of_the_callers_subtree(engine: Engine) {
    let app = TestApp::start(engine).await;
    let admin = app.admin().await;
    let home = app.create_org(&admin, &app.root_org, "Home").await;
    let away = app.create_org(&admin, &app.root_org, "Away").await;
    let keeper = app.create_user(&admin, "operator", &app.root_org).await;
    let reader = app.create_user(&admin, "inspector", &home).await;
    let mine = fields(&app, &keeper, &home, 2).await;
    let theirs = fields(&app, &keeper, &away, 1).await;
    let archived = app
        .post(
            &format!("/api/v1/objects/{}/archive", mine[1]),
            &keeper.token,
            json!({ "version": 1 }),
        )
        .await;
    assert_eq!(archived.status, StatusCode::OK, "{}", archived.body);

    let before = app.audit_count().await;
    let listed = app
        .get("/ogc/collections/objects/items", &reader.token)
        .await;
    assert_eq!(ids(&listed.body), vec![mine[0].clone()], "{}", listed.body);
    assert!(app.audit_count().await > before, "the read is journalled");

    let own = app
        .get(
            &format!("/ogc/collections/field/items/{}", mine[0]),
            &reader.token,
        )
        .await;
    assert_eq!(own.status, StatusCode::OK, "{}", own.body);
    assert_eq!(own.headers["content-type"], "application/geo+json");
    assert_eq!(own.body["id"], json!(mine[0]));
    for (collection, id) in [
        ("field", theirs[0].as_str()),
        ("field", mine[1].as_str()),
        ("laboratory", mine[0].as_str()),
        ("field", "not-a-uuid"),
        ("field", "0190a1b2-0000-7000-8000-000000000000"),
    ] {
        let a = app
            .get(
                &format!("/ogc/collections/{collection}/items/{id}"),
                &reader.token,
            )
            .await;
        assert_eq!(
            (a.status, a.code()),
            (StatusCode::NOT_FOUND, "object-not-found"),
            "{collection}/{id}"
        );
    }
    app.stop().await;
}
both_engines!(r_org_1_ogc_shows_only_active_objects_of_the_callers_subtree);
