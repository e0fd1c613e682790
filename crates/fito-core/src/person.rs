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

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(iin: &str) -> PersonFields<'_> {
        PersonFields {
            surname: " Ахметова ",
            first_name: "Айгерім",
            patronymic: Some(" "),
            phone: "+7 701 123 45 67",
            email: "aigerim@fito.kz",
            iin,
            position: "инспектор",
        }
    }

    #[test]
    fn r_user_1_a_person_is_checked_once_field_by_field() {
        let today = NaiveDate::from_ymd_opt(2026, 5, 18).unwrap();
        let person = Person::parse(fields("900101300007"), today).unwrap();
        assert_eq!(person.surname, "Ахметова");
        assert_eq!(person.patronymic, None);
        assert_eq!(person.email.as_str(), "aigerim@fito.kz");
        assert_eq!(
            Person::parse(fields("900101300008"), today)
                .err()
                .unwrap()
                .code,
            "iin-checksum"
        );
    }

    #[test]
    fn r_user_3_an_iin_of_someone_under_18_is_refused() {
        let the_day_before = NaiveDate::from_ymd_opt(2007, 12, 31).unwrap();
        assert_eq!(
            adult_iin("900101300007", the_day_before).unwrap_err().code,
            "iin-underage"
        );
        assert_eq!(surname("  ").unwrap_err().code, "field-required");
    }
}
