//! Import and export of the register as GIS files (R-GEO-1, R-OBJ-1): every
//! format in and out, all-or-nothing refusals naming the feature (and line),
//! and GDAL reading every export.

mod common;

use common::{Answer, Caller, TestApp};
use fito_geo::formats::shapefile::{Column, ColumnKind};
use fito_geo::{Feature, ValidationOptions};
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::process::Command;

fn square(lon: f64, lat: f64, d: f64) -> Value {
    json!({ "type": "Polygon", "coordinates": [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] })
}

fn field(name: &str, lon: f64, lat: f64) -> Value {
    json!({ "type": "Feature", "geometry": square(lon, lat, 0.005),
        "properties": { "name": name, "type": "field", "crop": "wheat_spring", "kato": "110000000",
            "owner_bin": "260240002570", "owner_name": "«Астық» ЖШС", "colour": "green" } })
}

fn focus(name: &str, lon: f64, lat: f64) -> Value {
    json!({ "type": "Feature", "geometry": { "type": "Point", "coordinates": [lon, lat] },
        "properties": { "name": name } })
}

fn collection(features: Vec<Value>) -> Vec<u8> {
    json!({ "type": "FeatureCollection", "features": features })
        .to_string()
        .into_bytes()
}

async fn inspector(app: &TestApp) -> Caller {
    let admin = app.admin().await;
    app.create_user(&admin, "inspector", &app.root_org).await
}

/// Sends a file as the body of the import.
async fn upload(
    app: &TestApp,
    who: &Caller,
    query: &str,
    content_type: &str,
    body: Vec<u8>,
) -> Answer {
    let res = app
        .http
        .post(format!("{}/api/v1/objects/import{query}", app.base))
        .bearer_auth(&who.token)
        .header("content-type", content_type)
        .header("accept-language", "en")
        .body(body)
        .send()
        .await
        .expect("request");
    let status = res.status();
    let headers = res.headers().clone();
    let text = res.text().await.unwrap_or_default();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Answer {
        status,
        headers,
        body,
    }
}

/// The raw bytes of an export, with its headers.
async fn download(
    app: &TestApp,
    who: &Caller,
    query: &str,
) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    let res = app
        .http
        .get(format!("{}/api/v1/objects/export{query}", app.base))
        .bearer_auth(&who.token)
        .send()
        .await
        .expect("request");
    let (status, headers) = (res.status(), res.headers().clone());
    (status, headers, res.bytes().await.expect("body").to_vec())
}

/// Every object in the database, whatever its organisation or status.
async fn object_count(app: &TestApp) -> usize {
    let all = fito_store::objects::Search {
        limit: 100_000,
        ..Default::default()
    };
    let found = fito_store::objects::search(app.store.reader(), app.store.engine(), &all);
    found.await.unwrap().len()
}

/// Sends a broken file and checks the refusal, and that nothing was written.
async fn refused(app: &TestApp, who: &Caller, query: &str, ct: &str, body: Vec<u8>) -> Answer {
    let (objects, audit) = (object_count(app).await, app.audit_count().await);
    let a = upload(app, who, query, ct, body).await;
    assert!(a.status.is_client_error(), "{} {}", a.status, a.body);
    let written = (object_count(app).await, app.audit_count().await);
    assert_eq!(written, (objects, audit), "written: {}", a.body);
    a
}

fn imported(a: &Answer) -> (StatusCode, Option<u64>) {
    (a.status, a.body["imported"].as_u64())
}

/// Where a refusal says the file is wrong, and why: feature, line, inner reason.
fn located(a: &Answer) -> (Option<&str>, Option<&str>, Option<&str>) {
    let p = &a.body["params"];
    (
        p["feature"].as_str(),
        p["line"].as_str(),
        p["reason"].as_str(),
    )
}

async fn properties(app: &TestApp, who: &Caller, id: &Value, tail: &str) -> Value {
    let path = format!("/api/v1/objects/{}{tail}", id.as_str().unwrap());
    app.get(&path, &who.token).await.body
}

