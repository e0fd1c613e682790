use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub rid: i64,
    pub id: Uuid,
    pub organization_id: Uuid,
    pub owner_kind: String,
    pub owner_id: Uuid,
    pub file_name: String,
    pub kind: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: Uuid,
    pub created_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
