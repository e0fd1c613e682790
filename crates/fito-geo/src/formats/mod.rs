//! Readers and streaming writers for the GIS formats R-GEO-1 names.
//!
//! Readers are all-or-nothing: they return every feature or the first error,
//! located by feature number and, for text formats, line. Writers take any
//! iterator of features and write as they go, so memory stays flat however
//! many features are exported.

pub mod csv;
pub mod geojson;
pub mod kml;
mod prj;
pub mod shapefile;

use crate::error::{Repair, Result};
use crate::feature::{Feature, Properties};
use crate::geometry::Geometry;
use crate::validate::{RawGeometry, ValidationOptions, validate};

/// Everything a reader found, with the repairs to show the user.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Imported {
    pub features: Vec<Feature>,
    /// Each repair carries the feature number it was made in.
    pub repairs: Vec<Repair>,
}

impl Imported {
    /// Validates one feature's geometry and keeps it, locating errors and
    /// repairs by `number` (from 1).
    pub(crate) fn push(
        &mut self,
        number: usize,
        raw: RawGeometry,
        properties: Properties,
        opts: &ValidationOptions,
    ) -> Result<()> {
        let validated = validate(raw, opts).map_err(|e| e.at_feature(number))?;
        self.repairs
            .extend(validated.repairs.into_iter().map(|mut r| {
                r.at.feature = Some(number);
                r
            }));
        self.features.push(Feature {
            geometry: validated.geometry,
            properties,
        });
        Ok(())
    }
}

/// Rings as `[x, y]` arrays: exterior, then holes.
pub(crate) fn polygon_rings(p: &geo::Polygon<f64>) -> Vec<Vec<[f64; 2]>> {
    std::iter::once(p.exterior())
        .chain(p.interiors())
        .map(|r| r.coords().map(|c| [c.x, c.y]).collect())
        .collect()
}

/// `[lon, lat]` of a point geometry, if it is one.
pub(crate) fn point_xy(g: &Geometry) -> Option<[f64; 2]> {
    g.as_point().map(|p| [p.lon(), p.lat()])
}
