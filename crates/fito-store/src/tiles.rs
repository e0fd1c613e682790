//! What map tiles read of the register (issue 16): first only the row numbers
//! and boxes of the objects meeting a tile (most are counted at low zoom, and a
//! box is all a count needs), then the whole rows of those drawn. The box
//! prefilter and the subtree rule are the register search's.

use crate::conn::Conn;
use crate::entity::{object, survey_finding};
use crate::objects::{BoxDeg, Search, search_condition};
use crate::{Engine, Result};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use std::fmt::Write;
use uuid::Uuid;

/// A register search for a tile, with the findings period: only objects where
/// a survey found something (the search's organism, if given) in that time.
#[derive(Debug, Clone, Default)]
pub struct TileSearch {
    pub search: Search,
    /// Microseconds (UTC), inclusive.
    pub found_from: Option<i64>,
    pub found_to: Option<i64>,
}

/// An object's row number and box: west, south, east, north.
pub type RowBox = (i64, [f64; 4]);

/// The `WHERE` of a tile's read: the register search's, and the findings period.
fn tile_condition(engine: Engine, t: &TileSearch) -> sea_orm::Condition {
    let mut cond = search_condition(engine, &t.search);
    if t.found_from.is_some() || t.found_to.is_some() {
        let mut found = Query::select()
            .column(survey_finding::Column::ObjectId)
            .from(survey_finding::Entity)
            .to_owned();
        if let Some(eppo) = &t.search.organism {
            found.and_where(survey_finding::Column::EppoCode.eq(eppo.as_str()));
        }
        if let Some(from) = t.found_from {
            found.and_where(survey_finding::Column::SurveyedAt.gte(from));
        }
        if let Some(to) = t.found_to {
            found.and_where(survey_finding::Column::SurveyedAt.lte(to));
        }
        cond = cond.add(object::Column::Id.in_subquery(found));
    }
    cond
}

/// Row numbers and boxes of the objects matching, in row order.
pub async fn boxes<C: Conn>(conn: &C, engine: Engine, t: &TileSearch) -> Result<Vec<RowBox>> {
    let rows = object::Entity::find()
        .select_only()
        .column(object::Column::Rid)
        .column(object::Column::MinLon)
        .column(object::Column::MinLat)
        .column(object::Column::MaxLon)
        .column(object::Column::MaxLat)
        .filter(tile_condition(engine, t))
        .into_tuple::<(i64, f64, f64, f64, f64)>()
        .all(conn)
        .await?;
    let mut rows: Vec<RowBox> = rows
        .into_iter()
        .map(|(rid, w, s, e, n)| (rid, [w, s, e, n]))
        .collect();
    rows.sort_unstable_by_key(|r| r.0);
    Ok(rows)
}

/// What a tile draws of an object: only the columns it shows.
#[derive(Debug, Clone)]
pub struct Drawn {
    pub rid: i64,
    pub id: Uuid,
    pub name: String,
    pub type_code: String,
    pub status: String,
    pub quarantine: bool,
    /// west, south, east, north
    pub bbox: [f64; 4],
    /// The stored GeoJSON geometry.
    pub geometry: String,
}

type DrawnRow = (
    i64,
    Uuid,
    String,
    String,
    String,
    Option<i64>,
    f64,
    f64,
    f64,
    f64,
    String,
);

fn drawn_query() -> sea_orm::Select<object::Entity> {
    use object::Column as C;
    object::Entity::find()
        .select_only()
        .columns([
            C::Rid,
            C::Id,
            C::Name,
            C::TypeCode,
            C::Status,
            C::QuarantineFoundAt,
        ])
        .columns([C::MinLon, C::MinLat, C::MaxLon, C::MaxLat, C::Geometry])
}

fn drawn_of(rows: Vec<DrawnRow>) -> Vec<Drawn> {
    let mut out: Vec<Drawn> = rows
        .into_iter()
        .map(
            |(rid, id, name, type_code, status, q, w, s, e, n, geometry)| Drawn {
                rid,
                id,
                name,
                type_code,
                status,
                quarantine: q.is_some(),
                bbox: [w, s, e, n],
                geometry,
            },
        )
        .collect();
    out.sort_unstable_by_key(|o| o.rid);
    out
}

/// Every object matching, as drawn, in row order: one statement (high zoom,
/// where a tile draws all it reads).
pub async fn drawn<C: Conn>(conn: &C, engine: Engine, t: &TileSearch) -> Result<Vec<Drawn>> {
    let rows = drawn_query()
        .filter(tile_condition(engine, t))
        .into_tuple::<DrawnRow>()
        .all(conn)
        .await?;
    Ok(drawn_of(rows))
}

