//! Laboratory samples (issue 14): taken with a finding, referred to a laboratory,
//! received there, and given a result that flows back to the finding.

use crate::conn::Conn;
use crate::entity::{finding_lab_result as lab, ref_organism, sample};
use crate::{Result, StoreError};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

pub use lab::Model as FindingLabResult;
pub use sample::Model as Sample;

/// Inserts a new sample (version 1); a taken number or id is a conflict.
pub async fn insert<C: Conn>(conn: &C, new: Sample) -> Result<Sample> {
    let mut model = new.into_active_model();
    model.rid = sea_orm::ActiveValue::NotSet;
    model
        .insert(conn)
        .await
        .map_err(|e| StoreError::from_write(e, &["number", "id"]))
}

pub async fn get<C: Conn>(conn: &C, id: Uuid) -> Result<Option<Sample>> {
    Ok(sample::Entity::find()
        .filter(sample::Column::Id.eq(id))
        .one(conn)
        .await?)
}

/// Writes a changed sample as the next version, if nobody changed it since
/// `expected_version`.
pub async fn update<C: Conn>(conn: &C, changed: Sample, expected_version: i64) -> Result<Sample> {
    let mut model = changed.clone().into_active_model().reset_all();
    model.rid = sea_orm::ActiveValue::NotSet;
    model.version = sea_orm::ActiveValue::Set(expected_version + 1);
    let done = sample::Entity::update_many()
        .set(model)
        .filter(sample::Column::Id.eq(changed.id))
        .filter(sample::Column::Version.eq(expected_version))
        .exec(conn)
        .await?;
    if done.rows_affected == 0 {
        return Err(StoreError::Conflict("version"));
    }
    get(conn, changed.id).await?.ok_or(StoreError::NotFound)
}

/// Samples of the subtree, newest first; of one status, or sent before `sent_before`
/// (µs) and still without a result (overdue referrals).
#[derive(Debug, Clone, Default)]
pub struct SampleFilter {
    pub org_path: String,
    pub status: Option<String>,
    pub survey: Option<Uuid>,
    pub sent_before: Option<i64>,
    pub limit: u64,
}

pub async fn list<C: Conn>(conn: &C, f: &SampleFilter) -> Result<Vec<Sample>> {
    let mut q = sample::Entity::find()
        .filter(sample::Column::OrganizationId.in_subquery(crate::orgs::subtree_ids(&f.org_path)));
    if let Some(s) = &f.status {
        q = q.filter(sample::Column::Status.eq(s.as_str()));
    }
    if let Some(s) = f.survey {
        q = q.filter(sample::Column::SurveyId.eq(s));
    }
    if let Some(before) = f.sent_before {
        q = q
            .filter(sample::Column::Status.is_in(["sent", "received"]))
            .filter(sample::Column::SentAt.lt(before));
    }
    Ok(q.order_by_desc(sample::Column::Rid)
        .limit(f.limit)
        .all(conn)
        .await?)
}

/// Records what the laboratory said of a finding (the latest result wins).
pub async fn set_finding_result<C: Conn>(
    conn: &C,
    survey_id: Uuid,
    seq: i32,
    status: &str,
    sample_id: Uuid,
    at: i64,
) -> Result<()> {
    lab::Entity::delete_many()
        .filter(lab::Column::SurveyId.eq(survey_id))
        .filter(lab::Column::Seq.eq(seq))
        .exec(conn)
        .await?;
    lab::Model {
        survey_id,
        seq,
        status: status.to_string(),
        sample_id,
        at,
    }
    .into_active_model()
    .insert(conn)
    .await?;
    Ok(())
}

/// What the laboratory said of a survey's findings.
pub async fn finding_results<C: Conn>(conn: &C, survey_id: Uuid) -> Result<Vec<FindingLabResult>> {
    Ok(lab::Entity::find()
        .filter(lab::Column::SurveyId.eq(survey_id))
        .order_by_asc(lab::Column::Seq)
        .all(conn)
        .await?)
}

/// One organism of the reference list, by EPPO code.
pub async fn organism<C: Conn>(conn: &C, eppo: &str) -> Result<Option<ref_organism::Model>> {
    Ok(ref_organism::Entity::find()
        .filter(ref_organism::Column::EppoCode.eq(eppo))
        .one(conn)
        .await?)
}
