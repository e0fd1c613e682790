use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "surveys")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub rid: i64,
    pub id: Uuid,
    pub organization_id: Uuid,
    pub inspector_id: Uuid,
    pub task_id: Option<Uuid>,
    pub object_id: Option<Uuid>,
    pub place: Option<String>,
    pub surveyed_at: i64,
    pub crop_code: Option<String>,
    pub growth_phase: Option<String>,
    pub notes: Option<String>,
    pub points: String,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
