use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "quarantine_zones")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub rid: i64,
    pub id: Uuid,
    pub organization_id: Uuid,
    pub name: String,
    pub status: String,
    pub organisms: String,
    pub boundary_kind: String,
    pub radius_km: Option<f64>,
    pub boundary_source: Option<String>,
    pub geometry: String,
    pub area_ha: f64,
    pub min_lon: f64,
    pub min_lat: f64,
    pub max_lon: f64,
    pub max_lat: f64,
    pub basis: String,
    pub regime_kk: String,
    pub regime_ru: String,
    pub decision_number: Option<String>,
    pub decision_date: Option<String>,
    pub decision_authority: Option<String>,
    pub decision_document_id: Option<Uuid>,
    pub established_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub closing_note: Option<String>,
    pub closing_evidence: Option<String>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub created_by: Uuid,
    pub updated_by: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
