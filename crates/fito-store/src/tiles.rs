//! What map tiles read of the register (issue 16): first only the row numbers
//! and boxes of the objects meeting a tile (most are counted at low zoom, and a
//! box is all a count needs), then the whole rows of those drawn. The box
//! prefilter and the subtree rule are the register search's.

use crate::conn::Conn;
use crate::entity::{object, survey_finding};
use crate::objects::{Object, Search, search_condition};
use crate::{Engine, Result};
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

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

/// Row numbers and boxes of the objects matching, in row order.
pub async fn boxes<C: Conn>(conn: &C, engine: Engine, t: &TileSearch) -> Result<Vec<RowBox>> {
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
    let rows = object::Entity::find()
        .select_only()
        .column(object::Column::Rid)
        .column(object::Column::MinLon)
        .column(object::Column::MinLat)
        .column(object::Column::MaxLon)
        .column(object::Column::MaxLat)
        .filter(cond)
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

/// Rows per `IN (…)` list: far below both engines' bound-parameter limits.
const CHUNK: usize = 1000;

/// The whole rows of these row numbers, in row order.
pub async fn rows<C: Conn>(conn: &C, rids: &[i64]) -> Result<Vec<Object>> {
    let mut out = Vec::with_capacity(rids.len());
    for chunk in rids.chunks(CHUNK) {
        out.extend(
            object::Entity::find()
                .filter(object::Column::Rid.is_in(chunk.iter().copied()))
                .order_by_asc(object::Column::Rid)
                .all(conn)
                .await?,
        );
    }
    out.sort_unstable_by_key(|o| o.rid);
    Ok(out)
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