async fn r_geo_1_geojson_import_creates_objects_with_fields_versions_and_one_audit_entry(
    engine: Engine,
) {
    let app = TestApp::start(engine).await;
    let who = inspector(&app).await;
    let before = app.audit_count().await;
    let mut clockwise = field("Алқап 2", 71.45, 51.10);
    let ring = clockwise["geometry"]["coordinates"][0]
        .as_array_mut()
        .unwrap();
    ring.reverse();
    let features = vec![
        field("Алқап 1", 71.40, 51.10),
        clockwise,
        focus("Ошақ", 71.5, 51.2),
    ];
    // The focus names no type: the default type applies to it only.
    let a = upload(
        &app,
        &who,
        "?type=outbreak_focus",
        "application/geo+json",
        collection(features),
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    assert_eq!(a.body["imported"], 3);
    assert_eq!(a.body["ignored_properties"], json!(["colour"]));
    // The clockwise ring was turned, and the answer says so, naming the feature.
    let repair = &a.body["repairs"][0];
    assert_eq!(repair["code"], "geo-repair-ring-reoriented", "{}", a.body);
    assert!(
        repair["message"].as_str().unwrap().contains("feature 2"),
        "{repair}"
    );
    assert_eq!(app.audit_count().await, before + 1);
    let ids = a.body["ids"].as_array().unwrap();
    let first = properties(&app, &who, &ids[0], "").await;
    let p = &first["properties"];
    let fields = (p["name"].as_str(), p["type"].as_str(), p["crop"].as_str());
    assert_eq!(
        fields,
        (Some("Алқап 1"), Some("field"), Some("wheat_spring"))
    );
    assert_eq!(p["owner"]["bin"], "260240002570");
    assert!((p["area_ha"].as_f64().unwrap() - 77.8).abs() < 0.8, "{p}");
    let third = properties(&app, &who, &ids[2], "").await;
    assert_eq!(third["properties"]["type"], "outbreak_focus");
    let history = properties(&app, &who, &ids[1], "/history").await;
    assert_eq!(history.as_array().map(Vec::len), Some(1), "{history}");
    let filter = fito_store::audit::Filter {
        action: Some("object.import".into()),
        limit: 10,
        ..Default::default()
    };
    let journal = fito_store::audit::search(&app.store, &filter)
        .await
        .unwrap();
    assert_eq!(journal.len(), 1, "one entry for the whole file");
    let details = &journal[0].details;
    assert!(
        details.contains("\"count\":3") && details.contains("geojson"),
        "{details}"
    );
    app.stop().await;
}
both_engines!(r_geo_1_geojson_import_creates_objects_with_fields_versions_and_one_audit_entry);

async fn r_geo_1_geojson_import_is_all_or_nothing(engine: Engine) {
    let app = TestApp::start(engine).await;
    let who = inspector(&app).await;
    let ct = "application/geo+json";
    let bowtie = json!({ "type": "Feature", "geometry": { "type": "Polygon", "coordinates": [[[71.0, 51.0], [71.1, 51.1], [71.1, 51.0], [71.0, 51.1], [71.0, 51.0]]] }, "properties": { "name": "x", "type": "field" } });
    let file = collection(vec![field("a", 71.4, 51.1), field("b", 71.5, 51.1), bowtie]);
    let a = refused(&app, &who, "", ct, file).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "geo-ring-self-intersects")
    );
    assert_eq!(located(&a).0, Some("3"), "{}", a.body);
    assert!(a.title().contains("feature 3"), "{}", a.title());
    let mut unknown = field("c", 71.6, 51.1);
    unknown["properties"]["type"] = json!("spaceport");
    let a = refused(
        &app,
        &who,
        "",
        ct,
        collection(vec![field("a", 71.4, 51.1), unknown]),
    )
    .await;
    assert_eq!(a.code(), "import-feature-invalid");
    assert_eq!(located(&a), (Some("2"), None, Some("object-type-unknown")));
    let title = a.title();
    assert!(
        title.starts_with("Feature 2 of the file was refused: Unknown object type"),
        "{title}"
    );
    let mut bad_bin = field("d", 71.7, 51.1);
    bad_bin["properties"]["owner_bin"] = json!("260240002571");
    let a = refused(
        &app,
        &who,
        "",
        "application/json",
        collection(vec![bad_bin]),
    )
    .await;
    assert_eq!(
        located(&a),
        (Some("1"), None, Some("bin-checksum")),
        "{}",
        a.body
    );
    let mut bad_kato = field("e", 71.7, 51.1);
    bad_kato["properties"]["kato"] = json!("999999999");
    let file = collection(vec![
        field("a", 71.4, 51.1),
        field("b", 71.5, 51.1),
        bad_kato,
    ]);
    let a = refused(&app, &who, "", "application/json", file).await;
    assert_eq!(located(&a), (Some("3"), None, Some("object-kato-unknown")));
    app.stop().await;
}
both_engines!(r_geo_1_geojson_import_is_all_or_nothing);

