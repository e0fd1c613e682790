//! OGC API – Features, Part 1 (Core, OpenAPI 3.0, GeoJSON), over the register of
//! phytosanitary objects (R-GEO-1), so QGIS and GDAL read the layers directly. JSON
//! only; behind the same sign-in as the rest of the API (bearer token or cookie).
//!
//! Collections: `objects` (every active object) and one per active object type,
//! named by its code. Items are the active objects of the caller's subtree
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

use super::objects::{feature, geojson_response, stored_geometry};
use super::spatial::parse_bbox;
use crate::app::AppError;
use crate::app::EntryExt;
use crate::http::extract::ApiQuery;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use crate::i18n::Lang;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use fito_core::Action;
use fito_store::objects::{self, Object, STATUS_ACTIVE, Search};
use fito_store::reference;
use serde::Deserialize;
use serde_json::{Value, json};
use utoipa::IntoParams;
use uuid::Uuid;

pub const CONFORMANCE: [&str; 3] = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
];
const CRS84: &str = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
/// The collection of every object, whatever its type.
pub const ALL_OBJECTS: &str = "objects";
const JSON: &str = "application/json";
const GEOJSON: &str = "application/geo+json";
const DEFAULT_LIMIT: u64 = 100;
const MAX_LIMIT: u64 = 10_000;
/// Rows read per database round trip while filling a page.
const BATCH: u64 = 1_000;

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

/// One layer: its id, and the type code it filters by (`None` for all objects).
struct Collection {
    id: String,
    type_code: Option<String>,
    title: String,
    description: String,
}

/// Every collection the server offers, titled in the caller's language.
async fn collections_of(state: &AppState, lang: Lang) -> Result<Vec<Collection>, AppError> {
    let msg = |id: &str| state.i18n.message(lang, id, &[]);
    let mut all = vec![Collection {
        id: ALL_OBJECTS.into(),
        type_code: None,
        title: msg("ogc-collection-objects"),
        description: msg("ogc-collection-objects-description"),
    }];
    for t in reference::object_types(state.store.reader()).await? {
        if !t.active || t.code == ALL_OBJECTS {
            continue;
        }
        let title = match lang {
            Lang::Kk => t.name_kk,
            Lang::Ru => t.name_ru,
            Lang::En => t.name_en.unwrap_or(t.name_ru),
        };
        all.push(Collection {
            id: t.code.clone(),
            type_code: Some(t.code),
            title,
            description: msg("ogc-collection-description"),
        });
    }
    Ok(all)
}

async fn find_collection(state: &AppState, lang: Lang, id: &str) -> Result<Collection, AppError> {
    collections_of(state, lang)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| AppError::not_found("ogc-collection-not-found"))
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
    me.require(Action::ReferenceRead)?;
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
    me.require(Action::ReferenceRead)?;
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
    me.require(Action::ReferenceRead)?;
    let base = base_url(&headers, state.config.trust_proxy);
    let all = collections_of(&state, me.meta.lang).await?;
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
    me.require(Action::ReferenceRead)?;
    let c = find_collection(&state, me.meta.lang, &collection_id).await?;
    Ok(Json(collection_json(
        &c,
        &base_url(&headers, state.config.trust_proxy),
    )))
}

#[derive(Deserialize, IntoParams)]
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

/// The OGC bbox: four numbers, or six (3D) whose heights are dropped.
fn ogc_bbox(text: &str) -> Result<fito_store::objects::BoxDeg, AppError> {
    let parts: Vec<&str> = text.split(',').collect();
    match parts.len() {
        6 => parse_bbox(&[parts[0], parts[1], parts[3], parts[4]].join(",")),
        _ => parse_bbox(text),
    }
}

fn check_datetime(text: &str) -> Result<(), AppError> {
    let parts: Vec<&str> = text.split('/').collect();
    let ok = parts.len() <= 2
        && parts.iter().all(|p| {
            (parts.len() == 2 && (p.is_empty() || *p == ".."))
                || chrono::DateTime::parse_from_rfc3339(p).is_ok()
        });
    if ok {
        Ok(())
    } else {
        Err(AppError::bad_request("ogc-datetime-invalid"))
    }
}

/// One page: `limit` matching objects after skipping `skip`, starting after row
/// `after`; and whether more follow.
async fn page(
    state: &AppState,
    mut search: Search,
    exact: Option<fito_geo::Bbox>,
    mut skip: u64,
    limit: u64,
) -> Result<(Vec<Object>, bool), AppError> {
    let mut out = Vec::new();
    search.limit = BATCH.max(limit + 1);
    loop {
        let rows = objects::search(state.store.reader(), state.store.engine(), &search).await?;
        let exhausted = (rows.len() as u64) < search.limit;
        search.after_rid = rows.last().map(|o| o.rid).or(search.after_rid);
        for o in rows {
            if let Some(b) = &exact
                && !stored_geometry(&o)?.intersects_bbox(b)
            {
                continue;
            }
            if skip > 0 {
                skip -= 1;
                continue;
            }
            if out.len() as u64 == limit {
                return Ok((out, true));
            }
            out.push(o);
        }
        if exhausted {
            return Ok((out, false));
        }
    }
}

