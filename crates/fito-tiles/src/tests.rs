//! Hand-checkable tiles. Near the equator Web Mercator is linear to far below a
//! unit, so in tile 12/2048/2048 (south-east of 0°,0°) one unit is
//! 0.087890625° / 4096 in both axes: a position given in units is that many
//! units east and south of the tile's top-left corner.

use crate::decode::{DecodedFeature, Tag, decode};
use crate::{Item, LayerBuilder, TileId, Value, encode};
use fito_geo::formats::geojson::geometry_from_json;
use fito_geo::{Geometry, ValidationOptions, validate};
use serde_json::json;

const U12: f64 = 0.087_890_625 / 4096.0;

fn geometry(v: serde_json::Value) -> Geometry {
    let options = ValidationOptions {
        close_open_rings: false,
        kazakhstan_axes_check: false,
    };
    validate(geometry_from_json(v).unwrap(), &options)
        .unwrap()
        .geometry
}

/// A polygon from positions in units of `unit` degrees (x east, y south).
fn square(unit: f64, ring: &[(f64, f64)]) -> Geometry {
    let mut coords: Vec<_> = ring
        .iter()
        .map(|&(x, y)| json!([x * unit, -y * unit]))
        .collect();
    coords.push(coords[0].clone());
    geometry(json!({ "type": "Polygon", "coordinates": [coords] }))
}

fn item(rid: u64, g: &Geometry) -> Item {
    let b = g.bbox();
    Item {
        rid,
        id: format!("obj-{rid}"),
        bbox: [b.min_lon(), b.min_lat(), b.max_lon(), b.max_lat()],
        props: vec![("type", Value::Str("field".into()))],
    }
}

/// Builds one "objects" layer from the shapes and decodes it.
fn tile(t: TileId, shapes: &[Geometry]) -> Vec<DecodedFeature> {
    let mut layer = LayerBuilder::new(t, "objects");
    for (i, g) in shapes.iter().enumerate() {
        let it = item(i as u64 + 1, g);
        let wants = layer.wants_geometry(it.bbox);
        layer.add(it, wants.then_some(g));
    }
    let bytes = encode(vec![layer]).unwrap();
    let layers = decode(&bytes).unwrap();
    assert_eq!(layers.len(), 1);
    assert_eq!(
        (layers[0].name.as_str(), layers[0].version, layers[0].extent),
        ("objects", 2, 4096)
    );
    layers.into_iter().next().unwrap().features
}

fn z12() -> TileId {
    TileId::new(12, 2048, 2048).unwrap()
}

#[test]
fn a_square_field_at_high_zoom_keeps_its_corners_id_and_clockwise_ring() {
    // Drawn counter-clockwise in degrees (RFC 7946); MVT wants clockwise on screen.
    let g = square(
        U12,
        &[(10.0, 20.0), (20.0, 20.0), (20.0, 10.0), (10.0, 10.0)],
    );
    let f = tile(z12(), &[g]);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].id, Some(1));
    assert_eq!(f[0].kind, 3);
    assert_eq!(f[0].tags["id"], Tag::Str("obj-1".into()));
    assert_eq!(f[0].tags["type"], Tag::Str("field".into()));
    assert_eq!(
        f[0].parts,
        vec![vec![(10, 10), (20, 10), (20, 20), (10, 20)]]
    );
}

#[test]
fn a_point_at_high_zoom_is_one_point_with_its_id() {
    let g = geometry(json!({ "type": "Point", "coordinates": [100.0 * U12, -200.0 * U12] }));
    let f = tile(z12(), &[g]);
    assert_eq!(f.len(), 1);
    assert_eq!((f[0].kind, f[0].id), (1, Some(1)));
    assert_eq!(f[0].parts, vec![vec![(100, 200)]]);
}

#[test]
fn a_shape_across_the_edge_is_clipped_to_the_buffer() {
    let g = square(
        U12,
        &[(-100.0, 20.0), (50.0, 20.0), (50.0, 10.0), (-100.0, 10.0)],
    );
    let f = tile(z12(), &[g]);
    assert_eq!(
        f[0].parts,
        vec![vec![(-64, 10), (50, 10), (50, 20), (-64, 20)]]
    );
    // Wholly outside the buffer: not in the tile at all.
    let far = square(
        U12,
        &[
            (5000.0, 20.0),
            (5100.0, 20.0),
            (5100.0, 10.0),
            (5000.0, 10.0),
        ],
    );
    assert!(tile(z12(), &[far]).is_empty());
}

#[test]
fn points_at_low_zoom_are_counted_per_cell() {
    // In the world tile (zoom 0) 0°,0° is unit (2048, 2048) and 90°E is 3072.
    let p = |lon: f64| geometry(json!({ "type": "Point", "coordinates": [lon, 0.0] }));
    let world = TileId::new(0, 0, 0).unwrap();
    let f = tile(world, &[p(0.0), p(0.01), p(90.0)]);
    assert_eq!(f.len(), 2);
    for c in &f {
        assert_eq!((c.kind, c.id), (1, None));
    }
    assert_eq!(f[0].tags["count"], Tag::UInt(2));
    assert_eq!(f[0].parts, vec![vec![(2048, 2048)]]);
    assert_eq!(f[1].tags["count"], Tag::UInt(1));
    assert_eq!(f[1].parts, vec![vec![(3072, 2048)]]);
}

