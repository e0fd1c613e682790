use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_findings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub survey_id: Uuid,
    #[sea_orm(primary_key, auto_increment = false)]
    pub seq: i32,
    pub organization_id: Uuid,
    pub object_id: Option<Uuid>,
    pub point_seq: i32,
    pub lat: f64,
    pub lon: f64,
    pub surveyed_at: i64,
    pub eppo_code: String,
    pub category: String,
    pub development_stage: Option<String>,
    pub intensity_kind: Option<String>,
    pub intensity_value: Option<f64>,
    pub area_surveyed_ha: Option<f64>,
    pub area_infested_ha: Option<f64>,
    pub area_above_threshold_ha: Option<f64>,
    pub samples: String,
    pub notes: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
