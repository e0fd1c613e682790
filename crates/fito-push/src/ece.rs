//! RFC 8291 message encryption for Web Push over the RFC 8188 `aes128gcm`
//! content coding.
//!
//! The body is one record:
//! `salt(16) | rs(4, BE) | idlen(1) = 65 | keyid = as_public(65) | AES-128-GCM(plaintext | 0x02)`.

use aes_gcm::aead::{Aead, KeyInit};
use aes_gcm::{Aes128Gcm, Nonce};
use hkdf::Hkdf;
use p256::elliptic_curve::Generate;
use p256::elliptic_curve::sec1::ToSec1Point;
use p256::{PublicKey, SecretKey};
use sha2::Sha256;

use crate::{PushError, b64};

/// Record size written into every header (RFC 8291 §4: at most 4096).
pub const RECORD_SIZE: u32 = 4096;
/// Length of the `aes128gcm` header: salt 16 + rs 4 + idlen 1 + keyid 65.
pub const HEADER_LEN: usize = 16 + 4 + 1 + UNCOMPRESSED_POINT_LEN;
/// Length of an uncompressed SEC1 P-256 point.
pub const UNCOMPRESSED_POINT_LEN: usize = 65;
/// Length of the subscription's authentication secret.
pub const AUTH_SECRET_LEN: usize = 16;
/// Length of the RFC 8188 salt.
pub const SALT_LEN: usize = 16;
/// AES-GCM tag length.
const TAG_LEN: usize = 16;
/// Largest plaintext such that the whole message (header + one record) fits in
/// 4096 bytes: 4096 − 86 − 16 − 1 = 3993 (RFC 8291 §4).
pub const MAX_PLAINTEXT_LEN: usize = RECORD_SIZE as usize - HEADER_LEN - TAG_LEN - 1;

/// RFC 8188 padding delimiter of the last (here: only) record.
const LAST_RECORD_DELIMITER: u8 = 0x02;

/// The user agent's half of a subscription: `keys.p256dh` and `keys.auth`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubscriptionKeys {
    p256dh: PublicKey,
    auth: [u8; AUTH_SECRET_LEN],
}

impl SubscriptionKeys {
    /// Parse the two base64url strings a browser's `PushSubscription.toJSON()` yields.
    ///
    /// `p256dh` must be a 65-byte uncompressed point on P-256, `auth` exactly 16 bytes.
    pub fn from_base64url(p256dh: &str, auth: &str) -> Result<Self, PushError> {
        let point = b64::decode("p256dh", p256dh)?;
        let auth = b64::decode_array::<AUTH_SECRET_LEN>("auth", auth)?;
        Self::from_bytes(&point, auth)
    }

    /// Build from raw bytes: an uncompressed SEC1 point and the 16-byte auth secret.
    pub fn from_bytes(p256dh: &[u8], auth: [u8; AUTH_SECRET_LEN]) -> Result<Self, PushError> {
        Ok(Self {
            p256dh: parse_uncompressed_point("p256dh", p256dh)?,
            auth,
        })
    }

    /// The user agent public key as 65 uncompressed bytes.
    pub fn p256dh_bytes(&self) -> [u8; UNCOMPRESSED_POINT_LEN] {
        point_bytes(&self.p256dh)
    }

    /// The authentication secret.
    pub fn auth(&self) -> &[u8; AUTH_SECRET_LEN] {
        &self.auth
    }
}

/// Decode a 65-byte uncompressed SEC1 point, refusing compressed forms,
/// the identity and points not on the curve.
pub(crate) fn parse_uncompressed_point(
    field: &'static str,
    bytes: &[u8],
) -> Result<PublicKey, PushError> {
    if bytes.len() != UNCOMPRESSED_POINT_LEN {
        return Err(PushError::InvalidLength {
            field,
            expected: UNCOMPRESSED_POINT_LEN,
            actual: bytes.len(),
        });
    }
    if bytes[0] != 0x04 {
        return Err(PushError::InvalidPublicKey { field });
    }
    PublicKey::from_sec1_bytes(bytes).map_err(|_| PushError::InvalidPublicKey { field })
}

/// Serialise a public key as 65 uncompressed SEC1 bytes.
pub(crate) fn point_bytes(key: &PublicKey) -> [u8; UNCOMPRESSED_POINT_LEN] {
    let point = key.to_sec1_point(false);
    let mut out = [0u8; UNCOMPRESSED_POINT_LEN];
    // An uncompressed P-256 point is always 65 bytes; copy defensively anyway.
    let src = point.as_bytes();
    let n = src.len().min(UNCOMPRESSED_POINT_LEN);
    out[..n].copy_from_slice(&src[..n]);
    out
}

