//! `/api/v1/surveys`: field surveys (R-SURV-1), over `app::surveys`.

use crate::app::AppError;
use crate::app::surveys::{self, PointInput, Recorded, SurveyInput, SurveyQuery};
use crate::http::extract::{ApiJson, ApiQuery};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use fito_core::Action;
use fito_core::survey::FindingCategory;
use fito_store::fieldwork::Survey;
use fito_store::time::to_datetime;
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct SurveyView {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub inspector_id: Uuid,
    pub task_id: Option<Uuid>,
    pub object_id: Option<Uuid>,
    #[schema(value_type = Option<Object>)]
    pub place: Option<Value>,
    pub surveyed_at: DateTime<Utc>,
    pub crop: Option<String>,
    pub growth_phase: Option<String>,
    pub notes: Option<String>,
    pub points: Vec<PointInput>,
    /// Some finding is of a quarantine organism.
    pub quarantine_found: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub(crate) fn view(s: &Survey) -> SurveyView {
    let points: Vec<PointInput> = serde_json::from_str(&s.points).unwrap_or_default();
    let quarantine = FindingCategory::Quarantine.as_str();
    let quarantine_found = points
        .iter()
        .flat_map(|p| &p.findings)
        .any(|f| f.category.as_deref() == Some(quarantine));
    SurveyView {
        id: s.id,
        organization_id: s.organization_id,
        inspector_id: s.inspector_id,
        task_id: s.task_id,
        object_id: s.object_id,
        place: s
            .place
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok()),
        surveyed_at: to_datetime(s.surveyed_at),
        crop: s.crop_code.clone(),
        growth_phase: s.growth_phase.clone(),
        notes: s.notes.clone(),
        points,
        quarantine_found,
        version: s.version,
        created_at: to_datetime(s.created_at),
        updated_at: to_datetime(s.updated_at),
    }
}

/// Record a survey. Sent again with the same id and content (a retried upload), it
/// answers 200 with the stored survey and changes nothing; with other content it is
/// refused (409 survey-id-taken): use PUT to change a survey.
#[utoipa::path(post, path = "/api/v1/surveys", tag = "field work", request_body = SurveyInput,
    responses((status = 201, body = SurveyView), (status = 200, body = SurveyView, description = "the same survey was already stored")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("survey.record"))))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<SurveyInput>,
) -> Result<(StatusCode, Json<SurveyView>), AppError> {
    Ok(match surveys::record(&state, &me, body).await? {
        Recorded::Created(s) => (StatusCode::CREATED, Json(view(&s))),
        Recorded::AlreadyThere(s) => (StatusCode::OK, Json(view(&s))),
    })
}

/// Replace a survey (its inspector), if nobody changed it since `version`.
#[utoipa::path(put, path = "/api/v1/surveys/{id}", tag = "field work", params(("id" = Uuid, Path)), request_body = SurveyInput,
    responses((status = 200, body = SurveyView), (status = 409, description = "survey-version-conflict")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("survey.record"))))]
pub async fn replace(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<SurveyInput>,
) -> Result<Json<SurveyView>, AppError> {
    Ok(Json(view(&surveys::replace(&state, &me, id, body).await?)))
}

/// One survey.
#[utoipa::path(get, path = "/api/v1/surveys/{id}", tag = "field work", params(("id" = Uuid, Path)),
    responses((status = 200, body = SurveyView), (status = 404, description = "survey-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("survey.read"))))]
pub async fn get(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<SurveyView>, AppError> {
    let s = surveys::in_scope(&state, &me, id, Action::SurveyRead).await?;
    Ok(Json(view(&s)))
}

/// Surveys of the caller's subtree, oldest first.
#[utoipa::path(get, path = "/api/v1/surveys", tag = "field work", params(SurveyQuery),
    responses((status = 200, body = Vec<SurveyView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("survey.read"))))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<SurveyQuery>,
) -> Result<Json<Vec<SurveyView>>, AppError> {
    let found = surveys::list(&state, &me, q).await?;
    Ok(Json(found.iter().map(view).collect()))
}
