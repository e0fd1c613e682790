//! Inspection acts with their history and registry counters (R-ACT-1..3). Which
//! step leads where and who may take it is fito-core's; this is storage.

use crate::entity::{act, act_counter, act_event};
use crate::fieldwork::{Page, after};
use crate::orgs::subtree_ids;
use crate::{Conn, Result, StoreError};
use fito_core::{ActStatus, ActStep};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DbErr, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

pub use act_event::Model as ActEvent;

/// An inspection act as stored (R-ACT-1..3). Its status is the workflow's enum; the
/// column keeps the enum's name as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Act {
    pub rid: i64,
    pub id: Uuid,
    pub organization_id: Uuid,
    pub survey_id: Uuid,
    pub object_id: Option<Uuid>,
    pub inspector_id: Uuid,
    pub act_type: String,
    pub language: String,
    pub status: ActStatus,
    pub registry_year: Option<i32>,
    pub registry_seq: Option<i64>,
    pub registry_number: Option<String>,
    /// What the inspector wrote, with the survey snapshot (JSON).
    pub content: String,
    /// The rendering input kept beside the PDF from approval on (JSON).
    pub frozen: Option<String>,
    pub pdf_sha256: Option<String>,
    pub content_sha256: Option<String>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl TryFrom<act::Model> for Act {
    type Error = StoreError;

    fn try_from(m: act::Model) -> Result<Act> {
        let status = ActStatus::parse(&m.status)
            .ok_or_else(|| StoreError::Db(DbErr::Type(format!("act status {}", m.status))))?;
        Ok(Act {
            rid: m.rid,
            id: m.id,
            organization_id: m.organization_id,
            survey_id: m.survey_id,
            object_id: m.object_id,
            inspector_id: m.inspector_id,
            act_type: m.act_type,
            language: m.language,
            status,
            registry_year: m.registry_year,
            registry_seq: m.registry_seq,
            registry_number: m.registry_number,
            content: m.content,
            frozen: m.frozen,
            pdf_sha256: m.pdf_sha256,
            content_sha256: m.content_sha256,
            version: m.version,
            created_at: m.created_at,
            updated_at: m.updated_at,
        })
    }
}

impl From<Act> for act::Model {
    fn from(a: Act) -> act::Model {
        act::Model {
            rid: a.rid,
            id: a.id,
            organization_id: a.organization_id,
            survey_id: a.survey_id,
            object_id: a.object_id,
            inspector_id: a.inspector_id,
            act_type: a.act_type,
            language: a.language,
            status: a.status.as_str().to_string(),
            registry_year: a.registry_year,
            registry_seq: a.registry_seq,
            registry_number: a.registry_number,
            content: a.content,
            frozen: a.frozen,
            pdf_sha256: a.pdf_sha256,
            content_sha256: a.content_sha256,
            version: a.version,
            created_at: a.created_at,
            updated_at: a.updated_at,
        }
    }
}

pub async fn act<C: Conn>(conn: &C, id: Uuid) -> Result<Option<Act>> {
    act::Entity::find()
        .filter(act::Column::Id.eq(id))
        .one(conn)
        .await?
        .map(Act::try_from)
        .transpose()
}

/// Writes a new act with the first line of its history (`create`, by its inspector).
/// An id already taken is `Conflict("id")`.
pub async fn insert_act<C: Conn>(conn: &C, a: Act) -> Result<Act> {
    let mut model = act::Model::from(a).into_active_model();
    model.rid = sea_orm::ActiveValue::NotSet;
    let saved = Act::try_from(
        model
            .insert(conn)
            .await
            .map_err(|e| StoreError::from_write(e, &["id"]))?,
    )?;
    add_event(
        conn,
        ActEvent {
            rid: 0,
            act_id: saved.id,
            step: "create".into(),
            from_status: None,
            to_status: saved.status.as_str().into(),
            actor_id: saved.inspector_id,
            comment: None,
            at: saved.created_at,
        },
    )
    .await?;
    Ok(saved)
}

/// Writes a changed act if nobody changed it since `expected_version`.
pub async fn update_act<C: Conn>(conn: &C, a: Act, expected_version: i64) -> Result<Act> {
    let id = a.id;
    let mut model = act::Model::from(a).into_active_model().reset_all();
    model.rid = sea_orm::ActiveValue::NotSet;
    model.version = Set(expected_version + 1);
    let done = act::Entity::update_many()
        .set(model)
        .filter(act::Column::Id.eq(id))
        .filter(act::Column::Version.eq(expected_version))
        .exec(conn)
        .await?;
    if done.rows_affected == 0 {
        return Err(StoreError::Conflict("version"));
    }
    act(conn, id).await?.ok_or(StoreError::NotFound)
}

/// One step of an act's workflow, as fito-core allowed it (R-ACT-2).
#[derive(Debug, Clone)]
pub struct ActMove {
    pub act_id: Uuid,
    /// The version the step was decided on.
    pub version: i64,
    pub step: ActStep,
    pub from: ActStatus,
    pub to: ActStatus,
    pub actor_id: Uuid,
    pub comment: Option<String>,
    pub at: i64,
    /// At approval: where the act is numbered.
    pub numbered_in: Option<Numbering>,
}

/// An act's registry number to give: its organisation's count for the year, written
/// with the organisation's code in the configured format (unique nationally).
#[derive(Debug, Clone)]
pub struct Numbering {
    pub organization_id: Uuid,
    pub year: i32,
    pub format: fito_core::registry::RegistryFormat,
}

