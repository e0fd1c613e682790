//! The Web-Mercator tile grid (EPSG:3857, XYZ scheme as in MapLibre/OSM):
//! which tile, its box in degrees, and a position in the tile's 4096 units.

use std::f64::consts::PI;

/// Units across a tile (MVT `extent`).
pub const EXTENT: u32 = 4096;
/// Units drawn beyond each edge so strokes do not end at the tile border.
pub const BUFFER: u32 = 64;
/// The deepest zoom served.
pub const MAX_ZOOM: u8 = 22;
/// Web Mercator's latitude limit (the square world).
pub const MAX_LAT: f64 = 85.051_128_779_806_59;

/// A tile address: zoom, column (west → east), row (north → south).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TileId {
    z: u8,
    x: u32,
    y: u32,
}

/// A box in degrees: west, south, east, north.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LonLatBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl TileId {
    /// A tile that exists: zoom ≤ [`MAX_ZOOM`], column and row below 2^zoom.
    pub fn new(z: u8, x: u32, y: u32) -> Option<Self> {
        let n = 1u64 << z.min(63);
        (z <= MAX_ZOOM && u64::from(x) < n && u64::from(y) < n).then_some(TileId { z, x, y })
    }

    /// The tile of zoom `z` (at most [`MAX_ZOOM`]) holding a position.
    pub fn containing(z: u8, lon: f64, lat: f64) -> Option<Self> {
        let z = z.min(MAX_ZOOM);
        let (x, y) = TileId { z: 0, x: 0, y: 0 }.project(lon, lat);
        let n = f64::from(1u32 << z);
        let col = (x / f64::from(EXTENT) * n).floor().clamp(0.0, n - 1.0);
        let row = (y / f64::from(EXTENT) * n).floor().clamp(0.0, n - 1.0);
        TileId::new(z, col as u32, row as u32)
    }

    pub fn z(self) -> u8 {
        self.z
    }
    pub fn x(self) -> u32 {
        self.x
    }
    pub fn y(self) -> u32 {
        self.y
    }

    fn tiles(self) -> f64 {
        f64::from(1u32 << self.z)
    }

    /// The tile's box in degrees, grown by `margin` units on each side (0 for
    /// the tile itself, [`BUFFER`] for what is drawn).
    pub fn bounds(self, margin: u32) -> LonLatBox {
        let m = f64::from(margin) / f64::from(EXTENT);
        let n = self.tiles();
        let lon = |col: f64| (col / n * 360.0 - 180.0).clamp(-180.0, 180.0);
        let lat = |row: f64| {
            let r = row.clamp(0.0, n);
            (PI * (1.0 - 2.0 * r / n)).sinh().atan().to_degrees()
        };
        let (x, y) = (f64::from(self.x), f64::from(self.y));
        let mut b = LonLatBox {
            west: lon(x - m),
            south: lat(y + 1.0 + m),
            east: lon(x + 1.0 + m),
            north: lat(y - m),
        };
        // The top and bottom rows reach the poles: nothing lies beyond Mercator's edge.
        if self.y == 0 {
            b.north = 90.0;
        }
        if u64::from(self.y) + 1 == 1u64 << self.z {
            b.south = -90.0;
        }
        b
    }

    /// A position in this tile's units (x east, y south; 0..4096 inside).
    pub fn project(self, lon: f64, lat: f64) -> (f64, f64) {
        let n = self.tiles() * f64::from(EXTENT);
        let lat = lat.clamp(-MAX_LAT, MAX_LAT).to_radians();
        let wx = (lon + 180.0) / 360.0 * n;
        let wy = (1.0 - (lat.tan() + 1.0 / lat.cos()).ln() / PI) / 2.0 * n;
        (
            wx - f64::from(self.x) * f64::from(EXTENT),
            wy - f64::from(self.y) * f64::from(EXTENT),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_existing_tiles() {
        assert!(TileId::new(0, 0, 0).is_some());
        assert!(TileId::new(0, 1, 0).is_none());
        assert!(TileId::new(3, 7, 7).is_some());
        assert!(TileId::new(3, 8, 0).is_none());
        assert!(TileId::new(23, 0, 0).is_none());
    }

    #[test]
    fn world_tile_bounds_and_projection() {
        let t = TileId::new(0, 0, 0).unwrap();
        let b = t.bounds(0);
        assert_eq!(
            (b.west, b.east, b.north, b.south),
            (-180.0, 180.0, 90.0, -90.0)
        );
        let (x, y) = t.project(0.0, 0.0);
        assert!((x - 2048.0).abs() < 1e-9 && (y - 2048.0).abs() < 1e-9);
        let (x, y) = t.project(-180.0, MAX_LAT);
        assert!(x.abs() < 1e-9 && y.abs() < 1e-6);
    }

    #[test]
    fn astana_tile_at_zoom_8() {
        // Astana (71.43 E, 51.13 N) lies in tile 8/178/85 (OSM slippy-map formula).
        let t = TileId::new(8, 178, 85).unwrap();
        assert_eq!(TileId::containing(8, 71.43, 51.13), Some(t));
        let b = t.bounds(0);
        assert!(b.west < 71.43 && 71.43 < b.east && b.south < 51.13 && 51.13 < b.north);
        let (x, y) = t.project(71.43, 51.13);
        assert!((0.0..4096.0).contains(&x) && (0.0..4096.0).contains(&y));
        // Corners project to the tile's corners.
        let (x0, y0) = t.project(b.west, b.north);
        assert!(x0.abs() < 1e-6 && y0.abs() < 1e-6);
        // The buffered box is larger by 64/4096 of a tile.
        let g = t.bounds(BUFFER);
        assert!((b.west - g.west - (b.east - b.west) / 64.0).abs() < 1e-9);
    }
}
