//! `/api/v1/samples`: laboratory samples from field to result (issue 14), over
//! `app::samples`.

use super::views::{Disposition, file_response};
use crate::app::AppError;
use crate::app::samples::{
    self, FindingResultView, ReferInput, ResultInput, SampleView, TakeInput, VersionInput,
};
use crate::http::extract::{ApiJson, ApiQuery};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct SampleQuery {
    /// taken, sent, received or result
    pub status: Option<String>,
    pub survey_id: Option<Uuid>,
    /// Only referrals older than the configured days with no result yet.
    pub overdue: Option<bool>,
}

/// Samples of the caller's subtree, newest first.
#[utoipa::path(get, path = "/api/v1/samples", tag = "samples", params(SampleQuery),
    responses((status = 200, body = Vec<SampleView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("sample.read"))))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<SampleQuery>,
) -> Result<Json<Vec<SampleView>>, AppError> {
    let overdue = q.overdue.unwrap_or(false);
    let found = samples::list(&state, &me, q.status.as_deref(), q.survey_id, overdue).await?;
    Ok(Json(found.iter().map(SampleView::from).collect()))
}

/// Record a sample taken with a finding (the field app's id; a repeat is answered
/// with the stored sample).
#[utoipa::path(post, path = "/api/v1/samples", tag = "samples", request_body = TakeInput,
    responses((status = 201, body = SampleView), (status = 409, description = "sample-number-taken")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("sample.take"))))]
pub async fn take(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<TakeInput>,
) -> Result<(StatusCode, Json<SampleView>), AppError> {
    let s = samples::take(&state, &me, body).await?;
    Ok((StatusCode::CREATED, Json(SampleView::from(&s))))
}

#[utoipa::path(get, path = "/api/v1/samples/{id}", tag = "samples", params(("id" = Uuid, Path)),
    responses((status = 200, body = SampleView), (status = 404, description = "sample-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("sample.read"))))]
pub async fn get(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<SampleView>, AppError> {
    let s = samples::get(&state, &me, id).await?;
    Ok(Json(SampleView::from(&s)))
}

/// Refer a taken sample to a laboratory (an organisation or a laboratory object).
#[utoipa::path(post, path = "/api/v1/samples/{id}/refer", tag = "samples", params(("id" = Uuid, Path)),
    request_body = ReferInput, responses((status = 200, body = SampleView)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("sample.refer"))))]
pub async fn refer(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ReferInput>,
) -> Result<Json<SampleView>, AppError> {
    let s = samples::refer(&state, &me, id, body).await?;
    Ok(Json(SampleView::from(&s)))
}

/// The laboratory received the sample.
#[utoipa::path(post, path = "/api/v1/samples/{id}/receive", tag = "samples", params(("id" = Uuid, Path)),
    request_body = VersionInput, responses((status = 200, body = SampleView)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("sample.receive"))))]
pub async fn receive(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<VersionInput>,
) -> Result<Json<SampleView>, AppError> {
    let s = samples::receive(&state, &me, id, body).await?;
    Ok(Json(SampleView::from(&s)))
}

/// Enter the laboratory's result; it confirms the finding or marks it not confirmed.
#[utoipa::path(post, path = "/api/v1/samples/{id}/result", tag = "samples", params(("id" = Uuid, Path)),
    request_body = ResultInput, responses((status = 200, body = SampleView),
        (status = 422, description = "sample-organism-unknown, sample-report-invalid")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("sample.result"))))]
pub async fn result(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ResultInput>,
) -> Result<Json<SampleView>, AppError> {
    let s = samples::enter_result(&state, &me, id, body).await?;
    Ok(Json(SampleView::from(&s)))
}

/// What the laboratory said of the survey's findings.
#[utoipa::path(get, path = "/api/v1/surveys/{id}/lab-results", tag = "samples", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<FindingResultView>)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("sample.read"))))]
pub async fn finding_results(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<FindingResultView>>, AppError> {
    let found = samples::finding_results(&state, &me, id).await?;
    Ok(Json(found.into_iter().map(Into::into).collect()))
}

/// The sample's label to print: a small PDF page with the number, what was taken,
/// when and where, and a QR code of the sample's id and number.
#[utoipa::path(get, path = "/api/v1/samples/{id}/label", tag = "samples", params(("id" = Uuid, Path)),
    responses((status = 200, description = "application/pdf"), (status = 404, description = "sample-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("sample.read"))))]
pub async fn label(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let bytes = samples::label(&state, &me, id).await?;
    Ok(file_response(
        bytes.into_response(),
        "application/pdf",
        "sample-label.pdf",
        Disposition::Inline,
    ))
}