/// Parse a raw 32-byte P-256 private scalar.
pub(crate) fn parse_private_scalar(
    field: &'static str,
    bytes: &[u8],
) -> Result<SecretKey, PushError> {
    if bytes.len() != 32 {
        return Err(PushError::InvalidLength {
            field,
            expected: 32,
            actual: bytes.len(),
        });
    }
    SecretKey::from_slice(bytes).map_err(|_| PushError::InvalidPrivateKey { field })
}

/// Fresh random bytes from the operating system.
pub(crate) fn random_array<const N: usize>() -> Result<[u8; N], PushError> {
    <[u8; N]>::try_generate().map_err(|_| PushError::Rng)
}

/// Fresh P-256 private key from the operating system's RNG.
pub(crate) fn random_secret_key() -> Result<SecretKey, PushError> {
    SecretKey::try_generate().map_err(|_| PushError::Rng)
}

/// Encrypt `plaintext` for the subscription with a fresh ephemeral key and salt.
///
/// Returns the complete `aes128gcm` request body.
pub fn encrypt(keys: &SubscriptionKeys, plaintext: &[u8]) -> Result<Vec<u8>, PushError> {
    check_payload_len(plaintext)?;
    let ephemeral = random_secret_key()?;
    let salt = random_array::<SALT_LEN>()?;
    encrypt_inner(keys, plaintext, &ephemeral, &salt)
}

/// Deterministic form of [`encrypt`]: the caller supplies the application
/// server's ephemeral private key (raw 32-byte scalar) and the salt.
///
/// Only for known-answer tests: reusing a key/salt pair in production
/// destroys confidentiality.
pub fn encrypt_with(
    keys: &SubscriptionKeys,
    plaintext: &[u8],
    ephemeral_private_key: &[u8],
    salt: &[u8; SALT_LEN],
) -> Result<Vec<u8>, PushError> {
    check_payload_len(plaintext)?;
    let ephemeral = parse_private_scalar("ephemeral private key", ephemeral_private_key)?;
    encrypt_inner(keys, plaintext, &ephemeral, salt)
}

fn check_payload_len(plaintext: &[u8]) -> Result<(), PushError> {
    if plaintext.len() > MAX_PLAINTEXT_LEN {
        return Err(PushError::PayloadTooLarge {
            len: plaintext.len(),
            max: MAX_PLAINTEXT_LEN,
        });
    }
    Ok(())
}

fn encrypt_inner(
    keys: &SubscriptionKeys,
    plaintext: &[u8],
    ephemeral: &SecretKey,
    salt: &[u8; SALT_LEN],
) -> Result<Vec<u8>, PushError> {
    let as_public = point_bytes(&ephemeral.public_key());
    let ua_public = point_bytes(&keys.p256dh);
    let shared = ephemeral.diffie_hellman(&keys.p256dh);
    let (cek, nonce) = derive_key_and_nonce(
        shared.raw_secret_bytes().as_slice(),
        &keys.auth,
        &ua_public,
        &as_public,
        salt,
    )?;

    let mut record = Vec::with_capacity(plaintext.len() + 1);
    record.extend_from_slice(plaintext);
    record.push(LAST_RECORD_DELIMITER);
    let cipher = Aes128Gcm::new(&cek.into());
    let ciphertext = cipher
        .encrypt(&Nonce::from(nonce), record.as_slice())
        .map_err(|_| PushError::Encoding("AES-GCM encryption"))?;

    let mut body = Vec::with_capacity(HEADER_LEN + ciphertext.len());
    body.extend_from_slice(salt);
    body.extend_from_slice(&RECORD_SIZE.to_be_bytes());
    body.push(UNCOMPRESSED_POINT_LEN as u8);
    body.extend_from_slice(&as_public);
    body.extend_from_slice(&ciphertext);
    Ok(body)
}

