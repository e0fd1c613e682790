//! The organisation tree (R-ORG-1): everyone sees their own subtree; administrators
//! add and rename organisations in it.

use super::views::{OrganizationView, optional_text, required_text};
use crate::auth::{CurrentUser, EntryExt};
use crate::error::ApiError;
use crate::extract::ApiJson;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use fito_core::{Action, Bin};
use fito_store::orgs::{self, NewOrganization, OrganizationChanges};
use fito_store::time::now_us;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

async fn org_in_scope(
    state: &AppState,
    me: &CurrentUser,
    id: Uuid,
    action: Action,
) -> Result<fito_store::entity::organization::Model, ApiError> {
    me.require(action)?;
    let org = orgs::get(state.store.reader(), id)
        .await?
        .ok_or_else(|| ApiError::not_found("organization-not-found"))?;
    me.require_in(action, Some(&org.path), "organization-not-found")?;
    Ok(org)
}

/// The caller's organisation and everything below it, in tree order.
#[utoipa::path(get, path = "/api/v1/organizations", tag = "organizations",
    responses((status = 200, body = Vec<OrganizationView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("org.read"))))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<Vec<OrganizationView>>, ApiError> {
    me.require(Action::OrgRead)?;
    let Some(path) = &me.org_path else {
        return Ok(Json(Vec::new()));
    };
    let found = orgs::list_subtree(state.store.reader(), path).await?;
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
) -> Result<Json<OrganizationView>, ApiError> {
    Ok(Json(
        org_in_scope(&state, &me, id, Action::OrgRead).await?.into(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateOrganizationRequest {
    /// The parent organisation, inside the caller's subtree.
    pub parent_id: Uuid,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: Option<String>,
    /// Business identification number, when the organisation is a legal entity.
    pub bin: Option<String>,
    /// Postal address, printed on the acts the organisation issues.
    pub address: Option<String>,
}

fn checked_bin(bin: Option<&str>) -> Result<Option<String>, ApiError> {
    match bin.map(str::trim).filter(|b| !b.is_empty()) {
        Some(b) => Ok(Some(Bin::parse(b)?.to_string())),
        None => Ok(None),
    }
}

#[utoipa::path(post, path = "/api/v1/organizations", tag = "organizations", request_body = CreateOrganizationRequest,
    responses((status = 201, body = OrganizationView)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("org.create"))))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<CreateOrganizationRequest>,
) -> Result<(StatusCode, Json<OrganizationView>), ApiError> {
    me.require(Action::OrgCreate)?;
    let parent_path = state.org_path(body.parent_id).await?;
    if parent_path.is_none() || !me.sees(parent_path.as_deref()) {
        return Err(ApiError::unprocessable("organization-not-found"));
    }
    let new = NewOrganization {
        id: fito_core::new_id(),
        parent_id: Some(body.parent_id),
        name_kk: required_text("name_kk", &body.name_kk, 300)?,
        name_ru: required_text("name_ru", &body.name_ru, 300)?,
        name_en: optional_text("name_en", body.name_en.as_deref(), 300)?,
        bin: checked_bin(body.bin.as_deref())?,
        address: optional_text("address", body.address.as_deref(), 500)?,
    };
    let txn = state.store.begin().await?;
    let org = orgs::insert(&txn, new, now_us()).await?;
    let entry = me
        .entry("org.create", Some("organization"), Some(org.id.to_string()))
        .details(json!({ "parent_id": body.parent_id }));
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(org.into())))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateOrganizationRequest {
    pub name_kk: Option<String>,
    pub name_ru: Option<String>,
    /// An empty string clears it.
    pub name_en: Option<String>,
    /// An empty string clears it.
    pub bin: Option<String>,
    /// An empty string clears it.
    pub address: Option<String>,
}

#[utoipa::path(patch, path = "/api/v1/organizations/{id}", tag = "organizations", params(("id" = Uuid, Path)),
    request_body = UpdateOrganizationRequest, responses((status = 200, body = OrganizationView)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("org.update"))))]
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<UpdateOrganizationRequest>,
) -> Result<Json<OrganizationView>, ApiError> {
    let current = org_in_scope(&state, &me, id, Action::OrgUpdate).await?;
    let changes = OrganizationChanges {
        name_kk: body
            .name_kk
            .as_deref()
            .map(|v| required_text("name_kk", v, 300))
            .transpose()?,
        name_ru: body
            .name_ru
            .as_deref()
            .map(|v| required_text("name_ru", v, 300))
            .transpose()?,
        name_en: body
            .name_en
            .as_deref()
            .map(|v| optional_text("name_en", Some(v), 300))
            .transpose()?,
        bin: body
            .bin
            .as_deref()
            .map(|v| checked_bin(Some(v)))
            .transpose()?,
        address: body
            .address
            .as_deref()
            .map(|v| optional_text("address", Some(v), 500))
            .transpose()?,
    };
    let fields: Vec<&str> = [
        ("name_kk", changes.name_kk.is_some()),
        ("name_ru", changes.name_ru.is_some()),
        ("name_en", changes.name_en.is_some()),
        ("bin", changes.bin.is_some()),
        ("address", changes.address.is_some()),
    ]
    .into_iter()
    .filter_map(|(f, set)| set.then_some(f))
    .collect();
    let txn = state.store.begin().await?;
    let org = orgs::update(&txn, current, changes, now_us()).await?;
    let entry = me
        .entry("org.update", Some("organization"), Some(id.to_string()))
        .details(json!({ "fields": fields }));
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok(Json(org.into()))
}
