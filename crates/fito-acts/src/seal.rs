//! The act's content hash and the QR code that carries it.
//!
//! Canonical content (version 1), so that anyone holding the act's data can recompute
//! the hash without this crate:
//! 1. Serialise the [`ActDocument`] to JSON with the field names of its serde form.
//! 2. Write it canonically: object keys sorted by their UTF-8 bytes, no insignificant
//!    whitespace, strings escaped as `serde_json` escapes them, numbers in their
//!    shortest round-trip form (`serde_json`/ryu), `null` for absent optional values.
//! 3. SHA-256 over the ASCII prefix `fito-act-v1\n` followed by those bytes.
//!
//! The prefix separates this hash from every other SHA-256 the system computes and lets
//! a future canonical form coexist. Sorting keys ourselves keeps the hash independent of
//! struct field order and of whether serde_json's `preserve_order` is enabled elsewhere
//! in the build.
//!
//! QR payload: `FITO-ACT/1/<act id, hyphenated lower case>/<hash, lower-case hex>`.

use qrcode::{EcLevel, QrCode, render::svg};
use serde_json::Value;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::model::ActDocument;

const HASH_PREFIX: &[u8] = b"fito-act-v1\n";
const QR_PREFIX: &str = "FITO-ACT/1/";

/// The bytes that [`content_hash`] hashes (without the prefix).
pub fn canonical_content(act: &ActDocument) -> Vec<u8> {
    let value = serde_json::to_value(act).expect("an ActDocument always serialises");
    let mut out = Vec::with_capacity(4096);
    write_canonical(&value, &mut out);
    out
}

/// SHA-256 of the act's canonical content; see the module documentation.
pub fn content_hash(act: &ActDocument) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(HASH_PREFIX);
    hasher.update(canonical_content(act));
    hasher.finalize().into()
}

/// The text the act's QR code carries.
pub fn qr_payload(act: &ActDocument) -> String {
    format!(
        "{QR_PREFIX}{}/{}",
        act.id.hyphenated(),
        hex::encode(content_hash(act))
    )
}

/// Reads a QR payload back into the act id and content hash; `None` if it is not ours.
pub fn parse_qr_payload(payload: &str) -> Option<(Uuid, [u8; 32])> {
    let rest = payload.strip_prefix(QR_PREFIX)?;
    let (id, hash) = rest.split_once('/')?;
    let id = Uuid::parse_str(id).ok()?;
    let mut bytes = [0u8; 32];
    hex::decode_to_slice(hash, &mut bytes).ok()?;
    Some((id, bytes))
}

/// The QR code as a standalone SVG document for the template to place.
pub(crate) fn qr_svg(payload: &str) -> String {
    // M recovers from ~15 % damage: enough for a folded or stamped paper copy, while
    // the ~120-byte payload still fits a code small enough for a page corner.
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .expect("a ~120-byte payload fits a QR code at level M");
    code.render::<svg::Color<'_>>()
        .quiet_zone(true)
        .module_dimensions(4, 4)
        .dark_color(svg::Color("#000000"))
        .light_color(svg::Color("#ffffff"))
        .build()
}

fn write_canonical(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push(b'{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_scalar(&Value::String(key.clone()), out);
                out.push(b':');
                write_canonical(item, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_canonical(item, out);
            }
            out.push(b']');
        }
        scalar => write_scalar(scalar, out),
    }
}

fn write_scalar(value: &Value, out: &mut Vec<u8>) {
    serde_json::to_writer(out, value).expect("writing JSON into a Vec cannot fail");
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_form_sorts_keys_at_every_level_and_drops_whitespace() {
        let value = json!({"b": 1, "a": {"d": [true, null], "c": "x"}});
        let mut out = Vec::new();
        write_canonical(&value, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#"{"a":{"c":"x","d":[true,null]},"b":1}"#
        );
    }

    #[test]
    fn qr_payload_that_is_not_ours_is_rejected() {
        assert!(parse_qr_payload("https://example.com").is_none());
        assert!(parse_qr_payload("FITO-ACT/1/not-a-uuid/00").is_none());
        let id = Uuid::nil();
        assert!(parse_qr_payload(&format!("{QR_PREFIX}{id}/abcd")).is_none());
    }
}
