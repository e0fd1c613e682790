//! R-GEO-1: geometry read back from the register's stored GeoJSON text
//! (`geojson::stored_geometry`, what map tiles use) is the geometry that was
//! validated and stored, exactly as validating the text again gives it; damaged
//! text is refused, never made a geometry.

mod support;

use fito_geo::formats::geojson::{geometry_from_json, geometry_to_json, stored_geometry};
use fito_geo::{ErrorKind, Geometry, ValidationOptions, validate};
use geo::CoordsIter;
use proptest::prelude::*;
use support::{sample_points, sample_polygons, star_polygon, valid};

#[test]
fn r_geo_1_stored_text_reads_back_as_the_validated_geometry() {
    for f in sample_polygons().iter().chain(&sample_points()) {
        let text = geometry_to_json(&f.geometry).to_string();
        let back = stored_geometry(&text).expect("stored text reads back");
        assert_eq!(back, f.geometry, "{text}");
        assert_eq!(back, validated_again(&text));
        assert_eq!(back.area(), f.geometry.area());
    }
}

/// What reading stored text cost before: validating it as if it were new.
fn validated_again(text: &str) -> Geometry {
    let raw = geometry_from_json(serde_json::from_str(text).expect("JSON")).expect("GeoJSON");
    validate(raw, &ValidationOptions::default())
        .expect("valid")
        .geometry
}

proptest! {
    #[test]
    fn r_geo_1_stored_random_polygons_read_back(raw in star_polygon()) {
        let g = valid(raw);
        let text = geometry_to_json(&g).to_string();
        let back = stored_geometry(&text).expect("reads back");
        prop_assert_eq!(&back, &validated_again(&text));
        // The text keeps every coordinate to within a few units in the last place.
        let close = |a: &Geometry, b: &Geometry| a.as_geo().coords_iter().zip(b.as_geo().coords_iter())
            .all(|(p, q)| (p.x - q.x).abs() <= f64::EPSILON * 128.0 && (p.y - q.y).abs() <= f64::EPSILON * 128.0);
        prop_assert!(close(&back, &g));
    }
}

#[test]
fn r_geo_1_damaged_stored_text_is_refused() {
    let cases = [
        ("", ErrorKind::GeoJsonWrongType),
        ("{\"type\":\"Polygon\"}", ErrorKind::GeoJsonWrongType),
        ("{\"coordinates\":[1,2]}", ErrorKind::GeoJsonWrongType),
        (
            "{\"type\":\"LineString\",\"coordinates\":[[1,2],[3,4]]}",
            ErrorKind::GeometryTypeUnsupported,
        ),
        (
            "{\"type\":\"Point\",\"coordinates\":[71.4]}",
            ErrorKind::GeoJsonWrongType,
        ),
        (
            "{\"type\":\"Point\",\"coordinates\":[71.4,\"51\"]}",
            ErrorKind::GeoJsonWrongType,
        ),
        (
            "{\"type\":\"Polygon\",\"coordinates\":[]}",
            ErrorKind::GeometryEmpty,
        ),
        (
            "{\"type\":\"MultiPolygon\",\"coordinates\":[]}",
            ErrorKind::GeometryEmpty,
        ),
        (
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[0,0]]]}",
            ErrorKind::RingTooFewPoints,
        ),
        (
            "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[1,1],[0,1]]]}",
            ErrorKind::RingNotClosed,
        ),
        (
            "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6]]]]}",
            ErrorKind::RingTooFewPoints,
        ),
    ];
    for (text, kind) in cases {
        let e = stored_geometry(text).expect_err(text);
        assert_eq!(e.kind, kind, "{text}");
    }
}
