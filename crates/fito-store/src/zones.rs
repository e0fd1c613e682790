//! Quarantine zones (issue 14): rows, versions, and the questions their life asks
//! of field work (which surveys and findings fall in a zone over a period). Exact
//! geometry tests are the caller's, in fito-geo; zones are few, so a plain range
//! test on their bounding boxes, the same SQL on both engines, prefilters them.

use crate::conn::Conn;
use crate::entity::{quarantine_zone as zone, quarantine_zone_version as version, survey};
use crate::entity::{survey_finding, user};
use crate::objects::BoxDeg;
use crate::{Result, StoreError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

pub use version::Model as ZoneVersion;
pub use zone::Model as Zone;

/// What to list; everything optional but the organisation subtree.
#[derive(Debug, Clone, Default)]
pub struct ZoneFilter {
    pub org_path: String,
    pub status: Option<String>,
    /// Zones whose bounding box meets this box.
    pub bbox: Option<BoxDeg>,
    pub limit: u64,
}

fn box_meets(b: BoxDeg) -> Condition {
    Condition::all()
        .add(zone::Column::MaxLon.gte(b.min_lon))
        .add(zone::Column::MinLon.lte(b.max_lon))
        .add(zone::Column::MaxLat.gte(b.min_lat))
        .add(zone::Column::MinLat.lte(b.max_lat))
}

/// Inserts a new zone (version 1) with its first version row.
pub async fn insert<C: Conn>(conn: &C, new: Zone, snapshot: String) -> Result<Zone> {
    let mut model = new.into_active_model();
    model.rid = sea_orm::ActiveValue::NotSet;
    let saved = model
        .insert(conn)
        .await
        .map_err(|e| StoreError::from_write(e, &["id"]))?;
    record_version(conn, &saved, "propose", snapshot).await?;
    Ok(saved)
}

pub async fn get<C: Conn>(conn: &C, id: Uuid) -> Result<Option<Zone>> {
    Ok(zone::Entity::find()
        .filter(zone::Column::Id.eq(id))
        .one(conn)
        .await?)
}

/// Writes a changed zone as the next version, if nobody changed it since
/// `expected_version`.
pub async fn update<C: Conn>(
    conn: &C,
    changed: Zone,
    expected_version: i64,
    change: &str,
    snapshot: String,
) -> Result<Zone> {
    let mut model = changed.clone().into_active_model().reset_all();
    model.rid = sea_orm::ActiveValue::NotSet;
    model.version = sea_orm::ActiveValue::Set(expected_version + 1);
    let done = zone::Entity::update_many()
        .set(model)
        .filter(zone::Column::Id.eq(changed.id))
        .filter(zone::Column::Version.eq(expected_version))
        .exec(conn)
        .await?;
    if done.rows_affected == 0 {
        return Err(StoreError::Conflict("version"));
    }
    let saved = get(conn, changed.id).await?.ok_or(StoreError::NotFound)?;
    record_version(conn, &saved, change, snapshot).await?;
    Ok(saved)
}

async fn record_version<C: Conn>(conn: &C, z: &Zone, change: &str, snapshot: String) -> Result<()> {
    version::Model {
        zone_id: z.id,
        version: z.version,
        change: change.to_string(),
        snapshot,
        changed_at: z.updated_at,
        changed_by: z.updated_by,
    }
    .into_active_model()
    .insert(conn)
    .await?;
    Ok(())
}

/// Every version of a zone, oldest first.
pub async fn history<C: Conn>(conn: &C, id: Uuid) -> Result<Vec<ZoneVersion>> {
    Ok(version::Entity::find()
        .filter(version::Column::ZoneId.eq(id))
        .order_by_asc(version::Column::Version)
        .all(conn)
        .await?)
}

/// Zones of the subtree matching the filter, oldest first.
pub async fn list<C: Conn>(conn: &C, f: &ZoneFilter) -> Result<Vec<Zone>> {
    let mut q = zone::Entity::find()
        .filter(zone::Column::OrganizationId.in_subquery(crate::orgs::subtree_ids(&f.org_path)));
    if let Some(s) = &f.status {
        q = q.filter(zone::Column::Status.eq(s.as_str()));
    }
    if let Some(b) = f.bbox {
        q = q.filter(box_meets(b));
    }
    Ok(q.order_by_asc(zone::Column::Rid)
        .limit(f.limit)
        .all(conn)
        .await?)
}

/// Surveys of `objects` made in `[from, to)` (µs), oldest first.
pub async fn surveys_of<C: Conn>(
    conn: &C,
    objects: &[Uuid],
    from: i64,
    to: i64,
) -> Result<Vec<crate::entity::survey::Model>> {
    if objects.is_empty() {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    for chunk in objects.chunks(500) {
        found.extend(
            survey::Entity::find()
                .filter(survey::Column::ObjectId.is_in(chunk.iter().copied()))
                .filter(survey::Column::SurveyedAt.gte(from))
                .filter(survey::Column::SurveyedAt.lt(to))
                .all(conn)
                .await?,
        );
    }
    found.sort_by_key(|s| (s.surveyed_at, s.id));
    Ok(found)
}

/// Findings of `organisms` made in `[from, to)` (µs) whose point lies in the box:
/// the candidates for "the organism was found in the zone" (the exact test is
/// the caller's), oldest first.
pub async fn findings_in<C: Conn>(
    conn: &C,
    organisms: &[String],
    b: BoxDeg,
    from: i64,
    to: i64,
) -> Result<Vec<crate::fieldwork::Finding>> {
    Ok(survey_finding::Entity::find()
        .filter(survey_finding::Column::EppoCode.is_in(organisms.iter().cloned()))
        .filter(survey_finding::Column::SurveyedAt.gte(from))
        .filter(survey_finding::Column::SurveyedAt.lt(to))
        .filter(survey_finding::Column::Lon.between(b.min_lon, b.max_lon))
        .filter(survey_finding::Column::Lat.between(b.min_lat, b.max_lat))
        .order_by_asc(survey_finding::Column::SurveyedAt)
        .order_by_asc(survey_finding::Column::SurveyId)
        .order_by_asc(survey_finding::Column::Seq)
        .all(conn)
        .await?)
}

/// One finding by its survey and number.
pub async fn finding<C: Conn>(
    conn: &C,
    survey_id: Uuid,
    seq: i32,
) -> Result<Option<crate::fieldwork::Finding>> {
    Ok(survey_finding::Entity::find()
        .filter(survey_finding::Column::SurveyId.eq(survey_id))
        .filter(survey_finding::Column::Seq.eq(seq))
        .one(conn)
        .await?)
}

/// The active inspectors of these organisations (no personal field is read).
pub async fn inspectors_of<C: Conn>(conn: &C, organizations: &[Uuid]) -> Result<Vec<Uuid>> {
    if organizations.is_empty() {
        return Ok(Vec::new());
    }
    Ok(user::Entity::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::Role.eq("inspector"))
        .filter(user::Column::Status.eq(crate::users::STATUS_ACTIVE))
        .filter(user::Column::OrganizationId.is_in(organizations.iter().copied()))
        .order_by_asc(user::Column::Id)
        .into_tuple::<Uuid>()
        .all(conn)
        .await?)
}
