//! Making a tile of each layer: reads of the tile's buffered box from fito-store,
//! shapes by fito-tiles (off the async runtime), properties per layer.

use super::encode_tile;
use crate::app::objects::parse_stored;
use crate::app::zones::boundary;
use crate::app::{App, AppError};
use bytes::Bytes;
use chrono::DateTime;
use fito_store::tile_cells;
use fito_store::tiles::{self as store, FindingSearch, TileSearch};
use fito_store::zones::{self, ZoneFilter};
use fito_tiles::{Item, LayerBuilder, TileId, Value};
use serde_json::json;

/// What a tile of a layer reads, its filters checked.
pub enum Plan {
    Objects(TileSearch),
    Findings(FindingSearch),
    Zones {
        filter: ZoneFilter,
        organism: Option<String>,
        /// Microseconds (UTC): in force at some time in `[from, to)`.
        from: Option<i64>,
        to: Option<i64>,
    },
}

pub async fn build(app: &App, tile: TileId, layer: &str, plan: Plan) -> Result<Bytes, AppError> {
    let builder = LayerBuilder::new(tile, layer);
    match plan {
        Plan::Objects(search) => objects(app, tile, builder, &search).await,
        Plan::Findings(search) => findings(app, builder, &search).await,
        Plan::Zones {
            filter,
            organism,
            from,
            to,
        } => zones(app, builder, &filter, organism, from, to).await,
    }
}

/// Features a tile may have and still be shaped on the runtime's thread: handing
/// work to another thread costs more than shaping a few.
const SHAPED_IN_PLACE: usize = 64;

