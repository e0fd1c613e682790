//! Map tiles of the register (issue 16): Mapbox Vector Tiles made by fito-tiles
//! from the objects of the actor's subtree that meet the tile, filtered; the
//! same role table (`object.read`) and subtree rule as every register read.
//! Answers carry an ETag made of the change-log number and the request, and are
//! cached per subtree, filters and address until a change is committed.

mod cache;

pub use cache::TileCache;

use crate::app::objects::stored_geometry;
use crate::app::{Actor, App, AppError, EntryExt};
use bytes::Bytes;
use chrono::NaiveDate;
use fito_core::{Action, EppoCode};
use fito_store::objects::{BoxDeg, STATUS_ACTIVE, Search};
use fito_store::tiles::{self as store, TileSearch};
use fito_tiles::{BUFFER, Item, LayerBuilder, TileId, Value};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, ToSchema};

/// The layers served.
pub const LAYERS: [&str; 1] = ["objects"];

/// Filters of a tile (and of its TileJSON's tile URLs).
#[derive(Debug, Clone, Default, Deserialize, Serialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TileFilters {
    /// Object type code.
    #[serde(rename = "type")]
    pub type_code: Option<String>,
    /// active (default) or archived
    pub status: Option<String>,
    /// EPPO code: objects where a survey found this organism.
    pub organism: Option<String>,
    /// Objects with a finding (of `organism`, if given) surveyed on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// … and before this day (UTC).
    pub to: Option<NaiveDate>,
}

/// A tile's address as the request gave it.
#[derive(Debug, Clone, Copy)]
pub struct TileAddress {
    pub z: u32,
    pub x: u32,
    pub y: u32,
}

/// A tile, or "what you have is current".
pub enum TileAnswer {
    Tile { bytes: Bytes, etag: String },
    NotModified { etag: String },
}

/// A TileJSON 3.0.0 description of a layer.
#[derive(Debug, Serialize, ToSchema)]
pub struct TileJson {
    pub tilejson: &'static str,
    pub name: String,
    pub tiles: Vec<String>,
    pub minzoom: u8,
    pub maxzoom: u8,
    /// west, south, east, north
    pub bounds: [f64; 4],
    pub vector_layers: Vec<serde_json::Value>,
}

fn day_us(d: NaiveDate) -> i64 {
    d.and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp_micros())
        .unwrap_or_default()
}

fn known_layer(layer: &str) -> Result<(), AppError> {
    if LAYERS.contains(&layer) {
        Ok(())
    } else {
        Err(AppError::not_found("tile-layer-unknown").with("layer", layer))
    }
}

impl TileFilters {
    /// Checks the filters and makes the search of the tile's buffered box.
    fn search(&self, org_path: String, tile: TileId) -> Result<TileSearch, AppError> {
        let organism = self.organism.as_deref().map(EppoCode::parse).transpose()?;
        let status = self.status.as_deref().unwrap_or(STATUS_ACTIVE);
        if !matches!(status, "active" | "archived") {
            return Err(AppError::bad_request("tile-status-invalid").with("status", status));
        }
        if let (Some(f), Some(t)) = (self.from, self.to)
            && f >= t
        {
            return Err(AppError::bad_request("tile-period-invalid"));
        }
        let b = tile.bounds(BUFFER);
        Ok(TileSearch {
            search: Search {
                org_path,
                bbox: Some(BoxDeg {
                    min_lon: b.west,
                    min_lat: b.south,
                    max_lon: b.east,
                    max_lat: b.north,
                }),
                type_code: self.type_code.clone(),
                status: Some(status.to_string()),
                organism: organism.map(|o| o.as_str().to_string()),
                // Tiles take every object meeting them; the limit pages lists only.
                limit: u64::MAX,
                ..Search::default()
            },
            found_from: self.from.map(day_us),
            found_to: self.to.map(|d| day_us(d) - 1),
        })
    }

    /// The filters as a query string ("" for none), for the tile URLs.
    fn query(&self) -> String {
        let q = serde_urlencoded::to_string(self).unwrap_or_default();
        if q.is_empty() { q } else { format!("?{q}") }
    }
}

