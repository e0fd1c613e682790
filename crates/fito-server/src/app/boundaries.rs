//! Boundaries of administrative units (issue 13): an administrator loads them from a
//! GeoJSON, KML or zipped Shapefile file whose features carry a KATO code, and the
//! region summary on the map becomes a choropleth. All or nothing: every feature is
//! checked before one boundary is written. Without boundaries the system works as
//! before (the summary puts a symbol at the centre of each unit's findings).

use crate::app::import::declared;
use crate::app::import::format::{Format, detect, read};
use crate::app::{Actor, App, AppError, EntryExt};
use bytes::Bytes;
use fito_core::{Action, KatoCode};
use fito_geo::formats::geojson::geometry_to_json;
use fito_geo::{Feature, GeometryKind};
use fito_store::boundaries::{self, Boundary};
use fito_store::objects::BoxDeg;
use fito_store::reference;
use fito_store::time::now_us;
use serde::Serialize;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use utoipa::ToSchema;

/// The attribute names a KATO code is looked for under when the sender names none
/// (the first one a feature has, case-insensitive).
const KEYS: [&str; 4] = ["kato", "kato_code", "kato_te", "te"];

/// Simplification of a region's outline for the country map, in degrees (~1 km);
/// districts are drawn closer, so theirs is finer.
const REGION_TOLERANCE: f64 = 0.01;
const DISTRICT_TOLERANCE: f64 = 0.002;

/// A boundary file as it came.
pub struct BoundaryFile<F> {
    /// geojson, kml or shapefile, as the sender named it.
    pub format: Option<String>,
    pub media_type: Option<String>,
    /// The attribute holding the KATO code; by default one of [`KEYS`].
    pub key: Option<String>,
    pub bytes: F,
}

/// What a load did.
#[derive(Debug, Serialize, ToSchema)]
pub struct BoundariesLoaded {
    /// Boundaries written.
    pub loaded: usize,
    /// Of those, units that had one before (replaced).
    pub replaced: u64,
    /// The KATO codes loaded, in order.
    pub kato: Vec<String>,
}

/// How many boundaries are loaded.
#[derive(Debug, Serialize, ToSchema)]
pub struct BoundariesState {
    pub loaded: i64,
    /// When the newest was loaded (µs since the epoch).
    pub updated_at: Option<i64>,
}

/// Loads every boundary of the file, or none.
pub async fn import<F>(
    app: &App,
    actor: &Actor,
    file: BoundaryFile<F>,
) -> Result<BoundariesLoaded, AppError>
where
    F: Future<Output = Result<Bytes, AppError>>,
{
    actor.require(Action::ReferenceManage)?;
    let declared = declared(file.format.as_deref(), file.media_type.as_deref())?;
    let key = match file.key.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
        Some(k) if k.len() <= 64 => Some(k.to_string()),
        Some(_) => return Err(AppError::bad_request("boundary-key-invalid")),
        None => None,
    };
    let bytes = file.bytes.await?;
    let format = detect(&bytes, declared)?;
    if format == Format::Csv {
        return Err(AppError::unprocessable("boundary-format-unsupported"));
    }
    let units: BTreeMap<String, reference::AdminUnit> = reference::admin_units(app.store.reader())
        .await?
        .into_iter()
        .map(|u| (u.kato.clone(), u))
        .collect();
    let by = actor.user.id;
    let rows = tokio::task::spawn_blocking(move || {
        let imported = read(format, &bytes)?;
        let mut seen = BTreeSet::new();
        let mut rows = Vec::with_capacity(imported.features.len());
        for (i, feature) in imported.features.iter().enumerate() {
            let unit = unit_of(i + 1, feature, key.as_deref(), &units)?;
            if !seen.insert(unit.kato.clone()) {
                return Err(AppError::unprocessable("boundary-duplicate")
                    .with("feature", i + 1)
                    .with("kato", &unit.kato));
            }
            rows.push(boundary(feature, unit, by));
        }
        Ok::<_, AppError>(rows)
    })
    .await
    .map_err(|_| AppError::internal())??;
    let mut unit = app.begin().await?;
    let replaced = boundaries::put_all(unit.tx(), &rows).await?;
    let kato: Vec<String> = rows.iter().map(|b| b.kato.clone()).collect();
    unit.journal(
        actor
            .entry("admin_boundaries.import", Some("admin_boundaries"), None)
            .details(json!({ "count": rows.len(), "replaced": replaced,
                "format": format.name(), "kato": kato })),
    );
    unit.commit().await?;
    Ok(BoundariesLoaded {
        loaded: rows.len(),
        replaced,
        kato,
    })
}

/// How many boundaries are loaded (anyone who reads reference data may ask).
pub async fn state(app: &App, actor: &Actor) -> Result<BoundariesState, AppError> {
    actor.require(Action::ReferenceRead)?;
    let (loaded, updated_at) = boundaries::loaded(app.store.reader()).await?;
    Ok(BoundariesState { loaded, updated_at })
}

/// The registered unit feature `number` is the boundary of.
fn unit_of<'a>(
    number: usize,
    feature: &Feature,
    key: Option<&str>,
    units: &'a BTreeMap<String, reference::AdminUnit>,
) -> Result<&'a reference::AdminUnit, AppError> {
    let value = feature
        .properties
        .iter()
        .find(|(name, _)| match key {
            Some(k) => name.eq_ignore_ascii_case(k),
            None => KEYS.iter().any(|k| name.eq_ignore_ascii_case(k)),
        })
        .map(|(_, v)| v.to_text());
    let Some(value) = value else {
        return Err(AppError::unprocessable("boundary-key-missing")
            .with("feature", number)
            .with("key", key.unwrap_or("kato")));
    };
    let code = KatoCode::parse(&value).map_err(|_| {
        AppError::unprocessable("boundary-kato-invalid")
            .with("feature", number)
            .with("kato", &value)
    })?;
    if feature.geometry.kind() == GeometryKind::Point {
        return Err(AppError::unprocessable("boundary-not-polygon").with("feature", number));
    }
    units.get(code.as_str()).ok_or_else(|| {
        AppError::unprocessable("boundary-unit-unknown")
            .with("feature", number)
            .with("kato", code.as_str())
    })
}

fn boundary(feature: &Feature, unit: &reference::AdminUnit, by: uuid::Uuid) -> Boundary {
    let g = &feature.geometry;
    let tolerance = match unit.level.as_str() {
        "region" | "city_republican" => REGION_TOLERANCE,
        _ => DISTRICT_TOLERANCE,
    };
    let bbox = g.bbox();
    let label = g.label_point();
    Boundary {
        kato: unit.kato.clone(),
        geometry: geometry_to_json(g).to_string(),
        outline: geometry_to_json(&g.outline(tolerance)).to_string(),
        bbox: BoxDeg {
            min_lon: bbox.min_lon(),
            min_lat: bbox.min_lat(),
            max_lon: bbox.max_lon(),
            max_lat: bbox.max_lat(),
        },
        label: [label.lon(), label.lat()],
        updated_at: now_us(),
        updated_by: Some(by),
    }
}
