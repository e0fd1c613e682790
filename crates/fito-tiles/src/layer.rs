//! One layer of a tile from the objects that meet it: at low zoom points and
//! shapes smaller than a few pixels become counts per cell and polygons are
//! simplified; from [`DETAIL_ZOOM`] every object is there with its id.

use crate::clip::{clip_ring, orient, quantise};
use crate::grid::{BUFFER, EXTENT, TileId};
use fito_geo::Geometry;
use geo::{MapCoords, Simplify};
use mvt::{GeomEncoder, GeomType};
use std::collections::BTreeMap;

/// From this zoom on every object is its own feature, with its id.
pub const DETAIL_ZOOM: u8 = 12;
/// Below [`DETAIL_ZOOM`], a shape whose box spans fewer units than this (about
/// three pixels of a 512-pixel tile) is counted rather than drawn.
pub const MIN_SHAPE: f64 = 24.0;
/// Counts are kept per square cell of this many units (32 × 32 cells a tile).
pub const CELL: u32 = 128;
/// Douglas–Peucker tolerance below [`DETAIL_ZOOM`], in units (half a pixel).
pub const SIMPLIFY: f64 = 4.0;

/// A property value as MVT carries it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Str(String),
    UInt(u64),
    Bool(bool),
}

/// An object as a tile needs it: row number (the MVT feature id), id, box in
/// degrees, properties.
#[derive(Debug, Clone)]
pub struct Item {
    pub rid: u64,
    pub id: String,
    /// west, south, east, north
    pub bbox: [f64; 4],
    pub props: Vec<(&'static str, Value)>,
}

#[derive(Default)]
struct Cell {
    count: u64,
    /// Of them, those flagged `quarantine`.
    quarantine: u64,
    sum_x: i64,
    sum_y: i64,
}

enum Shape {
    Points(Vec<(i32, i32)>),
    Rings(Vec<Vec<(i32, i32)>>),
}

/// Collects a layer's features; add objects in any order, the layer comes out
/// in row order (so both engines give identical bytes).
pub struct LayerBuilder {
    tile: TileId,
    name: String,
    features: BTreeMap<u64, (Item, Shape)>,
    cells: BTreeMap<(u32, u32), Cell>,
}

impl LayerBuilder {
    pub fn new(tile: TileId, name: &str) -> Self {
        LayerBuilder {
            tile,
            name: name.to_string(),
            features: BTreeMap::new(),
            cells: BTreeMap::new(),
        }
    }

    /// Whether an object with this box is drawn as a shape (so its geometry is
    /// needed) rather than counted in a cell or drawn as a point from its box.
    pub fn wants_geometry(&self, bbox: [f64; 4]) -> bool {
        let (x0, y0) = self.tile.project(bbox[0], bbox[3]);
        let (x1, y1) = self.tile.project(bbox[2], bbox[1]);
        let span = (x1 - x0).max(y1 - y0);
        if self.tile.z() >= DETAIL_ZOOM {
            span > 0.0
        } else {
            span >= MIN_SHAPE
        }
    }

