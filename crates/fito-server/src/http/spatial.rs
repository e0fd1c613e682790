//! Spatial questions on the register (R-GEO-1): objects in a bounding box, the
//! objects a point lies in, the nearest objects, and buffer zones. The database
//! prefilters by bounding box; fito-geo decides exactly.

use super::objects::{
    FeatureOut, bbox_of, collection, create_object, feature, geojson_response, stored_geometry,
};
use super::views::required_text;
use crate::app::AppError;
use crate::app::EntryExt;
use crate::http::extract::{ApiJson, ApiQuery};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use fito_core::Action;
use fito_geo::Wgs84Point;
use fito_geo::formats::geojson::geometry_to_json;
use fito_store::objects::{self, BoxDeg, STATUS_ACTIVE, Search};
use serde::Deserialize;
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Deserialize, IntoParams)]
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

/// The register's filters as the list and the export take them from a query.
pub(crate) struct Filters<'a> {
    pub bbox: Option<&'a str>,
    pub type_code: Option<&'a str>,
    pub status: Option<&'a str>,
    pub crop: Option<&'a str>,
    pub kato: Option<&'a str>,
    pub organism: Option<&'a str>,
}

impl Filters<'_> {
    /// Checks the filters (bbox, KATO code) and makes the search: active objects
    /// unless a status is asked for; a unit's objects include those of its units.
    pub(crate) fn search(
        &self,
        org_path: String,
        after_rid: Option<i64>,
        limit: u64,
    ) -> Result<Search, AppError> {
        let kato = self.kato.map(fito_core::KatoCode::parse).transpose()?;
        let organism = self.organism.map(fito_core::EppoCode::parse).transpose()?;
        Ok(Search {
            org_path,
            bbox: self.bbox.map(parse_bbox).transpose()?,
            type_code: self.type_code.map(str::to_string),
            status: Some(self.status.unwrap_or(STATUS_ACTIVE).to_string()),
            crop_code: self.crop.map(str::to_string),
            kato_prefix: kato.map(|k| k.subtree_prefix().to_string()),
            organism: organism.map(|o| o.as_str().to_string()),
            after_rid,
            limit,
        })
    }
}

impl ListQuery {
    fn filters(&self) -> Filters<'_> {
        Filters {
            bbox: self.bbox.as_deref(),
            type_code: self.type_code.as_deref(),
            status: self.status.as_deref(),
            crop: self.crop.as_deref(),
            kato: self.kato.as_deref(),
            organism: self.organism.as_deref(),
        }
    }
}

pub fn parse_bbox(text: &str) -> Result<BoxDeg, AppError> {
    let parts: Vec<f64> = text
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| AppError::bad_request("geo-bbox-invalid"))?;
    let [w, s, e, n] = parts[..] else {
        return Err(AppError::bad_request("geo-bbox-invalid"));
    };
    fito_geo::Bbox::parse(w, s, e, n).map_err(|_| AppError::bad_request("geo-bbox-invalid"))?;
    Ok(BoxDeg {
        min_lon: w,
        min_lat: s,
        max_lon: e,
        max_lat: n,
    })
}