fn items_url(base: &str, id: &str, q: &ItemsQuery, limit: u64, offset: u64) -> String {
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
    responses((status = 200, description = "GeoJSON FeatureCollection"), (status = 404, description = "ogc-collection-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("object.read"))))]
pub async fn items(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path(collection_id): Path<String>,
    ApiQuery(q): ApiQuery<ItemsQuery>,
) -> Result<Response, AppError> {
    me.require(Action::ObjectRead)?;
    let c = find_collection(&state, me.meta.lang, &collection_id).await?;
    if let Some(d) = &q.datetime {
        check_datetime(d)?;
    }
    if q.f
        .as_deref()
        .is_some_and(|f| !matches!(f, "json" | "geojson"))
    {
        return Err(AppError::bad_request("request-invalid-query").with("param", "f"));
    }
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let offset = q.offset.unwrap_or(0);
    let found = select(&state, me.org_path.clone(), &c, &q, limit, offset).await?;
    state
        .audit
        .record(
            me.entry("object.list", Some("object"), None).details(
                json!({ "collection": c.id, "bbox": q.bbox, "offset": offset, "returned": found.objects.len() }),
            ),
        )
        .await?;
    let base = base_url(&headers, state.config.trust_proxy);
    let links = items_links(&base, &c, &q, (limit, offset), &found);
    let features: Vec<Value> = found.objects.iter().map(|o| feature(o, None)).collect();
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

/// A page of a layer: its objects, whether more follow, and how many match in all
/// where that is known cheaply.
struct Found {
    objects: Vec<Object>,
    more: bool,
    matched: Option<u64>,
}

async fn select(
    state: &AppState,
    org_path: Option<String>,
    c: &Collection,
    q: &ItemsQuery,
    limit: u64,
    offset: u64,
) -> Result<Found, AppError> {
    let bbox = q.bbox.as_deref().map(ogc_bbox).transpose()?;
    let Some(org_path) = org_path else {
        let none = Found {
            objects: Vec::new(),
            more: false,
            matched: Some(0),
        };
        return Ok(none);
    };
    let search = Search {
        org_path,
        bbox,
        type_code: c.type_code.clone(),
        status: Some(STATUS_ACTIVE.into()),
        after_rid: q.after,
        ..Search::default()
    };
    let matched = if bbox.is_none() && q.after.is_none() {
        Some(objects::count(state.store.reader(), state.store.engine(), &search).await?)
    } else {
        None
    };
    let exact = bbox
        .map(|b| fito_geo::Bbox::parse(b.min_lon, b.min_lat, b.max_lon, b.max_lat))
        .transpose()
        .map_err(|_| AppError::bad_request("geo-bbox-invalid"))?;
    let skip = if q.after.is_some() { 0 } else { offset };
    let (objects, more) = page(state, search, exact, skip, limit).await?;
    Ok(Found {
        objects,
        more,
        matched,
    })
}

fn items_links(
    base: &str,
    c: &Collection,
    q: &ItemsQuery,
    (limit, offset): (u64, u64),
    found: &Found,
) -> Vec<Value> {
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
    if found.more
        && let Some(last) = found.objects.last()
    {
        let next = items_url(
            base,
            &c.id,
            q,
            limit,
            offset.saturating_add(found.objects.len() as u64),
        );
        let href = format!("{next}&after={}", last.rid);
        links.push(link("next", GEOJSON, href, None));
    }
    links
}

/// One feature of a layer; outside the caller's subtree, archived, or of another
/// type it does not exist.
#[utoipa::path(get, path = "/ogc/collections/{collection_id}/items/{feature_id}", tag = "ogc",
    params(("collection_id" = String, Path), ("feature_id" = String, Path)),
    responses((status = 200, description = "GeoJSON Feature"), (status = 404, description = "object-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("object.read"))))]
pub async fn item(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    Path((collection_id, feature_id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    me.require(Action::ObjectRead)?;
    let c = find_collection(&state, me.meta.lang, &collection_id).await?;
    let missing = || AppError::not_found("object-not-found");
    let id = Uuid::parse_str(&feature_id).map_err(|_| missing())?;
    let o = crate::app::objects::in_scope(&state, &me, id, Action::ObjectRead).await?;
    if o.status != STATUS_ACTIVE || c.type_code.as_ref().is_some_and(|t| *t != o.type_code) {
        return Err(missing());
    }
    state
        .audit
        .record(me.entry("object.read", Some("object"), Some(id.to_string())))
        .await?;
    let base = base_url(&headers, state.config.trust_proxy);
    let href = format!("{base}/ogc/collections/{}", c.id);
    let mut body = feature(&o, None);
    body["links"] = json!([
        link("self", GEOJSON, format!("{href}/items/{id}"), None),
        link("collection", JSON, href, None),
    ]);
    Ok(geojson_response(StatusCode::OK, body))
}
