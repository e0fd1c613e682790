//! OGC API – Features, Part 1 (Core, OpenAPI 3.0, GeoJSON), over the register of
//! phytosanitary objects (R-GEO-1), so QGIS and GDAL read the layers directly. JSON
//! only; behind the same sign-in as the rest of the API (bearer token or cookie).
//!
//! Collections: `objects` (every active object), `zones` (the quarantine zones of
//! every status, issue 14; `zone.read`) and one per active object type, named by
//! its code. Items are the active objects of the caller's subtree
//! (`object.read`, journalled like the register's list). The landing page,
//! conformance and collections reveal only the object-type reference list, so they
//! ask `reference.read` (system-wide, like the reference endpoints).
//!
//! Paging: `limit` and `offset` as the standard says, with the order fixed by the
//! row id. A `next` link also carries `after`, the row id of the page's last
//! feature: with it the server continues by keyset (an index range, however deep
//! the page) and `offset` only reports the position. Without `after` the server
//! skips `offset` matching features from the start, which is correct but costs
//! the skipped rows. The bounding-box index prefilters; fito-geo keeps only the
//! objects whose geometry really meets the box. `numberMatched` is one SQL count,
//! given where it is exact and asked for once: without `bbox` (with one, every
//! match would need its geometry tested) and not on pages reached by the cursor.

use super::objects::ObjectCollection;
use super::objects::{feature, geojson_response};
use crate::app::AppError;
use crate::app::objects::feature::ObjectFeature;
use crate::app::objects::ogc::{self, Collection, Found, Items};
use crate::app::zones;
use crate::http::extract::ApiQuery;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::IntoParams;

pub const CONFORMANCE: [&str; 3] = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
];
const CRS84: &str = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
const JSON: &str = "application/json";
const GEOJSON: &str = "application/geo+json";

/// The absolute address links start with, from the request's `Host` (and, behind
/// a trusted proxy, `X-Forwarded-Proto`); relative links when the host looks odd.
fn base_url(headers: &HeaderMap, trust_proxy: bool) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|h| {
            !h.is_empty()
                && h.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-.:[]_".contains(&b))
        });
    let https = trust_proxy
        && headers
            .get("x-forwarded-proto")
            .is_some_and(|v| v.as_bytes() == b"https");
    match host {
        Some(h) => format!("{}://{h}", if https { "https" } else { "http" }),
        None => String::new(),
    }
}

fn link(rel: &str, kind: &str, href: String, title: Option<&str>) -> Value {
    let mut l = json!({ "rel": rel, "type": kind, "href": href });
    if let Some(t) = title {
        l["title"] = json!(t);
    }
    l
}

fn collection_json(c: &Collection, base: &str) -> Value {
    let href = format!("{base}/ogc/collections/{}", c.id);
    json!({
        "id": c.id,
        "title": c.title,
        "description": c.description,
        "itemType": "feature",
        "extent": { "spatial": { "bbox": [fito_geo::KAZAKHSTAN_EXTENT], "crs": CRS84 } },
        "crs": [CRS84],
        "storageCrs": CRS84,
        "links": [
            link("self", JSON, href.clone(), Some(&c.title)),
            link("items", GEOJSON, format!("{href}/items"), Some(&c.title)),
        ],
    })
}

/// The landing page: what the service is and where its parts are.
#[utoipa::path(get, path = "/ogc", tag = "ogc",
    responses((status = 200, description = "OGC API – Features landing page")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("reference.read"))))]
pub async fn landing(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
) -> Result<Json<Value>, AppError> {
    ogc::open(&me)?;
    let base = base_url(&headers, state.config.trust_proxy);
    let lang = me.meta.lang;
    Ok(Json(json!({
        "title": state.i18n.message(lang, "ogc-landing-title", &[]),
        "description": state.i18n.message(lang, "ogc-landing-description", &[]),
        "links": [
            link("self", JSON, format!("{base}/ogc"), None),
            link("service-desc", "application/vnd.oai.openapi+json;version=3.1", format!("{base}/api/openapi.json"), None),
            link("conformance", JSON, format!("{base}/ogc/conformance"), None),
            link("data", JSON, format!("{base}/ogc/collections"), None),
        ],
    })))
}

/// The conformance classes the service implements.
#[utoipa::path(get, path = "/ogc/conformance", tag = "ogc",
    responses((status = 200, description = "conformsTo")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("reference.read"))))]
pub async fn conformance(me: CurrentUser) -> Result<Json<Value>, AppError> {
    ogc::open(&me)?;
    Ok(Json(json!({ "conformsTo": CONFORMANCE })))
}

/// The layers: all objects, and one per active object type.
#[utoipa::path(get, path = "/ogc/collections", tag = "ogc",
    responses((status = 200, description = "OGC collections")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("reference.read"))))]
pub async fn collections(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
) -> Result<Json<Value>, AppError> {
    let all = ogc::collections(&state, &me).await?;
    let base = base_url(&headers, state.config.trust_proxy);
    Ok(Json(json!({
        "links": [link("self", JSON, format!("{base}/ogc/collections"), None)],
        "collections": all.iter().map(|c| collection_json(c, &base)).collect::<Vec<_>>(),
    })))
}

