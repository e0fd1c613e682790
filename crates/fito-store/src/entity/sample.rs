use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "samples")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub rid: i64,
    pub id: Uuid,
    pub organization_id: Uuid,
    pub number: String,
    pub survey_id: Uuid,
    pub finding_seq: i32,
    pub object_id: Option<Uuid>,
    pub eppo_code: String,
    pub what: String,
    pub quantity: f64,
    pub unit: String,
    pub lat: f64,
    pub lon: f64,
    pub taken_by: Uuid,
    pub taken_at: i64,
    pub status: String,
    pub lab_organization_id: Option<Uuid>,
    pub lab_object_id: Option<Uuid>,
    pub referral_number: Option<String>,
    pub sent_at: Option<i64>,
    pub sent_by: Option<Uuid>,
    pub received_at: Option<i64>,
    pub received_by: Option<Uuid>,
    pub result_eppo: Option<String>,
    pub outcome: Option<String>,
    pub method: Option<String>,
    pub conclusion_number: Option<String>,
    pub conclusion_date: Option<String>,
    pub report_document_id: Option<Uuid>,
    pub result_at: Option<i64>,
    pub result_by: Option<Uuid>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
