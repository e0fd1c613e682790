//! Contact details of a person: e-mail and phone, normalised on the way in.

use crate::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A lower-cased e-mail address with one `@`, a non-empty local part and a dotted domain.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let value = input.trim().to_lowercase();
        let valid = value.len() <= 254
            && !value.chars().any(|c| c.is_whitespace() || c.is_control())
            && match value.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && local.len() <= 64
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !domain.contains("..")
                }
                None => false,
            };
        if valid {
            Ok(Self(value))
        } else {
            Err(Invalid::new("email-invalid"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let domain = self.0.split_once('@').map(|(_, d)| d).unwrap_or("");
        write!(f, "Email(***@{domain})")
    }
}

impl TryFrom<String> for Email {
    type Error = Invalid;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

/// A phone number in E.164 form (`+77011234567`). Kazakhstan's domestic `8 7xx …`
/// form is turned into `+7 7xx …`; spaces, dashes and brackets are dropped.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let trimmed = input.trim();
        let plus = trimmed.starts_with('+');
        let rest = if plus { &trimmed[1..] } else { trimmed };
        if !rest
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'))
        {
            return Err(Invalid::new("phone-invalid"));
        }
        let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
        let normalised = match (plus, digits.len()) {
            (true, 8..=15) => format!("+{digits}"),
            (false, 11) if digits.starts_with('8') => format!("+7{}", &digits[1..]),
            (false, 11) if digits.starts_with('7') => format!("+{digits}"),
            _ => return Err(Invalid::new("phone-invalid")),
        };
        Ok(Self(normalised))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone(***{})", &self.0[self.0.len().saturating_sub(2)..])
    }
}

impl TryFrom<String> for Phone {
    type Error = Invalid;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Phone> for String {
    fn from(value: Phone) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_lower_cased_and_trimmed() {
        assert_eq!(
            Email::parse("  Aigul.B@Fito.KZ ").unwrap().as_str(),
            "aigul.b@fito.kz"
        );
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in [
            "", "a", "a@b", "@b.kz", "a@@b.kz", "a b@c.kz", "a@.kz", "a@b..kz", "a@b.kz.",
        ] {
            assert_eq!(
                Email::parse(bad).unwrap_err().code,
                "email-invalid",
                "{bad}"
            );
        }
    }

    #[test]
    fn kazakh_phone_forms_are_normalised() {
        for input in [
            "+7 701 123 45 67",
            "8 (701) 123-45-67",
            "87011234567",
            "77011234567",
        ] {
            assert_eq!(
                Phone::parse(input).unwrap().as_str(),
                "+77011234567",
                "{input}"
            );
        }
    }

    #[test]
    fn malformed_phones_are_refused() {
        for bad in ["", "12345", "+7 701 ABC", "701-123", "+1234567890123456"] {
            assert_eq!(
                Phone::parse(bad).unwrap_err().code,
                "phone-invalid",
                "{bad}"
            );
        }
    }
}
