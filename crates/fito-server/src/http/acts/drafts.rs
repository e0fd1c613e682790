//! Making an act from a survey and editing its draft (R-ACT-1), over `app::acts::drafts`.

use super::{ActView, view};
use crate::app::AppError;
use crate::app::acts::drafts::{self, ActChange, NewAct};
use crate::http::extract::ApiJson;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use uuid::Uuid;

/// Make an act from a survey (its inspector), pre-filled from the survey.
#[utoipa::path(post, path = "/api/v1/surveys/{id}/acts", tag = "acts", params(("id" = Uuid, Path)), request_body = NewAct,
    responses((status = 201, body = ActView)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("act.draft"))))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(survey_id): Path<Uuid>,
    ApiJson(body): ApiJson<NewAct>,
) -> Result<(StatusCode, Json<ActView>), AppError> {
    let saved = drafts::create(&state, &me, survey_id, body).await?;
    Ok((StatusCode::CREATED, Json(view(&saved, &me)?)))
}

/// Edit a draft or returned act (its inspector). A signed act never changes: the
/// attempt is refused (409 act-frozen) and journalled.
#[utoipa::path(patch, path = "/api/v1/acts/{id}", tag = "acts", params(("id" = Uuid, Path)), request_body = ActChange,
    responses((status = 200, body = ActView), (status = 409, description = "act-frozen, act-not-editable, act-version-conflict")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("act.draft"))))]
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ActChange>,
) -> Result<Json<ActView>, AppError> {
    let saved = drafts::update(&state, &me, id, body).await?;
    Ok(Json(view(&saved, &me)?))
}
