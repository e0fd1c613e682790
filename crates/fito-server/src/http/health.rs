//! Liveness, readiness (R-OPS-2) and the OpenAPI document.

use crate::app::AppError;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::State;
use serde::Serialize;
use serde_json::json;
use std::sync::Arc;
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct Health {
    pub status: &'static str,
}

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "operations", responses((status = 200, body = Health)),
    extensions(("x-fito-action" = json!("public"))))]
pub async fn healthz() -> Json<Health> {
    Json(Health { status: "ok" })
}

/// The process can serve: the database answers.
#[utoipa::path(get, path = "/readyz", tag = "operations",
    responses((status = 200, body = Health), (status = 503, description = "service-unavailable")),
    extensions(("x-fito-action" = json!("public"))))]
pub async fn readyz(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    state
        .store
        .ping()
        .await
        .map_err(|_| AppError::unavailable())?;
    Ok(Json(Health { status: "ready" }))
}

pub async fn openapi(api: Arc<utoipa::openapi::OpenApi>) -> Json<serde_json::Value> {
    Json(serde_json::to_value(api.as_ref()).unwrap_or_else(|_| json!({})))
}
