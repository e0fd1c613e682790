//! base64url helpers (RFC 4648 §5). Encoding never pads; decoding accepts
//! input with or without trailing `=` because subscriptions arrive both ways.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::PushError;

/// Encode without padding, the form Web Push and JWS use.
pub fn encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decode base64url, tolerating trailing padding.
pub fn decode(field: &'static str, text: &str) -> Result<Vec<u8>, PushError> {
    let trimmed = text.trim_end_matches('=');
    URL_SAFE_NO_PAD
        .decode(trimmed)
        .map_err(|_| PushError::InvalidBase64 { field })
}

/// Decode base64url into exactly `N` bytes.
pub fn decode_array<const N: usize>(field: &'static str, text: &str) -> Result<[u8; N], PushError> {
    let bytes = decode(field, text)?;
    <[u8; N]>::try_from(bytes.as_slice()).map_err(|_| PushError::InvalidLength {
        field,
        expected: N,
        actual: bytes.len(),
    })
}
