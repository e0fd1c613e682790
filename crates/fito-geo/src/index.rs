//! An in-memory spatial index: bounding-box queries, "which object contains this
//! point", and the N nearest objects by geodesic distance.
//!
//! The storage engines prefilter by bounding box in SQL and hand the candidates
//! here, so SQLite and PostgreSQL give the same answers.

use geo::{BoundingRect, Intersects, Rect};
use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

use crate::geometry::Geometry;
use crate::sphere::{Vec3, chord_to_angle, unit};
use crate::types::{Bbox, Wgs84Point};

/// No WGS 84 geodesic is shorter than this radius times the angle between the
/// ends' unit vectors (the meridian radius of curvature is 6 335 439 m at the
/// equator); used only as a lower bound to stop the nearest-neighbour search.
const LOWER_BOUND_RADIUS_M: f64 = 6_330_000.0;

type PlanarBox = GeomWithData<Rectangle<[f64; 2]>, usize>;
type SphereBox = GeomWithData<Rectangle<[f64; 3]>, usize>;

pub struct SpatialIndex<K> {
    entries: Vec<(K, Geometry)>,
    planar: RTree<PlanarBox>,
    sphere: RTree<SphereBox>,
}

/// One answer of [`SpatialIndex::nearest`].
#[derive(Debug, Clone, PartialEq)]
pub struct Neighbour<'a, K> {
    pub key: &'a K,
    /// Geodesic metres from the query point; 0 when the point is inside.
    pub distance_m: f64,
}

impl<K> SpatialIndex<K> {
    pub fn new(items: impl IntoIterator<Item = (K, Geometry)>) -> Self {
        let entries: Vec<(K, Geometry)> = items.into_iter().collect();
        let planar = entries
            .iter()
            .enumerate()
            .map(|(i, (_, g))| {
                let b = g.bbox();
                let rect =
                    Rectangle::from_corners([b.min_lon(), b.min_lat()], [b.max_lon(), b.max_lat()]);
                GeomWithData::new(rect, i)
            })
            .collect();
        let sphere = entries
            .iter()
            .enumerate()
            .map(|(i, (_, g))| GeomWithData::new(sphere_box(g), i))
            .collect();
        SpatialIndex {
            entries,
            planar: RTree::bulk_load(planar),
            sphere: RTree::bulk_load(sphere),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Objects whose geometry touches the box (not merely whose bbox does).
    pub fn in_bbox(&self, bbox: &Bbox) -> Vec<&K> {
        let env = AABB::from_corners(
            [bbox.min_lon(), bbox.min_lat()],
            [bbox.max_lon(), bbox.max_lat()],
        );
        let rect = Rect::new(
            geo::coord! { x: bbox.min_lon(), y: bbox.min_lat() },
            geo::coord! { x: bbox.max_lon(), y: bbox.max_lat() },
        );
        let mut found: Vec<usize> = self
            .planar
            .locate_in_envelope_intersecting(&env)
            .map(|c| c.data)
            .filter(|&i| self.entries[i].1.as_geo().intersects(&rect))
            .collect();
        found.sort_unstable();
        found.into_iter().map(|i| &self.entries[i].0).collect()
    }

    /// Objects containing the point (boundary inclusive), in insertion order.
    pub fn containing(&self, p: Wgs84Point) -> Vec<&K> {
        let mut found: Vec<usize> = self
            .planar
            .locate_all_at_point(&[p.lon(), p.lat()])
            .map(|c| c.data)
            .filter(|&i| self.entries[i].1.contains(p))
            .collect();
        found.sort_unstable();
        found.into_iter().map(|i| &self.entries[i].0).collect()
    }

    /// The `n` objects nearest to `p` by geodesic distance, nearest first.
    ///
    /// Candidates come from an R-tree over unit-sphere boxes in increasing
    /// chord distance; the search stops once the lower bound of the next
    /// candidate exceeds the n-th best exact distance, so the answer is exact,
    /// not an approximation of the sphere.
    pub fn nearest(&self, p: Wgs84Point, n: usize) -> Vec<Neighbour<'_, K>> {
        if n == 0 {
            return Vec::new();
        }
        let q = unit(p.lon(), p.lat());
        let mut best: Vec<(f64, usize)> = Vec::with_capacity(n + 1);
        for (cand, d2) in self.sphere.nearest_neighbor_iter_with_distance_2(&q) {
            let bound = LOWER_BOUND_RADIUS_M * chord_to_angle(d2.sqrt());
            if best.len() == n && bound > best[n - 1].0 {
                break;
            }
            let d = self.entries[cand.data].1.distance_m(p);
            let at = best.partition_point(|&(bd, bi)| (bd, bi) < (d, cand.data));
            best.insert(at, (d, cand.data));
            best.truncate(n);
        }
        best.into_iter()
            .map(|(d, i)| Neighbour {
                key: &self.entries[i].0,
                distance_m: d,
            })
            .collect()
    }
}

/// A box in 3-D around the geometry's unit vectors, widened by the sagitta of
/// its widest arc so that great-circle edges and curved faces, which bulge
/// beyond the chords between vertices, stay inside.
fn sphere_box(g: &Geometry) -> Rectangle<[f64; 3]> {
    let rect = g
        .as_geo()
        .bounding_rect()
        .expect("validated geometry is not empty");
    let mut min = [f64::INFINITY; 3];
    let mut max = [f64::NEG_INFINITY; 3];
    let mut add = |v: Vec3| {
        for k in 0..3 {
            min[k] = min[k].min(v[k]);
            max[k] = max[k].max(v[k]);
        }
    };
    let mut vertices = 0usize;
    for poly in g.polygons() {
        for c in poly.exterior().coords() {
            add(unit(c.x, c.y));
            vertices += 1;
        }
    }
    if vertices == 0 {
        let c = rect.min();
        add(unit(c.x, c.y));
    }
    let diagonal = crate::sphere::chord2(
        unit(rect.min().x, rect.min().y),
        unit(rect.max().x, rect.max().y),
    )
    .sqrt();
    let widest = chord_to_angle(diagonal)
        + chord_to_angle(
            crate::sphere::chord2(
                unit(rect.min().x, rect.max().y),
                unit(rect.max().x, rect.min().y),
            )
            .sqrt(),
        );
    let pad = widest * widest / 8.0 + 1e-12;
    Rectangle::from_corners(min.map(|v| v - pad), max.map(|v| v + pad))
}
