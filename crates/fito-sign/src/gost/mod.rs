//! GOST R 34.10-2015 (identical to 34.10-2012) 512-bit signatures as NCA RK
//! encodes them, with Streebog-512 (GOST 34.11-2015) as the hash.
//!
//! NCA byte conventions (established against the NCA test CA and its leaves,
//! see the tests of this module and `params`):
//! - public key: the SubjectPublicKey BIT STRING holds an OCTET STRING of 128
//!   bytes, x‖y, each coordinate little-endian;
//! - signature: 128 bytes, r‖s, each little-endian — the exact byte reversal of
//!   the RFC 4491/9215 layout (s‖r, big-endian);
//! - digest: the 64 Streebog-512 output bytes read as a little-endian integer.
//!
//! The same algorithm under the Russian TC26 OIDs (RFC 9215) follows RFC 4491:
//! the same key encoding (OCTET STRING, x‖y little-endian, RFC 4491 §2.3.2) and
//! digest reading (RFC 7091 §6.1 step 2 / GOST's vector-to-integer rule), but the
//! signature is s‖r, each big-endian (RFC 4491 §2.2.2) — what OpenSSL's GOST
//! engine writes (test `openssl_signature_layout_is_s_be_r_be_with_little_endian_digest_only`
//! in tests/gost_openssl.rs). Which layout applies is fixed by the key's
//! algorithm OID ([`SignatureLayout`]), never found by trying both.

mod curve;
pub mod params;

use std::sync::LazyLock;

pub use curve::{AffinePoint, Curve};
use der::{Decode, asn1::OctetString};
use num_bigint::BigUint;
use streebog::{Digest, Streebog512};

/// Byte length of one coordinate or one signature half at 512 bits.
const HALF: usize = 64;

static PARAMSET_A: LazyLock<Curve> = LazyLock::new(params::tc26_512_paramset_a);

/// Why a GOST key or signature was not accepted. The caller maps these to its
/// own refusals (malformed key vs. bad signature).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GostError {
    /// The key bytes are not an OCTET STRING of 128 bytes.
    MalformedKey,
    /// The key does not lie on the curve.
    KeyNotOnCurve,
    /// The signature is not 128 bytes.
    MalformedSignature,
    /// The signature equation does not hold.
    BadSignature,
}

/// How the 128 signature bytes hold r and s. Fixed by the algorithm OID: NCA's
/// arc (1.2.398.3.10) means [`SignatureLayout::Nca`], TC26's (1.2.643.7.1)
/// [`SignatureLayout::Rfc4491`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureLayout {
    /// r‖s, each little-endian (NCA's Kalkan).
    Nca,
    /// s‖r, each big-endian (RFC 4491 §2.2.2, RFC 9215; OpenSSL's GOST engine).
    /// Byte for byte the reversal of [`SignatureLayout::Nca`].
    Rfc4491,
}

/// A GOST 512-bit public key on a known curve, with the signature layout its
/// algorithm OID prescribes.
#[derive(Debug, Clone)]
pub struct GostPublicKey {
    curve: &'static Curve,
    point: AffinePoint,
    layout: SignatureLayout,
}

impl GostPublicKey {
    /// Decodes the SubjectPublicKey BIT STRING contents of an NCA GOST-512 key
    /// (an OCTET STRING wrapping x‖y, little-endian) on paramSetA.
    pub fn from_nca_subject_public_key(bits: &[u8]) -> Result<Self, GostError> {
        let octets = OctetString::from_der(bits).map_err(|_| GostError::MalformedKey)?;
        Self::from_nca_point_bytes(octets.as_bytes())
    }

    /// Decodes 128 raw bytes x‖y (little-endian each) on paramSetA.
    pub fn from_nca_point_bytes(xy: &[u8]) -> Result<Self, GostError> {
        if xy.len() != 2 * HALF {
            return Err(GostError::MalformedKey);
        }
        let curve: &'static Curve = &PARAMSET_A;
        let x = BigUint::from_bytes_le(&xy[..HALF]);
        let y = BigUint::from_bytes_le(&xy[HALF..]);
        let point = curve.point(x, y).ok_or(GostError::KeyNotOnCurve)?;
        Ok(GostPublicKey {
            curve,
            point,
            layout: SignatureLayout::Nca,
        })
    }

    /// Decodes the SubjectPublicKey BIT STRING contents of an
    /// id-tc26-gost3410-12-512 key on paramSetA (RFC 9215 / RFC 4491 §2.3.2: an
    /// OCTET STRING wrapping x‖y, little-endian — the same bytes as NCA's). Its
    /// signatures are read in the RFC 4491 layout (s‖r, big-endian).
    pub fn from_tc26_subject_public_key(bits: &[u8]) -> Result<Self, GostError> {
        let key = Self::from_nca_subject_public_key(bits)?;
        Ok(GostPublicKey {
            layout: SignatureLayout::Rfc4491,
            ..key
        })
    }

    /// The signature layout this key's algorithm OID prescribes.
    pub fn layout(&self) -> SignatureLayout {
        self.layout
    }

    /// Verifies a signature in this key's layout ([`Self::layout`]) over
    /// `message`, hashing it with Streebog-512.
    pub fn verify_message(&self, message: &[u8], signature: &[u8]) -> Result<(), GostError> {
        let digest: [u8; HALF] = Streebog512::digest(message).into();
        self.verify_digest(&digest, signature)
    }

    /// Verifies a signature in this key's layout over an already computed
    /// Streebog-512 digest (CMS signs the digest of the signed attributes).
    pub fn verify_digest(&self, digest: &[u8; HALF], signature: &[u8]) -> Result<(), GostError> {
        let (r, s) = split_signature(self.layout, signature)?;
        let alpha = BigUint::from_bytes_le(digest);
        if self.curve.verify(&self.point, &alpha, &r, &s) {
            Ok(())
        } else {
            Err(GostError::BadSignature)
        }
    }
}

/// (r, s) from the signature bytes: r‖s little-endian (NCA) or s‖r big-endian
/// (RFC 4491).
fn split_signature(
    layout: SignatureLayout,
    signature: &[u8],
) -> Result<(BigUint, BigUint), GostError> {
    if signature.len() != 2 * HALF {
        return Err(GostError::MalformedSignature);
    }
    let (first, second) = signature.split_at(HALF);
    Ok(match layout {
        SignatureLayout::Nca => (
            BigUint::from_bytes_le(first),
            BigUint::from_bytes_le(second),
        ),
        SignatureLayout::Rfc4491 => (
            BigUint::from_bytes_be(second),
            BigUint::from_bytes_be(first),
        ),
    })
}

/// Streebog-512 of `data`.
pub fn streebog512(data: &[u8]) -> [u8; HALF] {
    Streebog512::digest(data).into()
}

#[cfg(test)]
mod tests;
