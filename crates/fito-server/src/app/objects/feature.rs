//! An object as a GeoJSON Feature (RFC 7946): the form the API sends and the
//! form each version keeps in the object's history (R-OBJ-1).

use fito_store::objects::Object;
use fito_store::time::to_datetime;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// Serialised straight from the row: the stored geometry text goes out as it is
/// (it was written by fito-geo), which keeps large bbox answers cheap.
/// A register object as a GeoJSON Feature (`type` is always `Feature`).
#[derive(Serialize, ToSchema)]
#[schema(as = ObjectFeature)]
pub struct FeatureOut<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    id: Uuid,
    /// An RFC 7946 geometry in WGS 84: Point, LineString, Polygon or their Multi forms.
    #[schema(value_type = Object)]
    geometry: Box<serde_json::value::RawValue>,
    properties: PropertiesOut<'a>,
}

/// [`FeatureOut`] as the API documents it.
pub type ObjectFeature = FeatureOut<'static>;

/// The object's attributes.
#[derive(Serialize, ToSchema)]
#[schema(as = ObjectProperties)]
struct PropertiesOut<'a> {
    organization_id: Uuid,
    #[serde(rename = "type")]
    type_code: &'a str,
    name: &'a str,
    owner: Option<OwnerOut<'a>>,
    kato: Option<&'a str>,
    crop: Option<&'a str>,
    status: &'a str,
    area_ha: f64,
    notes: Option<&'a str>,
    version: i64,
    created_at: chrono::DateTime<chrono::Utc>,
    updated_at: chrono::DateTime<chrono::Utc>,
}

/// Who holds the object: `kind` is `legal` (name, BIN) or `person` (name, IIN).
#[derive(Serialize, ToSchema)]
#[schema(as = ObjectOwner)]
struct OwnerOut<'a> {
    kind: &'a str,
    name: Option<&'a str>,
    bin: Option<&'a str>,
    iin: Option<&'a str>,
}

impl<'a> FeatureOut<'a> {
    pub fn new(o: &'a Object) -> Self {
        let geometry =
            serde_json::value::RawValue::from_string(o.geometry.clone()).unwrap_or_else(|_| {
                serde_json::value::RawValue::from_string("null".into()).expect("null is JSON")
            });
        FeatureOut {
            kind: "Feature",
            id: o.id,
            geometry,
            properties: PropertiesOut {
                organization_id: o.organization_id,
                type_code: &o.type_code,
                name: &o.name,
                owner: o.owner_kind.as_deref().map(|kind| OwnerOut {
                    kind,
                    name: o.owner_name.as_deref(),
                    bin: o.owner_bin.as_deref(),
                    iin: o.owner_iin.as_deref(),
                }),
                kato: o.kato.as_deref(),
                crop: o.crop_code.as_deref(),
                status: &o.status,
                area_ha: (o.area_ha * 10_000.0).round() / 10_000.0,
                notes: o.notes.as_deref(),
                version: o.version,
                created_at: to_datetime(o.created_at),
                updated_at: to_datetime(o.updated_at),
            },
        }
    }
}

/// The Feature as a JSON tree.
pub fn feature_value(o: &Object) -> serde_json::Value {
    serde_json::to_value(FeatureOut::new(o)).unwrap_or(serde_json::Value::Null)
}

/// The Feature as the history keeps it.
pub fn snapshot(o: &Object) -> String {
    feature_value(o).to_string()
}