async fn r_geo_1_csv_imports_and_a_bad_row_is_refused_naming_its_line(engine: Engine) {
    let app = TestApp::start(engine).await;
    let who = inspector(&app).await;
    let good = "name;lon;lat;type;notes\nОшақ 1;71,40;51,10;outbreak_focus;\"екі; үш\"\nОшақ 2;71,50;51,20;outbreak_focus;\n";
    let a = upload(&app, &who, "", "text/csv", good.as_bytes().to_vec()).await;
    assert_eq!(imported(&a), (StatusCode::CREATED, Some(2)), "{}", a.body);
    let bad_number = "name,lon,lat\nx,71.4,51.1\ny,71.5,51.1\nz,71.6,fifty\n";
    let a = refused(
        &app,
        &who,
        "?type=outbreak_focus",
        "text/csv",
        bad_number.as_bytes().to_vec(),
    )
    .await;
    assert_eq!(a.code(), "geo-csv-bad-number", "{}", a.body);
    assert_eq!(located(&a), (Some("3"), Some("4"), None));
    // A quoted cell spanning two lines moves the next rows down by one.
    let bad_crop =
        "name,lon,lat,crop,description\nx,71.4,51.1,,\"a\nb\"\ny,71.5,51.1,moon_wheat,\n";
    let a = refused(
        &app,
        &who,
        "?type=outbreak_focus",
        "text/csv",
        bad_crop.as_bytes().to_vec(),
    )
    .await;
    assert_eq!(a.code(), "import-feature-invalid", "{}", a.body);
    assert_eq!(
        located(&a),
        (Some("2"), Some("4"), Some("object-crop-unknown"))
    );
    assert!(a.title().contains("(line 4)"), "{}", a.title());
    app.stop().await;
}
both_engines!(r_geo_1_csv_imports_and_a_bad_row_is_refused_naming_its_line);

fn kml(placemarks: &str) -> Vec<u8> {
    format!("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\"><Document>\n{placemarks}</Document></kml>\n").into_bytes()
}

async fn r_geo_1_kml_imports_and_malformed_kml_is_refused(engine: Engine) {
    let app = TestApp::start(engine).await;
    let who = inspector(&app).await;
    let placemark = |name: &str, lon: f64| {
        format!(
            "<Placemark><name>{name}</name><ExtendedData><Data name=\"type\"><value>outbreak_focus</value></Data></ExtendedData><Point><coordinates>{lon},51.1</coordinates></Point></Placemark>\n"
        )
    };
    let good = kml(&(placemark("Ошақ 1", 71.4) + &placemark("Ошақ 2", 71.5)));
    let a = upload(
        &app,
        &who,
        "?format=kml",
        "application/octet-stream",
        good.clone(),
    )
    .await;
    assert_eq!(imported(&a), (StatusCode::CREATED, Some(2)), "{}", a.body);
    let cut = good[..good.len() - 40].to_vec();
    let a = refused(&app, &who, "", "application/vnd.google-earth.kml+xml", cut).await;
    assert_eq!(a.code(), "geo-kml-malformed", "{}", a.body);
    let outside = kml(&(placemark("a", 71.4) + &placemark("b", 200.0)));
    let a = refused(
        &app,
        &who,
        "",
        "application/vnd.google-earth.kml+xml",
        outside,
    )
    .await;
    assert_eq!(
        (a.code(), a.body["params"]["feature"].as_str()),
        ("geo-longitude-out-of-range", Some("2")),
        "{}",
        a.body
    );
    app.stop().await;
}
both_engines!(r_geo_1_kml_imports_and_malformed_kml_is_refused);

fn shapefile_zip(features: &[Feature]) -> Vec<u8> {
    let text = |name: &str| Column {
        name: name.into(),
        kind: ColumnKind::Text,
    };
    let columns = [text("name"), text("type")];
    let mut out = Vec::new();
    fito_geo::formats::shapefile::write_zip(&mut out, "fields", &columns, features).unwrap();
    out
}

