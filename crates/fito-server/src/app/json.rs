//! Reading JSON into typed input. Malformed JSON, wrong types, unknown or missing
//! fields each get their own code and name the field; the API's bodies, sync records
//! and outbox files are all read this way.

use crate::app::AppError;
use serde::de::DeserializeOwned;

/// Parses `bytes` as a `T`, the whole of them.
pub fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        let inner = err.into_inner();
        if !inner.is_data() {
            return AppError::bad_request("request-malformed-json");
        }
        let message = inner.to_string();
        let quoted = |prefix: &str| {
            message
                .strip_prefix(prefix)
                .and_then(|rest| rest.split('`').next())
                .map(str::to_string)
        };
        if let Some(field) = quoted("unknown field `") {
            // serde_path_to_error already ends the path with the unknown key.
            let field = if path.is_empty() || path == "." {
                field
            } else {
                path
            };
            AppError::unprocessable("request-unknown-field").with("field", field)
        } else if let Some(field) = quoted("missing field `") {
            AppError::unprocessable("request-missing-field").with("field", join_path(&path, &field))
        } else {
            AppError::unprocessable("request-invalid-field").with("field", path)
        }
    })?;
    de.end()
        .map_err(|_| AppError::bad_request("request-malformed-json"))?;
    Ok(value)
}

fn join_path(path: &str, field: &str) -> String {
    if path.is_empty() || path == "." {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Body {
        email: String,
        count: u32,
    }

    #[test]
    fn json_errors_name_the_field() {
        let e = parse_json::<Body>(b"{\"email\": 1, \"count\": 2}").unwrap_err();
        assert_eq!(
            (e.code, e.args[0].1.as_str()),
            ("request-invalid-field", "email")
        );
        let e =
            parse_json::<Body>(b"{\"email\": \"a\", \"count\": 2, \"admin\": true}").unwrap_err();
        assert_eq!(
            (e.code, e.args[0].1.as_str()),
            ("request-unknown-field", "admin")
        );
        let e = parse_json::<Body>(b"{\"email\": \"a\"}").unwrap_err();
        assert_eq!(
            (e.code, e.args[0].1.as_str()),
            ("request-missing-field", "count")
        );
        assert_eq!(
            parse_json::<Body>(b"{\"email\": ").unwrap_err().code,
            "request-malformed-json"
        );
        assert_eq!(
            parse_json::<Body>(b"{\"email\":\"a\",\"count\":1} x")
                .unwrap_err()
                .code,
            "request-malformed-json"
        );
        assert_eq!(
            parse_json::<Body>(b"{\"email\":\"a\",\"count\":-1}")
                .unwrap_err()
                .code,
            "request-invalid-field"
        );
    }
}
