//! GOST R 34.10-2015 512-bit signing on paramSetA with NCA RK's byte
//! conventions (see [`crate::gost`]): the mirror image of the verifier.
//!
//! RFC 7091 §6.1: e = α mod q (1 if 0), k random in [1, q-1], C = kP,
//! r = x_C mod q, s = (r·d + k·e) mod q, retry while r = 0 or s = 0.
//! NCA layout: α is the Streebog-512 digest read little-endian, the signature
//! is r‖s with each half little-endian, the key is x‖y with each coordinate
//! little-endian.

use std::fmt;
use std::sync::LazyLock;

use num_bigint::BigUint;
use num_traits::{One, Zero};
use rand::RngCore;

use crate::gost::{Curve, GostPublicKey, params, streebog512};

/// Bytes of one coordinate, one signature half, one digest.
const HALF: usize = 64;

static CURVE: LazyLock<Curve> = LazyLock::new(params::tc26_512_paramset_a);

/// A GOST R 34.10-2015 512-bit private key on paramSetA. TEST USE ONLY: the
/// arithmetic is variable-time and the scalar is not zeroised.
#[derive(Clone)]
pub struct GostSigningKey {
    d: BigUint,
    /// x‖y, little-endian each, as NCA puts it in certificates.
    public: Vec<u8>,
}

impl fmt::Debug for GostSigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GostSigningKey")
            .field("public", &hex::encode(&self.public))
            .finish_non_exhaustive()
    }
}

/// A uniformly distributed-enough integer in [1, q-1]: 64 extra random bits
/// make the modulo bias negligible.
fn random_scalar(q: &BigUint) -> BigUint {
    let mut bytes = [0u8; HALF + 8];
    rand::thread_rng().fill_bytes(&mut bytes);
    BigUint::from_bytes_le(&bytes) % (q - 1u8) + 1u8
}

/// A non-negative integer below 2^512 as 64 little-endian bytes.
fn le_64(n: &BigUint) -> [u8; HALF] {
    let bytes = n.to_bytes_le();
    let mut out = [0u8; HALF];
    out[..bytes.len()].copy_from_slice(&bytes);
    out
}

impl GostSigningKey {
    /// A fresh random key: d in [1, q-1], Q = dP.
    pub fn generate() -> Self {
        loop {
            if let Some(key) = Self::from_scalar(&random_scalar(CURVE.order())) {
                return key;
            }
        }
    }

    /// The key with private scalar `d`; `None` unless 1 ≤ d < q.
    pub fn from_scalar(d: &BigUint) -> Option<Self> {
        if d.is_zero() || d >= CURVE.order() {
            return None;
        }
        let q = CURVE.mul_base(d)?;
        let mut public = le_64(&q.x).to_vec();
        public.extend_from_slice(&le_64(&q.y));
        Some(GostSigningKey {
            d: d.clone(),
            public,
        })
    }

    /// The public key as 128 bytes x‖y, little-endian each (the contents of
    /// the OCTET STRING inside an NCA SubjectPublicKey).
    pub fn public_key_bytes(&self) -> &[u8] {
        &self.public
    }

    /// The public key as the crate's verifier reads it.
    pub fn public_key(&self) -> GostPublicKey {
        GostPublicKey::from_nca_point_bytes(&self.public).expect("our own point is on the curve")
    }

    /// Signs `message` (hashed here with Streebog-512): 128 bytes r‖s,
    /// little-endian each.
    pub fn sign_message(&self, message: &[u8]) -> Vec<u8> {
        self.sign_digest(&streebog512(message))
    }

    /// Signs an already computed Streebog-512 digest.
    pub fn sign_digest(&self, digest: &[u8; HALF]) -> Vec<u8> {
        let q = CURVE.order();
        let mut e = BigUint::from_bytes_le(digest) % q;
        if e.is_zero() {
            e = BigUint::one();
        }
        loop {
            let k = random_scalar(q);
            let Some(c) = CURVE.mul_base(&k) else {
                continue;
            };
            let r = &c.x % q;
            if r.is_zero() {
                continue;
            }
            let s = (&r * &self.d + &k * &e) % q;
            if s.is_zero() {
                continue;
            }
            let mut signature = le_64(&r).to_vec();
            signature.extend_from_slice(&le_64(&s));
            return signature;
        }
    }
}
