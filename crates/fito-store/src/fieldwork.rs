//! Field work rows: survey tasks (R-SURV-2), surveys and their findings (R-SURV-1);
//! acts are in `acts`. The rules (who may, which step leads where) are the server's
//! and fito-core's; this is storage.

use crate::analytics::rollup::{self, Findings};
use crate::conn::Conn;
use crate::entity::survey_task_object;
use crate::entity::{survey, survey_finding, survey_task};
use crate::orgs::subtree_ids;
use crate::{Result, StoreError};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

pub use survey::Model as Survey;
pub use survey_finding::Model as Finding;
pub use survey_task::Model as Task;

pub const TASK_OPEN: &str = "open";
pub const TASK_DONE: &str = "done";
pub const TASK_CANCELLED: &str = "cancelled";

/// Paging and scope shared by the lists below.
#[derive(Debug, Clone, Default)]
pub struct Page {
    /// Only records of organisations whose path starts with this (R-ORG-1).
    pub org_path: String,
    /// Records with `rid` above this (keyset paging).
    pub after_rid: Option<i64>,
    pub limit: u64,
}

pub(crate) fn after(rid: impl ColumnTrait, after: Option<i64>) -> Condition {
    let mut c = Condition::all();
    if let Some(a) = after {
        c = c.add(rid.gt(a));
    }
    c
}

// ---- survey tasks ----------------------------------------------------------

pub async fn insert_task<C: Conn>(conn: &C, task: Task, object_ids: &[Uuid]) -> Result<Task> {
    let mut model = task.clone().into_active_model();
    model.rid = sea_orm::ActiveValue::NotSet;
    let saved = model
        .insert(conn)
        .await
        .map_err(|e| StoreError::from_write(e, &["id"]))?;
    for object_id in object_ids {
        survey_task_object::ActiveModel {
            task_id: Set(saved.id),
            object_id: Set(*object_id),
            starts_on: Set(saved.starts_on.clone()),
            due_on: Set(saved.due_on.clone()),
        }
        .insert(conn)
        .await?;
    }
    Ok(saved)
}

pub async fn task<C: Conn>(conn: &C, id: Uuid) -> Result<Option<Task>> {
    Ok(survey_task::Entity::find()
        .filter(survey_task::Column::Id.eq(id))
        .one(conn)
        .await?)
}

