//! `/api/v1/objects`, `/objects/at`, `/objects/nearest`, `/objects/{id}/buffer`:
//! spatial questions on the register (R-GEO-1), over `app::objects::spatial`.

use super::objects::ObjectCollection;
use super::objects::{collection, collection_response, feature, geojson_response};
use crate::app::AppError;
use crate::app::objects::feature::ObjectFeature;
use crate::app::objects::{self, BufferRequest, Filters};
use crate::http::extract::{ApiJson, ApiQuery};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;
use uuid::Uuid;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// west,south,east,north in degrees (WGS 84).
    pub bbox: Option<String>,
    #[serde(rename = "type")]
    pub type_code: Option<String>,
    /// active (default) or archived
    pub status: Option<String>,
    pub crop: Option<String>,
    /// KATO code: objects of this unit and the units below it.
    pub kato: Option<String>,
    /// EPPO code: objects where a survey found this organism.
    pub organism: Option<String>,
    /// Continue after this cursor (from the `next` link).
    pub after: Option<i64>,
    /// At most 10,000; 1,000 by default.
    pub limit: Option<u64>,
}

impl ListQuery {
    fn filters(&self) -> Filters {
        Filters {
            bbox: self.bbox.clone(),
            type_code: self.type_code.clone(),
            status: self.status.clone(),
            crop: self.crop.clone(),
            kato: self.kato.clone(),
            organism: self.organism.clone(),
        }
    }

    /// The link to the page after row `rid`, with this query's filters.
    fn next(&self, rid: i64, limit: u64) -> String {
        let mut link = format!("/api/v1/objects?after={rid}&limit={limit}");
        for (k, v) in [
            ("bbox", &self.bbox),
            ("type", &self.type_code),
            ("status", &self.status),
            ("crop", &self.crop),
            ("kato", &self.kato),
        ] {
            if let Some(v) = v {
                link.push_str(&format!(
                    "&{k}={}",
                    form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>()
                ));
            }
        }
        link
    }
}

/// Objects of the caller's subtree in a bounding box, filtered, as a GeoJSON
/// FeatureCollection, paged by a `next` link.
#[utoipa::path(get, path = "/api/v1/objects", tag = "register", params(ListQuery),
    responses((status = 200, body = ObjectCollection, content_type = "application/geo+json")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("object.read"))))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Response, AppError> {
    let page = objects::list(&state, &me, &q.filters(), q.after, q.limit).await?;
    let next = page.next_after.map(|rid| q.next(rid, page.limit));
    Ok(collection_response(&page.objects, next))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct PointQuery {
    pub lon: f64,
    pub lat: f64,
    /// nearest: how many (1–50, default 5).
    pub n: Option<usize>,
}

/// "Which registered object am I standing in": active objects containing the point
/// (the boundary counts as inside).
#[utoipa::path(get, path = "/api/v1/objects/at", tag = "register", params(PointQuery),
    responses((status = 200, body = ObjectCollection, content_type = "application/geo+json")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("object.read"))))]
pub async fn at(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<PointQuery>,
) -> Result<Response, AppError> {
    let inside = objects::at(&state, &me, q.lon, q.lat).await?;
    let features = inside.iter().map(|o| feature(o, None)).collect();
    Ok(geojson_response(StatusCode::OK, collection(features, None)))
}

/// The N active objects nearest to a point, by geodesic distance (metres, 0 when
/// inside), nearest first.
#[utoipa::path(get, path = "/api/v1/objects/nearest", tag = "register", params(PointQuery),
    responses((status = 200, body = ObjectCollection, content_type = "application/geo+json", description = "each feature has `distance_m`")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("object.read"))))]
pub async fn nearest(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<PointQuery>,
) -> Result<Response, AppError> {
    let best = objects::nearest(&state, &me, q.lon, q.lat, q.n).await?;
    let features = best
        .iter()
        .map(|(d, o)| feature(o, Some(("distance_m", json!(d.round())))))
        .collect();
    Ok(geojson_response(StatusCode::OK, collection(features, None)))
}

/// Make a quarantine zone: the object's geometry grown by R km (geodesic), stored
/// as a new `quarantine_zone` object of the same organisation.
#[utoipa::path(post, path = "/api/v1/objects/{id}/buffer", tag = "register", params(("id" = Uuid, Path)), request_body = BufferRequest,
    responses((status = 201, body = ObjectFeature, content_type = "application/geo+json", description = "the new zone")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("object.create"))))]
pub async fn buffer(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<BufferRequest>,
) -> Result<Response, AppError> {
    let zone = objects::buffer(&state, &me, id, body).await?;
    Ok(geojson_response(StatusCode::CREATED, feature(&zone, None)))
}
