//! The register of phytosanitary objects (R-OBJ-1): rows, versions, and the
//! bounding-box prefilter, the one place where the engines get different SQL
//! (SQLite's R*Tree, PostgreSQL's GiST over `box`). Exact geometry tests are the
//! caller's, in fito-geo.

use crate::analytics::rollup::{self, Findings};
use crate::conn::Conn;
use crate::entity::{object, object_version, survey_finding};
use crate::{Engine, Result, StoreError};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, EntityTrait, IntoActiveModel,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

pub use object::Model as Object;
pub use object_version::Model as ObjectVersion;

pub const STATUS_ACTIVE: &str = "active";
pub const STATUS_ARCHIVED: &str = "archived";

/// A box in degrees: west, south, east, north.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoxDeg {
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
}

/// A new active object (version 1) with no owner, unit, crop or notes yet; the
/// caller sets those and the times. `geometry` is GeoJSON text written by fito-geo.
pub fn draft(
    id: Uuid,
    organization_id: Uuid,
    type_code: &str,
    name: String,
    geometry: String,
    area_ha: f64,
    bbox: BoxDeg,
) -> Object {
    Object {
        rid: 0,
        id,
        organization_id,
        type_code: type_code.to_string(),
        name,
        owner_kind: None,
        owner_name: None,
        owner_bin: None,
        owner_iin: None,
        kato: None,
        crop_code: None,
        status: STATUS_ACTIVE.to_string(),
        geometry,
        area_ha,
        min_lon: bbox.min_lon,
        min_lat: bbox.min_lat,
        max_lon: bbox.max_lon,
        max_lat: bbox.max_lat,
        notes: None,
        version: 1,
        created_at: 0,
        updated_at: 0,
        created_by: None,
        updated_by: None,
        quarantine_found_at: None,
    }
}

/// What to look for; everything optional but the organisation subtree.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// Only objects of organisations whose path starts with this (R-ORG-1).
    pub org_path: String,
    /// Objects whose bounding box meets this box.
    pub bbox: Option<BoxDeg>,
    pub type_code: Option<String>,
    pub status: Option<String>,
    pub crop_code: Option<String>,
    /// This KATO unit or any unit below it (by code prefix of the non-zero part).
    pub kato_prefix: Option<String>,
    /// Objects where a survey found this organism (EPPO code).
    pub organism: Option<String>,
    /// Objects with `rid` above this (keyset paging).
    pub after_rid: Option<i64>,
    pub limit: u64,
}

/// The engine-specific prefilter: objects whose bounding box meets `b`. The
/// values go in as expressions so the query builder numbers the parameters; each
/// template uses its engine's placeholder (`?` for SQLite, `$n` for PostgreSQL).
fn bbox_condition(engine: Engine, b: BoxDeg) -> sea_orm::sea_query::SimpleExpr {
    let (west, south, east, north) = (
        Expr::val(b.min_lon),
        Expr::val(b.min_lat),
        Expr::val(b.max_lon),
        Expr::val(b.max_lat),
    );
    match engine {
        Engine::Sqlite => Expr::cust_with_exprs(
            "\"objects\".\"rid\" IN (SELECT rid FROM objects_rtree \
             WHERE max_lon >= ? AND min_lon <= ? AND max_lat >= ? AND min_lat <= ?)",
            [west, east, south, north],
        ),
        // The left side matches the GiST index's expression, so the index serves it.
        Engine::Postgres => Expr::cust_with_exprs(
            "box(point(min_lon, min_lat), point(max_lon, max_lat)) && box(point($1, $2), point($3, $4))",
            [west, south, east, north],
        ),
    }
}

