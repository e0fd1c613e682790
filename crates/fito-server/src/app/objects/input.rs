//! What the API and sync take to register or change an object (R-OBJ-1), as it
//! arrives; parsed once into fito-core's `NewObject` and fito-geo's geometry.

use crate::app::AppError;
use fito_core::Owner;
use serde::Deserialize;
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OwnerInput {
    /// legal_entity or person
    pub kind: String,
    pub name: String,
    pub bin: Option<String>,
    pub iin: Option<String>,
}

impl OwnerInput {
    pub fn parse(&self) -> Result<Owner, AppError> {
        Ok(Owner::parse(
            &self.kind,
            &self.name,
            self.bin.as_deref(),
            self.iin.as_deref(),
        )?)
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectInput {
    /// A UUIDv7 the client made (offline registration); the server makes one if absent.
    pub id: Option<Uuid>,
    /// Defaults to the caller's organisation; must lie in their subtree.
    pub organization_id: Option<Uuid>,
    /// A code from /api/v1/reference/object-types.
    #[serde(rename = "type")]
    pub type_code: String,
    pub name: String,
    pub owner: Option<OwnerInput>,
    /// KATO code of the administrative unit.
    pub kato: Option<String>,
    /// A code from /api/v1/reference/crops.
    pub crop: Option<String>,
    pub notes: Option<String>,
    /// RFC 7946 geometry: Point, Polygon or MultiPolygon, longitude first.
    #[schema(value_type = Object)]
    pub geometry: Value,
    /// Close a ring whose last position differs from its first (reported back).
    #[serde(default)]
    pub close_open_rings: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectChange {
    /// The version the change was made on (from the object's properties).
    pub version: i64,
    pub name: Option<String>,
    #[serde(rename = "type")]
    pub type_code: Option<String>,
    pub owner: Option<OwnerInput>,
    pub kato: Option<String>,
    pub crop: Option<String>,
    pub notes: Option<String>,
    #[schema(value_type = Option<Object>)]
    pub geometry: Option<Value>,
    #[serde(default)]
    pub close_open_rings: bool,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionOnly {
    pub version: i64,
    /// Why (archive, restore): kept on the new version and shown in its history.
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BufferRequest {
    /// Radius of the zone around the object, in kilometres.
    pub radius_km: f64,
    /// Name of the new zone; by default the source's name.
    pub name: Option<String>,
}
