//! The validated geometry and the measurements made on it.
//!
//! Areas and distances are geodesic on the WGS 84 ellipsoid (Karney 2013, via
//! `geo`'s `Geodesic`). Containment is decided in longitude/latitude space, i.e.
//! polygon edges are treated as straight lines in degrees, as GeoJSON, PostGIS
//! `geometry`, shapely and QGIS all do; for field-sized polygons the difference
//! from a geodesic edge is centimetres.

use geo::{
    BoundingRect, Distance, Geodesic, GeodesicArea, InteriorPoint, Intersects, Polygon, Simplify,
};

use crate::types::{Bbox, Hectares, Wgs84Point};

/// A point, polygon or multipolygon in WGS 84 that passed [`crate::validate`]:
/// closed simple rings, RFC 7946 winding, coordinates in range.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry(geo::Geometry<f64>);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GeometryKind {
    Point,
    Polygon,
    MultiPolygon,
}

impl GeometryKind {
    /// The GeoJSON / OGC name.
    pub fn name(self) -> &'static str {
        match self {
            GeometryKind::Point => "Point",
            GeometryKind::Polygon => "Polygon",
            GeometryKind::MultiPolygon => "MultiPolygon",
        }
    }
}

impl Geometry {
    /// Only validation, and reading back what validation passed, build polygons;
    /// both guarantee the variant is one of three.
    pub(crate) fn from_validated(g: geo::Geometry<f64>) -> Self {
        debug_assert!(matches!(
            g,
            geo::Geometry::Point(_) | geo::Geometry::Polygon(_) | geo::Geometry::MultiPolygon(_)
        ));
        Geometry(g)
    }

    pub fn point(p: Wgs84Point) -> Self {
        Geometry(geo::Geometry::Point(p.to_geo()))
    }

    pub fn kind(&self) -> GeometryKind {
        match &self.0 {
            geo::Geometry::Point(_) => GeometryKind::Point,
            geo::Geometry::MultiPolygon(_) => GeometryKind::MultiPolygon,
            _ => GeometryKind::Polygon,
        }
    }

    /// The `geo` value, for algorithms this crate does not wrap.
    pub fn as_geo(&self) -> &geo::Geometry<f64> {
        &self.0
    }

    pub fn as_point(&self) -> Option<Wgs84Point> {
        match &self.0 {
            geo::Geometry::Point(p) => Some(wgs(p.0)),
            _ => None,
        }
    }

    /// The polygons: one for a polygon, the parts of a multipolygon, none for a point.
    pub fn polygons(&self) -> &[Polygon<f64>] {
        match &self.0 {
            geo::Geometry::Polygon(p) => std::slice::from_ref(p),
            geo::Geometry::MultiPolygon(mp) => &mp.0,
            _ => &[],
        }
    }

    /// Geodesic area on the WGS 84 ellipsoid; holes subtracted; 0 for a point.
    pub fn area(&self) -> Hectares {
        let m2: f64 = self
            .polygons()
            .iter()
            .map(|p| p.geodesic_area_unsigned())
            .sum();
        Hectares::from_square_metres(m2)
    }

    pub fn bbox(&self) -> Bbox {
        let rect = self
            .0
            .bounding_rect()
            .expect("validated geometry is not empty");
        Bbox::around([wgs(rect.min()), wgs(rect.max())]).expect("two points")
    }

    /// The polygons simplified (Douglas–Peucker) to `tolerance_deg`, for drawing a
    /// whole country; a ring the tolerance would collapse keeps its own shape.
    /// For display only: the outline is not validated again.
    pub fn outline(&self, tolerance_deg: f64) -> Geometry {
        let simplified = |p: &Polygon<f64>| {
            let s = p.simplify(tolerance_deg);
            if s.exterior().0.len() < 4 {
                p.clone()
            } else {
                Polygon::new(
                    s.exterior().clone(),
                    s.interiors()
                        .iter()
                        .filter(|r| r.0.len() >= 4)
                        .cloned()
                        .collect(),
                )
            }
        };
        match &self.0 {
            geo::Geometry::Polygon(p) => Geometry(geo::Geometry::Polygon(simplified(p))),
            geo::Geometry::MultiPolygon(mp) => Geometry(geo::Geometry::MultiPolygon(
                geo::MultiPolygon(mp.0.iter().map(simplified).collect()),
            )),
            _ => self.clone(),
        }
    }

    /// A point inside the geometry (on it, for a point), where a label goes.
    pub fn label_point(&self) -> Wgs84Point {
        match self.0.interior_point() {
            Some(p) => wgs(p.0),
            None => wgs(self
                .0
                .bounding_rect()
                .expect("validated geometry is not empty")
                .center()),
        }
    }

    /// Whether any part of the geometry lies in the box (edges included).
    pub fn intersects_bbox(&self, bbox: &Bbox) -> bool {
        let rect = geo::Rect::new(
            geo::coord! { x: bbox.min_lon(), y: bbox.min_lat() },
            geo::coord! { x: bbox.max_lon(), y: bbox.max_lat() },
        );
        self.0.intersects(&rect)
    }

    /// Whether the two geometries share any point (a touching boundary counts).
    pub fn intersects(&self, other: &Geometry) -> bool {
        self.0.intersects(&other.0)
    }

    /// "Which object am I standing in": the boundary counts as inside, so a
    /// point on the fence belongs to the field.
    pub fn contains(&self, p: Wgs84Point) -> bool {
        match &self.0 {
            geo::Geometry::Point(q) => *q == p.to_geo(),
            g => g.intersects(&p.to_geo()),
        }
    }

    /// Geodesic distance in metres from `p` to the nearest point of the
    /// geometry; 0 when `p` is inside.
    pub fn distance_m(&self, p: Wgs84Point) -> f64 {
        if let Some(q) = self.as_point() {
            return Geodesic.distance(p.to_geo(), q.to_geo());
        }
        if self.contains(p) {
            return 0.0;
        }
        let mut best = f64::INFINITY;
        for poly in self.polygons() {
            for ring in std::iter::once(poly.exterior()).chain(poly.interiors()) {
                for line in ring.lines() {
                    best = best.min(crate::sphere::distance_to_segment(p, line));
                }
            }
        }
        best
    }
}

pub(crate) fn wgs(c: geo::Coord<f64>) -> Wgs84Point {
    Wgs84Point::parse(c.x, c.y).expect("validated coordinates are in range")
}
