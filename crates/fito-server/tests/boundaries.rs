//! The region summary of the findings map and the boundaries of administrative units
//! it draws (issue 13, R-ROLE-1): symbols at the centre of each region's findings when
//! no boundary is loaded, a choropleth when an administrator has loaded them from
//! GeoJSON or a zipped Shapefile (read by GDAL's own `ogr2ogr` here), bound to the
//! caller's subtree like every report.

mod common;

use common::fieldwork::*;
use common::{Caller, TestApp};
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use serde_json::{Value, json};

const PERIOD: &str = "from=2026-01-01&to=2026-12-31";

async fn summary(app: &TestApp, who: &Caller, query: &str) -> Value {
    let a = app
        .get(
            &format!("/api/v1/reports/regions?{PERIOD}{query}"),
            &who.token,
        )
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.body
}

fn feature<'a>(s: &'a Value, kato: &str) -> &'a Value {
    s["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == kato)
        .unwrap_or_else(|| panic!("no {kato} in {s}"))
}

/// A square boundary around (lon, lat), `d` degrees each side.
fn square(kato: &str, lon: f64, lat: f64, d: f64) -> Value {
    json!({ "type": "Feature", "properties": { "KATO": kato, "name": "test" },
        "geometry": { "type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d],
            [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] } })
}

fn collection(features: Vec<Value>) -> Vec<u8> {
    serde_json::to_vec(&json!({ "type": "FeatureCollection", "features": features })).unwrap()
}

async fn load(app: &TestApp, who: &Caller, query: &str, file: Vec<u8>) -> common::Answer {
    app.call_raw(
        &format!("/api/v1/reference/admin-units/boundaries{query}"),
        &who.token,
        file,
    )
    .await
}

async fn loaded(app: &TestApp, who: &Caller) -> i64 {
    let a = app
        .get("/api/v1/reference/admin-units/boundaries", &who.token)
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    a.body["loaded"].as_i64().unwrap()
}

async fn issue_13_without_boundaries_each_region_is_a_symbol_at_its_findings_centre(
    engine: Engine,
) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    new_survey(&app, &t).await;
    let (head_b, _) = region_b(&app, &t).await;

    // The country: Akmola (two findings at 71.401/51.101 and 71.403/51.102) and Abai.
    let all = summary(&app, &t.admin, "").await;
    assert_eq!(all["type"], "FeatureCollection");
    assert_eq!(all["level"], "region");
    assert_eq!(all["boundaries"], 0);
    assert_eq!(all["features"].as_array().unwrap().len(), 2, "{all}");
    let akmola = feature(&all, "110000000");
    assert_eq!(akmola["properties"]["shape"], "centre");
    assert_eq!(akmola["properties"]["name"], "Ақмола облысы");
    assert_eq!(akmola["properties"]["foci"], 2);
    assert_eq!(akmola["properties"]["infested_ha"], 9.2);
    assert_eq!(
        akmola["geometry"],
        json!({ "type": "Point", "coordinates": [71.402, 51.1015] })
    );
    let abai = feature(&all, "100000000");
    assert_eq!(abai["geometry"]["coordinates"], json!([80.2, 50.4]));
    assert_eq!(abai["properties"]["foci"], 1);

    // A Head sees their own findings only; an inspector reads no reports.
    let b = summary(&app, &head_b, "").await;
    assert_eq!(b["features"].as_array().unwrap().len(), 1, "{b}");
    assert_eq!(b["features"][0]["id"], "100000000");
    let refused = app.get("/api/v1/reports/regions", &t.inspector.token).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);

    // Asked for a region: its districts; the organism filter narrows as everywhere.
    let districts = summary(&app, &t.admin, "&kato=110000000").await;
    assert_eq!(districts["level"], "district");
    assert_eq!(districts["features"].as_array().unwrap().len(), 1);
    let ordinary = summary(&app, &t.admin, "&organism=ZZORDN").await;
    assert_eq!(feature(&ordinary, "110000000")["properties"]["foci"], 1);

    let journal = common::privacy::journal(&app, &t.admin, "report.regions").await;
    assert_eq!(journal.len(), 4, "every summary read is journalled");
    app.stop().await;
}
both_engines!(issue_13_without_boundaries_each_region_is_a_symbol_at_its_findings_centre);

