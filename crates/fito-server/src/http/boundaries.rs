//! `/api/v1/reference/admin-units/boundaries`: boundaries of administrative units
//! (issue 13), over `app::boundaries`.

use crate::app::AppError;
use crate::app::boundaries::{self, BoundariesLoaded, BoundariesState, BoundaryFile};
use crate::http::extract::{ApiQuery, file_bytes, media_type};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct BoundaryQuery {
    /// geojson, kml or shapefile (zip); otherwise from Content-Type and content.
    pub format: Option<String>,
    /// The attribute holding the KATO code; by default `kato`, `kato_code`,
    /// `kato_te` or `te`, whichever a feature has (case-insensitive).
    pub key: Option<String>,
}

/// Load boundaries of administrative units: one polygon per KATO code, all or none.
#[utoipa::path(post, path = "/api/v1/reference/admin-units/boundaries", tag = "reference",
    params(BoundaryQuery),
    request_body(content = Vec<u8>, description = "GeoJSON, KML or zipped Shapefile; each feature a polygon with a KATO code"),
    responses((status = 201, body = BoundariesLoaded),
        (status = 415, description = "import-file-image, import-file-binary, import-format-mismatch"),
        (status = 422, description = "geo-…, boundary-key-missing, boundary-kato-invalid, boundary-unit-unknown, boundary-not-polygon, boundary-duplicate, naming the feature")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("reference.manage"))))]
pub async fn import(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<BoundaryQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<BoundariesLoaded>), AppError> {
    let file = BoundaryFile {
        format: q.format,
        media_type: media_type(&headers),
        key: q.key,
        bytes: file_bytes(body, state.config.max_import_bytes),
    };
    let loaded = boundaries::import(&state, &me, file).await?;
    Ok((StatusCode::CREATED, Json(loaded)))
}

/// How many boundaries are loaded.
#[utoipa::path(get, path = "/api/v1/reference/admin-units/boundaries", tag = "reference",
    responses((status = 200, body = BoundariesState)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("reference.read"))))]
pub async fn state(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<BoundariesState>, AppError> {
    Ok(Json(boundaries::state(&state, &me).await?))
}
