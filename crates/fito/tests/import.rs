//! `fito import` (R-GEO-1): the operator's bulk import straight into the
//! database, with the API's checks and its all-or-nothing write.

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

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn focus(name: &str, lon: f64, kato: &str) -> Value {
    json!({ "type": "Feature", "geometry": { "type": "Point", "coordinates": [lon, 51.1] },
        "properties": { "name": name, "kato": kato } })
}

/// Objects and journal entries in the database now.
async fn counts(url: &str) -> (usize, u64) {
    let store = Store::connect(url, &PoolOptions::default()).await.unwrap();
    let search = fito_store::objects::Search {
        limit: 10_000,
        ..Default::default()
    };
    let objects = fito_store::objects::search(store.reader(), store.engine(), &search)
        .await
        .unwrap()
        .len();
    let audit = fito_store::audit::count(&store).await.unwrap();
    store.close().await;
    (objects, audit)
}

fn import(url: &str, args: &[&str]) -> Output {
    fito(url)
        .arg("import")
        .args(args)
        .output()
        .expect("fito runs")
}

/// A database with the root organisation, as after `fito admin create`.
async fn prepared(engine: Engine) -> TestDb {
    let db = TestDb::new(engine).await;
    let made = fito(&db.url)
        .args(["admin", "create", "--email", "root@fito.kz"])
        .output()
        .unwrap();
    assert!(made.status.success(), "{}", text(&made.stderr));
    db
}

/// Three foci near `lon` as a GeoJSON file in `dir`.
fn foci_file(dir: &std::path::Path, name: &str, lon: f64, bad_kato_at: Option<usize>) -> String {
    let mut features: Vec<Value> = (0..3)
        .map(|i| focus(&format!("Ошақ {i}"), lon + f64::from(i) * 0.1, "110000000"))
        .collect();
    if let Some(i) = bad_kato_at {
        features[i]["properties"]["kato"] = json!("999999999");
    }
    let path = dir.join(name);
    let doc = json!({ "type": "FeatureCollection", "features": features });
    std::fs::write(&path, doc.to_string()).unwrap();
    path.to_string_lossy().into_owned()
}

async fn r_geo_1_fito_import_writes_every_feature_with_one_system_entry(engine: Engine) {
    let db = prepared(engine).await;
    let dir = tempfile::tempdir().unwrap();
    let good = foci_file(dir.path(), "foci.geojson", 71.0, None);
    let before = counts(&db.url).await;
    let done = import(&db.url, &[&good, "--type", "outbreak_focus"]);
    assert!(done.status.success(), "{}", text(&done.stderr));
    assert_eq!(text(&done.stdout).trim(), "imported 3 objects");
    // The first import also seeds the reference data (journaled on its own).
    assert_eq!(counts(&db.url).await.0, before.0 + 3);
    let store = Store::connect(&db.url, &PoolOptions::default())
        .await
        .unwrap();
    let filter = fito_store::audit::Filter {
        action: Some("object.import".into()),
        limit: 10,
        ..Default::default()
    };
    let journal = fito_store::audit::search(&store, &filter).await.unwrap();
    assert_eq!(journal.len(), 1);
    assert_eq!(journal[0].actor_role.as_deref(), Some("system"));
    store.close().await;
}
both_engines!(r_geo_1_fito_import_writes_every_feature_with_one_system_entry);

async fn r_geo_1_fito_import_refuses_a_broken_file_whole(engine: Engine) {
    let db = prepared(engine).await;
    let dir = tempfile::tempdir().unwrap();
    let good = foci_file(dir.path(), "foci.geojson", 71.0, None);
    assert!(
        import(&db.url, &[&good, "--type", "outbreak_focus"])
            .status
            .success()
    );
    let after_good = counts(&db.url).await;
    // One bad feature among good ones: refused whole, named, nothing written.
    let bad = foci_file(dir.path(), "bad.geojson", 72.0, Some(2));
    let refused = import(&db.url, &[&bad, "--type", "outbreak_focus"]);
    let err = text(&refused.stderr);
    assert!(!refused.status.success(), "{err}");
    let named = err.contains("Feature 3 of the file was refused");
    assert!(named && err.contains("import-feature-invalid"), "{err}");
    assert_eq!(counts(&db.url).await, after_good);
    // CSV, its format from the extension; a bad row names its line.
    let csv = dir.path().join("points.csv");
    let rows = "name,lon,lat,type\na,71.4,51.1,outbreak_focus\nb,71.5,north,outbreak_focus\n";
    std::fs::write(&csv, rows).unwrap();
    let refused = import(&db.url, &[csv.to_str().unwrap()]);
    let err = text(&refused.stderr);
    assert!(!refused.status.success(), "{err}");
    assert!(
        err.contains("line 3") && err.contains("geo-csv-bad-number"),
        "{err}"
    );
    assert_eq!(counts(&db.url).await, after_good);
}
both_engines!(r_geo_1_fito_import_refuses_a_broken_file_whole);