/// Moves an act one step, in the caller's transaction: its new status (and at
/// approval its registry number) if nobody changed it since the version the step
/// was decided on (else `Conflict("version")`), and the history line.
pub async fn move_act<C: Conn>(conn: &C, m: ActMove) -> Result<Act> {
    let mut update = act::Entity::update_many()
        .col_expr(act::Column::Status, Expr::value(m.to.as_str()))
        .col_expr(act::Column::UpdatedAt, Expr::value(m.at))
        .col_expr(act::Column::Version, Expr::value(m.version + 1));
    if let Some(n) = m.numbered_in {
        let seq = next_registry_seq(conn, n.organization_id, n.year).await?;
        let code = crate::orgs::registry_code(conn, n.organization_id).await?;
        update = update
            .col_expr(act::Column::RegistryYear, Expr::value(n.year))
            .col_expr(act::Column::RegistrySeq, Expr::value(seq))
            .col_expr(
                act::Column::RegistryNumber,
                Expr::value(n.format.number(&code, n.year, seq)),
            );
    }
    let done = update
        .filter(act::Column::Id.eq(m.act_id))
        .filter(act::Column::Version.eq(m.version))
        .exec(conn)
        .await?;
    if done.rows_affected == 0 {
        return Err(StoreError::Conflict("version"));
    }
    add_event(
        conn,
        ActEvent {
            rid: 0,
            act_id: m.act_id,
            step: m.step.as_str().into(),
            from_status: Some(m.from.as_str().into()),
            to_status: m.to.as_str().into(),
            actor_id: m.actor_id,
            comment: m.comment,
            at: m.at,
        },
    )
    .await?;
    act(conn, m.act_id).await?.ok_or(StoreError::NotFound)
}

/// Keeps the act's PDF (by hash) and its rendering input, once: a second call finds
/// them set and changes nothing. Not a new version: the PDF follows from the act.
pub async fn freeze_act_pdf<C: Conn>(
    conn: &C,
    id: Uuid,
    frozen: &str,
    pdf_sha256: &str,
    content_sha256: &str,
) -> Result<()> {
    act::Entity::update_many()
        .col_expr(act::Column::Frozen, Expr::value(frozen))
        .col_expr(act::Column::PdfSha256, Expr::value(pdf_sha256))
        .col_expr(act::Column::ContentSha256, Expr::value(content_sha256))
        .filter(act::Column::Id.eq(id))
        .filter(act::Column::PdfSha256.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

#[derive(Debug, Clone, Default)]
pub struct ActFilter {
    pub status: Option<ActStatus>,
    pub act_type: Option<String>,
    pub inspector: Option<Uuid>,
    pub survey: Option<Uuid>,
    pub object: Option<Uuid>,
    pub year: Option<i32>,
}

pub async fn acts<C: Conn>(conn: &C, page: &Page, f: &ActFilter) -> Result<Vec<Act>> {
    let mut q = act::Entity::find()
        .filter(act::Column::OrganizationId.in_subquery(subtree_ids(&page.org_path)))
        .filter(after(act::Column::Rid, page.after_rid));
    if let Some(s) = f.status {
        q = q.filter(act::Column::Status.eq(s.as_str()));
    }
    if let Some(t) = &f.act_type {
        q = q.filter(act::Column::ActType.eq(t.as_str()));
    }
    if let Some(i) = f.inspector {
        q = q.filter(act::Column::InspectorId.eq(i));
    }
    if let Some(s) = f.survey {
        q = q.filter(act::Column::SurveyId.eq(s));
    }
    if let Some(o) = f.object {
        q = q.filter(act::Column::ObjectId.eq(o));
    }
    if let Some(y) = f.year {
        q = q.filter(act::Column::RegistryYear.eq(y));
    }
    q.order_by_asc(act::Column::Rid)
        .limit(page.limit)
        .all(conn)
        .await?
        .into_iter()
        .map(Act::try_from)
        .collect()
}

/// The next registry number of an organisation for a year, inside the caller's
/// transaction: the counter row is written (and so locked) before it is read, so
/// two approvals never get one number and a rolled-back approval leaves no gap.
async fn next_registry_seq<C: Conn>(conn: &C, organization_id: Uuid, year: i32) -> Result<i64> {
    act_counter::Entity::insert(act_counter::ActiveModel {
        organization_id: Set(organization_id),
        year: Set(year),
        last_seq: Set(1),
    })
    .on_conflict(
        OnConflict::columns([
            act_counter::Column::OrganizationId,
            act_counter::Column::Year,
        ])
        .value(
            act_counter::Column::LastSeq,
            Expr::col((act_counter::Entity, act_counter::Column::LastSeq)).add(1),
        )
        .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    let row = act_counter::Entity::find()
        .filter(act_counter::Column::OrganizationId.eq(organization_id))
        .filter(act_counter::Column::Year.eq(year))
        .one(conn)
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(row.last_seq)
}

async fn add_event<C: Conn>(conn: &C, e: ActEvent) -> Result<()> {
    let mut model = e.into_active_model();
    model.rid = sea_orm::ActiveValue::NotSet;
    model.insert(conn).await?;
    Ok(())
}

/// An act's history, oldest first.
pub async fn events<C: Conn>(conn: &C, act_id: Uuid) -> Result<Vec<ActEvent>> {
    Ok(act_event::Entity::find()
        .filter(act_event::Column::ActId.eq(act_id))
        .order_by_asc(act_event::Column::Rid)
        .all(conn)
        .await?)
}
