//! Export of the register as GIS files (R-GEO-1, R-OBJ-1): GDAL reads every format,
//! and a long export streams every page, round-tripping names and areas.

mod common;

use common::transfer::*;
use common::{Caller, TestApp};
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::process::Command;

/// `ogrinfo -al -so` on a file: its summary text.
fn ogrinfo(path: &str) -> String {
    let out = Command::new("ogrinfo")
        .args(["-ro", "-al", "-so", path])
        .output()
        .expect("GDAL's ogrinfo is needed: apt-get install -y gdal-bin");
    assert!(
        out.status.success(),
        "ogrinfo {path}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Downloads one export, checks its headers and journal entry, and has GDAL
/// read it: `count` features of `geometry` (when the format keeps one type).
async fn export_read_by_gdal(
    app: &TestApp,
    who: &Caller,
    dir: &std::path::Path,
    query: &str,
    count: usize,
    geometry: Option<&str>,
) {
    let format = query.split('&').next().unwrap();
    let (content_type, name) = match format {
        "geojson" => ("application/geo+json", "objects.geojson"),
        "kml" => ("application/vnd.google-earth.kml+xml", "objects.kml"),
        "csv" => ("text/csv; charset=utf-8", "objects.csv"),
        _ => ("application/zip", "objects.zip"),
    };
    let before = app.audit_count().await;
    let (status, headers, bytes) = download(app, who, &format!("?format={query}")).await;
    let shown = String::from_utf8_lossy(&bytes[..bytes.len().min(500)]).into_owned();
    assert_eq!(status, StatusCode::OK, "{query}: {shown}");
    assert_eq!(headers["content-type"], content_type);
    let disposition = headers["content-disposition"].to_str().unwrap();
    assert!(disposition.contains(name), "{disposition}");
    assert_eq!(
        app.audit_count().await,
        before + 1,
        "object.export is journaled"
    );
    let path = dir.join(format!("{}-{name}", query.len()));
    std::fs::write(&path, &bytes).unwrap();
    let path = path.to_string_lossy().into_owned();
    let info = ogrinfo(&if format == "shapefile" {
        format!("/vsizip/{path}")
    } else {
        path
    });
    assert!(
        info.contains(&format!("Feature Count: {count}")),
        "{query}: {info}"
    );
    if let Some(g) = geometry {
        assert!(info.contains(&format!("Geometry: {g}")), "{query}: {info}");
    }
}

async fn r_geo_1_every_export_format_is_read_by_gdal(engine: Engine) {
    let app = TestApp::start(engine).await;
    let who = inspector(&app).await;
    let fields = (0..5).map(|i| field(&format!("Алқап {i}"), 71.0 + f64::from(i) * 0.1, 51.1));
    let foci = (0..3).map(|i| focus(&format!("Ошақ {i}"), 72.0 + f64::from(i) * 0.1, 51.1));
    let file = collection(fields.chain(foci).collect());
    let a = upload(
        &app,
        &who,
        "?type=outbreak_focus",
        "application/geo+json",
        file,
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    let dir = tempfile::tempdir().unwrap();
    for (query, count, geometry) in [
        ("geojson", 8, None),
        ("kml", 8, None),
        ("csv&type=field", 5, None),
        ("shapefile&type=field", 5, Some("Polygon")),
        ("shapefile&type=outbreak_focus", 3, Some("Point")),
    ] {
        export_read_by_gdal(&app, &who, dir.path(), query, count, geometry).await;
    }
    // Issue 15: a Shapefile holds one geometry type, so points and polygons leave
    // as one zip with a layer per kind, and GDAL reads both.
    let (status, _, bytes) = download(&app, &who, "?format=shapefile").await;
    assert_eq!(status, StatusCode::OK);
    let path = dir.path().join("mixed.zip");
    std::fs::write(&path, &bytes).unwrap();
    let info = ogrinfo(&format!("/vsizip/{}", path.to_string_lossy()));
    let layers: Vec<&str> = info.split("Layer name: ").skip(1).collect();
    assert_eq!(layers.len(), 2, "{info}");
    for (layer, name, count, geometry) in [
        (layers[0], "objects_points", 3, "Point"),
        (layers[1], "objects_polygons", 5, "Polygon"),
    ] {
        assert!(layer.starts_with(name), "{layer}");
        assert!(
            layer.contains(&format!("Feature Count: {count}")),
            "{layer}"
        );
        assert!(layer.contains(&format!("Geometry: {geometry}")), "{layer}");
        assert!(layer.contains("name: String"), "{layer}");
    }
    app.stop().await;
}
both_engines!(r_geo_1_every_export_format_is_read_by_gdal);

/// Name and area of the exported features after the first `skip`, by name.
fn names_and_areas(geojson: &[u8], skip: usize) -> Vec<(String, f64)> {
    let doc: Value = serde_json::from_slice(geojson).expect("a complete GeoJSON document");
    let mut pairs: Vec<(String, f64)> = doc["features"].as_array().unwrap()[skip..]
        .iter()
        .map(|f| {
            let p = &f["properties"];
            (
                p["name"].as_str().unwrap().to_string(),
                p["area_ha"].as_f64().unwrap(),
            )
        })
        .collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs
}

async fn r_geo_1_export_streams_every_page_and_round_trips_names_and_areas(engine: Engine) {
    let app = TestApp::start(engine).await;
    let who = inspector(&app).await;
    // More than one export page (2,000 objects), so keyset paging is exercised.
    let fields = (0..2500).map(|i| {
        let (lon, lat) = (f64::from(i % 300), f64::from(i / 300));
        field(&format!("Алқап {i}"), 52.0 + lon * 0.05, 43.0 + lat * 0.05)
    });
    let a = upload(
        &app,
        &who,
        "",
        "application/geo+json",
        collection(fields.collect()),
    )
    .await;
    assert_eq!(
        imported(&a),
        (StatusCode::CREATED, Some(2500)),
        "{}",
        a.body
    );
    assert_eq!(a.body["ids"].as_array().map(Vec::len), Some(1000));
    let (status, _, bytes) = download(&app, &who, "?format=geojson").await;
    assert_eq!(status, StatusCode::OK);
    let original = names_and_areas(&bytes, 0);
    assert_eq!(original.len(), 2500);
    let again = upload(&app, &who, "", "application/geo+json", bytes).await;
    assert_eq!(again.status, StatusCode::CREATED, "{}", again.body);
    let ignored = again.body["ignored_properties"].as_array().unwrap();
    assert!(ignored.contains(&json!("area_ha")), "{ignored:?}");
    let (_, _, csv) = download(&app, &who, "?format=csv").await;
    let text = String::from_utf8(csv).unwrap();
    assert_eq!(text.lines().count(), 1 + 5000, "header and every object");
    let (_, _, bytes) = download(&app, &who, "?format=geojson").await;
    let copies = names_and_areas(&bytes, 2500);
    assert_eq!(original.len(), copies.len());
    for (o, c) in original.iter().zip(&copies) {
        assert_eq!(o.0, c.0);
        assert!((o.1 - c.1).abs() <= 1e-4 * o.1.max(1.0), "{o:?} vs {c:?}");
    }
    app.stop().await;
}
both_engines!(r_geo_1_export_streams_every_page_and_round_trips_names_and_areas);
