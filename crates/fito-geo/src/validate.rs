//! From untrusted coordinates to a [`Geometry`]: refuse what is wrong, repair
//! only what has one possible meaning, and report every repair.

use geo::algorithm::winding_order::Winding;
use geo::line_intersection::{LineIntersection, line_intersection};
use geo::{BoundingRect, Coord, Intersects, Line, LineString, MultiPolygon, Polygon};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

use crate::error::{ErrorKind, GeoError, Location, Repair, RepairKind, Result};
use crate::geometry::Geometry;
use crate::types::in_kazakhstan;

/// `[x, y]` = `[lon, lat]` as read from a file, not yet checked.
pub type RawCoord = [f64; 2];
/// A ring as read: maybe unclosed, maybe repeating vertices.
pub type RawRing = Vec<RawCoord>;
/// Exterior ring first, then holes.
pub type RawPolygon = Vec<RawRing>;

/// Unchecked geometry straight from a reader. Only [`validate`] turns it into a
/// [`Geometry`].
#[derive(Debug, Clone, PartialEq)]
pub enum RawGeometry {
    Point(RawCoord),
    Polygon(RawPolygon),
    MultiPolygon(Vec<RawPolygon>),
    /// Any other type the file held (LineString, MultiPoint …), by its name.
    Unsupported(String),
}

/// Which unambiguous repairs the caller allows.
#[derive(Debug, Clone, Copy)]
pub struct ValidationOptions {
    /// Append the first vertex to an unclosed ring instead of refusing it.
    pub close_open_rings: bool,
    /// Refuse coordinates outside Kazakhstan that would fall inside it with
    /// longitude and latitude exchanged.
    pub kazakhstan_axes_check: bool,
}

impl Default for ValidationOptions {
    fn default() -> Self {
        ValidationOptions {
            close_open_rings: false,
            kazakhstan_axes_check: true,
        }
    }
}

/// A geometry that passed validation, and what was repaired on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Validated {
    pub geometry: Geometry,
    pub repairs: Vec<Repair>,
}

pub fn validate(raw: RawGeometry, opts: &ValidationOptions) -> Result<Validated> {
    let mut repairs = Vec::new();
    let geometry = match raw {
        RawGeometry::Point(c) => {
            check_coord(c, opts)?;
            geo::Geometry::Point(geo::Point::new(c[0], c[1]))
        }
        RawGeometry::Polygon(p) => geo::Geometry::Polygon(polygon(p, opts, None, &mut repairs)?),
        RawGeometry::MultiPolygon(parts) => multipolygon(parts, opts, &mut repairs)?,
        RawGeometry::Unsupported(name) => {
            return Err(GeoError::new(ErrorKind::GeometryTypeUnsupported).detail(name));
        }
    };
    Ok(Validated {
        geometry: Geometry::from_validated(geometry),
        repairs,
    })
}

fn check_coord([lon, lat]: RawCoord, opts: &ValidationOptions) -> Result<()> {
    if !lon.is_finite() || !lat.is_finite() {
        return Err(GeoError::new(ErrorKind::CoordinateNotFinite));
    }
    // Checked before the ranges: "lat, lon" typed into "lon, lat" columns often
    // gives an in-range point in the Arctic or the Atlantic, and the swap is the
    // helpful thing to say.
    if opts.kazakhstan_axes_check && !in_kazakhstan(lon, lat) && in_kazakhstan(lat, lon) {
        return Err(GeoError::new(ErrorKind::AxesSwapped).detail(format!("[{lon}, {lat}]")));
    }
    if !(-90.0..=90.0).contains(&lat) {
        return Err(GeoError::new(ErrorKind::LatitudeOutOfRange).detail(format!("lat={lat}")));
    }
    if !(-180.0..=180.0).contains(&lon) {
        return Err(GeoError::new(ErrorKind::LongitudeOutOfRange).detail(format!("lon={lon}")));
    }
    Ok(())
}

