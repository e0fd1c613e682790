//! `/api/v1/reference/…`: reference data (R-OBJ-2), over `app::reference`.

use crate::app::AppError;
use crate::app::reference::{
    self, AdminUnitView, CropView, Lookup, ObjectTypeView, OrganismView, Put,
};
use crate::http::extract::{ApiJson, ApiQuery};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReferenceQuery {
    /// Part of a code or of a name in any language, case-insensitive.
    pub q: Option<String>,
    /// organisms: pest, disease or weed.
    pub kind: Option<String>,
    /// organisms: absent, limited (EAEU list), regulated_non_quarantine, other.
    pub category: Option<String>,
    /// admin-units: region, city_republican, district, city_regional.
    pub level: Option<String>,
    /// admin-units: the KATO code of the parent unit.
    pub parent: Option<String>,
    /// Also list retired entries.
    #[serde(default)]
    pub include_retired: bool,
}

impl From<ReferenceQuery> for Lookup {
    fn from(q: ReferenceQuery) -> Self {
        Lookup {
            q: q.q,
            kind: q.kind,
            category: q.category,
            level: q.level,
            parent: q.parent,
            include_retired: q.include_retired,
        }
    }
}

/// 201 for a new entry, 200 for a changed one.
fn answer<T, V: From<T>>(put: Put<T>) -> (StatusCode, Json<V>) {
    let status = if put.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    (status, Json(V::from(put.entry)))
}

fn views<T, V: From<T>>(entries: Vec<T>) -> Json<Vec<V>> {
    Json(entries.into_iter().map(V::from).collect())
}

#[utoipa::path(get, path = "/api/v1/reference/organisms", tag = "reference", params(ReferenceQuery),
    responses((status = 200, body = Vec<OrganismView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("reference.read"))))]
pub async fn organisms(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ReferenceQuery>,
) -> Result<Json<Vec<OrganismView>>, AppError> {
    Ok(views(reference::organisms(&state, &me, &q.into()).await?))
}

#[utoipa::path(put, path = "/api/v1/reference/organisms/{code}", tag = "reference", params(("code" = String, Path, description = "EPPO code")),
    request_body = OrganismView, responses((status = 200, body = OrganismView), (status = 201, body = OrganismView)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("reference.manage"))))]
pub async fn put_organism(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(code): Path<String>,
    ApiJson(body): ApiJson<OrganismView>,
) -> Result<(StatusCode, Json<OrganismView>), AppError> {
    Ok(answer(
        reference::put_organism(&state, &me, &code, body).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/reference/crops", tag = "reference", params(ReferenceQuery),
    responses((status = 200, body = Vec<CropView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("reference.read"))))]
pub async fn crops(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ReferenceQuery>,
) -> Result<Json<Vec<CropView>>, AppError> {
    Ok(views(reference::crops(&state, &me, &q.into()).await?))
}

#[utoipa::path(put, path = "/api/v1/reference/crops/{code}", tag = "reference", params(("code" = String, Path)),
    request_body = CropView, responses((status = 200, body = CropView), (status = 201, body = CropView)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("reference.manage"))))]
pub async fn put_crop(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(code): Path<String>,
    ApiJson(body): ApiJson<CropView>,
) -> Result<(StatusCode, Json<CropView>), AppError> {
    Ok(answer(reference::put_crop(&state, &me, &code, body).await?))
}

#[utoipa::path(get, path = "/api/v1/reference/object-types", tag = "reference", params(ReferenceQuery),
    responses((status = 200, body = Vec<ObjectTypeView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("reference.read"))))]
pub async fn object_types(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ReferenceQuery>,
) -> Result<Json<Vec<ObjectTypeView>>, AppError> {
    Ok(views(
        reference::object_types(&state, &me, &q.into()).await?,
    ))
}

#[utoipa::path(put, path = "/api/v1/reference/object-types/{code}", tag = "reference", params(("code" = String, Path)),
    request_body = ObjectTypeView, responses((status = 200, body = ObjectTypeView), (status = 201, body = ObjectTypeView)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("reference.manage"))))]
pub async fn put_object_type(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(code): Path<String>,
    ApiJson(body): ApiJson<ObjectTypeView>,
) -> Result<(StatusCode, Json<ObjectTypeView>), AppError> {
    Ok(answer(
        reference::put_object_type(&state, &me, &code, body).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/reference/admin-units", tag = "reference", params(ReferenceQuery),
    responses((status = 200, body = Vec<AdminUnitView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("reference.read"))))]
pub async fn admin_units(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ReferenceQuery>,
) -> Result<Json<Vec<AdminUnitView>>, AppError> {
    Ok(views(reference::admin_units(&state, &me, &q.into()).await?))
}

#[utoipa::path(put, path = "/api/v1/reference/admin-units/{kato}", tag = "reference", params(("kato" = String, Path)),
    request_body = AdminUnitView, responses((status = 200, body = AdminUnitView), (status = 201, body = AdminUnitView)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("reference.manage"))))]
pub async fn put_admin_unit(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(kato): Path<String>,
    ApiJson(body): ApiJson<AdminUnitView>,
) -> Result<(StatusCode, Json<AdminUnitView>), AppError> {
    Ok(answer(
        reference::put_admin_unit(&state, &me, &kato, body).await?,
    ))
}
