use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "ref_organisms")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub eppo_code: String,
    pub kind: String,
    pub category: String,
    pub name_la: String,
    pub name_kk: Option<String>,
    pub name_ru: String,
    pub name_en: Option<String>,
    pub active: bool,
    pub updated_at: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
