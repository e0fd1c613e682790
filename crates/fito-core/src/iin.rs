//! Kazakhstan's 12-digit identification numbers: IIN (individuals) and BIN (legal
//! entities). Both end in a check digit computed with the same two-pass weighted sum.

use crate::Invalid;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The check digit of the first 11 digits, or `None` when the number cannot have one
/// (both passes give 10: such numbers are never issued).
fn check_digit(digits: &[u8; 12]) -> Option<u8> {
    let sum = |weights: [u8; 11]| -> u32 {
        digits[..11]
            .iter()
            .zip(weights)
            .map(|(d, w)| u32::from(*d) * u32::from(w))
            .sum()
    };
    let first = sum([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]) % 11;
    if first != 10 {
        return Some(first as u8);
    }
    let second = sum([3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]) % 11;
    (second != 10).then_some(second as u8)
}

fn twelve_digits(input: &str) -> Result<[u8; 12], Invalid> {
    let trimmed = input.trim();
    if trimmed.len() != 12 || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Invalid::new("iin-format"));
    }
    let mut digits = [0u8; 12];
    for (slot, b) in digits.iter_mut().zip(trimmed.bytes()) {
        *slot = b - b'0';
    }
    Ok(digits)
}

fn has_valid_check_digit(digits: &[u8; 12]) -> bool {
    check_digit(digits) == Some(digits[11])
}

/// An individual identification number whose format, check digit and birth date are valid.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Iin([u8; 12]);

impl Iin {
    /// Parses typed input: 12 digits, a correct check digit, a real birth date.
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let digits = twelve_digits(input)?;
        if !has_valid_check_digit(&digits) {
            return Err(Invalid::new("iin-checksum"));
        }
        let iin = Self(digits);
        iin.birth_date()
            .ok_or_else(|| Invalid::new("iin-birth-date"))?;
        Ok(iin)
    }

    /// The birth date the IIN encodes: YYMMDD, the century from the 7th digit
    /// (1–2: 1800s, 3–4: 1900s, 5–6: 2000s; odd is male, even female).
    pub fn birth_date(&self) -> Option<NaiveDate> {
        let d = |i: usize| i32::from(self.0[i]);
        let century = match self.0[6] {
            1 | 2 => 1800,
            3 | 4 => 1900,
            5 | 6 => 2000,
            _ => return None,
        };
        let year = century + d(0) * 10 + d(1);
        let month = (d(2) * 10 + d(3)) as u32;
        let day = (d(4) * 10 + d(5)) as u32;
        NaiveDate::from_ymd_opt(year, month, day)
    }

    /// Full years of age on `day`.
    pub fn age_on(&self, day: NaiveDate) -> Option<u32> {
        self.birth_date().and_then(|born| day.years_since(born))
    }

    /// Checks R-USER-3: the holder is at least 18 on `day`.
    pub fn require_adult_on(&self, day: NaiveDate) -> Result<(), Invalid> {
        match self.age_on(day) {
            Some(age) if age >= 18 => Ok(()),
            _ => Err(Invalid::new("iin-underage")),
        }
    }

    pub fn as_string(&self) -> String {
        self.0.iter().map(|d| char::from(b'0' + d)).collect()
    }
}

impl fmt::Display for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_string())
    }
}

// An IIN is personal data: debug output masks all but the last four digits.
impl fmt::Debug for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Iin(********{}{}{}{})",
            self.0[8], self.0[9], self.0[10], self.0[11]
        )
    }
}

impl TryFrom<String> for Iin {
    type Error = Invalid;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Iin> for String {
    fn from(value: Iin) -> Self {
        value.as_string()
    }
}

/// A business identification number of a legal entity, with a correct check digit.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Bin([u8; 12]);

impl Bin {
    pub fn parse(input: &str) -> Result<Self, Invalid> {
        let digits = twelve_digits(input).map_err(|_| Invalid::new("bin-format"))?;
        if !has_valid_check_digit(&digits) {
            return Err(Invalid::new("bin-checksum"));
        }
        Ok(Self(digits))
    }

    pub fn as_string(&self) -> String {
        self.0.iter().map(|d| char::from(b'0' + d)).collect()
    }
}

impl fmt::Display for Bin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_string())
    }
}

