//! Map tiles (issue 16): Mapbox Vector Tiles made by fito-tiles of the actor's
//! subtree, in three layers: `objects` (the register), `findings` (survey
//! findings, quarantine organisms flagged) and `zones` (quarantine zones by
//! status); the same role table (`object.read`, `survey.read`, `zone.read`) and
//! subtree rule as every other read of them. Answers carry an ETag made of the
//! change-log number and the request, and are cached per subtree, filters and
//! address until a change is committed.

mod build;
mod cache;
mod head;
mod journal;

pub use cache::TileCache;
pub use head::ChangeHead;
pub use journal::{TileRead, TileReads, WINDOW as JOURNAL_WINDOW};

use crate::app::{Actor, App, AppError};
use build::Plan;
use bytes::Bytes;
use chrono::NaiveDate;
use fito_core::{Action, EppoCode, ZoneStatus};
use fito_store::objects::{BoxDeg, STATUS_ACTIVE, Search};
use fito_store::tiles::{FindingSearch, TileSearch};
use fito_store::zones::ZoneFilter;
use fito_tiles::{BUFFER, LayerBuilder, TileId};
use serde::{Deserialize, Serialize};
use serde_json::json;
use sha2::{Digest, Sha256};
use utoipa::{IntoParams, ToSchema};

/// The layers served.
pub const LAYERS: [&str; 3] = ["objects", "findings", "zones"];

/// Zones a tile may hold (zones are few: thousands in the country).
const MAX_ZONES: u64 = 100_000;

/// Finding categories, as surveys record them.
const CATEGORIES: [&str; 3] = ["quarantine", "especially_dangerous", "ordinary"];

/// Filters of a tile (and of its TileJSON's tile URLs).
#[derive(Debug, Clone, Default, Deserialize, Serialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct TileFilters {
    /// objects: the object type code.
    #[serde(rename = "type")]
    pub type_code: Option<String>,
    /// objects: active (default) or archived; zones: proposed, established, lifted
    /// or withdrawn (default: every status, each feature carrying its own).
    pub status: Option<String>,
    /// EPPO code. objects: where a survey found it; findings: of it; zones: against it.
    pub organism: Option<String>,
    /// findings: quarantine, especially_dangerous or ordinary.
    pub category: Option<String>,
    /// From this day (UTC). objects: with a finding (of `organism`) then; findings:
    /// made then; zones: in force (from proposal or establishment to lifting) then.
    pub from: Option<NaiveDate>,
    /// … to the day before this one (UTC).
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
    /// Checks the filters for the layer and makes the read of the tile's buffered box.
    fn plan(&self, layer: &str, org_path: String, tile: TileId) -> Result<Plan, AppError> {
        let organism = self.organism.as_deref().map(EppoCode::parse).transpose()?;
        let organism = organism.map(|o| o.as_str().to_string());
        if let (Some(f), Some(t)) = (self.from, self.to)
            && f >= t
        {
            return Err(AppError::bad_request("tile-period-invalid"));
        }
        let not_for = |filter: &str| {
            AppError::bad_request("tile-filter-not-for-layer")
                .with("filter", filter)
                .with("layer", layer)
        };
        let b = tile.bounds(BUFFER);
        let bbox = BoxDeg {
            min_lon: b.west,
            min_lat: b.south,
            max_lon: b.east,
            max_lat: b.north,
        };
        let (found_from, found_to) = (self.from.map(day_us), self.to.map(|d| day_us(d) - 1));
        match layer {
            "objects" => {
                if self.category.is_some() {
                    return Err(not_for("category"));
                }
                let status = self.status.as_deref().unwrap_or(STATUS_ACTIVE);
                if !matches!(status, "active" | "archived") {
                    return Err(AppError::bad_request("tile-status-invalid").with("status", status));
                }
                Ok(Plan::Objects(TileSearch {
                    search: Search {
                        org_path,
                        bbox: Some(bbox),
                        type_code: self.type_code.clone(),
                        status: Some(status.to_string()),
                        organism,
                        // Tiles take every object meeting them; the limit pages lists only.
                        limit: u64::MAX,
                        ..Search::default()
                    },
                    found_from,
                    found_to,
                }))
            }
            "findings" => {
                if self.type_code.is_some() {
                    return Err(not_for("type"));
                }
                if self.status.is_some() {
                    return Err(not_for("status"));
                }
                if let Some(c) = self.category.as_deref()
                    && !CATEGORIES.contains(&c)
                {
                    return Err(AppError::bad_request("tile-category-invalid").with("category", c));
                }
                Ok(Plan::Findings(FindingSearch {
                    org_path,
                    bbox,
                    organism,
                    category: self.category.clone(),
                    found_from,
                    found_to,
                }))
            }
            _ => {
                if self.type_code.is_some() {
                    return Err(not_for("type"));
                }
                if self.category.is_some() {
                    return Err(not_for("category"));
                }
                let status = self.status.as_deref().map(|s| {
                    ZoneStatus::parse(s).map_err(|_| {
                        AppError::bad_request("tile-zone-status-invalid").with("status", s)
                    })
                });
                Ok(Plan::Zones {
                    filter: ZoneFilter {
                        org_path,
                        status: status.transpose()?.map(|s| s.as_str().to_string()),
                        bbox: Some(bbox),
                        limit: MAX_ZONES,
                    },
                    organism,
                    from: self.from.map(day_us),
                    to: self.to.map(day_us),
                })
            }
        }
    }

    /// The filters given, as a JSON object (for the journal).
    fn asked(&self) -> serde_json::Value {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(mut m)) => {
                m.retain(|_, v| !v.is_null());
                serde_json::Value::Object(m)
            }
            _ => json!({}),
        }
    }

    /// The filters as a query string ("" for none), for the tile URLs.
    fn query(&self) -> String {
        let q = serde_urlencoded::to_string(self).unwrap_or_default();
        if q.is_empty() { q } else { format!("?{q}") }
    }
}