/// Rows per `IN (…)` list (SQLite): far below its bound-parameter limit.
const CHUNK: usize = 1000;

/// These row numbers as drawn, in row order.
pub async fn rows<C: Conn>(conn: &C, engine: Engine, rids: &[i64]) -> Result<Vec<Drawn>> {
    if rids.is_empty() {
        return Ok(Vec::new());
    }
    let rows = match engine {
        // One statement whatever the count, the numbers as one array: an `IN`
        // list of each length is a statement of its own, parsed and planned anew
        // (1–2 ms for a zoom-8 tile's 700 numbers).
        Engine::Postgres => {
            // Written in place: a string per number was 700 allocations a tile.
            let mut array = String::from("{");
            for rid in rids {
                let _ = write!(array, "{rid},");
            }
            array.pop(); // the last comma: `rids` is not empty
            array.push('}');
            drawn_query()
                .filter(Expr::cust_with_values(
                    "\"objects\".\"rid\" = ANY($1::bigint[])",
                    [array],
                ))
                .into_tuple::<DrawnRow>()
                .all(conn)
                .await?
        }
        Engine::Sqlite => {
            let mut out = Vec::with_capacity(rids.len());
            for chunk in rids.chunks(CHUNK) {
                out.extend(
                    drawn_query()
                        .filter(object::Column::Rid.is_in(chunk.iter().copied()))
                        .into_tuple::<DrawnRow>()
                        .all(conn)
                        .await?,
                );
            }
            out
        }
    };
    Ok(drawn_of(rows))
}

/// The newest committed change in the log sync keeps (0 when empty): tiles
/// made at this number stay valid until it moves. Rows are moved to a fresh
/// `seq` inside the writer's transaction, so uncommitted changes are not seen.
pub async fn change_head<C: Conn>(conn: &C) -> Result<i64> {
    let row = conn
        .query_one_raw(crate::sql::stmt(
            conn,
            "SELECT COALESCE(MAX(seq), 0) AS seq FROM sync_changes",
            vec![],
        ))
        .await?;
    Ok(match row {
        Some(r) => r.try_get("", "seq")?,
        None => 0,
    })
}

/// What a findings tile asks: the subtree, the buffered box and the filters.
#[derive(Debug, Clone)]
pub struct FindingSearch {
    pub org_path: String,
    pub bbox: BoxDeg,
    /// EPPO code.
    pub organism: Option<String>,
    /// quarantine, especially_dangerous or ordinary.
    pub category: Option<String>,
    /// Microseconds (UTC), inclusive.
    pub found_from: Option<i64>,
    pub found_to: Option<i64>,
}

/// A finding as a tile draws it.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingPoint {
    pub survey_id: Uuid,
    pub seq: i32,
    pub object_id: Option<Uuid>,
    pub lon: f64,
    pub lat: f64,
    pub surveyed_at: i64,
    pub eppo_code: String,
    pub category: String,
}

/// Findings of the subtree whose point lies in the box, in (survey, number) order.
pub async fn findings<C: Conn>(conn: &C, f: &FindingSearch) -> Result<Vec<FindingPoint>> {
    use survey_finding::Column as C;
    let mut q = survey_finding::Entity::find()
        .select_only()
        .columns([C::SurveyId, C::Seq, C::ObjectId, C::Lon, C::Lat])
        .columns([C::SurveyedAt, C::EppoCode, C::Category])
        .filter(C::OrganizationId.in_subquery(crate::orgs::subtree_ids(&f.org_path)))
        .filter(C::Lon.between(f.bbox.min_lon, f.bbox.max_lon))
        .filter(C::Lat.between(f.bbox.min_lat, f.bbox.max_lat));
    if let Some(eppo) = &f.organism {
        q = q.filter(C::EppoCode.eq(eppo.as_str()));
    }
    if let Some(c) = &f.category {
        q = q.filter(C::Category.eq(c.as_str()));
    }
    if let Some(from) = f.found_from {
        q = q.filter(C::SurveyedAt.gte(from));
    }
    if let Some(to) = f.found_to {
        q = q.filter(C::SurveyedAt.lte(to));
    }
    type Row = (Uuid, i32, Option<Uuid>, f64, f64, i64, String, String);
    let rows: Vec<Row> = q.into_tuple().all(conn).await?;
    let mut out: Vec<FindingPoint> = rows
        .into_iter()
        .map(
            |(survey_id, seq, object_id, lon, lat, at, eppo, category)| FindingPoint {
                survey_id,
                seq,
                object_id,
                lon,
                lat,
                surveyed_at: at,
                eppo_code: eppo,
                category,
            },
        )
        .collect();
    out.sort_unstable_by_key(|p| (p.survey_id, p.seq));
    Ok(out)
}
