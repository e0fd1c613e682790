//! A person's details (R-USER-1): names, phone, e-mail, IIN of an adult (R-USER-3) and
//! position, each checked once by the one rule for its field. Self-registration,
//! accounts administrators create and corrections of single fields share them.

use crate::text::{optional, required};
use crate::{Email, Iin, Invalid, Phone};
use chrono::NaiveDate;

/// The personal fields of a request, as typed.
pub struct PersonFields<'a> {
    pub surname: &'a str,
    pub first_name: &'a str,
    pub patronymic: Option<&'a str>,
    pub phone: &'a str,
    pub email: &'a str,
    pub iin: &'a str,
    pub position: &'a str,
}

/// A person's details, checked.
pub struct Person {
    pub surname: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub phone: Phone,
    pub email: Email,
    pub iin: Iin,
    pub position: String,
}

impl Person {
    /// Checks every field; the IIN must show an age of 18 or more on `today`.
    pub fn parse(fields: PersonFields<'_>, today: NaiveDate) -> Result<Person, Invalid> {
        let iin = adult_iin(fields.iin, today)?;
        Ok(Person {
            surname: surname(fields.surname)?,
            first_name: first_name(fields.first_name)?,
            patronymic: patronymic(fields.patronymic)?,
            phone: Phone::parse(fields.phone)?,
            email: Email::parse(fields.email)?,
            iin,
            position: position(fields.position)?,
        })
    }
}

pub fn surname(value: &str) -> Result<String, Invalid> {
    required("surname", value, 100)
}

pub fn first_name(value: &str) -> Result<String, Invalid> {
    required("first_name", value, 100)
}

/// Empty means none.
pub fn patronymic(value: Option<&str>) -> Result<Option<String>, Invalid> {
    optional("patronymic", value, 100)
}

pub fn position(value: &str) -> Result<String, Invalid> {
    required("position", value, 200)
}

/// A valid IIN whose holder is 18 or older on `today` (R-USER-3).
pub fn adult_iin(value: &str, today: NaiveDate) -> Result<Iin, Invalid> {
    let iin = Iin::parse(value)?;
    iin.require_adult_on(today)?;
    Ok(iin)
}
