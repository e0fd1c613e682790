use sea_orm::entity::prelude::*;

#[derive(Clone, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub organization_id: Option<Uuid>,
    pub role: Option<String>,
    pub status: String,
    pub surname: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub phone: Option<String>,
    pub email: String,
    pub iin: Option<String>,
    pub position: String,
    pub password_hash: Option<String>,
    pub must_change_password: bool,
    pub cert_subject: Option<String>,
    pub cert_serial: Option<String>,
    pub cert_issuer: Option<String>,
    pub cert_valid_from: Option<i64>,
    pub cert_valid_to: Option<i64>,
    pub cert_bin: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub activated_at: Option<i64>,
    /// Keyed blind indexes of the e-mail and IIN (R-PD-2), for equality lookups.
    pub email_bix: Option<String>,
    pub iin_bix: Option<String>,
}

// Personal data and a password hash: never printed whole.
impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("User")
            .field("id", &self.id)
            .field("role", &self.role)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
