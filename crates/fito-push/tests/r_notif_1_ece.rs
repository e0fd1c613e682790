//! R-NOTIF-1: RFC 8291 / RFC 8188 `aes128gcm` message encryption.

mod common;

use common::*;
use fito_push::{
    MAX_PLAINTEXT_LEN, PushError, RECORD_SIZE, SubscriptionKeys, UserAgentKeys, encrypt,
    encrypt_with,
};
use proptest::prelude::*;

fn rfc_subscription() -> SubscriptionKeys {
    SubscriptionKeys::from_base64url(UA_PUBLIC, AUTH).expect("RFC subscription keys parse")
}

fn rfc_salt() -> [u8; 16] {
    fito_push::b64::decode_array::<16>("salt", SALT).unwrap()
}

#[test]
fn r_notif_1_rfc8291_example_encrypts_to_the_rfc_body() {
    let body = encrypt_with(
        &rfc_subscription(),
        PLAINTEXT,
        &unb64(AS_PRIVATE),
        &rfc_salt(),
    )
    .unwrap();
    assert_eq!(fito_push::b64::encode(&body), BODY);
    assert_eq!(body, unb64(BODY));
}

#[test]
fn r_notif_1_rfc8291_example_vector_is_self_consistent() {
    // The body the RFC prints is its header followed by its ciphertext.
    let mut joined = unb64(HEADER);
    joined.extend(unb64(CIPHERTEXT));
    assert_eq!(joined, unb64(BODY));
    // The private keys of the example derive the public keys it prints.
    let ua = ua_keys();
    assert_eq!(
        ua.subscription_keys().p256dh_bytes().to_vec(),
        unb64(UA_PUBLIC)
    );
    let body = unb64(BODY);
    assert_eq!(&body[21..86], unb64(AS_PUBLIC).as_slice());
    let as_key = fito_push::VapidKey::from_raw_private(&unb64(AS_PRIVATE)).unwrap();
    assert_eq!(as_key.public_key_base64url(), AS_PUBLIC);
}

#[test]
fn r_notif_1_rfc8291_example_body_decrypts_with_the_ua_key() {
    assert_eq!(ua_keys().decrypt(&unb64(BODY)).unwrap(), PLAINTEXT);
}

#[test]
fn r_notif_1_body_header_layout_is_salt_rs_idlen_keyid() {
    let ua = UserAgentKeys::generate().unwrap();
    let body = encrypt(&ua.subscription_keys(), b"hello").unwrap();
    assert_eq!(body.len(), 16 + 4 + 1 + 65 + 5 + 1 + 16);
    assert_eq!(&body[16..20], &RECORD_SIZE.to_be_bytes());
    assert_eq!(RECORD_SIZE, 4096);
    assert_eq!(body[20], 65);
    assert_eq!(body[21], 0x04, "keyid is an uncompressed point");
    assert_eq!(ua.decrypt(&body).unwrap(), b"hello");
}

#[test]
fn r_notif_1_each_message_uses_a_fresh_salt_and_ephemeral_key() {
    let keys = UserAgentKeys::generate().unwrap().subscription_keys();
    let a = encrypt(&keys, b"same").unwrap();
    let b = encrypt(&keys, b"same").unwrap();
    assert_ne!(&a[..16], &b[..16], "salt");
    assert_ne!(&a[21..86], &b[21..86], "ephemeral key");
    assert_ne!(a, b);
}

#[test]
fn r_notif_1_payload_limit_is_3993_bytes_so_the_message_fits_4096() {
    assert_eq!(MAX_PLAINTEXT_LEN, 3993);
    let ua = UserAgentKeys::generate().unwrap();
    let keys = ua.subscription_keys();
    let max = vec![0x41u8; MAX_PLAINTEXT_LEN];
    let body = encrypt(&keys, &max).unwrap();
    assert_eq!(body.len(), 4096);
    assert_eq!(ua.decrypt(&body).unwrap(), max);

    let over = vec![0x41u8; MAX_PLAINTEXT_LEN + 1];
    assert_eq!(
        encrypt(&keys, &over),
        Err(PushError::PayloadTooLarge {
            len: 3994,
            max: 3993
        })
    );
    assert!(matches!(
        encrypt_with(&keys, &over, &unb64(AS_PRIVATE), &rfc_salt()),
        Err(PushError::PayloadTooLarge { .. })
    ));
}

