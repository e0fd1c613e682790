//! The region summary of the findings map (issue 13): the dashboard's numbers by
//! region (or, asked for a region, by its districts) as GeoJSON the map draws — each
//! unit as its loaded boundary (a choropleth) or, with no boundary loaded, as a
//! point at the centre of its findings (a proportional symbol).

use super::report::{AreasView, UnitView, unit};
use super::{ReportQuery, check, journal};
use crate::app::{Actor, App, AppError};
use fito_store::analytics::{self, Areas, UnitRow};
use fito_store::boundaries::{self, Level};
use serde::Serialize;
use serde_json::{Value, json};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The units of the summary as a GeoJSON FeatureCollection.
#[derive(Debug, Serialize, ToSchema)]
pub struct RegionSummary {
    /// Always `FeatureCollection`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// `region`, or `district` when a region (or district) was asked with `kato`.
    pub level: &'static str,
    pub features: Vec<RegionFeature>,
    /// Findings on no unit: of no registered object, or of one with no KATO code.
    pub unplaced: AreasView,
    /// How many features are drawn as boundaries (the rest as centres).
    pub boundaries: usize,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegionFeature {
    /// Always `Feature`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The KATO code.
    pub id: String,
    /// A Polygon or MultiPolygon (the loaded boundary, simplified) or a Point (the
    /// centre of the unit's findings).
    #[schema(value_type = Object)]
    pub geometry: Value,
    pub properties: RegionProperties,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RegionProperties {
    #[serde(flatten)]
    pub unit: UnitView,
    /// `boundary` or `centre`.
    pub shape: &'static str,
}

/// The summary for the actor's subtree, the period and filters; journalled as a
/// report read.
pub async fn regions(app: &App, actor: &Actor, q: ReportQuery) -> Result<RegionSummary, AppError> {
    let checked = check(app, actor, q).await?;
    let db = app.store.reader();
    let query = &checked.query;
    let prefix = query.kato.clone().unwrap_or_default();
    let level = if prefix.is_empty() {
        Level::Region
    } else {
        Level::District
    };
    let (regions, districts) = analytics::units(db, query).await?;
    let unplaced = regions
        .iter()
        .find(|r| r.kato.is_none())
        .map(|r| r.areas)
        .unwrap_or_default();
    let mut rows: BTreeMap<String, UnitRow> = match level {
        Level::Region => regions,
        Level::District => districts,
    }
    .into_iter()
    .filter_map(|r| Some((r.kato.clone()?, r)))
    .collect();
    let outlines = boundaries::outlines(db, level, &prefix).await?;
    // The whole country asked: every loaded unit is drawn, those with no finding at
    // zero. A Head's subtree is not a territory, so a zero outside it would mislead.
    if is_root(&query.org_path) {
        let names = names(app).await?;
        for o in &outlines {
            if let (false, Some(u)) = (rows.contains_key(&o.kato), names.get(&o.kato)) {
                rows.insert(o.kato.clone(), zero(u, level));
            }
        }
    }
    let outlines: BTreeMap<String, boundaries::Outline> =
        outlines.into_iter().map(|o| (o.kato.clone(), o)).collect();
    // The centres read every finding of the period again: only when a unit lacks a boundary.
    let centres = if rows.keys().all(|k| outlines.contains_key(k)) {
        BTreeMap::new()
    } else {
        analytics::centres(db, query, level == Level::District).await?
    };
    let mut features = Vec::new();
    for (kato, row) in rows {
        let (geometry, shape) = match (outlines.get(&kato), centres.get(&kato)) {
            (Some(o), _) => match serde_json::from_str::<Value>(&o.outline) {
                Ok(g) => (g, "boundary"),
                Err(_) => return Err(AppError::internal()),
            },
            (None, Some(c)) => (json!({ "type": "Point", "coordinates": c }), "centre"),
            (None, None) => continue,
        };
        features.push(RegionFeature {
            kind: "Feature",
            id: kato,
            geometry,
            properties: RegionProperties {
                unit: unit(actor.meta.lang, row),
                shape,
            },
        });
    }
    journal(actor, "report.regions", &checked).await?;
    let boundaries = features
        .iter()
        .filter(|f| f.properties.shape == "boundary")
        .count();
    Ok(RegionSummary {
        kind: "FeatureCollection",
        level: level.name(),
        features,
        unplaced: unplaced.into(),
        boundaries,
    })
}

/// A root organisation's path has one segment: `/<id>/`.
fn is_root(path: &str) -> bool {
    path.trim_matches('/').split('/').count() == 1
}

async fn names(app: &App) -> Result<BTreeMap<String, fito_store::reference::AdminUnit>, AppError> {
    Ok(fito_store::reference::admin_units(app.store.reader())
        .await?
        .into_iter()
        .map(|u| (u.kato.clone(), u))
        .collect())
}

/// A loaded unit of `level` with no finding, at zero.
fn zero(u: &fito_store::reference::AdminUnit, level: Level) -> UnitRow {
    UnitRow {
        kato: Some(u.kato.clone()),
        region: (level == Level::District).then(|| analytics::region_of(&u.kato)),
        name_kk: Some(u.name_kk.clone()),
        name_ru: Some(u.name_ru.clone()),
        name_en: u.name_en.clone(),
        areas: Areas::default(),
    }
}
