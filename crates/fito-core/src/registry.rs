//! Act registry numbers (R-ACT-2, issue 15): unique in the whole country, because
//! each carries its organisation's code beside the year and the organisation's own
//! count for that year. How they are written is configurable; which parts they
//! carry is not.

/// The number's layout: a pattern with `{org}`, `{year}` and `{seq}` (the count,
/// zero-padded to `digits`), each exactly once, e.g. `{org}-{year}/{seq}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryFormat {
    pattern: String,
    digits: usize,
}

/// Why a pattern cannot make nationally unique numbers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegistryFormatError {
    #[error("the registry number format must contain {0} exactly once")]
    Missing(&'static str),
    #[error("the registry number format may only use {{org}}, {{year}} and {{seq}}")]
    Unknown,
    #[error("the registry number's count needs 1 to 12 digits")]
    Digits,
}

impl RegistryFormat {
    pub const DEFAULT_PATTERN: &'static str = "{org}-{year}/{seq}";
    pub const DEFAULT_DIGITS: usize = 6;

    pub fn parse(pattern: &str, digits: usize) -> Result<Self, RegistryFormatError> {
        if !(1..=12).contains(&digits) {
            return Err(RegistryFormatError::Digits);
        }
        let mut rest = pattern.to_string();
        for part in ["{org}", "{year}", "{seq}"] {
            if pattern.matches(part).count() != 1 {
                return Err(RegistryFormatError::Missing(part));
            }
            rest = rest.replace(part, "");
        }
        if rest.contains(['{', '}']) {
            return Err(RegistryFormatError::Unknown);
        }
        Ok(Self {
            pattern: pattern.to_string(),
            digits,
        })
    }

    /// The number of the `seq`-th act of `year` of the organisation coded `org`.
    pub fn number(&self, org: &str, year: i32, seq: i64) -> String {
        let seq = format!("{seq:0width$}", width = self.digits);
        self.pattern
            .replace("{org}", org)
            .replace("{year}", &year.to_string())
            .replace("{seq}", &seq)
    }
}

impl Default for RegistryFormat {
    fn default() -> Self {
        Self::parse(Self::DEFAULT_PATTERN, Self::DEFAULT_DIGITS).expect("the default is valid")
    }
}

/// An organisation code as an administrator sets it: 1 to 12 Latin capitals and
/// digits (so it never runs into the number's separators), upper-cased.
pub fn org_code(code: &str) -> Option<String> {
    let code = code.trim().to_ascii_uppercase();
    let ok = (1..=12).contains(&code.len()) && code.bytes().all(|b| b.is_ascii_alphanumeric());
    ok.then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issue_15_numbers_carry_the_organisation_code() {
        let f = RegistryFormat::default();
        assert_eq!(f.number("05", 2026, 7), "05-2026/000007");
        assert_ne!(f.number("05", 2026, 1), f.number("11", 2026, 1));
        let own = RegistryFormat::parse("{year}-{org}-{seq}", 4).unwrap();
        assert_eq!(own.number("AST", 2027, 12), "2027-AST-0012");
    }

    #[test]
    fn issue_15_a_format_without_a_part_or_with_an_unknown_one_is_refused() {
        assert_eq!(
            RegistryFormat::parse("{year}/{seq}", 6),
            Err(RegistryFormatError::Missing("{org}"))
        );
        assert_eq!(
            RegistryFormat::parse("{org}{org}-{year}/{seq}", 6),
            Err(RegistryFormatError::Missing("{org}"))
        );
        assert_eq!(
            RegistryFormat::parse("{org}-{year}/{seq}-{region}", 6),
            Err(RegistryFormatError::Unknown)
        );
        assert_eq!(
            RegistryFormat::parse("{org}-{year}/{seq}", 0),
            Err(RegistryFormatError::Digits)
        );
    }

    #[test]
    fn issue_15_organisation_codes_are_capitals_and_digits() {
        assert_eq!(org_code(" ast01 ").as_deref(), Some("AST01"));
        assert_eq!(org_code(""), None);
        assert_eq!(org_code("05-2"), None);
        assert_eq!(org_code("ОРГ"), None);
        assert_eq!(org_code("ABCDEFGHIJKLM"), None);
    }
}
