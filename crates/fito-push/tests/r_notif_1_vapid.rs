//! R-NOTIF-1: VAPID (RFC 8292) key pair and `Authorization` header.

use std::path::Path;
use std::process::Command;

use fito_push::{PushError, Vapid, VapidKey, audience, b64};
use p256::ecdsa::signature::Verifier as _;
use p256::ecdsa::{Signature, VerifyingKey};

const ENDPOINT: &str = "https://fcm.googleapis.com/fcm/send/dGVzdA:APA91b-example?x=1";
const SUBJECT: &str = "mailto:fito-ops@example.kz";
const NOW: u64 = 1_790_000_000;

fn vapid() -> Vapid {
    Vapid::new(VapidKey::generate().unwrap(), SUBJECT).unwrap()
}

/// Split `vapid t=<jwt>, k=<key>` into (jwt, key).
fn parse_header(header: &str) -> (String, String) {
    let rest = header.strip_prefix("vapid t=").expect("vapid scheme");
    let (jwt, k) = rest.split_once(", k=").expect("k parameter");
    (jwt.to_owned(), k.to_owned())
}

fn json(part: &str) -> serde_json::Value {
    serde_json::from_slice(&b64::decode("jwt part", part).unwrap()).unwrap()
}

#[test]
fn r_notif_1_vapid_key_encodings_round_trip() {
    let key = VapidKey::generate().unwrap();
    let raw = key.public_key_raw();
    assert_eq!(raw.len(), 65);
    assert_eq!(raw[0], 0x04);
    assert_eq!(key.public_key_base64url().len(), 87);
    assert_eq!(b64::decode("k", &key.public_key_base64url()).unwrap(), raw);

    let pkcs8 = key.to_pkcs8_base64url().unwrap();
    let again = VapidKey::from_pkcs8_base64url(&pkcs8).unwrap();
    assert_eq!(again.public_key_raw(), raw);
    let from_raw = VapidKey::from_raw_private_base64url(&key.raw_private_base64url()).unwrap();
    assert_eq!(from_raw.public_key_raw(), raw);
    assert_eq!(
        b64::decode("d", &key.raw_private_base64url())
            .unwrap()
            .len(),
        32
    );
    // Debug output never shows the private key.
    assert!(!format!("{key:?}").contains(&key.raw_private_base64url()));
    assert_ne!(VapidKey::generate().unwrap().public_key_raw(), raw);
}

#[test]
fn r_notif_1_vapid_jwt_signature_verifies_and_claims_are_right() {
    let vapid = vapid();
    let header = vapid.authorization_header(ENDPOINT, NOW).unwrap();
    let (jwt, k) = parse_header(&header);
    assert_eq!(k, vapid.key().public_key_base64url());

    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3);
    let head = json(parts[0]);
    assert_eq!(head["alg"], "ES256");
    assert_eq!(head["typ"], "JWT");
    let claims = json(parts[1]);
    assert_eq!(claims["aud"], "https://fcm.googleapis.com");
    assert_eq!(claims["sub"], SUBJECT);
    let exp = claims["exp"].as_u64().unwrap();
    assert!(exp > NOW && exp - NOW <= 24 * 3600, "exp within 24 h");
    assert_eq!(exp - NOW, 12 * 3600, "default validity");

    let verifying = VerifyingKey::from_sec1_bytes(&b64::decode("k", &k).unwrap()).unwrap();
    let sig_bytes = b64::decode("sig", parts[2]).unwrap();
    assert_eq!(sig_bytes.len(), 64, "JWS ES256 signature is r||s");
    let signature = Signature::from_slice(&sig_bytes).unwrap();
    let signing_input = format!("{}.{}", parts[0], parts[1]);
    verifying
        .verify(signing_input.as_bytes(), &signature)
        .expect("signature verifies with k");
    assert!(
        verifying
            .verify(format!("{signing_input}x").as_bytes(), &signature)
            .is_err()
    );
}

#[test]
fn r_notif_1_vapid_validity_is_configurable_up_to_24_hours() {
    let v = vapid().with_validity_secs(24 * 3600).unwrap();
    let (jwt, _) = parse_header(&v.authorization_header(ENDPOINT, NOW).unwrap());
    let claims = json(jwt.split('.').nth(1).unwrap());
    assert_eq!(claims["exp"].as_u64().unwrap(), NOW + 24 * 3600);
    assert_eq!(
        vapid().with_validity_secs(24 * 3600 + 1).unwrap_err(),
        PushError::InvalidValidity(86401)
    );
    assert_eq!(
        vapid().with_validity_secs(0).unwrap_err(),
        PushError::InvalidValidity(0)
    );
}

#[test]
fn r_notif_1_vapid_subject_must_be_mailto_or_https() {
    let key = VapidKey::generate().unwrap();
    for ok in [
        "mailto:ops@fito.kz",
        "MAILTO:ops@fito.kz",
        "https://fito.kz/contact",
    ] {
        assert!(Vapid::new(key.clone(), ok).is_ok(), "{ok}");
    }
    for bad in [
        "",
        "ops@fito.kz",
        "mailto:",
        "mailto:nobody",
        "http://fito.kz",
        "https://",
        "mailto:a b@fito.kz",
        "mailto:ops@fito.kz\n",
    ] {
        assert!(
            matches!(
                Vapid::new(key.clone(), bad),
                Err(PushError::InvalidSubject(_))
            ),
            "{bad:?}"
        );
    }
}

