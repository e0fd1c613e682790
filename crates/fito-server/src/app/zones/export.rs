//! Zones as a GIS file (issue 14): GeoJSON, KML or a zipped Shapefile, written by
//! fito-geo's writers, the same as the register's export. Zones are few, so the
//! file is made in memory.

use super::boundary;
use crate::app::import::Format;
use crate::app::{Actor, App, AppError};
use fito_geo::formats::shapefile::{Column, ColumnKind};
use fito_geo::formats::{geojson, kml, shapefile};
use fito_geo::{Feature, PropertyValue};
use fito_store::time::to_datetime;
use fito_store::zones::Zone;

/// The attribute columns, in this order; names fit a DBF field (10 bytes).
const COLUMNS: &[(&str, ColumnKind)] = &[
    ("id", ColumnKind::Text),
    ("name", ColumnKind::Text),
    ("status", ColumnKind::Text),
    ("organisms", ColumnKind::Text),
    ("boundary", ColumnKind::Text),
    ("radius_km", ColumnKind::Number),
    ("area_ha", ColumnKind::Number),
    ("decision", ColumnKind::Text),
    ("decided_on", ColumnKind::Text),
    ("authority", ColumnKind::Text),
    ("regime_kk", ColumnKind::Text),
    ("regime_ru", ColumnKind::Text),
    ("est_at", ColumnKind::Text),
    ("closed_at", ColumnKind::Text),
];

/// A made file: its format (content type, name) and bytes.
pub struct ZoneFile {
    pub format: Format,
    pub bytes: Vec<u8>,
}

impl ZoneFile {
    pub fn file_name(&self) -> &'static str {
        match self.format {
            Format::Kml => "zones.kml",
            Format::Shapefile => "zones.zip",
            _ => "zones.geojson",
        }
    }
}

fn feature(z: &Zone) -> Result<Feature, AppError> {
    let organisms: Vec<String> = serde_json::from_str(&z.organisms).unwrap_or_default();
    let time = |t: Option<i64>| t.map(|t| to_datetime(t).to_rfc3339());
    let mut f = Feature::new(boundary(z)?)
        .with("id", z.id.to_string())
        .with("name", z.name.clone())
        .with("status", z.status.clone())
        .with("organisms", organisms.join(","))
        .with("boundary", z.boundary_kind.clone())
        .with("area_ha", (z.area_ha * 10_000.0).round() / 10_000.0)
        .with("regime_kk", z.regime_kk.clone())
        .with("regime_ru", z.regime_ru.clone());
    let optional = [
        ("decision", z.decision_number.clone()),
        ("decided_on", z.decision_date.clone()),
        ("authority", z.decision_authority.clone()),
        ("est_at", time(z.established_at)),
        ("closed_at", time(z.closed_at)),
    ];
    for (k, v) in optional {
        if let Some(v) = v {
            f.properties.insert(k.into(), PropertyValue::Text(v));
        }
    }
    if let Some(r) = z.radius_km {
        f.properties
            .insert("radius_km".into(), PropertyValue::Number(r));
    }
    Ok(f)
}

/// The zones of the actor's subtree (of one status, meeting a box) as `format`
/// names it: geojson (the default), kml or shapefile. The read is journalled.
pub async fn export(
    app: &App,
    actor: &Actor,
    format: Option<&str>,
    status: Option<&str>,
    bbox: Option<&str>,
) -> Result<ZoneFile, AppError> {
    let format = match format {
        None => Format::GeoJson,
        Some(name) => Format::from_name(name)
            .filter(|f| *f != Format::Csv)
            .ok_or_else(|| AppError::bad_request("export-format-unknown").with("format", name))?,
    };
    let found = super::list(app, actor, status, bbox).await?;
    if format == Format::GeoJson {
        // Every field, nested as the API shows it (GDAL and QGIS read it).
        let features: Vec<_> = found.iter().map(super::feature).collect();
        let body = serde_json::json!({ "type": "FeatureCollection", "numberReturned": features.len(), "features": features });
        let bytes = serde_json::to_vec(&body).map_err(|_| AppError::internal())?;
        return Ok(ZoneFile { format, bytes });
    }
    let features = found.iter().map(feature).collect::<Result<Vec<_>, _>>()?;
    let mut bytes = Vec::new();
    match format {
        Format::Kml => kml::write(&mut bytes, &features)?,
        Format::Shapefile => {
            let columns: Vec<Column> = COLUMNS
                .iter()
                .map(|(name, kind)| Column {
                    name: name.to_string(),
                    kind: *kind,
                })
                .collect();
            shapefile::write_zip(&mut bytes, "zones", &columns, &features)?
        }
        _ => geojson::write(&mut bytes, &features)?,
    };
    Ok(ZoneFile { format, bytes })
}
