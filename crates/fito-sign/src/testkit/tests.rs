//! The test signer against the crate's own verifier.

use num_bigint::BigUint;

use super::*;
use crate::gost::{GostError, GostPublicKey, params};

fn random_message(max: usize) -> Vec<u8> {
    let mut rng = rand::thread_rng();
    let len = (rng.next_u32() as usize) % (max + 1);
    let mut m = vec![0u8; len];
    rng.fill_bytes(&mut m);
    m
}

/// For random keys and messages, what the test signer produces the verifier
/// accepts, and any flipped bit (signature or message) is refused.
#[test]
fn r_auth_3_testkit_gost_signatures_verify_and_flipped_bits_do_not() {
    let mut rng = rand::thread_rng();
    for _ in 0..6 {
        let key = GostSigningKey::generate();
        let public = GostPublicKey::from_nca_point_bytes(key.public_key_bytes()).unwrap();
        for _ in 0..2 {
            let message = random_message(300);
            let signature = key.sign_message(&message);
            assert_eq!(signature.len(), 128);
            assert_eq!(public.verify_message(&message, &signature), Ok(()));

            let bit = (rng.next_u32() as usize) % (128 * 8);
            let mut flipped = signature.clone();
            flipped[bit / 8] ^= 1 << (bit % 8);
            assert_eq!(
                public.verify_message(&message, &flipped),
                Err(GostError::BadSignature),
                "signature bit {bit}"
            );
            let mut other = message.clone();
            other.push(0);
            assert_eq!(
                public.verify_message(&other, &signature),
                Err(GostError::BadSignature)
            );
            let stranger = GostSigningKey::generate().public_key();
            assert_eq!(
                stranger.verify_message(&message, &signature),
                Err(GostError::BadSignature)
            );
        }
    }
}

/// Key generation is Q = dP: d = 1 gives the base point, and the public key
/// lies on paramSetA read as NCA reads it (x‖y little-endian).
#[test]
fn testkit_gost_key_is_d_times_base_point_on_paramset_a() {
    let curve = params::tc26_512_paramset_a();
    let one = GostSigningKey::from_scalar(&BigUint::from(1u8)).unwrap();
    let xy = one.public_key_bytes();
    assert_eq!(BigUint::from_bytes_le(&xy[..64]), curve.gx);
    assert_eq!(BigUint::from_bytes_le(&xy[64..]), curve.gy);
    assert!(GostSigningKey::from_scalar(&BigUint::ZERO).is_none());
    assert!(GostSigningKey::from_scalar(curve.order()).is_none());
    let key = GostSigningKey::generate();
    let xy = key.public_key_bytes();
    assert!(
        curve
            .point(
                BigUint::from_bytes_le(&xy[..64]),
                BigUint::from_bytes_le(&xy[64..])
            )
            .is_some()
    );
}

/// A digest that is 0 mod q is signed with e = 1 (RFC 7091 §6.1 step 2), as
/// the verifier expects.
#[test]
fn testkit_gost_zero_digest_signs_with_e_equal_one() {
    let key = GostSigningKey::generate();
    let zero = [0u8; 64];
    let signature = key.sign_digest(&zero);
    assert_eq!(key.public_key().verify_digest(&zero, &signature), Ok(()));
}

/// The serial shown in refusals keeps a leading zero nibble, like OpenSSL.
#[test]
fn testkit_serial_hex_matches_the_crate() {
    assert_eq!(serial_hex(0x0A1B2C3D), "0A1B2C3D");
    assert_eq!(serial_hex(0x80), "80");
}
