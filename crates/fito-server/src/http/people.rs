//! The personal fields of R-USER-1, shared by self-registration and accounts that
//! administrators create, and their checks.

use super::views::{optional_text, required_text};
use crate::app::AppError;
use chrono::{Duration, Utc};
use fito_core::{Email, Iin, Phone};
use fito_store::users::NewUser;

/// Declares a request body with the personal fields of R-USER-1 followed by `extra`
/// fields. (`serde(flatten)` would lose the failing field's name in errors and
/// cannot refuse unknown fields.)
macro_rules! person_request {
    ($(#[$meta:meta])* $name:ident { $($(#[$fmeta:meta])* $field:ident : $ty:ty),* $(,)? }) => {
        $(#[$meta])*
        #[derive(serde::Deserialize, utoipa::ToSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            pub surname: String,
            pub first_name: String,
            pub patronymic: Option<String>,
            /// Mobile or work phone, e.g. +7 701 123 45 67.
            pub phone: String,
            pub email: String,
            /// 12-digit individual identification number.
            pub iin: String,
            pub position: String,
            $($(#[$fmeta])* pub $field: $ty,)*
        }

        impl $name {
            pub fn person(&self) -> $crate::http::people::PersonFields<'_> {
                $crate::http::people::PersonFields {
                    surname: &self.surname,
                    first_name: &self.first_name,
                    patronymic: self.patronymic.as_deref(),
                    phone: &self.phone,
                    email: &self.email,
                    iin: &self.iin,
                    position: &self.position,
                }
            }
        }
    };
}
pub(crate) use person_request;

/// The personal fields of a request, borrowed.
pub struct PersonFields<'a> {
    pub surname: &'a str,
    pub first_name: &'a str,
    pub patronymic: Option<&'a str>,
    pub phone: &'a str,
    pub email: &'a str,
    pub iin: &'a str,
    pub position: &'a str,
}

pub struct CheckedPerson {
    pub surname: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub phone: Phone,
    pub email: Email,
    pub iin: Iin,
    pub position: String,
}

/// Today's date in Kazakhstan (UTC+5 across the country since March 2024): the day
/// on which the age of 18 is counted.
pub fn today_in_kazakhstan() -> chrono::NaiveDate {
    (Utc::now() + Duration::hours(5)).date_naive()
}

pub fn checked_person(p: PersonFields<'_>) -> Result<CheckedPerson, AppError> {
    let iin = Iin::parse(p.iin)?;
    iin.require_adult_on(today_in_kazakhstan())?;
    Ok(CheckedPerson {
        surname: required_text("surname", p.surname, 100)?,
        first_name: required_text("first_name", p.first_name, 100)?,
        patronymic: optional_text("patronymic", p.patronymic, 100)?,
        phone: Phone::parse(p.phone)?,
        email: Email::parse(p.email)?,
        iin,
        position: required_text("position", p.position, 200)?,
    })
}

impl CheckedPerson {
    /// The person as a new user record; the caller sets id, role, status, password.
    pub fn into_new_user(self) -> NewUser {
        NewUser {
            id: uuid::Uuid::nil(),
            organization_id: None,
            role: None,
            status: fito_store::users::STATUS_PENDING,
            surname: self.surname,
            first_name: self.first_name,
            patronymic: self.patronymic,
            phone: Some(self.phone.as_str().to_string()),
            email: self.email.as_str().to_string(),
            iin: Some(self.iin.to_string()),
            position: self.position,
            password_hash: None,
            must_change_password: true,
        }
    }
}
