//! `fito export` (R-GEO-1, issue 15): the API's export use case at the command
//! line — same formats and filters, streamed to a file, journalled as the system.

use fito_store::test_support::TestDb;
use fito_store::{Engine, PoolOptions, Store, both_engines};
use serde_json::{Value, json};
use std::process::{Command, Output};

fn fito(url: &str) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_fito"));
    for var in ["FITO_LISTEN", "FITO_DATA_DIR", "FITO_CONFIG"] {
        cmd.env_remove(var);
    }
    cmd.env("FITO_DATABASE_URL", url)
        .env("FITO_LOG", "warn")
        .env("FITO_LANG", "en");
    cmd
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn square(lon: f64, lat: f64) -> Value {
    let d = 0.005;
    json!({ "type": "Polygon", "coordinates": [[[lon, lat], [lon + d, lat], [lon + d, lat + d],
        [lon, lat + d], [lon, lat]]] })
}

/// A register of 4 fields (polygons) and 3 outbreak foci (points), imported with
/// `fito import`.
async fn register(engine: Engine, dir: &std::path::Path) -> TestDb {
    let db = TestDb::new(engine).await;
    let made = fito(&db.url)
        .args(["admin", "create", "--email", "root@fito.kz"])
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", text(&made));
    let fields: Vec<Value> = (0..4)
        .map(|i| {
            json!({ "type": "Feature", "geometry": square(71.0 + f64::from(i) * 0.1, 51.1),
            "properties": { "name": format!("Алқап {i}"), "type": "field", "kato": "110000000" } })
        })
        .collect();
    let foci: Vec<Value> = (0..3)
        .map(|i| {
            json!({ "type": "Feature",
            "geometry": { "type": "Point", "coordinates": [72.0 + f64::from(i) * 0.1, 51.1] },
            "properties": { "name": format!("Ошақ {i}"), "type": "outbreak_focus" } })
        })
        .collect();
    let path = dir.join("register.geojson");
    let all: Vec<Value> = fields.into_iter().chain(foci).collect();
    std::fs::write(
        &path,
        json!({ "type": "FeatureCollection", "features": all }).to_string(),
    )
    .unwrap();
    let done = fito(&db.url).arg("import").arg(&path).output().unwrap();
    assert!(done.status.success(), "{}", text(&done));
    db
}

fn ogrinfo(path: &str) -> String {
    let out = Command::new("ogrinfo")
        .args(["-ro", "-al", "-so", path])
        .output()
        .expect("GDAL's ogrinfo is needed: apt-get install -y gdal-bin");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn r_geo_1_issue_15_fito_export_writes_the_apis_formats_with_its_filters(engine: Engine) {
    let dir = tempfile::tempdir().unwrap();
    let db = register(engine, dir.path()).await;
    let out = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    // GeoJSON with a filter: the fields only.
    let geojson = out("fields.geojson");
    let done = fito(&db.url)
        .args([
            "export", "--format", "geojson", "--type", "field", "--out", &geojson,
        ])
        .output()
        .unwrap();
    assert!(done.status.success(), "{}", text(&done));
    assert_eq!(
        String::from_utf8_lossy(&done.stdout).trim(),
        format!("exported 4 objects to {geojson}")
    );
    let doc: Value = serde_json::from_slice(&std::fs::read(&geojson).unwrap()).unwrap();
    assert_eq!(doc["features"].as_array().unwrap().len(), 4);
    // A bounding box around two of the foci.
    let csv = out("foci.csv");
    let done = fito(&db.url)
        .args([
            "export",
            "--format",
            "csv",
            "--bbox",
            "72.05,51.0,72.25,51.2",
            "--out",
            &csv,
        ])
        .output()
        .unwrap();
    assert!(done.status.success(), "{}", text(&done));
    let rows = std::fs::read_to_string(&csv).unwrap();
    assert_eq!(rows.lines().count(), 1 + 2, "{rows}");
    // The whole register as a Shapefile: a layer per geometry kind, read by GDAL.
    let zip = out("register.zip");
    let done = fito(&db.url)
        .args(["export", "--format", "shapefile", "--out", &zip])
        .output()
        .unwrap();
    assert!(done.status.success(), "{}", text(&done));
    let info = ogrinfo(&format!("/vsizip/{zip}"));
    assert!(
        info.contains("objects_points") && info.contains("Feature Count: 3"),
        "{info}"
    );
    assert!(
        info.contains("objects_polygons") && info.contains("Feature Count: 4"),
        "{info}"
    );
    // To stdout: the file itself, the count on stderr.
    let done = fito(&db.url)
        .args(["export", "--format", "kml", "--type", "outbreak_focus"])
        .output()
        .unwrap();
    assert!(done.status.success(), "{}", text(&done));
    let kml = String::from_utf8_lossy(&done.stdout);
    assert!(
        kml.starts_with("<?xml") && kml.matches("<Placemark").count() == 3,
        "{kml}"
    );
    assert!(String::from_utf8_lossy(&done.stderr).contains("exported 3 objects"));
    // The API's refusals, translated and named.
    let bad = fito(&db.url)
        .args(["export", "--format", "dwg", "--out", &out("x.dwg")])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(
        text(&bad).contains("export-format-unknown"),
        "{}",
        text(&bad)
    );
    let bad = fito(&db.url)
        .args([
            "export",
            "--format",
            "csv",
            "--kato",
            "12",
            "--out",
            &out("x.csv"),
        ])
        .output()
        .unwrap();
    assert!(!bad.status.success());
    assert!(!std::path::Path::new(&out("x.csv")).exists());
    // Each export journalled once, as the system, from the command line.
    let store = Store::connect(&db.url, &PoolOptions::default())
        .await
        .unwrap();
    let filter = fito_store::audit::Filter {
        action: Some("object.export".into()),
        limit: 10,
        ..Default::default()
    };
    let journal = fito_store::audit::search(&store, &filter).await.unwrap();
    assert_eq!(journal.len(), 4);
    assert!(
        journal
            .iter()
            .all(|e| e.actor_role.as_deref() == Some("system"))
    );
    assert!(
        journal
            .iter()
            .all(|e| e.details.contains("\"via\":\"cli\""))
    );
    store.close().await;
}
both_engines!(r_geo_1_issue_15_fito_export_writes_the_apis_formats_with_its_filters);
