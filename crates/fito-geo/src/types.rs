//! Value types whose constructors are the only way in: once a value has the
//! type, nobody checks it again.

use crate::error::{ErrorKind, GeoError, Result};

/// A position in WGS 84 (EPSG:4326) degrees, longitude first as in RFC 7946.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wgs84Point {
    lon: f64,
    lat: f64,
}

impl Wgs84Point {
    /// Accepts any finite longitude in [-180, 180] and latitude in [-90, 90].
    /// The Kazakhstan swapped-axes rule belongs to geometry validation, not here:
    /// a point abroad is still a point.
    pub fn parse(lon: f64, lat: f64) -> Result<Self> {
        if !lon.is_finite() || !lat.is_finite() {
            return Err(GeoError::new(ErrorKind::CoordinateNotFinite)
                .detail(format!("lon={lon} lat={lat}")));
        }
        if !(-90.0..=90.0).contains(&lat) {
            return Err(GeoError::new(ErrorKind::LatitudeOutOfRange).detail(format!("lat={lat}")));
        }
        if !(-180.0..=180.0).contains(&lon) {
            return Err(GeoError::new(ErrorKind::LongitudeOutOfRange).detail(format!("lon={lon}")));
        }
        Ok(Wgs84Point { lon, lat })
    }

    pub fn lon(self) -> f64 {
        self.lon
    }

    pub fn lat(self) -> f64 {
        self.lat
    }

    pub(crate) fn to_geo(self) -> geo::Point<f64> {
        geo::Point::new(self.lon, self.lat)
    }
}

/// An area in hectares: finite and not negative.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Hectares(f64);

impl Hectares {
    pub const ZERO: Hectares = Hectares(0.0);

    pub fn parse(value: f64) -> Result<Self> {
        if value.is_finite() && value >= 0.0 {
            Ok(Hectares(value))
        } else {
            Err(GeoError::new(ErrorKind::AreaInvalid).detail(format!("{value} ha")))
        }
    }

    pub(crate) fn from_square_metres(m2: f64) -> Self {
        Hectares(m2.abs() / 10_000.0)
    }

    pub fn value(self) -> f64 {
        self.0
    }

    pub fn square_metres(self) -> f64 {
        self.0 * 10_000.0
    }
}

/// A longitude/latitude box. Boxes across the antimeridian are not supported
/// (Kazakhstan is far from it), so `min_lon <= max_lon` always holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bbox {
    min: Wgs84Point,
    max: Wgs84Point,
}

impl Bbox {
    pub fn parse(min_lon: f64, min_lat: f64, max_lon: f64, max_lat: f64) -> Result<Self> {
        let min = Wgs84Point::parse(min_lon, min_lat)?;
        let max = Wgs84Point::parse(max_lon, max_lat)?;
        if min_lon > max_lon || min_lat > max_lat {
            return Err(GeoError::new(ErrorKind::BboxInvalid)
                .detail(format!("{min_lon},{min_lat},{max_lon},{max_lat}")));
        }
        Ok(Bbox { min, max })
    }

    /// The smallest box holding the points; `None` for no points.
    pub fn around(points: impl IntoIterator<Item = Wgs84Point>) -> Option<Self> {
        let mut it = points.into_iter();
        let first = it.next()?;
        let (mut min, mut max) = (first, first);
        for p in it {
            min.lon = min.lon.min(p.lon);
            min.lat = min.lat.min(p.lat);
            max.lon = max.lon.max(p.lon);
            max.lat = max.lat.max(p.lat);
        }
        Some(Bbox { min, max })
    }

    pub fn min_lon(&self) -> f64 {
        self.min.lon
    }
    pub fn min_lat(&self) -> f64 {
        self.min.lat
    }
    pub fn max_lon(&self) -> f64 {
        self.max.lon
    }
    pub fn max_lat(&self) -> f64 {
        self.max.lat
    }

    /// Boundary counts as inside, so a point on the edge of a query box is found.
    pub fn contains(&self, p: Wgs84Point) -> bool {
        (self.min.lon..=self.max.lon).contains(&p.lon)
            && (self.min.lat..=self.max.lat).contains(&p.lat)
    }

    /// Whether the box (west, south, east, north) lies wholly inside this one.
    pub fn contains_box(&self, west: f64, south: f64, east: f64, north: f64) -> bool {
        west >= self.min.lon
            && east <= self.max.lon
            && south >= self.min.lat
            && north <= self.max.lat
    }

    pub fn intersects(&self, other: &Bbox) -> bool {
        self.min.lon <= other.max.lon
            && other.min.lon <= self.max.lon
            && self.min.lat <= other.max.lat
            && other.min.lat <= self.max.lat
    }

    /// `[min_lon, min_lat, max_lon, max_lat]`, the RFC 7946 `bbox` member order.
    pub fn to_array(&self) -> [f64; 4] {
        [self.min.lon, self.min.lat, self.max.lon, self.max.lat]
    }
}

/// Kazakhstan's extent (about 46.5–87.4 E, 40.6–55.5 N) widened by a margin so
/// border checkpoints and fields just across the border are not mistaken for
/// swapped axes.
pub const KAZAKHSTAN_EXTENT: [f64; 4] = [45.0, 39.5, 89.0, 56.5];

pub(crate) fn in_kazakhstan(lon: f64, lat: f64) -> bool {
    let [min_lon, min_lat, max_lon, max_lat] = KAZAKHSTAN_EXTENT;
    (min_lon..=max_lon).contains(&lon) && (min_lat..=max_lat).contains(&lat)
}
