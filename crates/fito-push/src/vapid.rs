//! VAPID (RFC 8292): the application server's P-256 identity and the
//! `Authorization: vapid t=<JWT>, k=<key>` header it sends to push services.

use p256::SecretKey;
use p256::ecdsa::signature::Signer as _;
use p256::ecdsa::{Signature, SigningKey};
use p256::pkcs8::{DecodePrivateKey as _, EncodePrivateKey as _};

use crate::ece::{UNCOMPRESSED_POINT_LEN, parse_private_scalar, point_bytes, random_secret_key};
use crate::{PushError, b64};

/// Longest token lifetime RFC 8292 §2 allows: 24 hours.
pub const MAX_VALIDITY_SECS: u64 = 24 * 60 * 60;
/// Lifetime used unless configured otherwise: 12 hours.
pub const DEFAULT_VALIDITY_SECS: u64 = 12 * 60 * 60;

/// The application server's long-lived VAPID key pair (ECDSA P-256).
#[derive(Clone)]
pub struct VapidKey {
    signing: SigningKey,
}

impl std::fmt::Debug for VapidKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VapidKey")
            .field("public", &self.public_key_base64url())
            .finish_non_exhaustive()
    }
}

impl VapidKey {
    /// Generate a fresh key pair from the operating system's RNG.
    pub fn generate() -> Result<Self, PushError> {
        Ok(Self::from_secret(&random_secret_key()?))
    }

    fn from_secret(secret: &SecretKey) -> Self {
        Self {
            signing: SigningKey::from(secret),
        }
    }

    /// Load from a PKCS#8 DER document (the storage form).
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self, PushError> {
        let secret = SecretKey::from_pkcs8_der(der).map_err(|_| PushError::InvalidPrivateKey {
            field: "vapid pkcs8",
        })?;
        Ok(Self::from_secret(&secret))
    }

    /// Load from base64url of a PKCS#8 DER document.
    pub fn from_pkcs8_base64url(text: &str) -> Result<Self, PushError> {
        Self::from_pkcs8_der(&b64::decode("vapid pkcs8", text)?)
    }

    /// Load from the raw 32-byte private scalar.
    pub fn from_raw_private(bytes: &[u8]) -> Result<Self, PushError> {
        Ok(Self::from_secret(&parse_private_scalar(
            "vapid private key",
            bytes,
        )?))
    }

    /// Load from base64url of the raw 32-byte private scalar (the form most
    /// Web Push tooling prints).
    pub fn from_raw_private_base64url(text: &str) -> Result<Self, PushError> {
        Self::from_raw_private(&b64::decode("vapid private key", text)?)
    }

    /// The private key as a PKCS#8 DER document.
    pub fn to_pkcs8_der(&self) -> Result<Vec<u8>, PushError> {
        let secret = SecretKey::from(&self.signing);
        secret
            .to_pkcs8_der()
            .map(|doc| doc.as_bytes().to_vec())
            .map_err(|_| PushError::Encoding("PKCS#8"))
    }

    /// The private key as base64url of its PKCS#8 DER document.
    pub fn to_pkcs8_base64url(&self) -> Result<String, PushError> {
        Ok(b64::encode(&self.to_pkcs8_der()?))
    }

    /// The raw 32-byte private scalar, base64url.
    pub fn raw_private_base64url(&self) -> String {
        b64::encode(self.signing.to_bytes().as_slice())
    }

    /// The public key as 65 uncompressed SEC1 bytes.
    pub fn public_key_raw(&self) -> [u8; UNCOMPRESSED_POINT_LEN] {
        point_bytes(&SecretKey::from(&self.signing).public_key())
    }

    /// The public key as base64url: the `k=` parameter, and the
    /// `applicationServerKey` a page passes to `pushManager.subscribe()`.
    pub fn public_key_base64url(&self) -> String {
        b64::encode(&self.public_key_raw())
    }

    /// ES256 signature (JWS form: r‖s, 64 bytes) over `message`.
    fn sign(&self, message: &[u8]) -> [u8; 64] {
        let signature: Signature = self.signing.sign(message);
        let mut out = [0u8; 64];
        out.copy_from_slice(signature.to_bytes().as_slice());
        out
    }
}

/// VAPID configuration: key pair, contact URI and token lifetime.
#[derive(Clone, Debug)]
pub struct Vapid {
    key: VapidKey,
    subject: String,
    validity_secs: u64,
}

impl Vapid {
    /// `subject` is the operator contact put in the `sub` claim: a `mailto:`
    /// or `https:` URI (RFC 8292 §2.1).
    pub fn new(key: VapidKey, subject: &str) -> Result<Self, PushError> {
        validate_subject(subject)?;
        Ok(Self {
            key,
            subject: subject.to_owned(),
            validity_secs: DEFAULT_VALIDITY_SECS,
        })
    }

