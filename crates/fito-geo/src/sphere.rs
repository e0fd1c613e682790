//! Unit-sphere helpers. The sphere only *finds* things (the foot of a
//! perpendicular, candidate neighbours); every reported distance is then
//! measured on the ellipsoid with Karney's geodesics.

use geo::{Distance, Geodesic, Line, Point};

use crate::types::Wgs84Point;

pub(crate) type Vec3 = [f64; 3];

pub(crate) fn unit(lon: f64, lat: f64) -> Vec3 {
    let (lon, lat) = (lon.to_radians(), lat.to_radians());
    [lat.cos() * lon.cos(), lat.cos() * lon.sin(), lat.sin()]
}

fn lonlat(v: Vec3) -> Point<f64> {
    let lat = v[2].atan2(v[0].hypot(v[1]));
    let lon = v[1].atan2(v[0]);
    Point::new(lon.to_degrees(), lat.to_degrees())
}

fn dot(a: Vec3, b: Vec3) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

fn cross(a: Vec3, b: Vec3) -> Vec3 {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}

/// Pieces an edge is cut into before the great-circle step below; over 0.01°
/// (≈ 1 km) a straight-in-degrees edge and a great circle part by < 3 cm.
const PIECE_DEG: f64 = 0.01;

/// Geodesic distance from `p` to the edge `line`, which is straight in
/// longitude/latitude as RFC 7946 §3.1.1 and our containment test have it.
/// The edge is cut into short pieces that are near enough to great circles.
pub(crate) fn distance_to_segment(p: Wgs84Point, line: Line<f64>) -> f64 {
    let span = (line.end.x - line.start.x)
        .abs()
        .max((line.end.y - line.start.y).abs());
    let n = (span / PIECE_DEG).ceil().max(1.0) as usize;
    if n == 1 {
        return distance_to_arc(p, line);
    }
    let at = |k: usize| line.start + (line.end - line.start) * (k as f64 / n as f64);
    (0..n)
        .map(|k| distance_to_arc(p, Line::new(at(k), at(k + 1))))
        .fold(f64::INFINITY, f64::min)
}

/// Geodesic distance from `p` to a short great-circle arc. The foot of the
/// perpendicular is found on the sphere; the distance to it is then measured
/// on the ellipsoid. Because distance is stationary at the foot, the sphere's
/// small misplacement of the foot changes the result only to second order.
fn distance_to_arc(p: Wgs84Point, line: Line<f64>) -> f64 {
    let q = p.to_geo();
    let (a, b) = (Point::from(line.start), Point::from(line.end));
    let ends = Geodesic.distance(q, a).min(Geodesic.distance(q, b));
    let (ua, ub, up) = (unit(a.x(), a.y()), unit(b.x(), b.y()), unit(q.x(), q.y()));
    let n = cross(ua, ub);
    let n_len = dot(n, n).sqrt();
    if n_len < 1e-15 {
        return ends;
    }
    let n = n.map(|c| c / n_len);
    let off = dot(up, n);
    let foot = [up[0] - off * n[0], up[1] - off * n[1], up[2] - off * n[2]];
    // The foot is on the arc a→b when it is on the inner side of both ends.
    let within = dot(cross(ua, foot), n) >= 0.0 && dot(cross(foot, ub), n) >= 0.0;
    if !within || dot(foot, foot) < 1e-30 {
        return ends;
    }
    ends.min(Geodesic.distance(q, lonlat(foot)))
}

/// Squared chord between two unit vectors; monotone in great-circle distance.
pub(crate) fn chord2(a: Vec3, b: Vec3) -> f64 {
    let d = [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
    dot(d, d)
}

/// Great-circle angle (radians) for a chord length.
pub(crate) fn chord_to_angle(chord: f64) -> f64 {
    2.0 * (chord / 2.0).clamp(0.0, 1.0).asin()
}
