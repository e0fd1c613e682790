//! R-GEO-1: buffer zones of R km around an outbreak focus (point or polygon)
//! agree with pyproj + shapely within 0.1 %, in area and in distance.

mod support;

use std::cell::Cell;

use fito_geo::{Geometry, Wgs84Point, buffer};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use serde_json::json;
use support::{geojson_of, reference, star_polygon, valid};

const TOLERANCE: f64 = 1e-3;

fn focus() -> impl Strategy<Value = Geometry> {
    prop_oneof![
        (47.0..86.0f64, 41.0..55.0f64)
            .prop_map(|(lon, lat)| Geometry::point(Wgs84Point::parse(lon, lat).unwrap())),
        star_polygon().prop_map(valid),
    ]
}

fn runner(cases: u32) -> TestRunner {
    TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    })
}

#[test]
fn r_geo_1_buffer_area_matches_pyproj_and_shapely_within_0_1_percent() {
    let worst = Cell::new(0.0f64);
    runner(3)
        .run(
            &proptest::collection::vec((focus(), 0.1f64..50.0), 12),
            |cases| {
                let zones: Vec<Geometry> =
                    cases.iter().map(|(g, r)| buffer(g, *r).unwrap()).collect();
                let request: Vec<_> = cases
                    .iter()
                    .map(|(g, r)| {
                        let b = g.bbox();
                        let centre = [
                            (b.min_lon() + b.max_lon()) / 2.0,
                            (b.min_lat() + b.max_lat()) / 2.0,
                        ];
                        json!({"geometry": geojson_of(g), "radius_m": r * 1000.0, "centre": centre})
                    })
                    .collect();
                let Some(answer) = reference(json!({"op": "buffer_area", "cases": request})) else {
                    return Ok(());
                };
                for (zone, expected) in zones.iter().zip(answer.as_array().unwrap()) {
                    let expected = expected.as_f64().unwrap();
                    let ours = zone.area().square_metres();
                    let rel = (ours - expected).abs() / expected;
                    worst.set(worst.get().max(rel));
                    prop_assert!(
                        rel < TOLERANCE,
                        "ours {} m², reference {} m²",
                        ours,
                        expected
                    );
                }
                Ok(())
            },
        )
        .unwrap();
    eprintln!(
        "buffer area: worst relative difference from pyproj+shapely {:e}",
        worst.get()
    );
}

#[test]
fn r_geo_1_buffer_boundary_lies_at_r_from_the_focus() {
    let worst = Cell::new(0.0f64);
    runner(3)
        .run(
            &proptest::collection::vec((focus(), 0.1f64..50.0), 6),
            |cases| {
                let mut request = Vec::new();
                let mut radii = Vec::new();
                for (g, r) in &cases {
                    let zone = buffer(g, *r).unwrap();
                    let ring = zone.polygons()[0].exterior();
                    let step = (ring.0.len() / 12).max(1);
                    for c in ring.0.iter().step_by(step) {
                        request.push(json!({"geometry": geojson_of(g), "point": [c.x, c.y]}));
                        radii.push(r * 1000.0);
                    }
                    prop_assert!(zone.area() > g.area());
                }
                let Some(answer) = reference(json!({"op": "distance", "cases": request})) else {
                    return Ok(());
                };
                for (r, d) in radii.iter().zip(answer.as_array().unwrap()) {
                    let d = d.as_f64().unwrap();
                    let rel = (d - r).abs() / r;
                    worst.set(worst.get().max(rel));
                    prop_assert!(rel < TOLERANCE, "vertex at {} m, wanted {} m", d, r);
                }
                Ok(())
            },
        )
        .unwrap();
    eprintln!(
        "buffer distance: worst relative difference from pyproj {:e}",
        worst.get()
    );
}

#[test]
fn r_geo_1_buffer_contains_its_focus_and_refuses_bad_radius() {
    let p = Wgs84Point::parse(71.43, 51.13).unwrap();
    let zone = buffer(&Geometry::point(p), 5.0).unwrap();
    assert!(zone.contains(p));
    assert!(
        !zone.contains(Wgs84Point::parse(71.43, 51.2).unwrap()),
        "7.8 km north is outside 5 km"
    );
    let expected_ha = std::f64::consts::PI * 5000.0 * 5000.0 / 10_000.0;
    assert!(
        (zone.area().value() / expected_ha - 1.0).abs() < 1e-3,
        "{:?}",
        zone.area()
    );
    for bad in [0.0, -1.0, f64::NAN, 301.0] {
        assert_eq!(
            buffer(&zone, bad).unwrap_err().code(),
            "geo-distance-invalid"
        );
    }
}

#[test]
fn issue_14_a_zone_around_several_foci_merges_overlapping_circles_and_keeps_apart_ones_apart() {
    use fito_geo::{GeometryKind, buffer_all};
    let at = |lon: f64, lat: f64| Geometry::point(Wgs84Point::parse(lon, lat).unwrap());
    let one = buffer(&at(71.4, 51.1), 10.0).unwrap().area().value();
    // 0.2° of longitude at 51° N is about 14 km: two 10 km circles overlap.
    let near = buffer_all(&[at(71.4, 51.1), at(71.6, 51.1)], 10.0).unwrap();
    assert_eq!(near.kind(), GeometryKind::Polygon);
    let area = near.area().value();
    assert!(area > one * 1.2 && area < one * 2.0, "{area} vs {one}");
    assert!(near.contains(Wgs84Point::parse(71.5, 51.1).unwrap()));
    // 2° apart (about 140 km): two parts, twice the area.
    let apart = buffer_all(&[at(71.4, 51.1), at(73.4, 51.1)], 10.0).unwrap();
    assert_eq!(apart.kind(), GeometryKind::MultiPolygon);
    assert!((apart.area().value() / (2.0 * one) - 1.0).abs() < 1e-3);
    assert!(!apart.contains(Wgs84Point::parse(72.4, 51.1).unwrap()));
    assert!(apart.intersects(&at(73.4, 51.15)));
    assert!(buffer_all(&[], 10.0).is_err());
}
