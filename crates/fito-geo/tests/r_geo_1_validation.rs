//! R-GEO-1 / R-OBJ-1: invalid geometries are refused with a stable code and the
//! place they concern; unambiguous repairs are made and reported.

use fito_geo::{
    ErrorKind, GeometryKind, RawGeometry, RepairKind, ValidationOptions, Wgs84Point, validate,
};

fn square(lon: f64, lat: f64, d: f64) -> Vec<[f64; 2]> {
    vec![
        [lon, lat],
        [lon + d, lat],
        [lon + d, lat + d],
        [lon, lat + d],
        [lon, lat],
    ]
}

fn refuse(raw: RawGeometry) -> fito_geo::GeoError {
    validate(raw, &ValidationOptions::default()).expect_err("must be refused")
}

#[test]
fn r_geo_1_bowtie_ring_is_refused_as_self_intersecting() {
    let bowtie = vec![
        [71.0, 51.0],
        [71.1, 51.1],
        [71.1, 51.0],
        [71.0, 51.1],
        [71.0, 51.0],
    ];
    let e = refuse(RawGeometry::Polygon(vec![bowtie]));
    assert_eq!(e.code(), "geo-ring-self-intersects");
    assert_eq!((e.at.ring, e.at.vertex), (Some(0), Some(0)));
}

#[test]
fn r_geo_1_ring_touching_itself_is_refused() {
    // The fifth vertex lands on the first edge: a self-touch, not a simple ring.
    let ring = vec![
        [71.0, 51.0],
        [71.2, 51.0],
        [71.2, 51.2],
        [71.1, 51.2],
        [71.1, 51.0],
        [71.0, 51.0],
    ];
    assert_eq!(
        refuse(RawGeometry::Polygon(vec![ring])).code(),
        "geo-ring-self-intersects"
    );
}

#[test]
fn r_geo_1_collinear_spike_is_refused() {
    let ring = vec![[71.0, 51.0], [71.2, 51.0], [71.1, 51.0], [71.0, 51.0]];
    assert_eq!(
        refuse(RawGeometry::Polygon(vec![ring])).code(),
        "geo-ring-self-intersects"
    );
}

#[test]
fn r_geo_1_unclosed_ring_is_refused_unless_closing_was_asked() {
    let mut open = square(71.0, 51.0, 0.01);
    open.pop();
    let e = refuse(RawGeometry::MultiPolygon(vec![
        vec![square(75.0, 45.0, 0.01)],
        vec![open.clone()],
    ]));
    assert_eq!(e.code(), "geo-ring-not-closed");
    assert_eq!((e.at.polygon, e.at.ring), (Some(1), Some(0)));

    let opts = ValidationOptions {
        close_open_rings: true,
        ..ValidationOptions::default()
    };
    let ok = validate(RawGeometry::Polygon(vec![open]), &opts).unwrap();
    assert!(
        ok.repairs
            .iter()
            .any(|r| r.kind == RepairKind::RingClosed && r.code() == "geo-repair-ring-closed")
    );
    assert!(
        (ok.geometry.area().value() - 78.0).abs() < 2.0,
        "≈ 0.01° square at 51° N"
    );
}

#[test]
fn r_geo_1_ring_with_too_few_points_is_refused() {
    let line = vec![[71.0, 51.0], [71.1, 51.0], [71.0, 51.0]];
    assert_eq!(
        refuse(RawGeometry::Polygon(vec![line])).code(),
        "geo-ring-too-few-points"
    );
    let repeated = vec![[71.0, 51.0], [71.1, 51.0], [71.1, 51.0], [71.0, 51.0]];
    assert_eq!(
        refuse(RawGeometry::Polygon(vec![repeated])).code(),
        "geo-ring-too-few-points"
    );
    assert_eq!(
        refuse(RawGeometry::Polygon(vec![vec![]])).code(),
        "geo-ring-too-few-points"
    );
    assert_eq!(
        refuse(RawGeometry::Polygon(vec![])).code(),
        "geo-geometry-empty"
    );
    assert_eq!(
        refuse(RawGeometry::MultiPolygon(vec![])).code(),
        "geo-geometry-empty"
    );
}

