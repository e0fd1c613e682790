//! `/api/v1/tiles/{layer}/{z}/{x}/{y}.mvt` and `/api/v1/tiles/{layer}` (TileJSON):
//! the register as Mapbox Vector Tiles (issue 16), over `app::tiles`.

use crate::app::AppError;
use crate::app::tiles::{self, TileAddress, TileAnswer, TileFilters, TileJson};
use crate::http::extract::ApiQuery;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// One tile: `application/vnd.mapbox-vector-tile`, with an ETag; 304 when the
/// `If-None-Match` names it. Objects, findings or zones of the caller's subtree only.
#[utoipa::path(get, path = "/api/v1/tiles/{layer}/{z}/{x}/{y}", tag = "register",
    params(("layer" = String, Path, description = "objects, findings or zones"), ("z" = u32, Path), ("x" = u32, Path),
        ("y" = String, Path, description = "the row followed by .mvt, e.g. 83.mvt"), TileFilters),
    responses((status = 200, description = "Mapbox Vector Tile 2.1", content_type = "application/vnd.mapbox-vector-tile"),
        (status = 304, description = "Not modified")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("object.read"))))]
pub async fn tile(
    State(state): State<AppState>,
    me: CurrentUser,
    Path((layer, z, x, y)): Path<(String, u32, u32, String)>,
    ApiQuery(filters): ApiQuery<TileFilters>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let y = y.strip_suffix(".mvt").and_then(|y| y.parse().ok());
    let y = y.ok_or_else(|| AppError::not_found("tile-not-found"))?;
    let inm = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok());
    let at = TileAddress { z, x, y };
    let answer = tiles::tile(&state, &me, &layer, at, &filters, inm).await?;
    let cache = (header::CACHE_CONTROL, "private, no-cache");
    Ok(match answer {
        TileAnswer::Tile { bytes, etag } => {
            let kind = (header::CONTENT_TYPE, "application/vnd.mapbox-vector-tile");
            (StatusCode::OK, [kind, cache], [(header::ETAG, etag)], bytes).into_response()
        }
        TileAnswer::NotModified { etag } => {
            (StatusCode::NOT_MODIFIED, [cache], [(header::ETAG, etag)]).into_response()
        }
    })
}

/// The TileJSON 3.0.0 description of a layer; its tile URL carries the filters given.
/// It holds no register data (the tiles it names are checked), so any signed-in caller.
#[utoipa::path(get, path = "/api/v1/tiles/{layer}", tag = "register",
    params(("layer" = String, Path, description = "objects, findings or zones"), TileFilters),
    responses((status = 200, description = "TileJSON", body = TileJson)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("self"))))]
pub async fn tilejson(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(layer): Path<String>,
    ApiQuery(filters): ApiQuery<TileFilters>,
) -> Result<Json<TileJson>, AppError> {
    Ok(Json(tiles::tilejson(&state, &me, &layer, &filters).await?))
}