/// Objects of the caller's subtree in a bounding box, filtered, as a GeoJSON
/// FeatureCollection, paged by a `next` link.
#[utoipa::path(get, path = "/api/v1/objects", tag = "register", params(ListQuery),
    responses((status = 200, description = "GeoJSON FeatureCollection")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("object.read"))))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ListQuery>,
) -> Result<Response, AppError> {
    me.require(Action::ObjectRead)?;
    let Some(org_path) = me.org_path.clone() else {
        return Ok(geojson_response(
            StatusCode::OK,
            collection(Vec::new(), None),
        ));
    };
    let limit = q.limit.unwrap_or(1000).clamp(1, 10_000);
    let search = q.filters().search(org_path, q.after, limit)?;
    let bbox = search.bbox;
    let found = objects::search(state.store.reader(), state.store.engine(), &search).await?;
    let next = (found.len() as u64 == limit)
        .then(|| found.last().map(|o| o.rid))
        .flatten();
    let exact = bbox
        .map(|b| fito_geo::Bbox::parse(b.min_lon, b.min_lat, b.max_lon, b.max_lat))
        .transpose()
        .map_err(|_| AppError::bad_request("geo-bbox-invalid"))?;
    let mut features = Vec::with_capacity(found.len());
    for o in &found {
        // The index matched bounding boxes; keep what really meets the box. An
        // object whose box lies wholly inside needs no exact test.
        if let Some(b) = &exact
            && !(b.contains_box(o.min_lon, o.min_lat, o.max_lon, o.max_lat)
                || stored_geometry(o)?.intersects_bbox(b))
        {
            continue;
        }
        features.push(FeatureOut::new(o));
    }
    state
        .audit
        .record(
            me.entry("object.list", Some("object"), None)
                .details(json!({ "bbox": q.bbox, "returned": features.len() })),
        )
        .await?;
    let next = next.map(|rid| {
        let mut link = format!("/api/v1/objects?after={rid}&limit={limit}");
        for (k, v) in [
            ("bbox", &q.bbox),
            ("type", &q.type_code),
            ("status", &q.status),
            ("crop", &q.crop),
            ("kato", &q.kato),
        ] {
            if let Some(v) = v {
                link.push_str(&format!(
                    "&{k}={}",
                    form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>()
                ));
            }
        }
        link
    });
    Ok(collection_response(features, next))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PointQuery {
    pub lon: f64,
    pub lat: f64,
    /// nearest: how many (1–50, default 5).
    pub n: Option<usize>,
}

fn point(q: &PointQuery) -> Result<Wgs84Point, AppError> {
    Ok(Wgs84Point::parse(q.lon, q.lat)?)
}

/// "Which registered object am I standing in": active objects containing the point
/// (the boundary counts as inside).
#[utoipa::path(get, path = "/api/v1/objects/at", tag = "register", params(PointQuery),
    responses((status = 200, description = "GeoJSON FeatureCollection")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("object.read"))))]
pub async fn at(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<PointQuery>,
) -> Result<Response, AppError> {
    me.require(Action::ObjectRead)?;
    let p = point(&q)?;
    let Some(org_path) = me.org_path.clone() else {
        return Ok(geojson_response(
            StatusCode::OK,
            collection(Vec::new(), None),
        ));
    };
    let search = Search {
        org_path,
        bbox: Some(BoxDeg {
            min_lon: p.lon(),
            min_lat: p.lat(),
            max_lon: p.lon(),
            max_lat: p.lat(),
        }),
        status: Some(STATUS_ACTIVE.into()),
        limit: 1000,
        ..Search::default()
    };
    let mut features = Vec::new();
    for o in objects::search_unordered(state.store.reader(), state.store.engine(), &search).await? {
        if stored_geometry(&o)?.contains(p) {
            features.push(feature(&o, None));
        }
    }
    state
        .audit
        .record(
            me.entry("object.at", Some("object"), None)
                .details(json!({ "returned": features.len() })),
        )
        .await?;
    Ok(geojson_response(StatusCode::OK, collection(features, None)))
}

/// The N active objects nearest to a point, by geodesic distance (metres, 0 when
/// inside), nearest first.
#[utoipa::path(get, path = "/api/v1/objects/nearest", tag = "register", params(PointQuery),
    responses((status = 200, description = "GeoJSON FeatureCollection with distance_m")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("object.read"))))]