#[test]
fn r_notif_1_vapid_audience_is_the_endpoint_origin() {
    let cases = [
        (ENDPOINT, "https://fcm.googleapis.com"),
        (
            "https://updates.push.services.mozilla.com/wpush/v2/gAAA",
            "https://updates.push.services.mozilla.com",
        ),
        (
            "HTTPS://Web.Push.Apple.COM:443/QGuQ",
            "https://web.push.apple.com",
        ),
        (
            "https://push.example.kz:8443/x",
            "https://push.example.kz:8443",
        ),
        ("https://push.example.kz", "https://push.example.kz"),
        ("http://127.0.0.1:8080/push/1", "http://127.0.0.1:8080"),
        ("http://localhost:80/p", "http://localhost"),
        ("https://[::1]:9000/p", "https://[::1]:9000"),
    ];
    for (endpoint, origin) in cases {
        assert_eq!(audience(endpoint).unwrap(), origin, "{endpoint}");
    }
    for bad in [
        "",
        "fcm.googleapis.com/fcm/send/x",
        "ftp://push.example.kz/x",
        "https:///x",
        "https://user@push.example.kz/x",
        "https://push.example.kz:99999/x",
        "https://push.example.kz:+443/x",
        "https://push.example.kz:0/x",
        "https://push example.kz/x",
        "https://[::1/x",
        "https://пуш.kz/x",
    ] {
        assert!(
            matches!(audience(bad), Err(PushError::InvalidEndpoint(_))),
            "{bad:?}"
        );
    }
}

#[test]
fn r_notif_1_vapid_signature_verifies_with_openssl() {
    let vapid = vapid();
    let (jwt, k) = parse_header(&vapid.authorization_header(ENDPOINT, NOW).unwrap());
    let (signing_input, sig) = jwt.rsplit_once('.').unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = |name: &str| dir.path().join(name);

    // SubjectPublicKeyInfo (RFC 5480) for an uncompressed P-256 point.
    let mut spki = vec![
        0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08,
        0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00,
    ];
    spki.extend(b64::decode("k", &k).unwrap());
    std::fs::write(path("pub.der"), &spki).unwrap();
    openssl(&[
        "pkey",
        "-pubin",
        "-inform",
        "DER",
        "-in",
        s(&path("pub.der")),
        "-outform",
        "PEM",
        "-out",
        s(&path("pub.pem")),
    ]);
    let raw_sig = b64::decode("sig", sig).unwrap();
    std::fs::write(path("sig.der"), der_signature(&raw_sig)).unwrap();
    std::fs::write(path("data"), signing_input).unwrap();
    let out = openssl(&[
        "dgst",
        "-sha256",
        "-verify",
        s(&path("pub.pem")),
        "-signature",
        s(&path("sig.der")),
        s(&path("data")),
    ]);
    assert!(out.contains("Verified OK"), "{out}");

    // Tampered input is rejected by openssl too.
    std::fs::write(path("data"), format!("{signing_input}x")).unwrap();
    let status = Command::new("openssl")
        .args(["dgst", "-sha256", "-verify"])
        .arg(path("pub.pem"))
        .arg("-signature")
        .arg(path("sig.der"))
        .arg(path("data"))
        .output()
        .unwrap();
    assert!(!status.status.success());
}

#[test]
fn r_notif_1_vapid_pkcs8_is_read_by_openssl() {
    let key = VapidKey::generate().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let key_der = dir.path().join("key.der");
    let pub_der = dir.path().join("pub.der");
    std::fs::write(&key_der, key.to_pkcs8_der().unwrap()).unwrap();
    openssl(&[
        "pkey",
        "-inform",
        "DER",
        "-in",
        s(&key_der),
        "-pubout",
        "-outform",
        "DER",
        "-out",
        s(&pub_der),
    ]);
    let spki = std::fs::read(&pub_der).unwrap();
    assert_eq!(&spki[spki.len() - 65..], key.public_key_raw().as_slice());
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn openssl(args: &[&str]) -> String {
    let out = Command::new("openssl")
        .args(args)
        .output()
        .expect("the openssl binary is installed");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// ASN.1 DER `ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` from JWS r||s.
fn der_signature(raw: &[u8]) -> Vec<u8> {
    fn integer(bytes: &[u8]) -> Vec<u8> {
        let first = bytes
            .iter()
            .position(|&b| b != 0)
            .unwrap_or(bytes.len() - 1);
        let mut value = bytes[first..].to_vec();
        if value[0] & 0x80 != 0 {
            value.insert(0, 0);
        }
        let mut out = vec![0x02, value.len() as u8];
        out.extend(value);
        out
    }
    assert_eq!(raw.len(), 64);
    let mut body = integer(&raw[..32]);
    body.extend(integer(&raw[32..]));
    let mut out = vec![0x30, body.len() as u8];
    out.extend(body);
    out
}