/// One tile of `layer` for the actor: from the cache while no change has been
/// committed since it was made; `if_none_match` (the caller's ETags) answers
/// "not modified" when the tile is the one they hold. Journalled as a read,
/// summed with the session's other reads of the layer (`journal`), without
/// waiting for the journal's commit.
pub async fn tile(
    app: &App,
    actor: &Actor,
    layer: &str,
    at: TileAddress,
    filters: &TileFilters,
    if_none_match: Option<&str>,
) -> Result<TileAnswer, AppError> {
    known_layer(layer)?;
    actor.require(match layer {
        "objects" => Action::ObjectRead,
        "findings" => Action::SurveyRead,
        _ => Action::ZoneRead,
    })?;
    let tile = u8::try_from(at.z)
        .ok()
        .and_then(|z| TileId::new(z, at.x, at.y))
        .ok_or_else(|| AppError::not_found("tile-not-found"))?;
    let org_path = actor.org_path.clone().unwrap_or_default();
    let plan = filters.plan(layer, org_path.clone(), tile)?;
    // Read before the data: a change committed meanwhile makes the next request
    // miss the cache, never the reverse.
    let head = app.change_head.current(&app.store).await?;
    let key = format!("{layer}|{}/{}/{}|{org_path}|{filters:?}", at.z, at.x, at.y);
    let etag = format!(
        "\"{head}-{}\"",
        &hex::encode(Sha256::digest(key.as_bytes()))[..20]
    );
    let read = TileRead {
        entry: actor.entry("tile.read", Some("tile"), None),
        session: actor.session_id,
        layer: layer.to_string(),
        filters: filters.asked(),
        tile,
    };
    if if_none_match.is_some_and(|h| matches_etag(h, &etag)) {
        app.tile_reads.add(read, true);
        return Ok(TileAnswer::NotModified { etag });
    }
    let bytes = match app.tiles.get(&key, head) {
        Some(b) => b,
        None => {
            let b = if actor.org_path.is_some() {
                build::build(app, tile, layer, plan).await?
            } else {
                encode_tile(vec![LayerBuilder::new(tile, layer)])?
            };
            app.tiles.put(key, head, b.clone());
            b
        }
    };
    app.tile_reads.add(read, false);
    Ok(TileAnswer::Tile { bytes, etag })
}

/// Whether an `If-None-Match` value names `etag` (or is `*`).
fn matches_etag(header: &str, etag: &str) -> bool {
    header
        .split(',')
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || t == etag)
}

fn encode_tile(layers: Vec<LayerBuilder>) -> Result<Bytes, AppError> {
    fito_tiles::encode(layers).map(Bytes::from).map_err(|e| {
        tracing::error!(error = ?e, "tile encoding failed");
        AppError::internal()
    })
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
            "description": "Below zoom 12 points and small shapes are counted per cell (count, quarantine_count); from zoom 12 every feature with its id.",
            "minzoom": 0,
            "maxzoom": fito_tiles::MAX_ZOOM,
            "fields": build::fields(layer),
        })],
    })
}
