//! Changes to a person's account, as typed fields: callers say what changes and
//! never build a SeaORM model (R-USER-1, R-USER-2, R-AUTH-2).

use crate::Result;
use crate::entity::user;
use crate::users::{self, User};
use sea_orm::ActiveValue::Set;
use uuid::Uuid;

/// What changes on a user; `None` leaves a field as it is.
#[derive(Default)]
pub struct UserChanges {
    pub organization_id: Option<Uuid>,
    pub role: Option<String>,
    /// One of the `users::STATUS_…` values.
    pub status: Option<&'static str>,
    pub activated_at: Option<i64>,
    pub surname: Option<String>,
    pub first_name: Option<String>,
    /// `Some(None)` clears it.
    pub patronymic: Option<Option<String>>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub iin: Option<String>,
    pub position: Option<String>,
    pub password: Option<PasswordChange>,
    pub certificate: Option<Certificate>,
}

/// A new password hash, and whether it must be replaced at the next sign-in.
pub struct PasswordChange {
    pub hash: String,
    pub must_change: bool,
}

/// The e-signature certificate a person last signed in with (R-USER-1).
pub struct Certificate {
    pub subject: Option<String>,
    pub serial: String,
    pub issuer: String,
    pub valid_from: i64,
    pub valid_to: i64,
    pub bin: Option<String>,
}

/// Writes `changes` onto `current` (personal fields sealed as on insert, R-PD-2).
pub async fn update<C: crate::Conn>(
    conn: &C,
    current: User,
    changes: UserChanges,
    now: i64,
) -> Result<User> {
    let mut model: user::ActiveModel = current.into();
    let UserChanges {
        organization_id,
        role,
        status,
        activated_at,
        surname,
        first_name,
        patronymic,
        phone,
        email,
        iin,
        position,
        password,
        certificate,
    } = changes;
    if let Some(v) = organization_id {
        model.organization_id = Set(Some(v));
    }
    if let Some(v) = role {
        model.role = Set(Some(v));
    }
    if let Some(v) = status {
        model.status = Set(v.to_string());
    }
    if let Some(v) = activated_at {
        model.activated_at = Set(Some(v));
    }
    if let Some(v) = surname {
        model.surname = Set(v);
    }
    if let Some(v) = first_name {
        model.first_name = Set(v);
    }
    if let Some(v) = patronymic {
        model.patronymic = Set(v);
    }
    if let Some(v) = phone {
        model.phone = Set(Some(v));
    }
    if let Some(v) = email {
        model.email = Set(v);
    }
    if let Some(v) = iin {
        model.iin = Set(Some(v));
    }
    if let Some(v) = position {
        model.position = Set(v);
    }
    if let Some(p) = password {
        model.password_hash = Set(Some(p.hash));
        model.must_change_password = Set(p.must_change);
    }
    if let Some(c) = certificate {
        model.cert_subject = Set(c.subject);
        model.cert_serial = Set(Some(c.serial));
        model.cert_issuer = Set(Some(c.issuer));
        model.cert_valid_from = Set(Some(c.valid_from));
        model.cert_valid_to = Set(Some(c.valid_to));
        model.cert_bin = Set(c.bin);
    }
    users::save(conn, model, now).await
}
