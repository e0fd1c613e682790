//! Spatial questions on the register (R-GEO-1): objects in a bounding box, the
//! objects a point lies in, the nearest objects, and buffer zones. The database
//! prefilters by bounding box; fito-geo decides exactly.

use super::geometry::{bbox_of, exact, parse_bbox, stored_geometry};
use super::in_scope;
use super::input::BufferRequest;
use super::register::insert;
use crate::app::{Actor, App, AppError, EntryExt};
use fito_core::{Action, EppoCode, KatoCode};
use fito_geo::Wgs84Point;
use fito_geo::formats::geojson::geometry_to_json;
use fito_store::objects::{self, BoxDeg, Object, STATUS_ACTIVE, Search};
use serde_json::json;
use uuid::Uuid;

/// The register's filters, as the list and the export take them.
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// west,south,east,north in degrees (WGS 84).
    pub bbox: Option<String>,
    pub type_code: Option<String>,
    /// active (default) or archived
    pub status: Option<String>,
    pub crop: Option<String>,
    /// KATO code: objects of this unit and the units below it.
    pub kato: Option<String>,
    /// EPPO code: objects where a survey found this organism.
    pub organism: Option<String>,
}

impl Filters {
    /// Checks the filters (bbox, KATO and EPPO codes) and makes the search: active
    /// objects unless a status is asked for; a unit's objects include its units'.
    pub fn search(
        &self,
        org_path: String,
        after_rid: Option<i64>,
        limit: u64,
    ) -> Result<Search, AppError> {
        let kato = self.kato.as_deref().map(KatoCode::parse).transpose()?;
        let organism = self.organism.as_deref().map(EppoCode::parse).transpose()?;
        Ok(Search {
            org_path,
            bbox: self.bbox.as_deref().map(parse_bbox).transpose()?,
            type_code: self.type_code.clone(),
            status: Some(self.status.as_deref().unwrap_or(STATUS_ACTIVE).to_string()),
            crop_code: self.crop.clone(),
            kato_prefix: kato.map(|k| k.subtree_prefix().to_string()),
            organism: organism.map(|o| o.as_str().to_string()),
            after_rid,
            limit,
        })
    }
}

/// A page of the register: its objects, the cursor to continue after when more
/// may follow, and the page size used.
pub struct Page {
    pub objects: Vec<Object>,
    pub next_after: Option<i64>,
    pub limit: u64,
}

/// Objects of the actor's subtree matching `filters`, after row `after`, at most
/// `limit` (1–10,000, 1,000 by default); the list is journalled.
pub async fn list(
    app: &App,
    actor: &Actor,
    filters: &Filters,
    after: Option<i64>,
    limit: Option<u64>,
) -> Result<Page, AppError> {
    actor.require(Action::ObjectRead)?;
    let limit = limit.unwrap_or(1000).clamp(1, 10_000);
    let Some(org_path) = actor.org_path.clone() else {
        return Ok(Page {
            objects: Vec::new(),
            next_after: None,
            limit,
        });
    };
    let search = filters.search(org_path, after, limit)?;
    let found = objects::search(app.store.reader(), app.store.engine(), &search).await?;
    let next_after = (found.len() as u64 == limit)
        .then(|| found.last().map(|o| o.rid))
        .flatten();
    let exact = search.bbox.map(exact).transpose()?;
    let mut kept = Vec::with_capacity(found.len());
    for o in found {
        // The index matched bounding boxes; keep what really meets the box. An
        // object whose box lies wholly inside needs no exact test.
        if let Some(b) = &exact
            && !(b.contains_box(o.min_lon, o.min_lat, o.max_lon, o.max_lat)
                || stored_geometry(&o)?.intersects_bbox(b))
        {
            continue;
        }
        kept.push(o);
    }
    actor
        .record(
            actor
                .entry("object.list", Some("object"), None)
                .details(json!({ "bbox": filters.bbox, "returned": kept.len() })),
        )
        .await?;
    Ok(Page {
        objects: kept,
        next_after,
        limit,
    })
}

/// "Which registered object am I standing in": active objects of the actor's
/// subtree containing the point (the boundary counts as inside).
pub async fn at(app: &App, actor: &Actor, lon: f64, lat: f64) -> Result<Vec<Object>, AppError> {
    actor.require(Action::ObjectRead)?;
    let p = Wgs84Point::parse(lon, lat)?;
    let Some(org_path) = actor.org_path.clone() else {
        return Ok(Vec::new());
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
    let mut inside = Vec::new();
    for o in objects::search_unordered(app.store.reader(), app.store.engine(), &search).await? {
        if stored_geometry(&o)?.contains(p) {
            inside.push(o);
        }
    }
    actor
        .record(
            actor
                .entry("object.at", Some("object"), None)
                .details(json!({ "returned": inside.len() })),
        )
        .await?;
    Ok(inside)
}

/// The `n` (1–50, default 5) active objects nearest to a point, with their
/// geodesic distance in metres (0 when inside), nearest first.
pub async fn nearest(
    app: &App,
    actor: &Actor,
    lon: f64,
    lat: f64,
    n: Option<usize>,
) -> Result<Vec<(f64, Object)>, AppError> {
    actor.require(Action::ObjectRead)?;
    let p = Wgs84Point::parse(lon, lat)?;
    let n = n.unwrap_or(5).clamp(1, 50);
    let Some(org_path) = actor.org_path.clone() else {
        return Ok(Vec::new());
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
        for o in objects::search_unordered(app.store.reader(), app.store.engine(), &search).await? {
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
    actor
        .record(
            actor
                .entry("object.nearest", Some("object"), None)
                .details(json!({ "returned": best.len() })),
        )
        .await?;
    Ok(best)
}

/// Makes a quarantine zone: the object's geometry grown by R km (geodesic),
/// stored as a new `quarantine_zone` object of the same organisation.
pub async fn buffer(
    app: &App,
    actor: &Actor,
    id: Uuid,
    request: BufferRequest,
) -> Result<Object, AppError> {
    let source = in_scope(app, actor, id, Action::ObjectCreate).await?;
    if !(request.radius_km > 0.0 && request.radius_km <= fito_geo::MAX_BUFFER_KM) {
        return Err(
            AppError::unprocessable("object-buffer-radius").with("max", fito_geo::MAX_BUFFER_KM)
        );
    }
    let zone = fito_geo::buffer(&stored_geometry(&source)?, request.radius_km)?;
    let name = match &request.name {
        Some(n) => fito_core::object::name(n)?,
        None => source.name.clone(),
    };
    let mut object = objects::draft(
        fito_core::new_id(),
        source.organization_id,
        "quarantine_zone",
        name,
        geometry_to_json(&zone).to_string(),
        zone.area().value(),
        bbox_of(&zone),
    );
    object.kato = source.kato.clone();
    object.notes = Some(format!(
        "buffer {} km around {}",
        request.radius_km, source.id
    ));
    insert(app, actor, object).await
}
