use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "objects")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub rid: i64,
    pub id: Uuid,
    pub organization_id: Uuid,
    pub type_code: String,
    pub name: String,
    pub owner_kind: Option<String>,
    pub owner_name: Option<String>,
    pub owner_bin: Option<String>,
    pub owner_iin: Option<String>,
    pub kato: Option<String>,
    pub crop_code: Option<String>,
    pub status: String,
    pub geometry: String,
    pub area_ha: f64,
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
    pub notes: Option<String>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub created_by: Option<Uuid>,
    pub updated_by: Option<Uuid>,
    /// When a survey last found a quarantine organism here (R-SURV-1).
    pub quarantine_found_at: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