/// The `WHERE` of a search (everything but the limit).
pub(crate) fn search_condition(engine: Engine, s: &Search) -> Condition {
    let in_subtree =
        object::Column::OrganizationId.in_subquery(crate::orgs::subtree_ids(&s.org_path));
    let mut cond = Condition::all().add(in_subtree);
    if let Some(b) = s.bbox {
        cond = cond.add(bbox_condition(engine, b));
    }
    if let Some(t) = &s.type_code {
        cond = cond.add(object::Column::TypeCode.eq(t.as_str()));
    }
    if let Some(st) = &s.status {
        cond = cond.add(object::Column::Status.eq(st.as_str()));
    }
    if let Some(c) = &s.crop_code {
        cond = cond.add(object::Column::CropCode.eq(c.as_str()));
    }
    if let Some(k) = &s.kato_prefix {
        cond = cond.add(object::Column::Kato.starts_with(k.as_str()));
    }
    if let Some(eppo) = &s.organism {
        cond = cond.add(
            object::Column::Id.in_subquery(
                Query::select()
                    .column(survey_finding::Column::ObjectId)
                    .from(survey_finding::Entity)
                    .and_where(survey_finding::Column::EppoCode.eq(eppo.as_str()))
                    .to_owned(),
            ),
        );
    }
    if let Some(after) = s.after_rid {
        cond = cond.add(object::Column::Rid.gt(after));
    }
    cond
}

pub async fn search<C: Conn>(conn: &C, engine: Engine, s: &Search) -> Result<Vec<Object>> {
    let query = object::Entity::find().filter(search_condition(engine, s));
    // With a box, order by an expression the primary key cannot serve: otherwise
    // PostgreSQL, guessing thousands of matches for `&&`, walks the primary key in
    // order and filters every row (208 ms instead of 11 ms on 1M objects).
    let query = if s.bbox.is_some() {
        query.order_by(Expr::cust("\"objects\".\"rid\" + 0"), sea_orm::Order::Asc)
    } else {
        query.order_by_asc(object::Column::Rid)
    };
    Ok(query.limit(s.limit).all(conn).await?)
}

/// As [`search`], in no particular order, for questions that do not page ("which
/// object am I in", nearest). Ordering by row id lets PostgreSQL walk the primary
/// key hoping to meet matches early; with its fixed guess for `&&` it then scanned
/// the whole table for a single point (30 ms instead of 0.1 ms on 1M objects).
pub async fn search_unordered<C: Conn>(
    conn: &C,
    engine: Engine,
    s: &Search,
) -> Result<Vec<Object>> {
    Ok(object::Entity::find()
        .filter(search_condition(engine, s))
        .limit(s.limit)
        .all(conn)
        .await?)
}

/// How many objects a search matches, ignoring its limit (the bounding-box
/// prefilter only: the exact geometry test is the caller's).
pub async fn count<C: Conn>(conn: &C, engine: Engine, s: &Search) -> Result<u64> {
    Ok(object::Entity::find()
        .filter(search_condition(engine, s))
        .count(conn)
        .await?)
}

pub async fn get<C: Conn>(conn: &C, id: Uuid) -> Result<Option<Object>> {
    Ok(object::Entity::find()
        .filter(object::Column::Id.eq(id))
        .one(conn)
        .await?)
}

/// Inserts a new object (version 1) with its first version row.
pub async fn insert<C: Conn>(conn: &C, mut new: Object, snapshot: String) -> Result<Object> {
    new.version = 1;
    let mut model = new.clone().into_active_model();
    model.rid = sea_orm::ActiveValue::NotSet;
    let saved = model
        .insert(conn)
        .await
        .map_err(|e| StoreError::from_write(e, &["id"]))?;
    record_version(conn, &saved, "create", snapshot).await?;
    crate::tile_cells::inserted(conn, std::slice::from_ref(&saved), true).await?;
    Ok(saved)
}

/// Rows per INSERT: 24 columns × 500 stays far below both engines' limits on
/// bound parameters.
const BATCH: usize = 500;

