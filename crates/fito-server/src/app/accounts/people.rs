//! The personal fields of R-USER-1 in requests: self-registration and accounts that
//! administrators create share them and fito-core's rules for them.

use chrono::{Duration, Utc};
use fito_core::person::Person;
use fito_store::users::{NewUser, STATUS_PENDING};

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
            /// The personal fields, checked (R-USER-1, R-USER-3).
            pub fn person(&self) -> Result<fito_core::person::Person, fito_core::Invalid> {
                fito_core::person::Person::parse(
                    fito_core::person::PersonFields {
                        surname: &self.surname,
                        first_name: &self.first_name,
                        patronymic: self.patronymic.as_deref(),
                        phone: &self.phone,
                        email: &self.email,
                        iin: &self.iin,
                        position: &self.position,
                    },
                    $crate::app::accounts::people::today_in_kazakhstan(),
                )
            }
        }
    };
}
pub(crate) use person_request;

/// Today's date in Kazakhstan (UTC+5 across the country since March 2024): the day
/// on which the age of 18 is counted.
pub fn today_in_kazakhstan() -> chrono::NaiveDate {
    (Utc::now() + Duration::hours(5)).date_naive()
}

/// The person as a new user record; the caller sets id, role, status, password.
pub(crate) fn new_user(person: Person) -> NewUser {
    NewUser {
        id: uuid::Uuid::nil(),
        organization_id: None,
        role: None,
        status: STATUS_PENDING,
        surname: person.surname,
        first_name: person.first_name,
        patronymic: person.patronymic,
        phone: Some(person.phone.as_str().to_string()),
        email: person.email.as_str().to_string(),
        iin: Some(person.iin.to_string()),
        position: person.position,
        password_hash: None,
        must_change_password: true,
    }
}