#[test]
fn small_fields_at_low_zoom_are_counted_and_large_ones_simplified() {
    // Zoom 11 tile 1024/1024: a unit is twice the zoom-12 one.
    let t = TileId::new(11, 1024, 1024).unwrap();
    let u = 2.0 * U12;
    let small = square(u, &[(10.0, 20.0), (20.0, 20.0), (20.0, 10.0), (10.0, 10.0)]);
    // A vertex 1 unit off a straight edge: under the half-pixel tolerance.
    let large = square(
        u,
        &[
            (0.0, 300.0),
            (200.0, 300.0),
            (200.0, 100.0),
            (100.0, 101.0),
            (0.0, 100.0),
        ],
    );
    let f = tile(t, &[small, large.clone()]);
    assert_eq!(f.len(), 2);
    assert_eq!(f[0].tags["count"], Tag::UInt(1));
    assert_eq!(f[0].parts, vec![vec![(15, 15)]]);
    assert_eq!(f[1].id, Some(2));
    assert_eq!(
        f[1].parts,
        vec![vec![(0, 100), (200, 100), (200, 300), (0, 300)]]
    );
    // At detail zoom the same field keeps its fifth vertex.
    let detail = TileId::new(12, 2048, 2048).unwrap();
    let f = tile(detail, &[large]);
    assert_eq!(f[0].parts[0].len(), 5);
}

#[test]
fn holes_are_wound_the_other_way() {
    let c = |pts: &[(f64, f64)]| {
        let mut v: Vec<_> = pts
            .iter()
            .map(|&(x, y)| json!([x * U12, -y * U12]))
            .collect();
        v.push(v[0].clone());
        v
    };
    let outer = c(&[(0.0, 100.0), (100.0, 100.0), (100.0, 0.0), (0.0, 0.0)]);
    let hole = c(&[(40.0, 40.0), (60.0, 40.0), (60.0, 60.0), (40.0, 60.0)]);
    let g = geometry(json!({ "type": "Polygon", "coordinates": [outer, hole] }));
    let f = tile(z12(), &[g]);
    assert_eq!(f[0].parts.len(), 2);
    let area = |r: &Vec<(i64, i64)>| {
        (0..r.len())
            .map(|i| {
                let (a, b) = (r[i], r[(i + 1) % r.len()]);
                a.0 * b.1 - b.0 * a.1
            })
            .sum::<i64>()
    };
    assert_eq!(area(&f[0].parts[0]), 2 * 100 * 100);
    assert_eq!(area(&f[0].parts[1]), -2 * 20 * 20);
}

#[test]
fn rows_come_out_in_row_order_whatever_order_they_came_in() {
    let a = square(
        U12,
        &[(10.0, 20.0), (20.0, 20.0), (20.0, 10.0), (10.0, 10.0)],
    );
    let b = square(
        U12,
        &[(30.0, 40.0), (40.0, 40.0), (40.0, 30.0), (30.0, 30.0)],
    );
    let build = |order: &[(u64, &Geometry)]| {
        let mut layer = LayerBuilder::new(z12(), "objects");
        for (rid, g) in order {
            let mut it = item(*rid, g);
            it.rid = *rid;
            layer.add(it, Some(g));
        }
        encode(vec![layer]).unwrap()
    };
    assert_eq!(build(&[(1, &a), (2, &b)]), build(&[(2, &b), (1, &a)]));
}

#[test]
fn garbage_is_not_a_tile() {
    assert!(decode(&[0x1a, 0x05, 0x01]).is_err());
    assert!(decode(&[0xff]).is_err());
    assert_eq!(decode(&[]).unwrap(), vec![]);
}

#[test]
fn counts_tell_how_many_of_a_cell_are_quarantine() {
    // Three findings in the cell of 0°,0° at zoom 0, two of a quarantine organism,
    // and two at 90°E, one of them quarantine.
    let world = TileId::new(0, 0, 0).unwrap();
    let mut layer = LayerBuilder::new(world, "findings");
    for (rid, lon, quarantine) in [
        (1, 0.0, true),
        (2, 0.01, false),
        (3, 0.02, true),
        (4, 90.0, false),
        (5, 90.01, true),
    ] {
        layer.add(
            Item {
                rid,
                id: format!("finding-{rid}"),
                bbox: [lon, 0.0, lon, 0.0],
                props: vec![("quarantine", Value::Bool(quarantine))],
            },
            None,
        );
    }
    let f = decode(&encode(vec![layer]).unwrap())
        .unwrap()
        .remove(0)
        .features;
    assert_eq!(f.len(), 2);
    assert_eq!(
        (
            f[0].tags["count"].clone(),
            f[0].tags["quarantine_count"].clone()
        ),
        (Tag::UInt(3), Tag::UInt(2))
    );
    assert_eq!(f[1].tags["count"], Tag::UInt(2));
    assert_eq!(f[1].tags["quarantine_count"], Tag::UInt(1));
}