pub async fn nearest(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<PointQuery>,
) -> Result<Response, AppError> {
    me.require(Action::ObjectRead)?;
    let p = point(&q)?;
    let n = q.n.unwrap_or(5).clamp(1, 50);
    let Some(org_path) = me.org_path.clone() else {
        return Ok(geojson_response(
            StatusCode::OK,
            collection(Vec::new(), None),
        ));
    };
    // Grow a search box until it holds n objects within its inscribed radius: none
    // outside the box can then be nearer than those.
    let mut radius_km = 2.0_f64;
    let mut best = loop {
        let dlat = radius_km / 111.0;
        let dlon = radius_km / (111.0 * p.lat().to_radians().cos().max(0.01));
        let search = Search {
            org_path: org_path.clone(),
            bbox: Some(BoxDeg {
                min_lon: (p.lon() - dlon).max(-180.0),
                min_lat: (p.lat() - dlat).max(-90.0),
                max_lon: (p.lon() + dlon).min(180.0),
                max_lat: (p.lat() + dlat).min(90.0),
            }),
            status: Some(STATUS_ACTIVE.into()),
            limit: 50_000,
            ..Search::default()
        };
        let mut scored = Vec::new();
        for o in
            objects::search_unordered(state.store.reader(), state.store.engine(), &search).await?
        {
            scored.push((stored_geometry(&o)?.distance_m(p), o));
        }
        scored.sort_by(|a, b| a.0.total_cmp(&b.0));
        let within = scored
            .iter()
            .filter(|(d, _)| *d <= radius_km * 1000.0)
            .count();
        if within >= n || radius_km >= 4000.0 {
            break scored;
        }
        radius_km *= 4.0;
    };
    best.truncate(n);
    let features = best
        .iter()
        .map(|(d, o)| feature(o, Some(("distance_m", json!(d.round())))))
        .collect::<Vec<_>>();
    state
        .audit
        .record(
            me.entry("object.nearest", Some("object"), None)
                .details(json!({ "returned": features.len() })),
        )
        .await?;
    Ok(geojson_response(StatusCode::OK, collection(features, None)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BufferRequest {
    /// Radius of the zone around the object, in kilometres.
    pub radius_km: f64,
    /// Name of the new zone; by default the source's name.
    pub name: Option<String>,
}

/// Make a quarantine zone: the object's geometry grown by R km (geodesic), stored
/// as a new `quarantine_zone` object of the same organisation.
#[utoipa::path(post, path = "/api/v1/objects/{id}/buffer", tag = "register", params(("id" = Uuid, Path)), request_body = BufferRequest,
    responses((status = 201, description = "GeoJSON Feature of the new zone")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("object.create"))))]
pub async fn buffer(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<BufferRequest>,
) -> Result<Response, AppError> {
    let source = crate::app::objects::in_scope(&state, &me, id, Action::ObjectCreate).await?;
    if !(body.radius_km > 0.0 && body.radius_km <= fito_geo::MAX_BUFFER_KM) {
        return Err(
            AppError::unprocessable("object-buffer-radius").with("max", fito_geo::MAX_BUFFER_KM)
        );
    }
    let zone = fito_geo::buffer(&stored_geometry(&source)?, body.radius_km)?;
    let b = bbox_of(&zone);
    let name = match &body.name {
        Some(n) => required_text("name", n, 300)?,
        None => source.name.clone(),
    };
    let mut object = objects::draft(
        fito_core::new_id(),
        source.organization_id,
        "quarantine_zone",
        name,
        geometry_to_json(&zone).to_string(),
        zone.area().value(),
        b,
    );
    object.kato = source.kato.clone();
    object.notes = Some(format!("buffer {} km around {}", body.radius_km, source.id));
    let saved = create_object(&state, &me, object).await?;
    Ok(geojson_response(StatusCode::CREATED, feature(&saved, None)))
}

/// A FeatureCollection serialised in one pass from the rows (no JSON tree).
fn collection_response(features: Vec<FeatureOut<'_>>, next: Option<String>) -> Response {
    #[derive(serde::Serialize)]
    struct Out<'a> {
        #[serde(rename = "type")]
        kind: &'static str,
        #[serde(rename = "numberReturned")]
        number_returned: usize,
        features: Vec<FeatureOut<'a>>,
        links: Vec<serde_json::Value>,
    }
    let links = next
        .map(|href| json!({ "rel": "next", "href": href, "type": "application/geo+json" }))
        .into_iter()
        .collect();
    let out = Out {
        kind: "FeatureCollection",
        number_returned: features.len(),
        features,
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
