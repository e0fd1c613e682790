//! Mapbox Vector Tiles (MVT 2.1) of the register (issue 16): the Web-Mercator
//! grid, clipping to the buffered tile, quantising to the 4096 extent,
//! simplification and counts at low zoom, every object with its id at high zoom.
//!
//! Pure code: the server reads rows from either engine and hands them here, so
//! SQLite and PostgreSQL give byte-identical tiles. The protobuf encoding is the
//! `mvt` crate's; [`decode`] reads tiles back for tests and conformance checks.

mod clip;
pub mod decode;
mod grid;
mod layer;

pub use grid::{BUFFER, EXTENT, LonLatBox, MAX_LAT, MAX_ZOOM, TileId};
pub use layer::{CELL, DETAIL_ZOOM, Item, LayerBuilder, MIN_SHAPE, SIMPLIFY, Value, encode};

#[cfg(test)]
mod tests;
