//! R-GEO-1: GeoJSON and CSV import/export; GDAL reads every export, and what
//! GDAL writes comes back through our readers.

mod support;

use fito_geo::ValidationOptions;
use fito_geo::formats::{csv, geojson};
use support::*;

fn opts() -> ValidationOptions {
    ValidationOptions::default()
}

fn columns(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

#[test]
fn r_geo_1_geojson_round_trip_keeps_geometry_and_properties() {
    let features = sample_polygons();
    let mut buf = Vec::new();
    assert_eq!(geojson::write(&mut buf, &features).unwrap(), 3);
    let back = geojson::read(&buf[..], &opts()).unwrap();
    assert_eq!(back.features, features);
    assert!(back.repairs.is_empty());
}

#[test]
fn r_geo_1_geojson_export_is_read_by_gdal() {
    let dir = tmp();
    for (name, features, kind) in [
        ("points.geojson", sample_points(), "Point"),
        ("fields.geojson", sample_polygons()[..1].to_vec(), "Polygon"),
        (
            "orchard.geojson",
            sample_polygons()[1..2].to_vec(),
            "Multi Polygon",
        ),
        // GDAL 3.x names a Polygon + MultiPolygon layer "Unknown (any)".
        ("mixed.geojson", sample_polygons(), "Unknown (any)"),
    ] {
        let path = dir.path().join(name);
        geojson::write(std::fs::File::create(&path).unwrap(), &features).unwrap();
        let path = path.to_string_lossy();
        assert_eq!(
            ogr_summary(&path),
            (features.len(), kind.to_string()),
            "{name}"
        );
        let csv_path = ogr2ogr(dir.path(), "CSV", &format!("{name}.csv"), &path);
        let text = std::fs::read_to_string(&csv_path).unwrap();
        let name = features[0]
            .properties
            .get("name")
            .or(features[0].properties.get("organism"));
        let expected = name
            .and_then(|v| v.as_text())
            .unwrap()
            .split(' ')
            .next()
            .unwrap();
        assert!(
            text.contains(expected),
            "UTF-8 attribute {expected} survives in {text}"
        );
    }
}

#[test]
fn r_geo_1_empty_geojson_export_is_a_valid_collection() {
    let dir = tmp();
    let path = dir.path().join("empty.geojson");
    geojson::write(
        std::fs::File::create(&path).unwrap(),
        Vec::<fito_geo::Feature>::new(),
    )
    .unwrap();
    let back = geojson::read(std::fs::File::open(&path).unwrap(), &opts()).unwrap();
    assert!(back.features.is_empty());
    let text = gdal("ogrinfo", &["-ro", "-al", "-so", &path.to_string_lossy()]);
    assert!(text.contains("Feature Count: 0"), "{text}");
}

#[test]
fn r_geo_1_gdal_geojson_comes_back_through_our_reader() {
    let dir = tmp();
    let ours = dir.path().join("ours.csv");
    let features = sample_polygons();
    csv::write(
        std::fs::File::create(&ours).unwrap(),
        &columns(&["name"]),
        &features,
    )
    .unwrap();
    let theirs = ogr2ogr(
        dir.path(),
        "GeoJSON",
        "gdal.geojson",
        &ours.to_string_lossy(),
    );
    let back = geojson::read(std::fs::File::open(theirs).unwrap(), &opts()).unwrap();
    assert_same_geometries(&features, &back.features);
    assert_eq!(
        back.features[1].properties["name"],
        features[1].properties["name"]
    );
}

#[test]
fn r_geo_1_csv_export_is_read_by_gdal_and_back() {
    let dir = tmp();
    let path = dir.path().join("points.csv");
    let features = sample_points();
    let n = csv::write(
        std::fs::File::create(&path).unwrap(),
        &columns(&["n", "organism"]),
        &features,
    )
    .unwrap();
    assert_eq!(n, 25);
    let path = path.to_string_lossy();
    let (count, _kind) = ogr_summary(&path);
    assert_eq!(count, 25);
    let theirs = ogr2ogr(dir.path(), "GeoJSON", "gdal.geojson", &path);
    let back = geojson::read(std::fs::File::open(theirs).unwrap(), &opts()).unwrap();
    assert_same_geometries(&features, &back.features);
    assert!(
        back.features
            .iter()
            .all(|f| f.geometry.kind() == fito_geo::GeometryKind::Point)
    );
    let ours = csv::read(std::fs::File::open(&*path).unwrap(), &opts()).unwrap();
    assert_same_geometries(&features, &ours.features);
    assert_eq!(
        ours.features[1].properties["organism"].as_text(),
        Some("Саранча")
    );
}

#[test]
fn r_geo_1_csv_with_lat_lon_columns_semicolons_and_decimal_commas() {
    let text = "\u{feff}Название;Широта;Долгота\nПоле 1;51,128;71,430\n\"Склад; №2\";43,25;76,93\n";
    let got = csv::read(text.as_bytes(), &opts()).unwrap();
    assert_eq!(got.features.len(), 2);
    let p = got.features[0].geometry.as_point().unwrap();
    assert_eq!((p.lon(), p.lat()), (71.43, 51.128));
    assert_eq!(
        got.features[1].properties["Название"].as_text(),
        Some("Склад; №2")
    );
}

#[test]
fn r_geo_1_csv_with_a_bad_row_is_refused_with_its_line() {
    let bad_number = "lat,lon,name\n51.1,71.4,a\n51.2,seventy,b\n";
    let e = csv::read(bad_number.as_bytes(), &opts()).unwrap_err();
    assert_eq!(
        (e.code(), e.at.feature, e.at.line),
        ("geo-csv-bad-number", Some(2), Some(3))
    );

    let ragged = "lat,lon,name\n51.1,71.4,a\n51.2,71.5\n";
    let e = csv::read(ragged.as_bytes(), &opts()).unwrap_err();
    assert_eq!((e.code(), e.at.line), ("geo-csv-malformed", Some(3)));

    let swapped = "lat,lon\n51.1,71.4\n71.4,51.1\n";
    let e = csv::read(swapped.as_bytes(), &opts()).unwrap_err();
    assert_eq!(
        (e.code(), e.at.feature, e.at.line),
        ("geo-axes-swapped", Some(2), Some(3))
    );

    let no_geometry = "name,crop\na,b\n";
    assert_eq!(
        csv::read(no_geometry.as_bytes(), &opts())
            .unwrap_err()
            .code(),
        "geo-csv-missing-columns"
    );

    let bad_wkt = "wkt,name\n\"POINT (71.4 51.1)\",a\n\"POLYGON ((71 51, 72 51\",b\n";
    let e = csv::read(bad_wkt.as_bytes(), &opts()).unwrap_err();
    assert_eq!((e.code(), e.at.feature), ("geo-wkt-malformed", Some(2)));

    let line_wkt = "wkt\n\"LINESTRING (71 51, 72 51)\"\n";
    assert_eq!(
        csv::read(line_wkt.as_bytes(), &opts()).unwrap_err().code(),
        "geo-geometry-type-unsupported"
    );
}

#[test]
fn r_geo_1_geojson_with_wrong_types_is_refused_with_feature_number() {
    let cases = [
        (
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[71,51]},"properties":{}},{"type":"Feature","geometry":{"type":"Point","coordinates":"71,51"},"properties":{}}]}"#,
            "geo-geojson-wrong-type",
            Some(2),
        ),
        (
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"LineString","coordinates":[[71,51],[72,51]]},"properties":{}}]}"#,
            "geo-geometry-type-unsupported",
            Some(1),
        ),
        (
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{}}]}"#,
            "geo-geometry-empty",
            Some(1),
        ),
        (
            r#"{"type":"FeatureCollection","features":{}}"#,
            "geo-geojson-wrong-type",
            None,
        ),
        (r#"[1,2,3]"#, "geo-geojson-wrong-type", None),
        (
            r#"{"type":"Point","coordinates":[71]}"#,
            "geo-geojson-wrong-type",
            Some(1),
        ),
        (
            r#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32642"}},"features":[]}"#,
            "geo-prj-unsupported",
            None,
        ),
    ];
    for (text, code, feature) in cases {
        let e = geojson::read(text.as_bytes(), &opts()).unwrap_err();
        assert_eq!((e.code(), e.at.feature), (code, feature), "{text}");
    }
    let e = geojson::read(
        "{\n\"type\": \"FeatureCollection\",\n\"features\": [\n".as_bytes(),
        &opts(),
    )
    .unwrap_err();
    assert_eq!((e.code(), e.at.line), ("geo-geojson-malformed", Some(4)));
}

