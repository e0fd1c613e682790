//! Boundaries of administrative units (issue 13), keyed by KATO code: loaded by an
//! administrator from a GIS file, read back as outlines for the region summary on
//! the map. Optional data: every question the system answers works without them.

use crate::Result;
use crate::conn::Conn;
use crate::objects::BoxDeg;
use crate::sql::{exec, opt_uuid, stmt};
use uuid::Uuid;

/// One unit's boundary as it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct Boundary {
    pub kato: String,
    /// GeoJSON geometry as imported (validated, WGS 84).
    pub geometry: String,
    /// The same geometry simplified for a map of the whole country.
    pub outline: String,
    pub bbox: BoxDeg,
    /// A point inside the boundary, where its label and symbol go.
    pub label: [f64; 2],
    pub updated_at: i64,
    pub updated_by: Option<Uuid>,
}

/// A loaded boundary as the map draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct Outline {
    pub kato: String,
    pub outline: String,
    pub label: [f64; 2],
}

/// Which units of the KATO hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Regions and cities of republican significance.
    Region,
    /// Districts and cities of regional significance.
    District,
}

impl Level {
    /// `region` or `district`, as the API names the level.
    pub fn name(self) -> &'static str {
        match self {
            Level::Region => "region",
            Level::District => "district",
        }
    }

    fn unit_levels(self) -> (&'static str, &'static str) {
        match self {
            Level::Region => ("region", "city_republican"),
            Level::District => ("district", "city_regional"),
        }
    }
}

/// Writes each boundary, replacing the one its unit had; answers how many were
/// replaced.
pub async fn put_all<C: Conn>(conn: &C, all: &[Boundary]) -> Result<u64> {
    let mut replaced = 0;
    for b in all {
        replaced += exec(
            conn,
            "DELETE FROM admin_boundaries WHERE kato = ?",
            vec![b.kato.clone().into()],
        )
        .await?;
        exec(
            conn,
            "INSERT INTO admin_boundaries (kato, geometry, outline, min_lon, min_lat, max_lon, \
             max_lat, label_lon, label_lat, updated_at, updated_by) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            vec![
                b.kato.clone().into(),
                b.geometry.clone().into(),
                b.outline.clone().into(),
                b.bbox.min_lon.into(),
                b.bbox.min_lat.into(),
                b.bbox.max_lon.into(),
                b.bbox.max_lat.into(),
                b.label[0].into(),
                b.label[1].into(),
                b.updated_at.into(),
                opt_uuid(b.updated_by),
            ],
        )
        .await?;
    }
    Ok(replaced)
}

/// The outlines of the units of `level` whose KATO code starts with `prefix`
/// (`""` for the country), by code.
pub async fn outlines<C: Conn>(conn: &C, level: Level, prefix: &str) -> Result<Vec<Outline>> {
    let (a, b) = level.unit_levels();
    let sql = "SELECT b.kato AS kato, b.outline AS outline, b.label_lon AS lon, b.label_lat AS lat \
               FROM admin_boundaries b JOIN ref_admin_units u ON u.kato = b.kato \
               WHERE u.level IN (?, ?) AND b.kato LIKE ? ORDER BY b.kato";
    let values = vec![a.into(), b.into(), format!("{prefix}%").into()];
    let mut out = Vec::new();
    for row in conn.query_all_raw(stmt(conn, sql, values)).await? {
        out.push(Outline {
            kato: row.try_get("", "kato")?,
            outline: row.try_get("", "outline")?,
            label: [row.try_get("", "lon")?, row.try_get("", "lat")?],
        });
    }
    Ok(out)
}

/// How many boundaries are loaded, and when the newest was.
pub async fn loaded<C: Conn>(conn: &C) -> Result<(i64, Option<i64>)> {
    let sql = "SELECT COUNT(*) AS n, MAX(updated_at) AS newest FROM admin_boundaries";
    let row = conn.query_one_raw(stmt(conn, sql, vec![])).await?;
    match row {
        Some(r) => Ok((r.try_get("", "n")?, r.try_get("", "newest")?)),
        None => Ok((0, None)),
    }
}
