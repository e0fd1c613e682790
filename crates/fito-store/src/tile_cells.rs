//! Object counts per cell for low-zoom map tiles (issue 16, migrations 0024 and
//! 0027). A tile at zoom ≤ [`ZOOM`] counts points and small shapes in 32 × 32
//! cells of 128 units. Keeping, per organisation, status and cell of 64 zoom-5
//! units (a zoom-11 tile: one cell of a zoom-6 tile, two across of a zoom-5
//! one's), how many objects have their box's centre there and the sums of those
//! centres (zoom-5 tile units from the world's north-west corner) gives a country
//! tile from a few thousand rows instead of every object's box. Objects whose box
//! is big enough to be drawn at zoom 6 are listed with their box in
//! `object_cells_big` instead, and a tile draws or counts each of them by its
//! box. Both are written in the transaction that writes the object (insert,
//! insert_many, update); the migrations build them for the objects already
//! registered.

use crate::objects::{BoxDeg, Object};
use crate::sql::{exec, stmt};
use crate::{Engine, Result};
use sea_orm::sea_query::{Alias, Expr, ExprTrait, Query};
use sea_orm::{ConnectionTrait, Value};
use std::collections::HashMap;
use uuid::Uuid;

/// The deepest zoom whose tiles are counted from here: a tile's cell there is
/// one kept cell.
pub const ZOOM: u8 = 6;
/// The zoom whose tile units the kept positions and cells are in.
const UNITS_ZOOM: u8 = 5;
/// log2 of the width in zoom-5 units of a cell kept in `object_cells`.
const CELL_BITS: i32 = 6;
/// log2 of a tile's width in its units (`fito_tiles::EXTENT`).
const EXTENT_BITS: i32 = fito_tiles::EXTENT.trailing_zeros() as i32;
/// log2 of a tile cell's width in its tile's units (`fito_tiles::CELL`).
const TILE_CELL_BITS: i32 = fito_tiles::CELL.trailing_zeros() as i32;
/// A zoom-5 unit in units of zoom [`ZOOM`].
const DEEPEST_PER_UNIT: f64 = (1u32 << (ZOOM - UNITS_ZOOM)) as f64;

/// Where an object counts: its centre's position (zoom-5 units, global), or
/// `None` when its box is drawn at zoom [`ZOOM`] (and so may be at the zooms
/// above: those tiles decide by its box).
fn place(b: [f64; 4]) -> Option<(i64, i64)> {
    let world = fito_tiles::TileId::new(UNITS_ZOOM, 0, 0)?;
    let (x0, y0) = world.project(b[0], b[3]);
    let (x1, y1) = world.project(b[2], b[1]);
    if (x1 - x0).max(y1 - y0) * DEEPEST_PER_UNIT >= fito_tiles::MIN_SHAPE {
        return None;
    }
    let (x, y) = world.project((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0);
    Some((x.floor() as i64, y.floor() as i64))
}

/// What the counts need of an object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Counted {
    rid: i64,
    organization_id: Uuid,
    status: String,
    bbox: [f64; 4],
}

impl From<&Object> for Counted {
    fn from(o: &Object) -> Self {
        Counted {
            rid: o.rid,
            organization_id: o.organization_id,
            status: o.status.clone(),
            bbox: [o.min_lon, o.min_lat, o.max_lon, o.max_lat],
        }
    }
}

/// A row of `object_cells`: cell column and row, organisation, status.
type CellKey = (i64, i64, Uuid, String);

/// Changes to the counts, summed per cell before they are written: how many, and
/// the sums of x and y.
#[derive(Default)]
struct Deltas {
    cells: HashMap<CellKey, (i64, i64, i64)>,
    big_in: Vec<Counted>,
    big_out: Vec<i64>,
}

impl Deltas {
    fn add(&mut self, o: &Counted, sign: i64) {
        match place(o.bbox) {
            Some((px, py)) => {
                let key = (
                    px >> CELL_BITS,
                    py >> CELL_BITS,
                    o.organization_id,
                    o.status.clone(),
                );
                let d = self.cells.entry(key).or_default();
                d.0 += sign;
                d.1 += sign * px;
                d.2 += sign * py;
            }
            None if sign > 0 => self.big_in.push(o.clone()),
            None => self.big_out.push(o.rid),
        }
    }