impl TryFrom<String> for Bin {
    type Error = Invalid;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Bin> for String {
    fn from(value: Bin) -> Self {
        value.as_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Builds a valid IIN from a birth date and a serial, computing the check digit.
    /// Returns `None` for the rare serials that admit no check digit.
    pub(crate) fn make_iin(born: NaiveDate, century_digit: u8, serial: u32) -> Option<String> {
        use chrono::Datelike;
        let mut s = format!(
            "{:02}{:02}{:02}{}{:04}",
            born.year() % 100,
            born.month(),
            born.day(),
            century_digit,
            serial % 10_000
        );
        let mut digits = [0u8; 12];
        for (slot, b) in digits.iter_mut().zip(s.bytes()) {
            *slot = b - b'0';
        }
        s.push(char::from(b'0' + check_digit(&digits)?));
        Some(s)
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn r_user_3_known_valid_iin_is_accepted() {
        // 1990-01-01, male born in the 1900s, serial 0000, check digit computed by hand:
        // 9*1+0*2+0*3+1*4+0*5+1*6+3*7+0+0+0+0 = 40, 40 mod 11 = 7.
        let iin = Iin::parse("900101300007").unwrap();
        assert_eq!(iin.birth_date(), Some(day(1990, 1, 1)));
        assert_eq!(iin.to_string(), "900101300007");
    }

    #[test]
    fn r_user_3_wrong_check_digit_is_refused() {
        assert_eq!(Iin::parse("900101300008").unwrap_err().code, "iin-checksum");
    }

    #[test]
    fn r_user_3_malformed_iin_is_refused() {
        for bad in [
            "",
            "90010130000",
            "9001013000071",
            "90010130000a",
            "９００１０１３００００７",
        ] {
            assert_eq!(Iin::parse(bad).unwrap_err().code, "iin-format", "{bad}");
        }
    }

    #[test]
    fn r_user_3_impossible_birth_date_is_refused() {
        let s = make_iin(day(1990, 1, 1), 3, 1).unwrap();
        // Month 13 with a recomputed check digit.
        let mut digits = [0u8; 12];
        let bad = format!("9013{}", &s[4..11]);
        for (slot, b) in digits.iter_mut().zip(bad.bytes()) {
            *slot = b - b'0';
        }
        if let Some(c) = check_digit(&digits) {
            let bad = format!("{bad}{c}");
            assert_eq!(Iin::parse(&bad).unwrap_err().code, "iin-birth-date");
        }
    }

    #[test]
    fn r_user_3_under_18_is_refused_and_18th_birthday_is_accepted() {
        let iin = Iin::parse(&make_iin(day(2008, 11, 25), 5, 42).unwrap()).unwrap();
        assert_eq!(
            iin.require_adult_on(day(2026, 11, 24)).unwrap_err().code,
            "iin-underage"
        );
        assert!(iin.require_adult_on(day(2026, 11, 25)).is_ok());
    }

    #[test]
    fn debug_output_masks_the_iin() {
        let iin = Iin::parse("900101300007").unwrap();
        assert!(!format!("{iin:?}").contains("900101"));
    }

    #[test]
    fn bin_check_digit_is_verified() {
        // The operator's BIN from the privacy policy's §1 is a real, valid BIN.
        assert!(Bin::parse("260240002570").is_ok());
        assert_eq!(Bin::parse("260240002571").unwrap_err().code, "bin-checksum");
        assert_eq!(Bin::parse("26024000257").unwrap_err().code, "bin-format");
    }

    proptest! {
        #[test]
        fn r_user_3_every_generated_iin_round_trips(
            days in 0i64..(365 * 200),
            century in prop::sample::select(vec![3u8, 4, 5, 6]),
            serial in 0u32..10_000,
        ) {
            let base = if century <= 4 { day(1900, 1, 1) } else { day(2000, 1, 1) };
            let born = base + chrono::Duration::days(days % (365 * 99));
            if let Some(s) = make_iin(born, century, serial) {
                let iin = Iin::parse(&s).unwrap();
                prop_assert_eq!(iin.birth_date(), Some(born));
                prop_assert_eq!(iin.to_string(), s);
            }
        }

        #[test]
        fn r_user_3_any_other_check_digit_is_refused(
            days in 0i64..(365 * 99),
            serial in 0u32..10_000,
            delta in 1u8..10,
        ) {
            let born = day(1950, 1, 1) + chrono::Duration::days(days);
            if let Some(s) = make_iin(born, 3, serial) {
                let mut bytes = s.into_bytes();
                bytes[11] = b'0' + (bytes[11] - b'0' + delta) % 10;
                let changed = String::from_utf8(bytes).unwrap();
                prop_assert_eq!(Iin::parse(&changed).unwrap_err().code, "iin-checksum");
            }
        }
    }
}