    /// Adds an object: `geometry` when [`Self::wants_geometry`] said so, else
    /// `None` (the box's centre stands for it).
    pub fn add(&mut self, item: Item, geometry: Option<&Geometry>) {
        let b = item.bbox;
        let polygons = geometry.map(|g| g.polygons()).unwrap_or(&[]);
        if polygons.is_empty() {
            let (x, y) = self.tile.project((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0);
            if self.tile.z() < DETAIL_ZOOM {
                let flagged = item
                    .props
                    .iter()
                    .any(|(k, v)| *k == "quarantine" && *v == Value::Bool(true));
                self.count(x, y, flagged);
            } else if in_buffer(x) && in_buffer(y) {
                let p = (x.round() as i32, y.round() as i32);
                self.features
                    .insert(item.rid, (item, Shape::Points(vec![p])));
            }
            return;
        }
        let lo = -f64::from(BUFFER);
        let hi = f64::from(EXTENT + BUFFER);
        let simplify = self.tile.z() < DETAIL_ZOOM;
        let mut rings = Vec::new();
        for polygon in polygons {
            let projected = polygon.map_coords(|c| {
                let (x, y) = self.tile.project(c.x, c.y);
                geo::coord! { x: x, y: y }
            });
            let projected = if simplify {
                projected.simplify(SIMPLIFY)
            } else {
                projected
            };
            let ring_of = |ls: &geo::LineString<f64>, exterior: bool| {
                let pts: Vec<(f64, f64)> = ls.0[..ls.0.len().saturating_sub(1)]
                    .iter()
                    .map(|c| (c.x, c.y))
                    .collect();
                quantise(&clip_ring(&pts, lo, hi)).map(|q| orient(q, exterior))
            };
            let Some(outer) = ring_of(projected.exterior(), true) else {
                continue;
            };
            rings.push(outer);
            rings.extend(
                projected
                    .interiors()
                    .iter()
                    .filter_map(|h| ring_of(h, false)),
            );
        }
        if !rings.is_empty() {
            self.features.insert(item.rid, (item, Shape::Rings(rings)));
        }
    }

    /// Counts a position in its cell; positions outside the tile belong to the
    /// neighbour, so each object is counted once per zoom.
    fn count(&mut self, x: f64, y: f64, quarantine: bool) {
        let e = f64::from(EXTENT);
        if !(0.0..e).contains(&x) || !(0.0..e).contains(&y) {
            return;
        }
        let (qx, qy) = (x.floor() as i64, y.floor() as i64);
        let key = ((qy as u32) / CELL, (qx as u32) / CELL);
        let cell = self.cells.entry(key).or_default();
        cell.count += 1;
        cell.quarantine += u64::from(quarantine);
        cell.sum_x += qx;
        cell.sum_y += qy;
    }

    /// Adds objects counted elsewhere to cell (`row`, `col`) of the tile: how
    /// many, and the sums of their positions in the tile's units (floored).
    pub fn add_counted(&mut self, row: u32, col: u32, count: u64, sum_x: i64, sum_y: i64) {
        if count == 0 || row >= EXTENT / CELL || col >= EXTENT / CELL {
            return;
        }
        let cell = self.cells.entry((row, col)).or_default();
        cell.count += count;
        cell.sum_x += sum_x;
        cell.sum_y += sum_y;
    }

    /// The layer: counts first (cell order: `count`, and `quarantine_count` when
    /// some counted items carry `quarantine = true`; no id), then features in row
    /// order (feature id = row, `id` and the properties).
    pub fn finish(self, tile: &mvt::Tile) -> Result<mvt::Layer, mvt::Error> {
        let mut layer = tile.create_layer(&self.name);
        for cell in self.cells.values() {
            let n = cell.count as i64;
            let (x, y) = (cell.sum_x / n, cell.sum_y / n);
            let geom = GeomEncoder::new(GeomType::Point)
                .point(x as f64, y as f64)?
                .encode()?;
            let mut f = layer.into_feature(geom);
            f.add_tag_uint("count", cell.count);
            if cell.quarantine > 0 {
                f.add_tag_uint("quarantine_count", cell.quarantine);
            }
            layer = f.into_layer();
        }
        for (rid, (item, shape)) in self.features {
            let geom = match shape {
                Shape::Points(ps) => {
                    let mut e = GeomEncoder::new(GeomType::Point);
                    for (x, y) in ps {
                        e.add_point(f64::from(x), f64::from(y))?;
                    }
                    e.encode()?
                }
                Shape::Rings(rings) => {
                    let mut e = GeomEncoder::new(GeomType::Polygon);
                    for ring in rings {
                        for (x, y) in ring {
                            e.add_point(f64::from(x), f64::from(y))?;
                        }
                        e.complete_geom()?;
                    }
                    e.encode()?
                }
            };
            let mut f = layer.into_feature(geom);
            f.set_id(rid);
            f.add_tag_string("id", &item.id);
            for (k, v) in &item.props {
                match v {
                    Value::Str(s) => f.add_tag_string(k, s),
                    Value::UInt(n) => f.add_tag_uint(k, *n),
                    Value::Bool(b) => f.add_tag_bool(k, *b),
                }
            }
            layer = f.into_layer();
        }
        Ok(layer)
    }
}

fn in_buffer(v: f64) -> bool {
    (-f64::from(BUFFER)..f64::from(EXTENT + BUFFER)).contains(&v)
}

/// Encodes layers (built for the same tile) into MVT bytes.
pub fn encode(layers: Vec<LayerBuilder>) -> Result<Vec<u8>, mvt::Error> {
    let mut tile = mvt::Tile::new(EXTENT);
    for l in layers {
        let layer = l.finish(&tile)?;
        tile.add_layer(layer)?;
    }
    tile.to_bytes()
}
