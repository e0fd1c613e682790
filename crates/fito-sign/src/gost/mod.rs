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

/// A GOST 512-bit public key on a known curve.
#[derive(Debug, Clone)]
pub struct GostPublicKey {
    curve: &'static Curve,
    point: AffinePoint,
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
        Ok(GostPublicKey { curve, point })
    }

    /// Verifies an NCA-encoded signature (r‖s, little-endian) over `message`,
    /// hashing it with Streebog-512.
    pub fn verify_message(&self, message: &[u8], signature: &[u8]) -> Result<(), GostError> {
        let digest: [u8; HALF] = Streebog512::digest(message).into();
        self.verify_digest(&digest, signature)
    }

    /// Verifies an NCA-encoded signature over an already computed Streebog-512
    /// digest (CMS signs the digest of the signed attributes).
    pub fn verify_digest(&self, digest: &[u8; HALF], signature: &[u8]) -> Result<(), GostError> {
        let (r, s) = split_nca_signature(signature)?;
        let alpha = BigUint::from_bytes_le(digest);
        if self.curve.verify(&self.point, &alpha, &r, &s) {
            Ok(())
        } else {
            Err(GostError::BadSignature)
        }
    }
}

/// r‖s, little-endian halves.
fn split_nca_signature(signature: &[u8]) -> Result<(BigUint, BigUint), GostError> {
    if signature.len() != 2 * HALF {
        return Err(GostError::MalformedSignature);
    }
    Ok((
        BigUint::from_bytes_le(&signature[..HALF]),
        BigUint::from_bytes_le(&signature[HALF..]),
    ))
}

/// Streebog-512 of `data`.
pub fn streebog512(data: &[u8]) -> [u8; HALF] {
    Streebog512::digest(data).into()
}

#[cfg(test)]
mod tests;
