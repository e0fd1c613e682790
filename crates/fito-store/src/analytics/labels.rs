//! Names for lists that hold ids (issue 13/15): objects' names and KATO codes, and
//! who made each survey, looked up in batches.

use crate::Result;
use crate::conn::Conn;
use crate::entity::{object, survey};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;
use uuid::Uuid;

/// Ids per `IN (…)` list: far below both engines' limits on bound parameters.
const BATCH: usize = 500;

fn unique(ids: impl IntoIterator<Item = Uuid>) -> Vec<Uuid> {
    let mut v: Vec<Uuid> = ids.into_iter().collect();
    v.sort();
    v.dedup();
    v
}

/// Object id → (name, KATO code).
pub async fn objects<C: Conn>(
    conn: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, (String, Option<String>)>> {
    let mut out = HashMap::new();
    for chunk in unique(ids).chunks(BATCH) {
        let rows: Vec<(Uuid, String, Option<String>)> = object::Entity::find()
            .select_only()
            .column(object::Column::Id)
            .column(object::Column::Name)
            .column(object::Column::Kato)
            .filter(object::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(rows.into_iter().map(|(id, name, kato)| (id, (name, kato))));
    }
    Ok(out)
}

/// Survey id → its inspector's id.
pub async fn survey_inspectors<C: Conn>(
    conn: &C,
    ids: impl IntoIterator<Item = Uuid>,
) -> Result<HashMap<Uuid, Uuid>> {
    let mut out = HashMap::new();
    for chunk in unique(ids).chunks(BATCH) {
        let rows: Vec<(Uuid, Uuid)> = survey::Entity::find()
            .select_only()
            .column(survey::Column::Id)
            .column(survey::Column::InspectorId)
            .filter(survey::Column::Id.is_in(chunk.iter().copied()))
            .into_tuple()
            .all(conn)
            .await?;
        out.extend(rows);
    }
    Ok(out)
}
