//! `/api/v1/zones`: quarantine zones from proposal to lifting (issue 14), over
//! `app::zones`.

use super::documents::{self, DocumentView, UploadQuery};
use super::objects::collection_response;
use super::views::{Disposition, file_response};
use crate::app::AppError;
use crate::app::zones::{
    self, EstablishInput, LiftingBasis, ProposeInput, StepInput, ZoneVersionView, ZoneView,
};
use crate::http::extract::{ApiJson, ApiQuery};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;
use uuid::Uuid;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ZoneQuery {
    /// proposed, established, lifted or withdrawn
    pub status: Option<String>,
    /// west,south,east,north in degrees (WGS 84): zones meeting this box.
    pub bbox: Option<String>,
}

/// Zones of the caller's subtree, oldest first.
#[utoipa::path(get, path = "/api/v1/zones", tag = "zones", params(ZoneQuery),
    responses((status = 200, body = Vec<ZoneView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("zone.read"))))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ZoneQuery>,
) -> Result<Json<Vec<ZoneView>>, AppError> {
    let found = zones::list(&state, &me, q.status.as_deref(), q.bbox.as_deref()).await?;
    Ok(Json(found.iter().map(ZoneView::from).collect()))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ZoneExportQuery {
    /// geojson (the default), kml or shapefile (a zip).
    pub format: Option<String>,
    /// proposed, established, lifted or withdrawn
    pub status: Option<String>,
    /// west,south,east,north in degrees (WGS 84): zones meeting this box.
    pub bbox: Option<String>,
}

/// Zones of the caller's subtree as a GIS file: a GeoJSON FeatureCollection (every
/// field as properties), KML, or a zipped Shapefile.
#[utoipa::path(get, path = "/api/v1/zones/export", tag = "zones", params(ZoneExportQuery),
    responses((status = 200, description = "GeoJSON, KML or zipped Shapefile"),
        (status = 400, description = "export-format-unknown")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("zone.read"))))]
pub async fn export(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ZoneExportQuery>,
) -> Result<Response, AppError> {
    let file = zones::export(
        &state,
        &me,
        q.format.as_deref(),
        q.status.as_deref(),
        q.bbox.as_deref(),
    )
    .await?;
    let (media_type, name) = (file.format.content_type(), file.file_name());
    Ok(file_response(
        file.bytes.into_response(),
        media_type,
        name,
        Disposition::Attachment,
    ))
}

/// Propose a zone: organisms, boundary (buffer around foci, drawn or imported),
/// basis and regime. The Heads and inspectors concerned are notified.
#[utoipa::path(post, path = "/api/v1/zones", tag = "zones", request_body = ProposeInput,
    responses((status = 201, body = ZoneView), (status = 422, description = "zone-organism-unknown, zone-basis-empty, zone-foci-empty, …")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("zone.propose"))))]
pub async fn propose(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<ProposeInput>,
) -> Result<(StatusCode, Json<ZoneView>), AppError> {
    let z = zones::propose(&state, &me, body).await?;
    Ok((StatusCode::CREATED, Json(ZoneView::from(&z))))
}

#[utoipa::path(get, path = "/api/v1/zones/{id}", tag = "zones", params(("id" = Uuid, Path)),
    responses((status = 200, body = ZoneView), (status = 404, description = "zone-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("zone.read"))))]
pub async fn get(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<ZoneView>, AppError> {
    let z = zones::get(&state, &me, id).await?;
    Ok(Json(ZoneView::from(&z)))
}

/// Every version of the zone, oldest first (a lifted zone keeps its history).
#[utoipa::path(get, path = "/api/v1/zones/{id}/history", tag = "zones", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<ZoneVersionView>)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("zone.read"))))]
pub async fn history(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<ZoneVersionView>>, AppError> {
    let versions = zones::history(&state, &me, id).await?;
    Ok(Json(versions.into_iter().map(Into::into).collect()))
}

/// The registered objects of the caller's subtree inside the zone (GeoJSON).
#[utoipa::path(get, path = "/api/v1/zones/{id}/objects", tag = "zones", params(("id" = Uuid, Path)),
    responses((status = 200, description = "GeoJSON FeatureCollection")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("zone.read"))))]
pub async fn objects(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let inside = zones::objects_inside(&state, &me, id).await?;
    Ok(collection_response(&inside, None))
}

/// The zones an object lies in, any status.
#[utoipa::path(get, path = "/api/v1/objects/{id}/zones", tag = "zones", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<ZoneView>)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("zone.read"))))]
pub async fn of_object(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<ZoneView>>, AppError> {
    let found = zones::of_object(&state, &me, id).await?;
    Ok(Json(found.iter().map(ZoneView::from).collect()))
}

/// The zones a survey was made in (its points or its object), any status.
#[utoipa::path(get, path = "/api/v1/surveys/{id}/zones", tag = "zones", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<ZoneView>)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("zone.read"))))]
pub async fn of_survey(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<ZoneView>>, AppError> {
    let found = zones::of_survey(&state, &me, id).await?;
    Ok(Json(found.iter().map(ZoneView::from).collect()))
}

/// The evidence for lifting: surveys of the zone's objects since establishment, and
/// what is missing.
#[utoipa::path(get, path = "/api/v1/zones/{id}/lifting-basis", tag = "zones", params(("id" = Uuid, Path)),
    responses((status = 200, body = LiftingBasis)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("zone.read"))))]
