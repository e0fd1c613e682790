//! Codes of the reference classifiers: EPPO codes of organisms and plants, and the
//! KATO codes of Kazakhstan's administrative units.

use crate::Invalid;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An EPPO Global Database code: 5 or 6 capitals or digits (`POPIJA`, `ERWIAM`,
/// `TRZAX`), genus-level codes included (`1CVCG`).
#[derive(Clone, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct EppoCode(String);

impl EppoCode {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let code = input.trim().to_ascii_uppercase();
        let ok = (5..=6).contains(&code.len())
            && code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if ok {
            Ok(Self(code))
        } else {
            Err(Invalid::new("eppo-code-invalid"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A KATO code: 9 digits. The first two name the region (or city of republican
/// significance); a region's own code ends in seven zeros, a district's in five.
#[derive(Clone, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct KatoCode(String);

impl KatoCode {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let code = input.trim();
        if code.len() == 9 && code.bytes().all(|b| b.is_ascii_digit()) && !code.starts_with("00") {
            Ok(Self(code.to_string()))
        } else {
            Err(Invalid::new("kato-code-invalid"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The prefix that this unit and every unit below it share: the code without
    /// its trailing zeros, keeping at least the region's two digits.
    pub fn subtree_prefix(&self) -> &str {
        let significant = self.0.trim_end_matches('0').len();
        &self.0[..significant.max(2)]
    }

    /// The two-digit region part every unit of that region shares.
    pub fn region_prefix(&self) -> &str {
        &self.0[..2]
    }
}

macro_rules! string_newtype_impls {
    ($t:ty) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl TryFrom<String> for $t {
            type Error = Invalid;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::parse(&value)
            }
        }
        impl From<$t> for String {
            fn from(value: $t) -> Self {
                value.0
            }
        }
    };
}
string_newtype_impls!(EppoCode);
string_newtype_impls!(KatoCode);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r_obj_2_eppo_codes_of_organisms_plants_and_genera_are_accepted() {
        for code in ["POPIJA", "ERWIAM", "TRZAX", "1CVCG", "ambel"] {
            assert!(EppoCode::parse(code).is_ok(), "{code}");
        }
        assert_eq!(EppoCode::parse(" ambel ").unwrap().as_str(), "AMBEL");
        for bad in ["", "ABCD", "ABCDEFG", "POP-JA", "ПОПИЯ"] {
            assert_eq!(
                EppoCode::parse(bad).unwrap_err().code,
                "eppo-code-invalid",
                "{bad}"
            );
        }
    }

    #[test]
    fn r_obj_2_kato_codes_are_nine_digits() {
        let astana = KatoCode::parse("710000000").unwrap();
        assert_eq!(
            (astana.region_prefix(), astana.subtree_prefix()),
            ("71", "71")
        );
        assert_eq!(
            KatoCode::parse("111010000").unwrap().subtree_prefix(),
            "11101"
        );
        assert_eq!(
            KatoCode::parse("100000000").unwrap().subtree_prefix(),
            "10",
            "Abai region keeps two digits"
        );
        for bad in ["", "71000000", "7100000000", "71000000a", "000000000"] {
            assert_eq!(
                KatoCode::parse(bad).unwrap_err().code,
                "kato-code-invalid",
                "{bad}"
            );
        }
    }
}
