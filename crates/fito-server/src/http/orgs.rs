//! `/api/v1/organizations`: the organisation tree (R-ORG-1), over `app::orgs`.

use super::views::OrganizationView;
use crate::app::AppError;
use crate::app::orgs::{self, CreateOrganizationRequest, UpdateOrganizationRequest};
use crate::http::extract::ApiJson;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use fito_core::Action;
use uuid::Uuid;

/// The caller's organisation and everything below it, in tree order.
#[utoipa::path(get, path = "/api/v1/organizations", tag = "organizations",
    responses((status = 200, body = Vec<OrganizationView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("org.read"))))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<Vec<OrganizationView>>, AppError> {
    let found = orgs::list(&state, &me).await?;
    Ok(Json(
        found.into_iter().map(OrganizationView::from).collect(),
    ))
}

#[utoipa::path(get, path = "/api/v1/organizations/{id}", tag = "organizations", params(("id" = Uuid, Path)),
    responses((status = 200, body = OrganizationView), (status = 404, description = "organization-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("org.read"))))]
pub async fn get(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<OrganizationView>, AppError> {
    let org = orgs::in_scope(&state, &me, id, Action::OrgRead).await?;
    Ok(Json(org.into()))
}

#[utoipa::path(post, path = "/api/v1/organizations", tag = "organizations", request_body = CreateOrganizationRequest,
    responses((status = 201, body = OrganizationView)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("org.create"))))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<CreateOrganizationRequest>,
) -> Result<(StatusCode, Json<OrganizationView>), AppError> {
    let org = orgs::create(&state, &me, body).await?;
    Ok((StatusCode::CREATED, Json(org.into())))
}

#[utoipa::path(patch, path = "/api/v1/organizations/{id}", tag = "organizations", params(("id" = Uuid, Path)),
    request_body = UpdateOrganizationRequest, responses((status = 200, body = OrganizationView)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("org.update"))))]
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<UpdateOrganizationRequest>,
) -> Result<Json<OrganizationView>, AppError> {
    let org = orgs::update(&state, &me, id, body).await?;
    Ok(Json(org.into()))
}