pub async fn task_objects<C: Conn>(conn: &C, task_id: Uuid) -> Result<Vec<Uuid>> {
    Ok(survey_task_object::Entity::find()
        .filter(survey_task_object::Column::TaskId.eq(task_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|t| t.object_id)
        .collect())
}

/// The visits (start and due day, `YYYY-MM-DD`) planned for an object by tasks that
/// were not cancelled: what the art. 18 limit counts.
pub async fn planned_visits<C: Conn>(conn: &C, object_id: Uuid) -> Result<Vec<(String, String)>> {
    let live = Query::select()
        .column(survey_task::Column::Id)
        .from(survey_task::Entity)
        .and_where(survey_task::Column::Status.ne(TASK_CANCELLED))
        .to_owned();
    Ok(survey_task_object::Entity::find()
        .filter(survey_task_object::Column::ObjectId.eq(object_id))
        .filter(survey_task_object::Column::TaskId.in_subquery(live))
        .all(conn)
        .await?
        .into_iter()
        .map(|v| (v.starts_on, v.due_on))
        .collect())
}

#[derive(Debug, Clone, Default)]
pub struct TaskFilter {
    pub assignee: Option<Uuid>,
    pub status: Option<String>,
}

pub async fn tasks<C: Conn>(conn: &C, page: &Page, f: &TaskFilter) -> Result<Vec<Task>> {
    let mut q = survey_task::Entity::find()
        .filter(survey_task::Column::OrganizationId.in_subquery(subtree_ids(&page.org_path)))
        .filter(after(survey_task::Column::Rid, page.after_rid));
    if let Some(a) = f.assignee {
        q = q.filter(survey_task::Column::AssigneeId.eq(a));
    }
    if let Some(s) = &f.status {
        q = q.filter(survey_task::Column::Status.eq(s.as_str()));
    }
    Ok(q.order_by_asc(survey_task::Column::Rid)
        .limit(page.limit)
        .all(conn)
        .await?)
}

pub async fn set_task_status<C: Conn>(conn: &C, id: Uuid, status: &str, now: i64) -> Result<()> {
    survey_task::Entity::update_many()
        .col_expr(survey_task::Column::Status, Expr::value(status))
        .col_expr(survey_task::Column::UpdatedAt, Expr::value(now))
        .filter(survey_task::Column::Id.eq(id))
        .exec(conn)
        .await?;
    Ok(())
}

// ---- surveys and findings ---------------------------------------------------

pub async fn survey<C: Conn>(conn: &C, id: Uuid) -> Result<Option<Survey>> {
    Ok(survey::Entity::find()
        .filter(survey::Column::Id.eq(id))
        .one(conn)
        .await?)
}

/// Writes a new survey (version 1) with its findings.
pub async fn insert_survey<C: Conn>(conn: &C, s: Survey, findings: Vec<Finding>) -> Result<Survey> {
    let mut model = s.into_active_model();
    model.rid = sea_orm::ActiveValue::NotSet;
    let saved = model
        .insert(conn)
        .await
        .map_err(|e| StoreError::from_write(e, &["id"]))?;
    insert_findings(conn, findings).await?;
    rollup::add(conn, Findings::OfSurveys(&[saved.id]), 1).await?;
    Ok(saved)
}

/// Writes many new surveys (version 1) and their findings in a few multi-row
/// statements, inside the caller's transaction: a bulk load (the benchmark
/// generator), with no other effect than the rows and their sums (`rollup`).
pub async fn insert_surveys_many<C: Conn>(
    conn: &C,
    surveys: Vec<Survey>,
    findings: Vec<Finding>,
) -> Result<()> {
    // Well under both engines' limits on bound values per statement.
    const BATCH: usize = 500;
    for chunk in surveys.chunks(BATCH) {
        let rows = chunk.iter().map(|s| {
            let mut model = s.clone().into_active_model();
            model.rid = sea_orm::ActiveValue::NotSet;
            model
        });
        survey::Entity::insert_many(rows).exec(conn).await?;
    }
    for chunk in findings.chunks(BATCH) {
        insert_findings(conn, chunk.to_vec()).await?;
    }
    let ids: Vec<Uuid> = surveys.iter().map(|s| s.id).collect();
    for chunk in ids.chunks(BATCH) {
        rollup::add(conn, Findings::OfSurveys(chunk), 1).await?;
    }
    Ok(())
}

/// Replaces a survey and its findings if nobody changed it since `expected_version`.
pub async fn update_survey<C: Conn>(
    conn: &C,
    s: Survey,
    expected_version: i64,
    findings: Vec<Finding>,
) -> Result<Survey> {
    let id = s.id;
    let mut model = s.into_active_model().reset_all();
    model.rid = sea_orm::ActiveValue::NotSet;
    model.version = Set(expected_version + 1);
    let done = survey::Entity::update_many()
        .set(model)
        .filter(survey::Column::Id.eq(id))
        .filter(survey::Column::Version.eq(expected_version))
        .exec(conn)
        .await?;
    if done.rows_affected == 0 {
        return Err(StoreError::Conflict("version"));
    }
    rollup::add(conn, Findings::OfSurveys(&[id]), -1).await?;
    survey_finding::Entity::delete_many()
        .filter(survey_finding::Column::SurveyId.eq(id))
        .exec(conn)
        .await?;
    insert_findings(conn, findings).await?;
    rollup::add(conn, Findings::OfSurveys(&[id]), 1).await?;
    survey(conn, id).await?.ok_or(StoreError::NotFound)
}

async fn insert_findings<C: Conn>(conn: &C, findings: Vec<Finding>) -> Result<()> {
    if findings.is_empty() {
        return Ok(());
    }
    survey_finding::Entity::insert_many(
        findings.into_iter().map(IntoActiveModel::into_active_model),
    )
    .exec(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct SurveyFilter {
    pub inspector: Option<Uuid>,
    pub object: Option<Uuid>,
    pub task: Option<Uuid>,
}

pub async fn surveys<C: Conn>(conn: &C, page: &Page, f: &SurveyFilter) -> Result<Vec<Survey>> {
    let mut q = survey::Entity::find()
        .filter(survey::Column::OrganizationId.in_subquery(subtree_ids(&page.org_path)))
        .filter(after(survey::Column::Rid, page.after_rid));
    if let Some(i) = f.inspector {
        q = q.filter(survey::Column::InspectorId.eq(i));
    }
    if let Some(o) = f.object {
        q = q.filter(survey::Column::ObjectId.eq(o));
    }
    if let Some(t) = f.task {
        q = q.filter(survey::Column::TaskId.eq(t));
    }
    Ok(q.order_by_asc(survey::Column::Rid)
        .limit(page.limit)
        .all(conn)
        .await?)
}

#[derive(Debug, Clone, Default)]
pub struct FindingFilter {
    pub org_path: String,
    pub organism: Option<String>,
    pub category: Option<String>,
    pub object: Option<Uuid>,
    /// Surveyed at or after (µs).
    pub from: Option<i64>,
    /// Surveyed before (µs).
    pub to: Option<i64>,
}

/// Findings matching the filter, oldest survey first, at most `limit`.
pub async fn findings<C: Conn>(conn: &C, f: &FindingFilter, limit: u64) -> Result<Vec<Finding>> {
    let mut q = survey_finding::Entity::find()
        .filter(survey_finding::Column::OrganizationId.in_subquery(subtree_ids(&f.org_path)));
    if let Some(o) = &f.organism {
        q = q.filter(survey_finding::Column::EppoCode.eq(o.as_str()));
    }
    if let Some(c) = &f.category {
        q = q.filter(survey_finding::Column::Category.eq(c.as_str()));
    }
    if let Some(o) = f.object {
        q = q.filter(survey_finding::Column::ObjectId.eq(o));
    }
    if let Some(from) = f.from {
        q = q.filter(survey_finding::Column::SurveyedAt.gte(from));
    }
    if let Some(to) = f.to {
        q = q.filter(survey_finding::Column::SurveyedAt.lt(to));
    }
    Ok(q.order_by_asc(survey_finding::Column::SurveyedAt)
        .order_by_asc(survey_finding::Column::SurveyId)
        .order_by_asc(survey_finding::Column::Seq)
        .limit(limit)
        .all(conn)
        .await?)
}
