use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "acts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub rid: i64,
    pub id: Uuid,
    pub organization_id: Uuid,
    pub survey_id: Uuid,
    pub object_id: Option<Uuid>,
    pub inspector_id: Uuid,
    pub act_type: String,
    pub language: String,
    pub status: String,
    pub registry_year: Option<i32>,
    pub registry_seq: Option<i64>,
    pub registry_number: Option<String>,
    pub content: String,
    pub frozen: Option<String>,
    pub pdf_sha256: Option<String>,
    pub content_sha256: Option<String>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
