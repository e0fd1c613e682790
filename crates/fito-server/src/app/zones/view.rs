//! A zone as the API and its version history show it.

use chrono::{DateTime, Utc};
use fito_store::time::to_datetime;
use fito_store::zones::{Zone, ZoneVersion};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct DecisionView {
    pub number: String,
    /// YYYY-MM-DD
    pub date: String,
    pub authority: String,
    /// The decision's PDF, attached to the zone.
    pub document_id: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct ZoneView {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub name: String,
    /// proposed, established, lifted or withdrawn
    pub status: String,
    /// EPPO codes.
    pub organisms: Vec<String>,
    /// buffer, drawn or imported
    pub boundary_kind: String,
    pub radius_km: Option<f64>,
    /// The imported file's name.
    pub boundary_source: Option<String>,
    /// RFC 7946 geometry (Polygon or MultiPolygon).
    #[schema(value_type = Object)]
    pub geometry: Value,
    pub area_ha: f64,
    /// west, south, east, north
    pub bbox: [f64; 4],
    /// `{ "findings": [{ "survey_id", "seq" }], "acts": [id] }`
    #[schema(value_type = Object)]
    pub basis: Value,
    pub regime_kk: String,
    pub regime_ru: String,
    pub decision: Option<DecisionView>,
    pub established_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Why it was lifted or withdrawn.
    pub closing_note: Option<String>,
    /// The evidence a lifting stood on.
    #[schema(value_type = Option<Object>)]
    pub closing_evidence: Option<Value>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub created_by: Uuid,
    pub updated_by: Uuid,
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

impl From<&Zone> for ZoneView {
    fn from(z: &Zone) -> Self {
        let decision = match (&z.decision_number, &z.decision_date, &z.decision_authority) {
            (Some(number), Some(date), Some(authority)) => Some(DecisionView {
                number: number.clone(),
                date: date.clone(),
                authority: authority.clone(),
                document_id: z.decision_document_id,
            }),
            _ => None,
        };
        ZoneView {
            id: z.id,
            organization_id: z.organization_id,
            name: z.name.clone(),
            status: z.status.clone(),
            organisms: serde_json::from_str(&z.organisms).unwrap_or_default(),
            boundary_kind: z.boundary_kind.clone(),
            radius_km: z.radius_km,
            boundary_source: z.boundary_source.clone(),
            geometry: json(&z.geometry),
            area_ha: z.area_ha,
            bbox: [z.min_lon, z.min_lat, z.max_lon, z.max_lat],
            basis: json(&z.basis),
            regime_kk: z.regime_kk.clone(),
            regime_ru: z.regime_ru.clone(),
            decision,
            established_at: z.established_at.map(to_datetime),
            closed_at: z.closed_at.map(to_datetime),
            closing_note: z.closing_note.clone(),
            closing_evidence: z.closing_evidence.as_deref().map(json),
            version: z.version,
            created_at: to_datetime(z.created_at),
            updated_at: to_datetime(z.updated_at),
            created_by: z.created_by,
            updated_by: z.updated_by,
        }
    }
}

/// The zone as an RFC 7946 Feature: its boundary, and everything else as properties
/// (for GIS: QGIS and GDAL read a FeatureCollection of these).
pub fn feature(z: &Zone) -> Value {
    let mut properties = serde_json::to_value(ZoneView::from(z)).unwrap_or_default();
    let geometry = properties
        .as_object_mut()
        .and_then(|p| p.remove("geometry"))
        .unwrap_or(Value::Null);
    if let Some(p) = properties.as_object_mut() {
        p.remove("id");
    }
    serde_json::json!({ "type": "Feature", "id": z.id, "geometry": geometry, "properties": properties })
}

/// The stored form of a version: the zone as the API shows it.
pub fn snapshot(z: &Zone) -> String {
    serde_json::to_string(&ZoneView::from(z)).unwrap_or_default()
}

#[derive(Serialize, ToSchema)]
pub struct ZoneVersionView {
    pub version: i64,
    /// propose, establish, lift or withdraw
    pub change: String,
    /// The zone as it was after this step.
    #[schema(value_type = Object)]
    pub zone: Value,
    pub changed_at: DateTime<Utc>,
    pub changed_by: Uuid,
}

impl From<ZoneVersion> for ZoneVersionView {
    fn from(v: ZoneVersion) -> Self {
        ZoneVersionView {
            version: v.version,
            change: v.change,
            zone: json(&v.snapshot),
            changed_at: to_datetime(v.changed_at),
            changed_by: v.changed_by,
        }
    }
}
