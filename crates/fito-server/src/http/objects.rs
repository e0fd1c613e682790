//! `/api/v1/objects/{id}…`: registering and changing objects (R-OBJ-1), over
//! `app::objects`. Objects travel as GeoJSON Features (RFC 7946).

use crate::app::AppError;
use crate::app::objects::feature::ObjectFeature;
use crate::app::objects::{
    self, FeatureOut, ObjectChange, ObjectInput, VersionOnly, feature_value,
};
use crate::http::extract::ApiJson;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use crate::i18n::Lang;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use fito_store::objects::Object;
use fito_store::time::to_datetime;
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;
use uuid::Uuid;

/// A page of register objects as a GeoJSON FeatureCollection, as
/// [`collection_response`] writes it; `links` holds a `next` link when more follow.
#[derive(Serialize, ToSchema)]
pub(crate) struct ObjectCollection {
    #[serde(rename = "type")]
    kind: String,
    #[serde(rename = "numberReturned")]
    number_returned: usize,
    features: Vec<ObjectFeature>,
    links: Vec<Link>,
}

/// A link of a GeoJSON answer (`rel` is `next`).
#[derive(Serialize, ToSchema)]
pub(crate) struct Link {
    rel: String,
    href: String,
    #[serde(rename = "type")]
    media_type: String,
}

/// The object as a GeoJSON Feature, with one more property when `extra` names one.
pub(crate) fn feature(o: &Object, extra: Option<(&str, Value)>) -> Value {
    let mut value = feature_value(o);
    if let Some((key, extra)) = extra {
        value["properties"][key] = extra;
    }
    value
}

pub(crate) fn geojson_response(status: StatusCode, body: Value) -> Response {
    let mut response = (status, axum::Json(body)).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/geo+json"),
    );
    response
}

/// A FeatureCollection with a `next` link when more follow.
pub(crate) fn collection(features: Vec<Value>, next: Option<String>) -> Value {
    let mut links = Vec::new();
    if let Some(next) = next {
        links.push(json!({ "rel": "next", "href": next, "type": "application/geo+json" }));
    }
    json!({ "type": "FeatureCollection", "numberReturned": features.len(), "features": features, "links": links })
}

/// A FeatureCollection serialised in one pass from the rows (no JSON tree).
pub(crate) fn collection_response(objects: &[Object], next: Option<String>) -> Response {
    #[derive(Serialize)]
    struct Out<'a> {
        #[serde(rename = "type")]
        kind: &'static str,
        #[serde(rename = "numberReturned")]
        number_returned: usize,
        features: Vec<FeatureOut<'a>>,
        links: Vec<Value>,
    }
    let links = next
        .map(|href| json!({ "rel": "next", "href": href, "type": "application/geo+json" }))
        .into_iter()
        .collect();
    let out = Out {
        kind: "FeatureCollection",
        number_returned: objects.len(),
        features: objects.iter().map(FeatureOut::new).collect(),
        links,
    };
    match serde_json::to_vec(&out) {
        Ok(body) => {
            let mut response = (StatusCode::OK, body).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/geo+json"),
            );
            response
        }
        Err(_) => AppError::internal().into_response(),
    }
}

/// Geometry repairs, each with its message in the caller's language.
pub(crate) fn repairs_json(state: &AppState, lang: Lang, repairs: &[fito_geo::Repair]) -> Value {
    repairs
        .iter()
        .map(|r| json!({ "code": r.code(), "message": state.i18n.message(lang, r.code(), &r.fluent_args()) }))
        .collect()
}

/// Register an object.
#[utoipa::path(post, path = "/api/v1/objects", tag = "register", request_body = ObjectInput,
    responses((status = 201, body = ObjectFeature, content_type = "application/geo+json", description = "`repairs` lists fixes made to the geometry"),
        (status = 422, description = "geo-ring-self-intersects, object-type-unknown …")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("object.create"))))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<ObjectInput>,
) -> Result<Response, AppError> {
    let saved = objects::create(&state, &me, body).await?;
    let repairs = repairs_json(&state, me.meta.lang, &saved.repairs);
    let body = feature(&saved.object, Some(("repairs", repairs)));
    Ok(geojson_response(StatusCode::CREATED, body))
}

/// One object.
#[utoipa::path(get, path = "/api/v1/objects/{id}", tag = "register", params(("id" = Uuid, Path)),
    responses((status = 200, body = ObjectFeature, content_type = "application/geo+json"), (status = 404, description = "object-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("object.read"))))]
pub async fn get(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let o = objects::get(&state, &me, id).await?;
    Ok(geojson_response(StatusCode::OK, feature(&o, None)))
}

/// Change an object; every change is a new version (see history).
#[utoipa::path(patch, path = "/api/v1/objects/{id}", tag = "register", params(("id" = Uuid, Path)), request_body = ObjectChange,
    responses((status = 200, body = ObjectFeature, content_type = "application/geo+json"), (status = 409, description = "object-version-conflict")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("object.update"))))]
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ObjectChange>,
) -> Result<Response, AppError> {
    let saved = objects::update(&state, &me, id, body).await?;
    let repairs = repairs_json(&state, me.meta.lang, &saved.repairs);
    let body = feature(&saved.object, Some(("repairs", repairs)));
    Ok(geojson_response(StatusCode::OK, body))
}

/// Archive an object: it leaves the map but keeps its history.
#[utoipa::path(post, path = "/api/v1/objects/{id}/archive", tag = "register", params(("id" = Uuid, Path)), request_body = VersionOnly,
    responses((status = 200, body = ObjectFeature, content_type = "application/geo+json")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("object.archive"))))]
pub async fn archive(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<VersionOnly>,
) -> Result<Response, AppError> {
    let saved = objects::archive(&state, &me, id, body).await?;
    Ok(geojson_response(StatusCode::OK, feature(&saved, None)))
}

/// Bring an archived object back.
#[utoipa::path(post, path = "/api/v1/objects/{id}/restore", tag = "register", params(("id" = Uuid, Path)), request_body = VersionOnly,
    responses((status = 200, body = ObjectFeature, content_type = "application/geo+json")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("object.archive"))))]
pub async fn restore(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<VersionOnly>,
) -> Result<Response, AppError> {
    let saved = objects::restore(&state, &me, id, body).await?;
    Ok(geojson_response(StatusCode::OK, feature(&saved, None)))
}

#[derive(Serialize, ToSchema)]
pub struct VersionView {
    pub version: i64,
    /// create, update, archive or restore
    pub change: String,
    pub changed_at: chrono::DateTime<chrono::Utc>,
    pub changed_by: Option<Uuid>,
    /// Who made it: surname and first name (none once erased).
    pub changed_by_name: Option<String>,
    /// Why (archive, restore), when given.
    pub reason: Option<String>,
    /// The object as it was after this change (GeoJSON Feature).
    #[schema(value_type = Object)]
    pub object: Value,
}

/// Every version of an object, oldest first.
#[utoipa::path(get, path = "/api/v1/objects/{id}/history", tag = "register", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<VersionView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("object.read"))))]
pub async fn history(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<axum::Json<Vec<VersionView>>, AppError> {
    let versions = objects::history(&state, &me, id).await?;
    Ok(axum::Json(
        versions
            .into_iter()
            .map(|(v, by)| VersionView {
                version: v.version,
                change: v.change,
                changed_at: to_datetime(v.changed_at),
                changed_by: v.changed_by,
                changed_by_name: by,
                reason: v.reason,
                object: serde_json::from_str(&v.snapshot).unwrap_or(Value::Null),
            })
            .collect(),
    ))
}