/// One layer.
#[utoipa::path(get, path = "/ogc/collections/{collection_id}", tag = "ogc",
    params(("collection_id" = String, Path)),
    responses((status = 200, description = "OGC collection"), (status = 404, description = "ogc-collection-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("reference.read"))))]
pub async fn collection(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(collection_id): Path<String>,
) -> Result<Json<Value>, AppError> {
    let c = ogc::collection(&state, &me, &collection_id).await?;
    Ok(Json(collection_json(
        &c,
        &base_url(&headers, state.config.trust_proxy),
    )))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ItemsQuery {
    /// west,south,east,north in degrees (CRS84); a 3D box of six numbers is
    /// accepted and its heights ignored.
    pub bbox: Option<String>,
    /// 1–10,000; 100 by default.
    pub limit: Option<u64>,
    /// How many matching features to skip (ordered by registration).
    pub offset: Option<u64>,
    /// RFC 3339 instant or interval (`start/end`, `..` open). Objects carry no
    /// temporal extent, so it keeps every object.
    pub datetime: Option<String>,
    /// Keyset cursor carried by the `next` link: continue after this row.
    pub after: Option<i64>,
    /// The format: only `json` (GeoJSON) is offered.
    pub f: Option<String>,
}

impl From<ItemsQuery> for ogc::ItemsQuery {
    fn from(q: ItemsQuery) -> Self {
        ogc::ItemsQuery {
            bbox: q.bbox,
            limit: q.limit,
            offset: q.offset,
            datetime: q.datetime,
            after: q.after,
            f: q.f,
        }
    }
}

fn items_url(base: &str, id: &str, q: &ogc::ItemsQuery, limit: u64, offset: u64) -> String {
    let mut url = format!("{base}/ogc/collections/{id}/items?limit={limit}&offset={offset}");
    for (k, v) in [("bbox", &q.bbox), ("datetime", &q.datetime)] {
        if let Some(v) = v {
            url.push_str(&format!(
                "&{k}={}",
                form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>()
            ));
        }
    }
    url
}

/// The features of a layer in the caller's subtree, as a GeoJSON FeatureCollection
/// paged by `limit`/`offset` with a `next` link.
#[utoipa::path(get, path = "/ogc/collections/{collection_id}/items", tag = "ogc",
    params(("collection_id" = String, Path), ItemsQuery),
    responses((status = 200, body = ObjectCollection, content_type = "application/geo+json"), (status = 404, description = "ogc-collection-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("object.read"))))]
pub async fn items(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(collection_id): Path<String>,
    ApiQuery(q): ApiQuery<ItemsQuery>,
) -> Result<Response, AppError> {
    let q = ogc::ItemsQuery::from(q);
    let found = ogc::items(&state, &me, &collection_id, &q).await?;
    let base = base_url(&headers, state.config.trust_proxy);
    let links = items_links(&base, &q, &found);
    let features: Vec<Value> = (found.objects.iter().map(|o| feature(o, None)))
        .chain(found.zones.iter().map(zones::feature))
        .collect();
    let mut body = json!({
        "type": "FeatureCollection",
        "numberReturned": features.len(),
        "timeStamp": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "features": features,
        "links": links,
    });
    if let Some(n) = found.matched {
        body["numberMatched"] = json!(n);
    }
    Ok(geojson_response(StatusCode::OK, body))
}

fn items_links(base: &str, q: &ogc::ItemsQuery, found: &Items) -> Vec<Value> {
    let (c, limit, offset) = (&found.collection, found.limit, found.offset);
    let mut self_href = items_url(base, &c.id, q, limit, offset);
    if let Some(after) = q.after {
        self_href.push_str(&format!("&after={after}"));
    }
    let mut links = vec![
        link("self", GEOJSON, self_href, None),
        link(
            "collection",
            JSON,
            format!("{base}/ogc/collections/{}", c.id),
            None,
        ),
    ];
    let last = (found.objects.last().map(|o| o.rid)).or(found.zones.last().map(|z| z.rid));
    if found.more
        && let Some(last) = last
    {
        let next = items_url(
            base,
            &c.id,
            q,
            limit,
            offset.saturating_add(found.objects.len() as u64),
        );
        let href = format!("{next}&after={last}");
        links.push(link("next", GEOJSON, href, None));
    }
    links
}

/// One feature of a layer; outside the caller's subtree, archived, or of another
/// type it does not exist.
#[utoipa::path(get, path = "/ogc/collections/{collection_id}/items/{feature_id}", tag = "ogc",
    params(("collection_id" = String, Path), ("feature_id" = String, Path)),
    responses((status = 200, body = ObjectFeature, content_type = "application/geo+json"), (status = 404, description = "object-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("object.read"))))]
pub async fn item(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path((collection_id, feature_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (c, found) = ogc::item(&state, &me, &collection_id, &feature_id).await?;
    let base = base_url(&headers, state.config.trust_proxy);
    let href = format!("{base}/ogc/collections/{}", c.id);
    let (mut body, id) = match found {
        Found::Object(o) => (feature(&o, None), o.id),
        Found::Zone(z) => (zones::feature(&z), z.id),
    };
    body["links"] = json!([
        link("self", GEOJSON, format!("{href}/items/{id}"), None),
        link("collection", JSON, href, None),
    ]);
    Ok(geojson_response(StatusCode::OK, body))
}