#[test]
fn r_geo_1_latitude_and_longitude_out_of_range_are_refused() {
    assert_eq!(
        refuse(RawGeometry::Point([71.0, 91.0])).code(),
        "geo-latitude-out-of-range"
    );
    assert_eq!(
        refuse(RawGeometry::Point([181.0, 51.0])).code(),
        "geo-longitude-out-of-range"
    );
    assert_eq!(
        refuse(RawGeometry::Point([f64::NAN, 51.0])).code(),
        "geo-coordinate-not-finite"
    );
    let mut ring = square(71.0, 51.0, 0.01);
    ring[2] = [71.01, 95.0];
    let e = refuse(RawGeometry::Polygon(vec![ring]));
    assert_eq!(
        (e.code(), e.at.ring, e.at.vertex),
        ("geo-latitude-out-of-range", Some(0), Some(2))
    );
    assert_eq!(
        Wgs84Point::parse(0.0, -90.5).unwrap_err().kind,
        ErrorKind::LatitudeOutOfRange
    );
}

#[test]
fn r_geo_1_swapped_axes_landing_outside_kazakhstan_are_refused() {
    // Astana written as lat, lon: (51.13, 71.43) → a point in the Arctic Ocean.
    assert_eq!(
        refuse(RawGeometry::Point([51.13, 71.43])).code(),
        "geo-axes-swapped"
    );
    // Almaty swapped: latitude 76.9 is in range but far north.
    let almaty_swapped: Vec<[f64; 2]> = square(76.9, 43.2, 0.01)
        .iter()
        .map(|c| [c[1], c[0]])
        .collect();
    assert_eq!(
        refuse(RawGeometry::Polygon(vec![almaty_swapped])).code(),
        "geo-axes-swapped"
    );
    // Swapped with latitude > 90 (e.g. Zaisan at 84.9 E): still "swapped", the helpful word.
    assert_eq!(
        refuse(RawGeometry::Point([47.5, 84.9])).code(),
        "geo-axes-swapped"
    );
    // A point abroad that does not become Kazakh when swapped is fine (Tashkent).
    assert!(
        validate(
            RawGeometry::Point([69.24, 41.3]),
            &ValidationOptions::default()
        )
        .is_ok()
    );
    assert!(
        validate(
            RawGeometry::Point([2.35, 48.85]),
            &ValidationOptions::default()
        )
        .is_ok()
    );
}

#[test]
fn r_geo_1_clockwise_exterior_is_reoriented_and_reported() {
    let mut cw = square(71.0, 51.0, 0.01);
    cw.reverse();
    let mut hole_ccw = square(71.002, 51.002, 0.002);
    hole_ccw.dedup();
    let ok = validate(
        RawGeometry::Polygon(vec![cw, hole_ccw]),
        &ValidationOptions::default(),
    )
    .unwrap();
    let reoriented: Vec<_> = ok
        .repairs
        .iter()
        .filter(|r| r.kind == RepairKind::RingReoriented)
        .map(|r| r.at.ring)
        .collect();
    assert_eq!(reoriented, vec![Some(0), Some(1)]);
    let poly = &ok.geometry.polygons()[0];
    use geo::algorithm::winding_order::Winding;
    assert!(poly.exterior().is_ccw() && poly.interiors()[0].is_cw());
}

#[test]
fn r_geo_1_correct_polygon_has_no_repairs() {
    let ok = validate(
        RawGeometry::Polygon(vec![square(71.0, 51.0, 0.01)]),
        &ValidationOptions::default(),
    )
    .unwrap();
    assert!(ok.repairs.is_empty());
    assert_eq!(ok.geometry.kind(), GeometryKind::Polygon);
}

