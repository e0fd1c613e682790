//! Free text typed by people: trimmed, no control characters, bounded in length.
//! Checked once, where input is parsed.

use crate::Invalid;

/// A required field: trimmed, not empty, at most `max` characters.
pub fn required(field: &'static str, value: &str, max: usize) -> Result<String, Invalid> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Invalid::new("field-required").with("field", field));
    }
    optional(field, Some(value), max).map(|v| v.unwrap_or_default())
}

/// An optional field: trimmed, empty means none, at most `max` characters.
pub fn optional(
    field: &'static str,
    value: Option<&str>,
    max: usize,
) -> Result<Option<String>, Invalid> {
    let value = value.map(str::trim).filter(|v| !v.is_empty());
    if let Some(v) = value {
        if v.chars().any(char::is_control) {
            return Err(Invalid::new("field-invalid-characters").with("field", field));
        }
        if v.chars().count() > max {
            return Err(Invalid::new("field-too-long")
                .with("field", field)
                .with("max", max));
        }
    }
    Ok(value.map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_bounded_and_free_of_control_characters() {
        assert_eq!(required("name", "  Алма  ", 10).unwrap(), "Алма");
        assert_eq!(
            required("name", "   ", 10).unwrap_err().code,
            "field-required"
        );
        assert_eq!(optional("note", Some(" "), 10).unwrap(), None);
        assert_eq!(
            optional("note", Some("a\u{0}b"), 10).unwrap_err().code,
            "field-invalid-characters"
        );
        // Length counts characters, not bytes: ten Kazakh letters fit in ten.
        assert!(required("name", "әәәәәәәәәә", 10).is_ok());
        assert_eq!(
            required("name", "әәәәәәәәәәә", 10).unwrap_err().code,
            "field-too-long"
        );
    }
}