/// Shapes and encodes a tile of `features` features, off the async runtime unless
/// they are few.
async fn off_runtime(
    features: usize,
    work: impl FnOnce() -> Result<Bytes, AppError> + Send + 'static,
) -> Result<Bytes, AppError> {
    if features <= SHAPED_IN_PLACE {
        return work();
    }
    tokio::task::spawn_blocking(work)
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

/// Whether a tile of objects is counted from `fito_store::tile_cells`: at
/// zoom ≤ 6 without the filters those counts do not keep (type, organism, period).
fn from_cells(tile: TileId, t: &TileSearch) -> bool {
    tile.z() <= tile_cells::ZOOM
        && t.search.type_code.is_none()
        && t.search.organism.is_none()
        && t.found_from.is_none()
        && t.found_to.is_none()
}

/// From this zoom a tile of objects is read in one statement, drawn columns and
/// all: nearly every object meeting it is big enough to draw (a field of a few
/// hundred metres spans 50 units at zoom 10), so reading the boxes first would
/// only add a round trip.
const ONE_READ_ZOOM: u8 = 10;

/// Reads the objects meeting the tile. From [`ONE_READ_ZOOM`]: one read. Below,
/// boxes first and the drawn rows of those too big to count; at zoom ≤ 6 the
/// counts come from the per-cell counts and only big objects' boxes are read.
async fn objects(
    app: &App,
    tile: TileId,
    mut builder: LayerBuilder,
    search: &TileSearch,
) -> Result<Bytes, AppError> {
    let reader = app.store.tile_reader();
    let rows = if tile.z() >= ONE_READ_ZOOM {
        store::drawn(reader, app.store.engine(), search).await?
    } else {
        let s = &search.search;
        let boxes = match (from_cells(tile, search), s.bbox, s.status.as_deref()) {
            (true, Some(bbox), Some(status)) => {
                let at = (tile.z(), tile.x(), tile.y());
                for c in tile_cells::cells(reader, &s.org_path, status, at).await? {
                    builder.add_counted(c.row, c.col, c.count, c.sum_x, c.sum_y);
                }
                tile_cells::big(reader, &s.org_path, status, bbox).await?
            }
            _ => store::boxes(reader, app.store.engine(), search).await?,
        };
        let mut drawn = Vec::new();
        for (rid, bbox) in boxes {
            if builder.wants_geometry(bbox) {
                drawn.push(rid);
            } else {
                builder.add(item(rid, String::new(), bbox, Vec::new()), None);
            }
        }
        store::rows(reader, app.store.engine(), &drawn).await?
    };
    off_runtime(rows.len(), move || {
        for o in rows {
            let geometry = if builder.wants_geometry(o.bbox) {
                Some(parse_stored(&o.geometry)?)
            } else if tile.z() < fito_tiles::DETAIL_ZOOM {
                // Counted, as from its box alone below ONE_READ_ZOOM.
                builder.add(item(o.rid, String::new(), o.bbox, Vec::new()), None);
                continue;
            } else {
                None
            };
            let props = vec![
                ("name", Value::Str(o.name)),
                ("type", Value::Str(o.type_code)),
                ("status", Value::Str(o.status)),
                ("quarantine", Value::Bool(o.quarantine)),
            ];
            builder.add(
                item(o.rid, o.id.to_string(), o.bbox, props),
                geometry.as_ref(),
            );
        }
        encode_tile(vec![builder])
    })
    .await
}

/// Findings are points: counted per cell below zoom 12 (with how many are of a
/// quarantine organism), each with its survey, number and object from zoom 12.
/// Feature ids number the findings of the tile in (survey, number) order.
async fn findings(
    app: &App,
    mut builder: LayerBuilder,
    search: &FindingSearch,
) -> Result<Bytes, AppError> {
    let points = store::findings(app.store.tile_reader(), search).await?;
    off_runtime(points.len(), move || {
        for (n, p) in points.into_iter().enumerate() {
            let day = DateTime::from_timestamp_micros(p.surveyed_at)
                .map(|t| t.date_naive().to_string())
                .unwrap_or_default();
            let mut props = vec![
                ("seq", Value::UInt(u64::try_from(p.seq).unwrap_or_default())),
                ("organism", Value::Str(p.eppo_code)),
                ("category", Value::Str(p.category.clone())),
                ("quarantine", Value::Bool(p.category == "quarantine")),
                ("surveyed_on", Value::Str(day)),
            ];
            if let Some(o) = p.object_id {
                props.push(("object", Value::Str(o.to_string())));
            }
            let bbox = [p.lon, p.lat, p.lon, p.lat];
            builder.add(
                item(n as i64 + 1, p.survey_id.to_string(), bbox, props),
                None,
            );
        }
        encode_tile(vec![builder])
    })
    .await
}

/// Zones of the subtree meeting the tile, of the organism and in force in the
/// period if asked: polygons (simplified below zoom 12), the smallest counted.
async fn zones(
    app: &App,
    mut builder: LayerBuilder,
    filter: &ZoneFilter,
    organism: Option<String>,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<Bytes, AppError> {
    let found = zones::list(app.store.tile_reader(), filter).await?;
    off_runtime(found.len(), move || {
        for z in found {
            let organisms: Vec<String> = serde_json::from_str(&z.organisms).unwrap_or_default();
            if organism.as_ref().is_some_and(|o| !organisms.contains(o)) {
                continue;
            }
            let start = z.established_at.unwrap_or(z.created_at);
            if to.is_some_and(|t| start >= t)
                || from.is_some_and(|f| z.closed_at.is_some_and(|c| c < f))
            {
                continue;
            }
            let bbox = [z.min_lon, z.min_lat, z.max_lon, z.max_lat];
            let geometry = if builder.wants_geometry(bbox) {
                Some(boundary(&z)?)
            } else {
                None
            };
            let props = vec![
                ("name", Value::Str(z.name.clone())),
                ("status", Value::Str(z.status.clone())),
                ("organisms", Value::Str(organisms.join(","))),
            ];
            builder.add(
                item(z.rid, z.id.to_string(), bbox, props),
                geometry.as_ref(),
            );
        }
        encode_tile(vec![builder])
    })
    .await
}

/// The fields of a layer's features, for its TileJSON.
pub fn fields(layer: &str) -> serde_json::Value {
    let count = "Number: features counted in this cell (low zoom)";
    let q_count = "Number: of them, of a quarantine organism (low zoom, when any)";
    match layer {
        "objects" => json!({
            "id": "String: object id",
            "name": "String: object name",
            "type": "String: object type code",
            "status": "String: active or archived",
            "quarantine": "Boolean: a quarantine organism was found",
            "count": count
        }),
        "findings" => json!({
            "id": "String: the survey's id",
            "seq": "Number: the finding's number in the survey",
            "object": "String: the object surveyed, if any",
            "organism": "String: EPPO code",
            "category": "String: quarantine, especially_dangerous or ordinary",
            "quarantine": "Boolean: the organism is a quarantine one",
            "surveyed_on": "String: day (UTC)",
            "count": count,
            "quarantine_count": q_count
        }),
        _ => json!({
            "id": "String: zone id",
            "name": "String",
            "status": "String: proposed, established, lifted or withdrawn",
            "organisms": "String: EPPO codes, comma-separated",
            "count": count
        }),
    }
}
