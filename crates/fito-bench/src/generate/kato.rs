//! Where a generated location lies, in KATO terms. The seed reference data has the
//! administrative units (regions, cities of republican significance, districts) but no
//! boundaries, so this is a deterministic stand-in, good enough for a benchmark and
//! said so in BENCHMARKS.md:
//!
//! - the three cities of republican significance are circles around their centres;
//! - every other location belongs to the region whose (approximate) centre is
//!   nearest, so the regions are contiguous cells laid out roughly as on the map;
//! - inside a region, a grid of half-degree cells is dealt out to the region's
//!   districts by a fixed hash of the cell, so a district is a patchwork of cells and
//!   the same place always gets the same district.

use anyhow::bail;
use fito_store::reference::AdminUnit;

/// Approximate centres (longitude, latitude) of the regions, by KATO code.
const REGION_CENTRES: [(&str, f64, f64); 17] = [
    ("100000000", 79.5, 48.5), // Abai
    ("110000000", 70.0, 51.5), // Akmola
    ("150000000", 58.5, 48.5), // Aktobe
    ("190000000", 77.5, 44.0), // Almaty region
    ("230000000", 52.0, 47.0), // Atyrau
    ("270000000", 51.0, 50.5), // West Kazakhstan
    ("310000000", 72.5, 44.5), // Zhambyl
    ("330000000", 79.5, 45.0), // Jetisu
    ("350000000", 74.0, 48.5), // Karaganda
    ("390000000", 63.5, 51.5), // Kostanay
    ("430000000", 63.5, 45.0), // Kyzylorda
    ("470000000", 54.0, 44.0), // Mangystau
    ("550000000", 76.5, 52.0), // Pavlodar
    ("590000000", 69.5, 54.0), // North Kazakhstan
    ("610000000", 68.5, 42.5), // Turkistan
    ("620000000", 67.0, 47.5), // Ulytau
    ("630000000", 84.0, 49.0), // East Kazakhstan
];

/// The cities of republican significance: centre and radius in degrees.
const CITIES: [(&str, f64, f64, f64); 3] = [
    ("710000000", 71.43, 51.13, 0.15), // Astana
    ("750000000", 76.90, 43.25, 0.12), // Almaty
    ("790000000", 69.60, 42.32, 0.10), // Shymkent
];

/// Half a degree: the side of the cells dealt out to districts.
const CELL: f64 = 0.5;

/// A region (or city) with its districts.
pub struct Unit {
    pub kato: String,
    pub name_kk: String,
    pub name_ru: String,
    districts: Vec<String>,
}

pub struct Kato {
    /// The 17 regions, then the 3 cities.
    pub units: Vec<Unit>,
}

impl Kato {
    /// The regions, cities and their districts from the seeded reference.
    pub fn new(all: &[AdminUnit]) -> anyhow::Result<Kato> {
        let codes = REGION_CENTRES
            .iter()
            .map(|r| r.0)
            .chain(CITIES.iter().map(|c| c.0));
        let mut units = Vec::new();
        for code in codes {
            let Some(unit) = all.iter().find(|u| u.kato == code) else {
                bail!("KATO {code} is not in the reference data");
            };
            let mut districts: Vec<String> = all
                .iter()
                .filter(|u| u.parent_kato.as_deref() == Some(code) && u.active)
                .map(|u| u.kato.clone())
                .collect();
            districts.sort();
            if districts.is_empty() {
                bail!("KATO {code} has no districts in the reference data");
            }
            units.push(Unit {
                kato: unit.kato.clone(),
                name_kk: unit.name_kk.clone(),
                name_ru: unit.name_ru.clone(),
                districts,
            });
        }
        Ok(Kato { units })
    }

    /// The unit (index into `units`) and the district KATO code of a location.
    pub fn locate(&self, lon: f64, lat: f64) -> (usize, &str) {
        let unit = self.unit_of(lon, lat);
        let districts = &self.units[unit].districts;
        let (cx, cy) = ((lon / CELL).floor() as i64, (lat / CELL).floor() as i64);
        let h = mix((cx as u64).wrapping_mul(0x1_0000_0001) ^ (cy as u64));
        (unit, &districts[(h % districts.len() as u64) as usize])
    }

    fn unit_of(&self, lon: f64, lat: f64) -> usize {
        let d2 = |clon: f64, clat: f64| {
            let dx = (lon - clon) * clat.to_radians().cos();
            let dy = lat - clat;
            dx * dx + dy * dy
        };
        for (i, (_, clon, clat, r)) in CITIES.iter().enumerate() {
            if d2(*clon, *clat) <= r * r {
                return REGION_CENTRES.len() + i;
            }
        }
        let mut best = (0, f64::MAX);
        for (i, (_, clon, clat)) in REGION_CENTRES.iter().enumerate() {
            let d = d2(*clon, *clat);
            if d < best.1 {
                best = (i, d);
            }
        }
        best.0
    }
}

/// splitmix64's finaliser: a fixed, well-spread hash of a cell.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