/// RFC 8291 §3.3–3.4 and RFC 8188 §2.2–2.3 key schedule.
fn derive_key_and_nonce(
    ecdh_secret: &[u8],
    auth: &[u8; AUTH_SECRET_LEN],
    ua_public: &[u8; UNCOMPRESSED_POINT_LEN],
    as_public: &[u8; UNCOMPRESSED_POINT_LEN],
    salt: &[u8; SALT_LEN],
) -> Result<([u8; 16], [u8; 12]), PushError> {
    const KDF_ERR: PushError = PushError::Encoding("HKDF expand");

    // IKM = HKDF(salt = auth_secret, ikm = ecdh_secret, info = "WebPush: info\0" | ua | as, 32)
    let mut key_info = Vec::with_capacity(14 + 2 * UNCOMPRESSED_POINT_LEN);
    key_info.extend_from_slice(b"WebPush: info\0");
    key_info.extend_from_slice(ua_public);
    key_info.extend_from_slice(as_public);
    let mut ikm = [0u8; 32];
    Hkdf::<Sha256>::new(Some(auth), ecdh_secret)
        .expand(&key_info, &mut ikm)
        .map_err(|_| KDF_ERR)?;

    // PRK = HKDF-Extract(salt, IKM); CEK and NONCE per RFC 8188.
    let prk = Hkdf::<Sha256>::new(Some(salt), &ikm);
    let mut cek = [0u8; 16];
    prk.expand(b"Content-Encoding: aes128gcm\0", &mut cek)
        .map_err(|_| KDF_ERR)?;
    let mut nonce = [0u8; 12];
    prk.expand(b"Content-Encoding: nonce\0", &mut nonce)
        .map_err(|_| KDF_ERR)?;
    // Single record, sequence number 0: the nonce is used unchanged.
    Ok((cek, nonce))
}

/// The user agent's key material: what a browser keeps to read push messages.
/// Used here for tests and tooling (round trips); the server never holds it.
#[derive(Clone)]
pub struct UserAgentKeys {
    private: SecretKey,
    auth: [u8; AUTH_SECRET_LEN],
}

impl std::fmt::Debug for UserAgentKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserAgentKeys").finish_non_exhaustive()
    }
}

impl UserAgentKeys {
    /// Fresh key pair and auth secret, as a browser makes on `subscribe()`.
    pub fn generate() -> Result<Self, PushError> {
        Ok(Self {
            private: random_secret_key()?,
            auth: random_array::<AUTH_SECRET_LEN>()?,
        })
    }

    /// From a raw 32-byte private scalar and the auth secret.
    pub fn from_bytes(private_key: &[u8], auth: [u8; AUTH_SECRET_LEN]) -> Result<Self, PushError> {
        Ok(Self {
            private: parse_private_scalar("user agent private key", private_key)?,
            auth,
        })
    }

    /// The public half, as the subscription hands it to the server.
    pub fn subscription_keys(&self) -> SubscriptionKeys {
        SubscriptionKeys {
            p256dh: self.private.public_key(),
            auth: self.auth,
        }
    }

    /// Decrypt an `aes128gcm` Web Push body (the user agent side of RFC 8291).
    pub fn decrypt(&self, body: &[u8]) -> Result<Vec<u8>, PushError> {
        if body.len() < 21 {
            return Err(PushError::MalformedBody("shorter than the header"));
        }
        let mut salt = [0u8; SALT_LEN];
        salt.copy_from_slice(&body[..SALT_LEN]);
        let rs = u32::from_be_bytes([body[16], body[17], body[18], body[19]]);
        let idlen = usize::from(body[20]);
        if rs < 18 {
            return Err(PushError::MalformedBody("record size below 18"));
        }
        if idlen != UNCOMPRESSED_POINT_LEN {
            return Err(PushError::MalformedBody(
                "keyid is not a 65-byte P-256 point",
            ));
        }
        let Some(keyid) = body.get(21..21 + idlen) else {
            return Err(PushError::MalformedBody("shorter than the header"));
        };
        let as_key = parse_uncompressed_point("keyid", keyid)?;
        let record = &body[21 + idlen..];
        if record.len() < TAG_LEN + 1 {
            return Err(PushError::MalformedBody(
                "record shorter than tag and delimiter",
            ));
        }
        if record.len() > rs as usize {
            // RFC 8291 §4: a push message is a single record.
            return Err(PushError::MalformedBody("more than one record"));
        }

        let ua_public = point_bytes(&self.private.public_key());
        let as_public = point_bytes(&as_key);
        let shared = self.private.diffie_hellman(&as_key);
        let (cek, nonce) = derive_key_and_nonce(
            shared.raw_secret_bytes().as_slice(),
            &self.auth,
            &ua_public,
            &as_public,
            &salt,
        )?;
        let cipher = Aes128Gcm::new(&cek.into());
        let mut padded = cipher
            .decrypt(&Nonce::from(nonce), record)
            .map_err(|_| PushError::DecryptionFailed)?;
        // Strip RFC 8188 padding: zeros after the delimiter, delimiter must be 0x02.
        while padded.last() == Some(&0) {
            padded.pop();
        }
        match padded.pop() {
            Some(LAST_RECORD_DELIMITER) => Ok(padded),
            _ => Err(PushError::InvalidPadding),
        }
    }
}
