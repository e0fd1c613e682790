//! Geometry and GIS file formats for Fito centre (R-OBJ-1, R-GEO-1).
//!
//! Pure code: no database, no network. Both storage engines call the same
//! functions here, so SQLite and PostgreSQL give the same answers.
//!
//! - [`Wgs84Point`], [`Hectares`], [`Bbox`]: values whose constructor checks them.
//! - [`validate`] turns untrusted [`RawGeometry`] into a [`Geometry`], refusing
//!   with a [`GeoError`] (stable code + location) or reporting each [`Repair`].
//! - [`Geometry`]: geodesic area, containment, distance; [`buffer`] for zones.
//! - [`SpatialIndex`]: bbox, point-in-polygon and nearest-N queries.
//! - [`formats`]: GeoJSON, KML, zipped Shapefile and CSV readers and streaming
//!   writers over [`Feature`]s.

mod buffer;
mod error;
mod feature;
pub mod formats;
mod geometry;
mod index;
mod sphere;
mod types;
mod validate;

pub use buffer::{MAX_BUFFER_KM, buffer, buffer_all};
pub use error::{ErrorKind, GeoError, Location, Repair, RepairKind, Result};
pub use feature::{Feature, Properties, PropertyValue};
pub use formats::Imported;
pub use geometry::{Geometry, GeometryKind};
pub use index::{Neighbour, SpatialIndex};
pub use types::{Bbox, Hectares, KAZAKHSTAN_EXTENT, Wgs84Point};
pub use validate::{
    RawCoord, RawGeometry, RawPolygon, RawRing, Validated, ValidationOptions, validate,
};