/// One tile of `layer` for the actor: from the cache while no change has been
/// committed since it was made; `if_none_match` (the caller's ETags) answers
/// "not modified" when the tile is the one they hold. Journalled as a read.
pub async fn tile(
    app: &App,
    actor: &Actor,
    layer: &str,
    at: TileAddress,
    filters: &TileFilters,
    if_none_match: Option<&str>,
) -> Result<TileAnswer, AppError> {
    actor.require(Action::ObjectRead)?;
    known_layer(layer)?;
    let tile = u8::try_from(at.z)
        .ok()
        .and_then(|z| TileId::new(z, at.x, at.y))
        .ok_or_else(|| AppError::not_found("tile-not-found"))?;
    let org_path = actor.org_path.clone().unwrap_or_default();
    let search = filters.search(org_path.clone(), tile)?;
    // Read before the data: a change committed meanwhile makes the next request
    // miss the cache, never the reverse.
    let head = store::change_head(app.store.reader()).await?;
    let key = format!("{layer}|{}/{}/{}|{org_path}|{filters:?}", at.z, at.x, at.y);
    let etag = format!(
        "\"{head}-{}\"",
        &hex::encode(Sha256::digest(key.as_bytes()))[..20]
    );
    let entry = actor
        .entry("tile.read", Some("tile"), None)
        .details(json!({ "layer": layer, "z": at.z, "x": at.x, "y": at.y }));
    if if_none_match.is_some_and(|h| matches_etag(h, &etag)) {
        actor
            .record(entry.details(json!({ "not_modified": true })))
            .await?;
        return Ok(TileAnswer::NotModified { etag });
    }
    let bytes = match app.tiles.get(&key, head) {
        Some(b) => b,
        None => {
            let b = if actor.org_path.is_some() {
                build(app, tile, layer, &search).await?
            } else {
                encode(vec![LayerBuilder::new(tile, layer)])?
            };
            app.tiles.put(key, head, b.clone());
            b
        }
    };
    actor.record(entry).await?;
    Ok(TileAnswer::Tile { bytes, etag })
}

/// Whether an `If-None-Match` value names `etag` (or is `*`).
fn matches_etag(header: &str, etag: &str) -> bool {
    header
        .split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || t == etag)
}

fn encode(layers: Vec<LayerBuilder>) -> Result<Bytes, AppError> {
    fito_tiles::encode(layers).map(Bytes::from).map_err(|e| {
        tracing::error!(error = ?e, "tile encoding failed");
        AppError::internal()
    })
}

/// Reads the objects meeting the tile: boxes first, whole rows only of those
/// drawn (counted ones need nothing but their box).
async fn build(
    app: &App,
    tile: TileId,
    layer: &str,
    search: &TileSearch,
) -> Result<Bytes, AppError> {
    let reader = app.store.reader();
    let boxes = store::boxes(reader, app.store.engine(), search).await?;
    let mut builder = LayerBuilder::new(tile, layer);
    let counted = tile.z() < fito_tiles::DETAIL_ZOOM;
    let mut drawn = Vec::new();
    for (rid, bbox) in boxes {
        if counted && !builder.wants_geometry(bbox) {
            builder.add(item(rid, String::new(), bbox, Vec::new()), None);
        } else {
            drawn.push(rid);
        }
    }
    let rows = store::rows(reader, &drawn).await?;
    tokio::task::spawn_blocking(move || {
        for o in rows {
            let bbox = [o.min_lon, o.min_lat, o.max_lon, o.max_lat];
            let geometry = if builder.wants_geometry(bbox) {
                Some(stored_geometry(&o)?)
            } else {
                None
            };
            let props = vec![
                ("type", Value::Str(o.type_code.clone())),
                ("status", Value::Str(o.status.clone())),
                ("quarantine", Value::Bool(o.quarantine_found_at.is_some())),
            ];
            builder.add(
                item(o.rid, o.id.to_string(), bbox, props),
                geometry.as_ref(),
            );
        }
        encode(vec![builder])
    })
    .await
    .map_err(|_| AppError::internal())?
}

fn item(rid: i64, id: String, bbox: [f64; 4], props: Vec<(&'static str, Value)>) -> Item {
    Item {
        rid: rid as u64,
        id,
        bbox,
        props,
    }
}

/// The TileJSON of a layer: its tile URL (with these filters), zooms, bounds
/// (Kazakhstan) and fields. No register data: the tiles themselves are checked.
pub async fn tilejson(
    _app: &App,
    _actor: &Actor,
    layer: &str,
    filters: &TileFilters,
) -> Result<TileJson, AppError> {
    known_layer(layer)?;
    Ok(TileJson {
        tilejson: "3.0.0",
        name: layer.to_string(),
        tiles: vec![format!(
            "/api/v1/tiles/{layer}/{{z}}/{{x}}/{{y}}.mvt{}",
            filters.query()
        )],
        minzoom: 0,
        maxzoom: fito_tiles::MAX_ZOOM,
        bounds: fito_geo::KAZAKHSTAN_EXTENT,
        vector_layers: vec![json!({
            "id": layer,
            "description": "Below zoom 12 points and small shapes are counted per cell (count); from zoom 12 every object with its id.",
            "minzoom": 0,
            "maxzoom": fito_tiles::MAX_ZOOM,
            "fields": {
                "id": "String: object id",
                "type": "String: object type code",
                "status": "String",
                "quarantine": "Boolean: a quarantine organism was found",
                "count": "Number: objects counted in this cell (low zoom)"
            }
        })],
    })
}