fn multipolygon(
    parts: Vec<RawPolygon>,
    opts: &ValidationOptions,
    repairs: &mut Vec<Repair>,
) -> Result<geo::Geometry<f64>> {
    if parts.is_empty() {
        return Err(GeoError::new(ErrorKind::GeometryEmpty));
    }
    let mut polygons = Vec::with_capacity(parts.len());
    for (i, part) in parts.into_iter().enumerate() {
        polygons.push(polygon(part, opts, Some(i), repairs)?);
    }
    check_parts_disjoint(&polygons)?;
    Ok(geo::Geometry::MultiPolygon(MultiPolygon::new(polygons)))
}

fn polygon(
    rings: RawPolygon,
    opts: &ValidationOptions,
    index: Option<usize>,
    repairs: &mut Vec<Repair>,
) -> Result<Polygon<f64>> {
    let located = |e: GeoError| match index {
        Some(i) => e.at_polygon(i),
        None => e,
    };
    if rings.is_empty() {
        return Err(located(GeoError::new(ErrorKind::GeometryEmpty)));
    }
    let mut checked = Vec::with_capacity(rings.len());
    for (r, raw) in rings.into_iter().enumerate() {
        let at = Location {
            polygon: index,
            ring: Some(r),
            ..Location::default()
        };
        let ring = ring(raw, opts, at, repairs).map_err(|e| located(e.at_ring(r)))?;
        checked.push(ring);
    }
    for (r, ring) in checked.iter_mut().enumerate() {
        // RFC 7946 §3.1.6: exterior counter-clockwise, holes clockwise.
        let wrong = if r == 0 { ring.is_cw() } else { ring.is_ccw() };
        if wrong {
            ring.0.reverse();
            let at = Location {
                polygon: index,
                ring: Some(r),
                ..Location::default()
            };
            repairs.push(Repair {
                kind: RepairKind::RingReoriented,
                at,
            });
        }
    }
    check_holes(&checked).map_err(located)?;
    let mut it = checked.into_iter();
    let exterior = it.next().unwrap_or_else(|| LineString::new(Vec::new()));
    Ok(Polygon::new(exterior, it.collect()))
}

/// One ring: coordinates, closure, repeated vertices, size, simplicity.
fn ring(
    mut raw: RawRing,
    opts: &ValidationOptions,
    at: Location,
    repairs: &mut Vec<Repair>,
) -> Result<LineString<f64>> {
    for (v, c) in raw.iter().enumerate() {
        check_coord(*c, opts).map_err(|e| e.at_vertex(v))?;
    }
    if raw.is_empty() {
        return Err(GeoError::new(ErrorKind::RingTooFewPoints).detail("0 vertices"));
    }
    if raw.first() != raw.last() || raw.len() == 1 {
        if !opts.close_open_rings || raw.len() < 3 {
            return Err(GeoError::new(ErrorKind::RingNotClosed));
        }
        raw.push(raw[0]);
        repairs.push(Repair {
            kind: RepairKind::RingClosed,
            at,
        });
    }
    let before = raw.len();
    raw.dedup();
    if raw.len() != before {
        repairs.push(Repair {
            kind: RepairKind::DuplicateVerticesRemoved,
            at,
        });
    }
    // A closed ring needs three distinct corners plus the closing vertex.
    if raw.len() < 4 {
        return Err(GeoError::new(ErrorKind::RingTooFewPoints)
            .detail(format!("{} distinct vertices", raw.len().saturating_sub(1))));
    }
    for (v, pair) in raw.windows(2).enumerate() {
        if (pair[1][0] - pair[0][0]).abs() > 180.0 {
            return Err(GeoError::new(ErrorKind::CrossesAntimeridian).at_vertex(v));
        }
    }
    let ring = LineString::from(
        raw.iter()
            .map(|c| Coord { x: c[0], y: c[1] })
            .collect::<Vec<_>>(),
    );
    check_simple(&ring)?;
    Ok(ring)
}

type SegmentBox = GeomWithData<Rectangle<[f64; 2]>, usize>;

fn segment_tree(lines: &[Line<f64>]) -> RTree<SegmentBox> {
    let boxes = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let rect = Rectangle::from_corners([l.start.x, l.start.y], [l.end.x, l.end.y]);
            GeomWithData::new(rect, i)
        })
        .collect();
    RTree::bulk_load(boxes)
}

