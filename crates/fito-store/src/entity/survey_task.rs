use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_tasks")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub rid: i64,
    pub id: Uuid,
    pub organization_id: Uuid,
    pub assignee_id: Uuid,
    pub basis: String,
    pub area: Option<String>,
    pub starts_on: String,
    pub due_on: String,
    pub status: String,
    pub note: Option<String>,
    pub warnings: String,
    pub created_by: Uuid,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