#[test]
fn r_geo_1_duplicate_vertices_are_dropped_and_reported() {
    let mut ring = square(71.0, 51.0, 0.01);
    ring.insert(1, ring[0]);
    let ok = validate(
        RawGeometry::Polygon(vec![ring]),
        &ValidationOptions::default(),
    )
    .unwrap();
    assert_eq!(ok.repairs[0].kind, RepairKind::DuplicateVerticesRemoved);
    assert_eq!(ok.geometry.polygons()[0].exterior().0.len(), 5);
}

#[test]
fn r_geo_1_hole_crossing_or_outside_the_shell_is_refused() {
    let shell = square(71.0, 51.0, 0.01);
    let crossing: Vec<[f64; 2]> = square(71.005, 51.002, 0.01).into_iter().rev().collect();
    assert_eq!(
        refuse(RawGeometry::Polygon(vec![shell.clone(), crossing])).code(),
        "geo-rings-intersect"
    );
    let outside: Vec<[f64; 2]> = square(72.0, 51.0, 0.001).into_iter().rev().collect();
    let e = refuse(RawGeometry::Polygon(vec![shell, outside]));
    assert_eq!((e.code(), e.at.ring), ("geo-hole-outside-shell", Some(1)));
}

#[test]
fn r_geo_1_overlapping_multipolygon_parts_are_refused() {
    let a = vec![square(71.0, 51.0, 0.01)];
    let b = vec![square(71.005, 51.005, 0.01)];
    let inner = vec![square(71.002, 51.002, 0.001)];
    assert_eq!(
        refuse(RawGeometry::MultiPolygon(vec![a.clone(), b])).code(),
        "geo-polygons-overlap"
    );
    assert_eq!(
        refuse(RawGeometry::MultiPolygon(vec![a.clone(), inner])).code(),
        "geo-polygons-overlap"
    );
    let apart = vec![square(72.0, 51.0, 0.01)];
    let ok = validate(
        RawGeometry::MultiPolygon(vec![a, apart]),
        &ValidationOptions::default(),
    )
    .unwrap();
    assert_eq!(ok.geometry.kind(), GeometryKind::MultiPolygon);
}

#[test]
fn r_geo_1_other_geometry_types_and_antimeridian_are_refused() {
    assert_eq!(
        refuse(RawGeometry::Unsupported("LineString".into())).code(),
        "geo-geometry-type-unsupported"
    );
    let ring = vec![[179.9, 10.0], [-179.9, 10.0], [-179.9, 10.1], [179.9, 10.0]];
    assert_eq!(
        refuse(RawGeometry::Polygon(vec![ring])).code(),
        "geo-crosses-antimeridian"
    );
}

#[test]
fn r_geo_1_error_codes_are_stable_kebab_case_and_display_location() {
    let mut ring = square(71.0, 51.0, 0.01);
    ring[1] = [f64::INFINITY, 51.0];
    let e = refuse(RawGeometry::Polygon(vec![ring])).at_feature(7);
    assert_eq!(
        e.to_string(),
        "geo-coordinate-not-finite feature=7 ring=0 vertex=1"
    );
    assert!(e.fluent_args().contains(&("feature", "7".into())));
    for code in [e.code(), RepairKind::RingReoriented.code()] {
        assert!(
            code.starts_with("geo-") && code.chars().all(|c| c.is_ascii_lowercase() || c == '-')
        );
    }
}

#[test]
fn r_obj_1_point_area_is_zero_and_hectares_refuse_negative() {
    let p = validate(
        RawGeometry::Point([71.4, 51.1]),
        &ValidationOptions::default(),
    )
    .unwrap();
    assert_eq!(p.geometry.area().value(), 0.0);
    assert_eq!(
        fito_geo::Hectares::parse(-1.0).unwrap_err().code(),
        "geo-area-invalid"
    );
    assert_eq!(
        fito_geo::Bbox::parse(72.0, 50.0, 71.0, 51.0)
            .unwrap_err()
            .code(),
        "geo-bbox-invalid"
    );
}