#[test]
fn r_geo_1_geojson_properties_of_other_types_are_kept_as_text() {
    let text = r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[71.4,51.1,350]},
        "properties":{"ok":true,"n":3,"none":null,"tags":["a","b"]}}"#;
    let f = &geojson::read(text.as_bytes(), &opts()).unwrap().features[0];
    assert_eq!(f.properties["ok"].as_text(), Some("true"));
    assert_eq!(f.properties["n"].as_number(), Some(3.0));
    assert_eq!(f.properties["tags"].as_text(), Some(r#"["a","b"]"#));
    assert!(!f.properties.contains_key("none"));
}

#[test]
fn r_geo_1_geojson_import_reports_repairs_per_feature() {
    let text = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","geometry":{"type":"Point","coordinates":[71.4,51.1]},"properties":{}},
        {"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[71,51],[71,51.1],[71.1,51.1],[71.1,51]]]},"properties":{}}]}"#;
    assert_eq!(
        geojson::read(text.as_bytes(), &opts()).unwrap_err().code(),
        "geo-ring-not-closed"
    );
    let close = ValidationOptions {
        close_open_rings: true,
        ..opts()
    };
    let got = geojson::read(text.as_bytes(), &close).unwrap();
    let codes: Vec<_> = got
        .repairs
        .iter()
        .map(|r| (r.code(), r.at.feature))
        .collect();
    assert_eq!(
        codes,
        vec![
            ("geo-repair-ring-closed", Some(2)),
            ("geo-repair-ring-reoriented", Some(2))
        ]
    );
}