    /// Token lifetime in seconds, 1..=86400.
    pub fn with_validity_secs(mut self, secs: u64) -> Result<Self, PushError> {
        if secs == 0 || secs > MAX_VALIDITY_SECS {
            return Err(PushError::InvalidValidity(secs));
        }
        self.validity_secs = secs;
        Ok(self)
    }

    /// The key pair.
    pub fn key(&self) -> &VapidKey {
        &self.key
    }

    /// The `sub` claim.
    pub fn subject(&self) -> &str {
        &self.subject
    }

    /// The signed ES256 JWT for a push endpoint, issued at `now_unix`
    /// (seconds since the Unix epoch): `aud` = endpoint origin,
    /// `exp` = `now_unix` + validity, `sub` = subject.
    pub fn token(&self, endpoint: &str, now_unix: u64) -> Result<String, PushError> {
        let aud = audience(endpoint)?;
        let exp = now_unix.saturating_add(self.validity_secs);
        let header = r#"{"typ":"JWT","alg":"ES256"}"#;
        let claims = format!(
            r#"{{"aud":{},"exp":{},"sub":{}}}"#,
            json_string(&aud),
            exp,
            json_string(&self.subject)
        );
        let signing_input = format!(
            "{}.{}",
            b64::encode(header.as_bytes()),
            b64::encode(claims.as_bytes())
        );
        let signature = self.key.sign(signing_input.as_bytes());
        Ok(format!("{signing_input}.{}", b64::encode(&signature)))
    }

    /// The full `Authorization` header value: `vapid t=<JWT>, k=<public key>`.
    pub fn authorization_header(&self, endpoint: &str, now_unix: u64) -> Result<String, PushError> {
        Ok(format!(
            "vapid t={}, k={}",
            self.token(endpoint, now_unix)?,
            self.key.public_key_base64url()
        ))
    }
}

fn validate_subject(subject: &str) -> Result<(), PushError> {
    let bad = || PushError::InvalidSubject(subject.to_owned());
    if subject.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(bad());
    }
    let lower = subject.to_ascii_lowercase();
    if let Some(address) = lower.strip_prefix("mailto:") {
        // Need something@something.
        match address.split_once('@') {
            Some((local, domain)) if !local.is_empty() && !domain.is_empty() => Ok(()),
            _ => Err(bad()),
        }
    } else if lower.starts_with("https://") {
        audience(subject).map(|_| ()).map_err(|_| bad())
    } else {
        Err(bad())
    }
}

/// The origin of a push endpoint (RFC 6454): `scheme://host[:port]`, with the
/// scheme and host lower-cased and a default port dropped. This is the
/// VAPID `aud` claim.
pub fn audience(endpoint: &str) -> Result<String, PushError> {
    let bad = |why: &str| PushError::InvalidEndpoint(format!("{why}: {endpoint:?}"));
    if !endpoint.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(bad("not printable ASCII"));
    }
    let (scheme, rest) = endpoint
        .split_once("://")
        .ok_or_else(|| bad("not an absolute URL"))?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port: u16 = match scheme.as_str() {
        "https" => 443,
        "http" => 80,
        _ => return Err(bad("scheme must be https or http")),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..authority_end];
    if authority.contains('@') {
        return Err(bad("userinfo not allowed"));
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (inside, after) = v6
            .split_once(']')
            .ok_or_else(|| bad("unclosed IPv6 host"))?;
        if inside.is_empty()
            || !inside
                .bytes()
                .all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.')
        {
            return Err(bad("invalid IPv6 host"));
        }
        let port = match after {
            "" => None,
            p => Some(
                p.strip_prefix(':')
                    .ok_or_else(|| bad("junk after IPv6 host"))?,
            ),
        };
        (format!("[{inside}]"), port)
    } else {
        let (h, p) = match authority.split_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        };
        if h.is_empty()
            || !h
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.'))
        {
            return Err(bad("invalid host"));
        }
        (h.to_owned(), p)
    };
    let host = host.to_ascii_lowercase();
    match port {
        None | Some("") => Ok(format!("{scheme}://{host}")),
        Some(p) => {
            if !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("invalid port"));
            }
            match p.parse::<u16>() {
                Ok(0) | Err(_) => Err(bad("invalid port")),
                Ok(n) if n == default_port => Ok(format!("{scheme}://{host}")),
                Ok(n) => Ok(format!("{scheme}://{host}:{n}")),
            }
        }
    }
}

/// A JSON string literal (RFC 8259 §7) for `s`.
fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