/// Inserts many new objects (version 1) with their first version rows, a batch
/// per statement (a bulk import, R-GEO-1). `snapshot` is each version's stored
/// form; `progress` hears how many are written so far.
pub async fn insert_many<C: Conn>(
    conn: &C,
    new: &[Object],
    snapshot: impl Fn(&Object) -> String,
    mut progress: impl FnMut(u64),
) -> Result<()> {
    let mut done = 0u64;
    for chunk in new.chunks(BATCH) {
        let rows = chunk.iter().map(|o| {
            let mut model = o.clone().into_active_model();
            model.rid = sea_orm::ActiveValue::NotSet;
            model
        });
        object::Entity::insert_many(rows).exec(conn).await?;
        crate::tile_cells::inserted(conn, chunk, false).await?;
        let versions = chunk.iter().map(|o| {
            object_version::Model {
                object_id: o.id,
                version: 1,
                change: "create".into(),
                snapshot: snapshot(o),
                changed_at: o.created_at,
                changed_by: o.created_by,
                reason: None,
            }
            .into_active_model()
        });
        object_version::Entity::insert_many(versions)
            .exec(conn)
            .await?;
        done += chunk.len() as u64;
        progress(done);
    }
    Ok(())
}

/// Writes a changed object as the next version, if nobody changed it since
/// `expected_version` (optimistic locking: two inspectors editing one field).
pub async fn update<C: Conn>(
    conn: &C,
    changed: Object,
    expected_version: i64,
    change: &str,
    snapshot: String,
) -> Result<Object> {
    // What the derived sums hold of the object now: its tile cell, its district.
    let stored = get(conn, changed.id).await?;
    let counted = stored.as_ref().map(crate::tile_cells::Counted::from);
    let district = |kato: Option<&str>| kato.map(|k| k.get(..4).unwrap_or(k).to_string());
    let moved = stored
        .as_ref()
        .is_some_and(|o| district(o.kato.as_deref()) != district(changed.kato.as_deref()));
    if moved {
        rollup::add(conn, Findings::OnObject(changed.id), -1).await?;
    }
    // Every column is written: the caller hands over the whole changed object.
    let mut model = changed.clone().into_active_model().reset_all();
    model.rid = sea_orm::ActiveValue::NotSet;
    model.version = Set(expected_version + 1);
    let done = object::Entity::update_many()
        .set(model)
        .filter(object::Column::Id.eq(changed.id))
        .filter(object::Column::Version.eq(expected_version))
        .exec(conn)
        .await?;
    if done.rows_affected == 0 {
        return Err(StoreError::Conflict("version"));
    }
    if moved {
        rollup::add(conn, Findings::OnObject(changed.id), 1).await?;
    }
    let saved = get(conn, changed.id).await?.ok_or(StoreError::NotFound)?;
    crate::tile_cells::updated(conn, counted, &saved).await?;
    record_version(conn, &saved, change, snapshot).await?;
    Ok(saved)
}

async fn record_version<C: Conn>(
    conn: &C,
    o: &Object,
    change: &str,
    snapshot: String,
) -> Result<()> {
    object_version::ActiveModel {
        object_id: Set(o.id),
        version: Set(o.version),
        change: Set(change.to_string()),
        snapshot: Set(snapshot),
        changed_at: Set(o.updated_at),
        changed_by: Set(o.updated_by),
        reason: Set(None),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Records why version `version` of object `id` was made (archive, restore).
pub async fn set_version_reason<C: Conn>(
    conn: &C,
    id: Uuid,
    version: i64,
    reason: String,
) -> Result<()> {
    object_version::Entity::update_many()
        .col_expr(object_version::Column::Reason, Expr::value(reason))
        .filter(object_version::Column::ObjectId.eq(id))
        .filter(object_version::Column::Version.eq(version))
        .exec(conn)
        .await?;
    Ok(())
}

/// Every version of an object, oldest first.
pub async fn history<C: Conn>(conn: &C, id: Uuid) -> Result<Vec<ObjectVersion>> {
    Ok(object_version::Entity::find()
        .filter(object_version::Column::ObjectId.eq(id))
        .order_by_asc(object_version::Column::Version)
        .all(conn)
        .await?)
}