    async fn write<C: ConnectionTrait>(self, conn: &C) -> Result<()> {
        let cells: Vec<_> = self
            .cells
            .into_iter()
            .filter(|(_, d)| *d != (0, 0, 0))
            .collect();
        for chunk in cells.chunks(100) {
            let mut sql = String::from(
                "INSERT INTO object_cells (cx, cy, organization_id, status, n, sx, sy) VALUES ",
            );
            let mut values: Vec<Value> = Vec::with_capacity(chunk.len() * 7);
            for (i, ((cx, cy, org, status), (n, sx, sy))) in chunk.iter().enumerate() {
                sql.push_str(if i == 0 {
                    "(?, ?, ?, ?, ?, ?, ?)"
                } else {
                    ", (?, ?, ?, ?, ?, ?, ?)"
                });
                values.extend([
                    (*cx).into(),
                    (*cy).into(),
                    (*org).into(),
                    status.clone().into(),
                    (*n).into(),
                    (*sx).into(),
                    (*sy).into(),
                ]);
            }
            sql.push_str(
                " ON CONFLICT (cx, cy, organization_id, status) DO UPDATE SET \
                 n = object_cells.n + excluded.n, sx = object_cells.sx + excluded.sx, \
                 sy = object_cells.sy + excluded.sy",
            );
            exec(conn, &sql, values).await?;
        }
        for rid in self.big_out {
            exec(
                conn,
                "DELETE FROM object_cells_big WHERE rid = ?",
                vec![rid.into()],
            )
            .await?;
        }
        for o in self.big_in {
            let [w, s, e, n] = o.bbox;
            exec(
                conn,
                "INSERT INTO object_cells_big (rid, organization_id, status, min_lon, min_lat, max_lon, max_lat) \
                 VALUES (?, ?, ?, ?, ?, ?, ?)",
                vec![
                    o.rid.into(),
                    o.organization_id.into(),
                    o.status.into(),
                    w.into(),
                    s.into(),
                    e.into(),
                    n.into(),
                ],
            )
            .await?;
        }
        Ok(())
    }
}

/// Counts objects just inserted; `rids_known` is false after a bulk insert, whose
/// row numbers are then looked up by id for the few big ones.
pub(crate) async fn inserted<C: ConnectionTrait>(
    conn: &C,
    new: &[Object],
    rids_known: bool,
) -> Result<()> {
    let mut d = Deltas::default();
    for o in new {
        let mut c = Counted::from(o);
        if !rids_known && place(c.bbox).is_none() {
            let row = conn
                .query_one_raw(stmt(
                    conn,
                    "SELECT rid FROM objects WHERE id = ?",
                    vec![o.id.into()],
                ))
                .await?;
            if let Some(r) = row {
                c.rid = r.try_get("", "rid")?;
            }
        }
        d.add(&c, 1);
    }
    d.write(conn).await
}

/// Moves an updated object's count (when its organisation, status or box moved).
pub(crate) async fn updated<C: ConnectionTrait>(
    conn: &C,
    before: Option<Counted>,
    after: &Object,
) -> Result<()> {
    let after = Counted::from(after);
    if before.as_ref() == Some(&after) {
        return Ok(());
    }
    let mut d = Deltas::default();
    if let Some(b) = &before {
        d.add(b, -1);
    }
    d.add(&after, 1);
    d.write(conn).await
}

/// Counts every registered object afresh (the migration; on PostgreSQL with
/// object writes held back meanwhile).
pub(crate) async fn rebuild<C: ConnectionTrait>(conn: &C, engine: Engine) -> Result<()> {
    if engine == Engine::Postgres {
        conn.execute_unprepared("LOCK TABLE objects IN SHARE ROW EXCLUSIVE MODE")
            .await?;
    }
    exec(conn, "DELETE FROM object_cells", vec![]).await?;
    exec(conn, "DELETE FROM object_cells_big", vec![]).await?;
    let mut after = 0i64;
    loop {
        let rows = conn
            .query_all_raw(stmt(
                conn,
                "SELECT rid, organization_id, status, min_lon, min_lat, max_lon, max_lat \
                 FROM objects WHERE rid > ? ORDER BY rid LIMIT 50000",
                vec![after.into()],
            ))
            .await?;
        let Some(last) = rows.last() else { break };
        after = last.try_get("", "rid")?;
        let mut d = Deltas::default();
        for r in &rows {
            let counted = Counted {
                rid: r.try_get("", "rid")?,
                organization_id: r.try_get("", "organization_id")?,
                status: r.try_get("", "status")?,
                bbox: [
                    r.try_get("", "min_lon")?,
                    r.try_get("", "min_lat")?,
                    r.try_get("", "max_lon")?,
                    r.try_get("", "max_lat")?,
                ],
            };
            d.add(&counted, 1);
        }
        d.write(conn).await?;
    }
    Ok(())
}

/// Objects of a cell of a low-zoom tile: how many, and the sums of their
/// positions in the tile's units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellCount {
    /// Cell row and column in the tile (0‥31).
    pub row: u32,
    pub col: u32,
    pub count: u64,
    pub sum_x: i64,
    pub sum_y: i64,
}