pub async fn lifting_basis(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<LiftingBasis>, AppError> {
    Ok(Json(zones::lifting_basis(&state, &me, id).await?))
}

/// Establish a proposed zone by a decision (its PDF attached to the zone first).
#[utoipa::path(post, path = "/api/v1/zones/{id}/establish", tag = "zones", params(("id" = Uuid, Path)),
    request_body = EstablishInput, responses((status = 200, body = ZoneView),
        (status = 409, description = "zone-step-not-allowed, zone-version-conflict")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("zone.establish"))))]
pub async fn establish(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<EstablishInput>,
) -> Result<Json<ZoneView>, AppError> {
    let z = zones::establish(&state, &me, id, body).await?;
    Ok(Json(ZoneView::from(&z)))
}

/// Attach the establishing decision's PDF to a proposed zone (the Head who
/// establishes it): the raw file as the body; then `establish` names it.
#[utoipa::path(post, path = "/api/v1/zones/{id}/decision", tag = "zones",
    params(("id" = Uuid, Path), UploadQuery),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = DocumentView),
        (status = 409, description = "zone-step-not-allowed"),
        (status = 415, description = "document-image-refused, document-type-unsupported")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("zone.establish"))))]
pub async fn attach_decision(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiQuery(q): ApiQuery<UploadQuery>,
    body: Body,
) -> Result<(StatusCode, Json<DocumentView>), AppError> {
    let content = body.into_data_stream();
    let saved = zones::attach_decision(&state, &me, id, &q.name, content).await?;
    Ok((StatusCode::CREATED, Json(documents::view(saved))))
}

/// Lift an established zone; refused (422 zone-lift-basis-missing) without evidence.
#[utoipa::path(post, path = "/api/v1/zones/{id}/lift", tag = "zones", params(("id" = Uuid, Path)),
    request_body = StepInput, responses((status = 200, body = ZoneView),
        (status = 422, description = "zone-lift-basis-missing")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("zone.lift"))))]
pub async fn lift(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<StepInput>,
) -> Result<Json<ZoneView>, AppError> {
    let z = zones::lift(&state, &me, id, body).await?;
    Ok(Json(ZoneView::from(&z)))
}

/// Withdraw a proposed zone, saying why.
#[utoipa::path(post, path = "/api/v1/zones/{id}/withdraw", tag = "zones", params(("id" = Uuid, Path)),
    request_body = StepInput, responses((status = 200, body = ZoneView)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("zone.withdraw"))))]
pub async fn withdraw(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<StepInput>,
) -> Result<Json<ZoneView>, AppError> {
    let z = zones::withdraw(&state, &me, id, body).await?;
    Ok(Json(ZoneView::from(&z)))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ZoneDocumentQuery {
    /// proposal, or decision (the annex to the establishing decision)
    pub kind: String,
    /// kk or ru; the reader's language when it is one of them, else kk.
    pub lang: Option<String>,
}

/// The zone's proposal or decision annex as PDF: the boundary drawn as an outline,
/// the objects inside and the regime, in Kazakh or Russian.
#[utoipa::path(get, path = "/api/v1/zones/{id}/document", tag = "zones",
    params(("id" = Uuid, Path), ZoneDocumentQuery),
    responses((status = 200, description = "application/pdf"),
        (status = 409, description = "zone-document-no-decision")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("zone.read"))))]
pub async fn document(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiQuery(q): ApiQuery<ZoneDocumentQuery>,
) -> Result<Response, AppError> {
    let kind = zones::DocumentKind::parse(&q.kind)?;
    let bytes = zones::document(&state, &me, id, kind, q.lang.as_deref()).await?;
    let name = format!("zone-{}.pdf", kind.name());
    Ok(file_response(
        bytes.into_response(),
        "application/pdf",
        &name,
        Disposition::Inline,
    ))
}
