//! Typed errors of the crate. Nothing in `fito-push` panics on bad input:
//! every malformed key, body, endpoint or claim is one of these.

/// Everything that can go wrong while encrypting, signing or building a push request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PushError {
    /// A field that must be base64url (RFC 4648 §5) was not.
    #[error("{field}: not valid base64url")]
    InvalidBase64 {
        /// Which input was malformed (`p256dh`, `auth`, `vapid private key`, ...).
        field: &'static str,
    },
    /// A decoded value had the wrong number of bytes.
    #[error("{field}: expected {expected} bytes, got {actual}")]
    InvalidLength {
        /// Which input was malformed.
        field: &'static str,
        /// Required length in bytes.
        expected: usize,
        /// Length actually supplied.
        actual: usize,
    },
    /// A P-256 public key was not an uncompressed SEC1 point on the curve.
    #[error("{field}: not an uncompressed P-256 point on the curve")]
    InvalidPublicKey {
        /// Which input was malformed.
        field: &'static str,
    },
    /// A P-256 private key was zero, not below the group order, or an unreadable PKCS#8 document.
    #[error("{field}: not a valid P-256 private key")]
    InvalidPrivateKey {
        /// Which input was malformed.
        field: &'static str,
    },
    /// The plaintext does not fit in the single 4096-byte message RFC 8291 allows.
    #[error("payload of {len} bytes exceeds the Web Push limit of {max} bytes")]
    PayloadTooLarge {
        /// Plaintext length supplied.
        len: usize,
        /// Largest plaintext accepted ([`crate::MAX_PLAINTEXT_LEN`]).
        max: usize,
    },
    /// The push endpoint is not an absolute `https://` (or `http://`) URL with a host.
    #[error("invalid push endpoint: {0}")]
    InvalidEndpoint(String),
    /// The VAPID `sub` claim is not a `mailto:` or `https:` URI.
    #[error("invalid VAPID subject {0:?}: must be a mailto: or https: URI")]
    InvalidSubject(String),
    /// The requested VAPID token lifetime is zero or longer than 24 hours (RFC 8292 §2).
    #[error("VAPID token validity of {0} s is outside 1..=86400 s")]
    InvalidValidity(u64),
    /// The `Topic` header value is not ≤ 32 characters of the base64url alphabet (RFC 8030 §5.4).
    #[error("invalid Topic {0:?}: at most 32 base64url characters")]
    InvalidTopic(String),
    /// The encrypted body is not a well-formed RFC 8188 / RFC 8291 message.
    #[error("malformed encrypted body: {0}")]
    MalformedBody(&'static str),
    /// Authentication of the record failed: wrong key, wrong auth secret or a tampered body.
    #[error("decryption failed: the record did not authenticate")]
    DecryptionFailed,
    /// The decrypted record does not end with the RFC 8188 last-record delimiter (0x02).
    #[error("invalid record padding")]
    InvalidPadding,
    /// The operating system's random number generator failed.
    #[error("operating system random number generator failed")]
    Rng,
    /// A key could not be encoded (PKCS#8 serialisation); not expected in practice.
    #[error("key encoding failed: {0}")]
    Encoding(&'static str),
}
