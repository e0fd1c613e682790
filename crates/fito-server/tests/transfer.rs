//! Import of the register from GIS files (R-GEO-1, R-OBJ-1): every format in,
//! all-or-nothing refusals naming the feature (and line), and the size limit.
//! Exports are in transfer_export.rs.

mod common;

use common::TestApp;
use common::transfer::*;
use fito_geo::formats::shapefile::{Column, ColumnKind};
use fito_geo::{Feature, ValidationOptions};
use fito_store::{Engine, both_engines};
use reqwest::StatusCode;
use serde_json::{Value, json};

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

async fn r_geo_1_a_preview_lists_every_refused_feature_and_writes_nothing(engine: Engine) {
    let app = TestApp::start(engine).await;
    let who = inspector(&app).await;
    let csv = "name,lon,lat,crop,type\n\
        жақсы,71.4,51.1,,outbreak_focus\n\
        жаман дақыл,71.5,51.1,moon_wheat,outbreak_focus\n\
        тағы жақсы,71.6,51.2,,outbreak_focus\n\
        жаман түр,71.7,51.3,,moon_base\n";
    let a = upload(&app, &who, "/preview", "text/csv", csv.as_bytes().to_vec()).await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    assert_eq!(a.body["features"], 4);
    let refusals = a.body["refusals"].as_array().unwrap();
    let found: Vec<(&str, &str, &str)> = refusals
        .iter()
        .map(|r| {
            (
                r["feature"].as_str().unwrap(),
                r["line"].as_str().unwrap(),
                r["code"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("2", "3", "object-crop-unknown"),
            ("4", "5", "object-type-unknown")
        ]
    );
    assert!(
        refusals[0]["message"].as_str().unwrap().contains("line 3"),
        "{}",
        refusals[0]
    );
    assert_eq!(a.body["refusals_total"], 2);
    assert_eq!(a.body["sample"]["features"].as_array().unwrap().len(), 2);
    assert_eq!(
        a.body["sample"]["features"][0]["properties"]["name"],
        "жақсы"
    );
    assert_eq!(object_count(&app).await, 0, "a preview writes nothing");
    // A file that cannot be read is refused as the import refuses it.
    let broken = upload(
        &app,
        &who,
        "/preview?format=geojson",
        "application/geo+json",
        b"{".to_vec(),
    )
    .await;
    assert_eq!(
        broken.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        broken.body
    );
    app.stop().await;
}
both_engines!(r_geo_1_a_preview_lists_every_refused_feature_and_writes_nothing);