/// The counts of the subtree's objects of `status` in the cells of tile
/// `z/x/y` (z ≤ [`ZOOM`]), in (row, column) order. A cell's sums are those of the
/// zoom-5 positions scaled to the tile's zoom: below zoom 5 its centre may lie up
/// to a unit from the mean of the objects' own positions there, at zoom 6 up to
/// two units (a quarter of a pixel).
pub async fn cells<C: ConnectionTrait>(
    conn: &C,
    org_path: &str,
    status: &str,
    (z, x, y): (u8, u32, u32),
) -> Result<Vec<CellCount>> {
    debug_assert!(z <= ZOOM);
    // The tile's zoom against the units': kept cells per tile, and per tile cell.
    let s = i32::from(z) - i32::from(UNITS_ZOOM);
    let span = 1i64 << (EXTENT_BITS - CELL_BITS - s);
    let grouped = TILE_CELL_BITS - CELL_BITS - s;
    let (x0, y0) = (i64::from(x) * span, i64::from(y) * span);
    let t = Alias::new("object_cells");
    let col = |c: &str| Expr::col((t.clone(), Alias::new(c)));
    let q = Query::select()
        .expr_as(col("cx"), Alias::new("cx"))
        .expr_as(col("cy"), Alias::new("cy"))
        .expr_as(sum("n"), Alias::new("n"))
        .expr_as(sum("sx"), Alias::new("sx"))
        .expr_as(sum("sy"), Alias::new("sy"))
        .from(t.clone())
        .and_where(col("cx").between(x0, x0 + span - 1))
        .and_where(col("cy").between(y0, y0 + span - 1))
        .and_where(col("status").eq(status))
        .and_where(col("organization_id").in_subquery(crate::orgs::subtree_ids(org_path)))
        .group_by_col((t.clone(), Alias::new("cx")))
        .group_by_col((t, Alias::new("cy")))
        .to_owned();
    let rows = conn.query_all(&q).await?;
    let unit = i64::from(fito_tiles::EXTENT);
    let scaled = |v: i64| if s >= 0 { v << s } else { v >> -s };
    let mut out: std::collections::BTreeMap<(u32, u32), CellCount> = Default::default();
    for r in rows {
        let (cx, cy): (i64, i64) = (r.try_get("", "cx")?, r.try_get("", "cy")?);
        let n: i64 = r.try_get("", "n")?;
        if n == 0 {
            continue;
        }
        let (row, col) = (((cy - y0) >> grouped) as u32, ((cx - x0) >> grouped) as u32);
        let c = out.entry((row, col)).or_insert(CellCount {
            row,
            col,
            count: 0,
            sum_x: 0,
            sum_y: 0,
        });
        c.count += n as u64;
        // Positions in the tile: global ones scaled to the zoom, less the tile's corner.
        let (sx, sy): (i64, i64) = (r.try_get("", "sx")?, r.try_get("", "sy")?);
        c.sum_x += scaled(sx) - n * i64::from(x) * unit;
        c.sum_y += scaled(sy) - n * i64::from(y) * unit;
    }
    Ok(out.into_values().collect())
}

/// A column's sum as an integer on both engines (PostgreSQL sums BIGINT as NUMERIC).
fn sum(column: &str) -> sea_orm::sea_query::SimpleExpr {
    Expr::cust(format!("CAST(SUM(object_cells.{column}) AS BIGINT)"))
}

/// Row numbers and boxes of the subtree's big objects of `status` meeting `b`.
pub async fn big<C: ConnectionTrait>(
    conn: &C,
    org_path: &str,
    status: &str,
    b: BoxDeg,
) -> Result<Vec<(i64, [f64; 4])>> {
    let t = Alias::new("object_cells_big");
    let col = |c: &str| Expr::col((t.clone(), Alias::new(c)));
    let q = Query::select()
        .columns(
            ["rid", "min_lon", "min_lat", "max_lon", "max_lat"].map(|c| (t.clone(), Alias::new(c))),
        )
        .from(t.clone())
        .and_where(col("max_lon").gte(b.min_lon))
        .and_where(col("min_lon").lte(b.max_lon))
        .and_where(col("max_lat").gte(b.min_lat))
        .and_where(col("min_lat").lte(b.max_lat))
        .and_where(col("status").eq(status))
        .and_where(col("organization_id").in_subquery(crate::orgs::subtree_ids(org_path)))
        .order_by((t, Alias::new("rid")), sea_orm::Order::Asc)
        .to_owned();
    let rows = conn.query_all(&q).await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("", "rid")?,
                [
                    r.try_get("", "min_lon")?,
                    r.try_get("", "min_lat")?,
                    r.try_get("", "max_lon")?,
                    r.try_get("", "max_lat")?,
                ],
            ))
        })
        .collect()
}
