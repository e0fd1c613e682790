use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "act_signatures")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub act_id: Uuid,
    pub cms_sha256: String,
    pub pdf_sha256: String,
    pub signer_iin: Option<String>,
    pub signer_bin: Option<String>,
    pub signer_name: Option<String>,
    pub organization: Option<String>,
    pub serial: String,
    pub issuer: String,
    pub algorithm: String,
    pub valid_from: i64,
    pub valid_to: i64,
    pub signing_time: Option<i64>,
    pub signed_at: i64,
    pub signed_by: Uuid,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