fn geo_feature(value: Value) -> Feature {
    let raw = fito_geo::formats::geojson::geometry_from_json(value["geometry"].clone()).unwrap();
    let mut f = Feature::new(
        fito_geo::validate(raw, &ValidationOptions::default())
            .unwrap()
            .geometry,
    );
    for (k, v) in value["properties"].as_object().unwrap() {
        f = f.with(k, v.as_str().unwrap_or_default());
    }
    f
}

async fn r_geo_1_shapefile_imports_and_a_truncated_zip_is_refused(engine: Engine) {
    let app = TestApp::start(engine).await;
    let who = inspector(&app).await;
    let zip = shapefile_zip(&[
        geo_feature(field("Алқап 1", 71.4, 51.1)),
        geo_feature(field("Алқап 2", 71.5, 51.1)),
    ]);
    let a = upload(&app, &who, "", "application/zip", zip.clone()).await;
    assert_eq!(imported(&a), (StatusCode::CREATED, Some(2)), "{}", a.body);
    let a = refused(
        &app,
        &who,
        "",
        "application/zip",
        zip[..zip.len() / 2].to_vec(),
    )
    .await;
    assert_eq!(a.code(), "geo-zip-malformed", "{}", a.body);
    // A zip declared as GeoJSON: the content decides, and disagrees.
    let a = refused(&app, &who, "?format=geojson", "application/zip", zip).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "import-format-mismatch")
    );
    app.stop().await;
}
both_engines!(r_geo_1_shapefile_imports_and_a_truncated_zip_is_refused);

async fn r_geo_1_an_image_or_binary_sent_as_geojson_is_refused(engine: Engine) {
    let app = TestApp::start(engine).await;
    let who = inspector(&app).await;
    let png =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89".to_vec();
    let a = refused(&app, &who, "", "application/geo+json", png).await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "import-file-image")
    );
    assert!(
        a.title().starts_with("This is an image file"),
        "{}",
        a.title()
    );
    let binary = vec![0u8, 1, 2, 3, 250, 251, 0, 7];
    let a = refused(
        &app,
        &who,
        "?format=geojson",
        "application/octet-stream",
        binary,
    )
    .await;
    assert_eq!(a.code(), "import-file-binary");
    let a = refused(
        &app,
        &who,
        "?format=gpx",
        "application/octet-stream",
        b"{}".to_vec(),
    )
    .await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::BAD_REQUEST, "import-format-unknown")
    );
    app.stop().await;
}
both_engines!(r_geo_1_an_image_or_binary_sent_as_geojson_is_refused);

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
    // A Shapefile holds one geometry type: a mixed selection is refused whole.
    let (status, _, bytes) = download(&app, &who, "?format=shapefile").await;
    let problem: Value = serde_json::from_slice(&bytes).unwrap_or_default();
    let code = problem["code"].as_str();
    assert_eq!(
        (status, code),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("geo-shapefile-mixed-geometry")
        )
    );
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

async fn r_geo_1_an_import_over_the_configured_limit_is_refused(engine: Engine) {
    let app = TestApp::start_with(engine, |c| {
        c.max_body_bytes = 1000;
        c.max_import_bytes = 3000;
    })
    .await;
    let who = inspector(&app).await;
    let foci = |n: usize| {
        collection(
            (0..n)
                .map(|i| focus(&format!("Ошақ {i}"), 71.0, 51.0))
                .collect(),
        )
    };
    let (over, under) = (foci(30), foci(10));
    assert!(over.len() > 3000 && (1000..3000).contains(&under.len()));
    let a = refused(
        &app,
        &who,
        "?type=outbreak_focus",
        "application/geo+json",
        over,
    )
    .await;
    assert_eq!(
        (a.status, a.code()),
        (StatusCode::PAYLOAD_TOO_LARGE, "request-too-large")
    );
    // The limit is this route's own: above the JSON body limit of other routes.
    let a = upload(
        &app,
        &who,
        "?type=outbreak_focus",
        "application/geo+json",
        under,
    )
    .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}", a.body);
    app.stop().await;
}
both_engines!(r_geo_1_an_import_over_the_configured_limit_is_refused);