/// First pair (i from `a`, j from `b`) for which `bad` holds, using an R-tree
/// over `b` so large rings stay O(n log n).
fn find_intersection(
    a: &[Line<f64>],
    b: &[Line<f64>],
    bad: impl Fn(usize, usize, &LineIntersection<f64>) -> bool,
) -> Option<(usize, usize)> {
    let tree = segment_tree(b);
    for (i, la) in a.iter().enumerate() {
        let env = AABB::from_corners([la.start.x, la.start.y], [la.end.x, la.end.y]);
        for cand in tree.locate_in_envelope_intersecting(&env) {
            let j = cand.data;
            if let Some(hit) = line_intersection(*la, b[j])
                && bad(i, j, &hit)
            {
                return Some((i, j));
            }
        }
    }
    None
}

/// OGC simple ring: segments meet only their neighbours, only at the shared vertex.
fn check_simple(ring: &LineString<f64>) -> Result<()> {
    let lines: Vec<Line<f64>> = ring.lines().collect();
    let n = lines.len();
    let hit = find_intersection(&lines, &lines, |i, j, hit| {
        if j <= i {
            return false;
        }
        let adjacent = j == i + 1 || (i == 0 && j == n - 1);
        !adjacent || matches!(hit, LineIntersection::Collinear { .. })
    });
    match hit {
        Some((i, _)) => Err(GeoError::new(ErrorKind::RingSelfIntersects).at_vertex(i)),
        None => Ok(()),
    }
}

/// Rings may touch at a point (OGC) but never cross or share an edge, and each
/// hole must lie inside the exterior.
fn check_holes(rings: &[LineString<f64>]) -> Result<()> {
    let lines: Vec<Vec<Line<f64>>> = rings.iter().map(|r| r.lines().collect()).collect();
    for a in 0..rings.len() {
        for b in a + 1..rings.len() {
            if let Some((i, _)) = find_intersection(&lines[a], &lines[b], |_, _, hit| crossing(hit))
            {
                return Err(GeoError::new(ErrorKind::RingsIntersect)
                    .at_ring(a)
                    .at_vertex(i)
                    .detail(format!("ring {a} and ring {b}")));
            }
        }
    }
    let shell = Polygon::new(rings[0].clone(), Vec::new());
    for (h, hole) in rings.iter().enumerate().skip(1) {
        if !hole.0.iter().all(|c| shell.intersects(c)) {
            return Err(GeoError::new(ErrorKind::HoleOutsideShell).at_ring(h));
        }
    }
    Ok(())
}

fn crossing(hit: &LineIntersection<f64>) -> bool {
    match hit {
        LineIntersection::Collinear { intersection } => intersection.start != intersection.end,
        LineIntersection::SinglePoint { is_proper, .. } => *is_proper,
    }
}

/// Parts of a multipolygon must not overlap: no crossing edges, no part inside
/// another.
fn check_parts_disjoint(polygons: &[Polygon<f64>]) -> Result<()> {
    let boxes: Vec<_> = polygons.iter().map(|p| p.bounding_rect()).collect();
    for a in 0..polygons.len() {
        for b in a + 1..polygons.len() {
            let (Some(ba), Some(bb)) = (boxes[a], boxes[b]) else {
                continue;
            };
            if !ba.intersects(&bb) {
                continue;
            }
            let la: Vec<Line<f64>> = polygons[a].exterior().lines().collect();
            let lb: Vec<Line<f64>> = polygons[b].exterior().lines().collect();
            let crosses = find_intersection(&la, &lb, |_, _, hit| crossing(hit)).is_some();
            let nested = inside_strictly(&polygons[a], &polygons[b])
                || inside_strictly(&polygons[b], &polygons[a]);
            if crosses || nested {
                return Err(GeoError::new(ErrorKind::PolygonsOverlap)
                    .at_polygon(b)
                    .detail(format!("polygon {a} and polygon {b}")));
            }
        }
    }
    Ok(())
}

/// Whether some vertex of `inner` lies in the interior of `outer`.
fn inside_strictly(inner: &Polygon<f64>, outer: &Polygon<f64>) -> bool {
    use geo::{CoordinatePosition, coordinate_position::CoordPos};
    inner
        .exterior()
        .0
        .iter()
        .any(|c| outer.coordinate_position(c) == CoordPos::Inside)
}