async fn issue_13_loaded_boundaries_make_the_summary_a_choropleth(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    ordinary_organism(&app, &t.admin).await;
    new_survey(&app, &t).await;
    let (head_b, _) = region_b(&app, &t).await;
    assert_eq!(loaded(&app, &t.admin).await, 0);

    // Akmola, Abai, and Aktobe where nothing was found.
    let file = collection(vec![
        square("110000000", 71.4, 51.1, 0.5),
        square("100000000", 80.2, 50.4, 0.5),
        square("150000000", 57.0, 49.0, 0.5),
    ]);
    let a = load(&app, &t.admin, "", file.clone()).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    assert_eq!(a.body["loaded"], 3);
    assert_eq!(a.body["replaced"], 0);
    assert_eq!(loaded(&app, &t.admin).await, 3);

    let all = summary(&app, &t.admin, "").await;
    assert_eq!(all["boundaries"], 3, "{all}");
    let akmola = feature(&all, "110000000");
    assert_eq!(akmola["properties"]["shape"], "boundary");
    assert_eq!(akmola["geometry"]["type"], "Polygon");
    assert_eq!(akmola["properties"]["foci"], 2);
    // The country sees every loaded region, one with no finding at zero ...
    let aktobe = feature(&all, "150000000");
    assert_eq!(aktobe["properties"]["foci"], 0);
    assert_eq!(aktobe["properties"]["name"], "Ақтөбе облысы");
    // ... a Head only where their own findings are.
    let b = summary(&app, &head_b, "").await;
    assert_eq!(b["features"].as_array().unwrap().len(), 1, "{b}");
    assert_eq!(b["features"][0]["properties"]["shape"], "boundary");

    // Loading again replaces; the load is journalled.
    let again = load(&app, &t.admin, "", file).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.body);
    assert_eq!(again.body["replaced"], 3);
    let journal = common::privacy::journal(&app, &t.admin, "admin_boundaries.import").await;
    assert_eq!(journal.len(), 2);

    // A zipped Shapefile written by GDAL itself, KATO as a number column.
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("abai.geojson");
    let mut abai = square("100000000", 80.0, 50.0, 1.0);
    abai["properties"] = json!({ "kato_code": 100000000 });
    std::fs::write(&source, collection(vec![abai])).unwrap();
    let zipped = dir.path().join("abai.shp.zip");
    let out = std::process::Command::new("ogr2ogr")
        .args(["-f", "ESRI Shapefile"])
        .arg(&zipped)
        .arg(&source)
        .output()
        .expect("ogr2ogr (Debian gdal-bin) runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shp = load(&app, &t.admin, "", std::fs::read(&zipped).unwrap()).await;
    assert_eq!(shp.status, StatusCode::CREATED, "{}", shp.body);
    assert_eq!(shp.body["kato"], json!(["100000000"]));
    let moved = summary(&app, &t.admin, "").await;
    let ring = &feature(&moved, "100000000")["geometry"]["coordinates"][0];
    assert!(
        ring.as_array()
            .unwrap()
            .iter()
            .any(|c| c[0].as_f64() == Some(79.0)),
        "{ring}"
    );
    app.stop().await;
}
both_engines!(issue_13_loaded_boundaries_make_the_summary_a_choropleth);

async fn issue_13_bad_boundary_files_are_refused_and_change_nothing(engine: Engine) {
    let app = TestApp::start(engine).await;
    let t = team(&app).await;
    let good = square("110000000", 71.4, 51.1, 0.5);
    let refused = |code: &'static str, status: StatusCode| {
        move |a: common::Answer| {
            assert_eq!(a.status, status, "{}", a.body);
            assert_eq!(a.body["code"], code, "{}", a.body);
            let title = a.body["title"].as_str().unwrap_or_default();
            assert!(
                !title.is_empty() && !title.contains(code),
                "a translated reason: {}",
                a.body
            );
        }
    };
    let unknown = collection(vec![good.clone(), square("990000000", 60.0, 45.0, 0.5)]);
    refused("boundary-unit-unknown", StatusCode::UNPROCESSABLE_ENTITY)(
        load(&app, &t.admin, "", unknown).await,
    );
    let mut point = good.clone();
    point["geometry"] = json!({ "type": "Point", "coordinates": [71.4, 51.1] });
    refused("boundary-not-polygon", StatusCode::UNPROCESSABLE_ENTITY)(
        load(&app, &t.admin, "", collection(vec![point])).await,
    );
    let mut nameless = good.clone();
    nameless["properties"] = json!({ "name": "no code" });
    refused("boundary-key-missing", StatusCode::UNPROCESSABLE_ENTITY)(
        load(&app, &t.admin, "", collection(vec![nameless])).await,
    );
    let twice = collection(vec![good.clone(), good.clone()]);
    refused("boundary-duplicate", StatusCode::UNPROCESSABLE_ENTITY)(
        load(&app, &t.admin, "", twice).await,
    );
    let mut bad_code = good.clone();
    bad_code["properties"]["KATO"] = json!("11-00");
    refused("boundary-kato-invalid", StatusCode::UNPROCESSABLE_ENTITY)(
        load(&app, &t.admin, "", collection(vec![bad_code])).await,
    );
    let csv = b"kato,lon,lat\n110000000,71.4,51.1\n".to_vec();
    refused(
        "boundary-format-unsupported",
        StatusCode::UNPROCESSABLE_ENTITY,
    )(load(&app, &t.admin, "?format=csv", csv).await);
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    refused("import-file-image", StatusCode::UNSUPPORTED_MEDIA_TYPE)(
        load(&app, &t.admin, "", png).await,
    );
    let broken = b"{\"type\": \"FeatureCollection\", \"features\": [".to_vec();
    let a = load(&app, &t.admin, "", broken).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.body);
    // Only administrators load boundaries; with another key name it works.
    let head = load(&app, &t.head, "", collection(vec![good.clone()])).await;
    assert_eq!(head.status, StatusCode::FORBIDDEN, "{}", head.body);
    assert_eq!(loaded(&app, &t.admin).await, 0, "nothing was written");
    let mut keyed = good;
    keyed["properties"] = json!({ "unit": "110000000" });
    let a = load(&app, &t.admin, "?key=UNIT", collection(vec![keyed])).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    assert_eq!(loaded(&app, &t.admin).await, 1);
    app.stop().await;
}
both_engines!(issue_13_bad_boundary_files_are_refused_and_change_nothing);
