//! Geometry as the register keeps it (R-GEO-1): checked by fito-geo when written,
//! stored as GeoJSON text with its bounding box for the index.

use crate::app::{AppError, Kind};
use fito_geo::formats::geojson;
use fito_geo::{GeoError, Geometry};
use fito_store::objects::{BoxDeg, Object};

/// Geometry refusals keep fito-geo's code and location.
impl From<GeoError> for AppError {
    fn from(e: GeoError) -> Self {
        AppError {
            kind: Kind::Unprocessable,
            code: e.code(),
            args: e.fluent_args(),
        }
    }
}

/// Reads a stored geometry; stored ones passed validation when written.
pub fn stored_geometry(o: &Object) -> Result<Geometry, AppError> {
    parse_stored(&o.geometry)
}

/// Reads a stored GeoJSON geometry text (validated when written, so not again).
pub fn parse_stored(geometry: &str) -> Result<Geometry, AppError> {
    geojson::stored_geometry(geometry).map_err(|e| {
        tracing::error!(error = ?e, "stored geometry unreadable");
        AppError::internal()
    })
}

/// The box the index keeps for a geometry.
pub fn bbox_of(g: &Geometry) -> BoxDeg {
    let b = g.bbox();
    BoxDeg {
        min_lon: b.min_lon(),
        min_lat: b.min_lat(),
        max_lon: b.max_lon(),
        max_lat: b.max_lat(),
    }
}

/// A `bbox` parameter: west,south,east,north in degrees (WGS 84).
pub fn parse_bbox(text: &str) -> Result<BoxDeg, AppError> {
    let parts: Vec<f64> = text
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| AppError::bad_request("geo-bbox-invalid"))?;
    let [w, s, e, n] = parts[..] else {
        return Err(AppError::bad_request("geo-bbox-invalid"));
    };
    fito_geo::Bbox::parse(w, s, e, n).map_err(|_| AppError::bad_request("geo-bbox-invalid"))?;
    Ok(BoxDeg {
        min_lon: w,
        min_lat: s,
        max_lon: e,
        max_lat: n,
    })
}

/// The box for fito-geo's exact tests (the index only prefilters by boxes).
pub fn exact(b: BoxDeg) -> Result<fito_geo::Bbox, AppError> {
    fito_geo::Bbox::parse(b.min_lon, b.min_lat, b.max_lon, b.max_lat)
        .map_err(|_| AppError::bad_request("geo-bbox-invalid"))
}