#[test]
fn r_notif_1_tampered_rfc_body_fails_to_decrypt() {
    let ua = ua_keys();
    let good = unb64(BODY);
    // Last byte: inside the GCM tag.
    let mut body = good.clone();
    *body.last_mut().unwrap() ^= 0x01;
    assert_eq!(ua.decrypt(&body), Err(PushError::DecryptionFailed));
    // A ciphertext byte.
    let mut body = good.clone();
    body[90] ^= 0x80;
    assert_eq!(ua.decrypt(&body), Err(PushError::DecryptionFailed));
    // The salt (changes the derived key).
    let mut body = good.clone();
    body[0] ^= 0x01;
    assert_eq!(ua.decrypt(&body), Err(PushError::DecryptionFailed));
    // Truncation.
    assert!(ua.decrypt(&good[..good.len() - 1]).is_err());
    assert!(ua.decrypt(&good[..86]).is_err());
}

#[test]
fn r_notif_1_wrong_auth_secret_or_key_fails_to_decrypt() {
    let body = unb64(BODY);
    let mut wrong_auth = auth();
    wrong_auth[0] ^= 1;
    let ua = UserAgentKeys::from_bytes(&unb64(UA_PRIVATE), wrong_auth).unwrap();
    assert_eq!(ua.decrypt(&body), Err(PushError::DecryptionFailed));
    let other = UserAgentKeys::generate().unwrap();
    assert_eq!(other.decrypt(&body), Err(PushError::DecryptionFailed));
}

#[test]
fn r_notif_1_malformed_bodies_are_typed_errors() {
    let ua = ua_keys();
    let good = unb64(BODY);
    assert!(matches!(ua.decrypt(&[]), Err(PushError::MalformedBody(_))));
    let mut idlen = good.clone();
    idlen[20] = 64;
    assert!(matches!(
        ua.decrypt(&idlen),
        Err(PushError::MalformedBody(_))
    ));
    let mut small_rs = good.clone();
    small_rs[16..20].copy_from_slice(&17u32.to_be_bytes());
    assert!(matches!(
        ua.decrypt(&small_rs),
        Err(PushError::MalformedBody(_))
    ));
    let mut two_records = good.clone();
    two_records[16..20].copy_from_slice(&20u32.to_be_bytes());
    assert!(matches!(
        ua.decrypt(&two_records),
        Err(PushError::MalformedBody(_))
    ));
    let mut keyid = good.clone();
    keyid[85] ^= 0x01; // moves the point off the curve
    assert!(matches!(
        ua.decrypt(&keyid),
        Err(PushError::InvalidPublicKey { .. } | PushError::DecryptionFailed)
    ));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn r_notif_1_encrypt_decrypt_round_trip(
        payload in proptest::collection::vec(any::<u8>(), 0..=MAX_PLAINTEXT_LEN),
    ) {
        let ua = UserAgentKeys::generate().unwrap();
        let body = encrypt(&ua.subscription_keys(), &payload).unwrap();
        prop_assert_eq!(body.len(), 86 + payload.len() + 17);
        prop_assert!(body.len() <= 4096);
        prop_assert_eq!(ua.decrypt(&body).unwrap(), payload);
    }

    /// Flipping any bit outside the record-size field makes decryption fail.
    /// (`rs` is not authenticated by RFC 8188; any value ≥ the record length decodes the same.)
    #[test]
    fn r_notif_1_any_tampered_byte_fails(
        payload in proptest::collection::vec(any::<u8>(), 0..200),
        index in any::<proptest::sample::Index>(),
        bit in 0u8..8,
    ) {
        let ua = UserAgentKeys::generate().unwrap();
        let mut body = encrypt(&ua.subscription_keys(), &payload).unwrap();
        let mut i = index.index(body.len());
        if (16..20).contains(&i) {
            i = 20;
        }
        body[i] ^= 1 << bit;
        prop_assert!(ua.decrypt(&body).is_err());
    }

    /// Arbitrary bytes never panic the decoder.
    #[test]
    fn r_notif_1_decrypting_garbage_is_an_error_not_a_panic(
        body in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        prop_assert!(ua_keys().decrypt(&body).is_err());
    }
}
