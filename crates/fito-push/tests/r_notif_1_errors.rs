//! R-NOTIF-1: bad input gives typed errors, never a panic.

mod common;

use common::*;
use fito_push::{PushError, SubscriptionKeys, UserAgentKeys, VapidKey, b64, encrypt_with};
use proptest::prelude::*;

#[test]
fn r_notif_1_bad_base64_is_invalid_base64() {
    assert_eq!(
        SubscriptionKeys::from_base64url("not base64!", AUTH),
        Err(PushError::InvalidBase64 { field: "p256dh" })
    );
    assert_eq!(
        SubscriptionKeys::from_base64url(UA_PUBLIC, "a+b/"),
        Err(PushError::InvalidBase64 { field: "auth" })
    );
    assert!(matches!(
        VapidKey::from_pkcs8_base64url("%%%"),
        Err(PushError::InvalidBase64 { .. })
    ));
    assert!(matches!(
        VapidKey::from_raw_private_base64url("x y"),
        Err(PushError::InvalidBase64 { .. })
    ));
}

#[test]
fn r_notif_1_wrong_key_lengths_are_invalid_length() {
    let ua = unb64(UA_PUBLIC);
    assert_eq!(
        SubscriptionKeys::from_base64url(&b64::encode(&ua[..64]), AUTH),
        Err(PushError::InvalidLength {
            field: "p256dh",
            expected: 65,
            actual: 64
        })
    );
    assert_eq!(
        SubscriptionKeys::from_base64url(UA_PUBLIC, &b64::encode(&[7u8; 17])),
        Err(PushError::InvalidLength {
            field: "auth",
            expected: 16,
            actual: 17
        })
    );
    assert!(matches!(
        VapidKey::from_raw_private(&[1u8; 31]),
        Err(PushError::InvalidLength {
            expected: 32,
            actual: 31,
            ..
        })
    ));
    assert!(matches!(
        UserAgentKeys::from_bytes(&[1u8; 33], auth()),
        Err(PushError::InvalidLength {
            expected: 32,
            actual: 33,
            ..
        })
    ));
    let keys = SubscriptionKeys::from_base64url(UA_PUBLIC, AUTH).unwrap();
    assert!(matches!(
        encrypt_with(&keys, b"x", &[1u8; 16], &[0u8; 16]),
        Err(PushError::InvalidLength {
            expected: 32,
            actual: 16,
            ..
        })
    ));
}

#[test]
fn r_notif_1_point_not_on_curve_is_invalid_public_key() {
    let mut point = unb64(UA_PUBLIC);
    *point.last_mut().unwrap() ^= 0x01; // y no longer matches x
    assert_eq!(
        SubscriptionKeys::from_bytes(&point, auth()),
        Err(PushError::InvalidPublicKey { field: "p256dh" })
    );
    // All-zero "point" (not on the curve / identity-like).
    let mut zero = [0u8; 65];
    zero[0] = 0x04;
    assert!(matches!(
        SubscriptionKeys::from_bytes(&zero, auth()),
        Err(PushError::InvalidPublicKey { .. })
    ));
    // Right length, wrong SEC1 tag (compressed tag with 65 bytes).
    let mut tagged = unb64(UA_PUBLIC);
    tagged[0] = 0x02;
    assert!(matches!(
        SubscriptionKeys::from_bytes(&tagged, auth()),
        Err(PushError::InvalidPublicKey { .. })
    ));
    // A valid compressed point is refused: Web Push requires uncompressed.
    let ua = unb64(UA_PUBLIC);
    let mut compressed = vec![0x02 | (ua[64] & 1)];
    compressed.extend_from_slice(&ua[1..33]);
    assert!(matches!(
        SubscriptionKeys::from_bytes(&compressed, auth()),
        Err(PushError::InvalidLength { actual: 33, .. })
    ));
}

#[test]
fn r_notif_1_out_of_range_private_keys_are_invalid_private_key() {
    for bad in [[0u8; 32], [0xffu8; 32]] {
        assert!(matches!(
            VapidKey::from_raw_private(&bad),
            Err(PushError::InvalidPrivateKey { .. })
        ));
        assert!(matches!(
            UserAgentKeys::from_bytes(&bad, auth()),
            Err(PushError::InvalidPrivateKey { .. })
        ));
    }
    assert!(matches!(
        VapidKey::from_pkcs8_der(b"definitely not DER"),
        Err(PushError::InvalidPrivateKey { .. })
    ));
    assert!(matches!(
        VapidKey::from_pkcs8_der(&[]),
        Err(PushError::InvalidPrivateKey { .. })
    ));
}

#[test]
fn r_notif_1_errors_display_without_secrets() {
    let e = PushError::PayloadTooLarge {
        len: 5000,
        max: 3993,
    };
    assert_eq!(
        e.to_string(),
        "payload of 5000 bytes exceeds the Web Push limit of 3993 bytes"
    );
    assert_eq!(
        PushError::InvalidBase64 { field: "auth" }.to_string(),
        "auth: not valid base64url"
    );
}

proptest! {
    /// Arbitrary strings for p256dh/auth never panic; they either parse or give a typed error.
    #[test]
    fn r_notif_1_arbitrary_subscription_strings_never_panic(p in ".{0,100}", a in ".{0,30}") {
        let _ = SubscriptionKeys::from_base64url(&p, &a);
    }

    /// Arbitrary 65-byte inputs starting 0x04 either are a point on the curve or are refused.
    #[test]
    fn r_notif_1_arbitrary_points_never_panic(bytes in proptest::collection::vec(any::<u8>(), 64)) {
        let mut point = vec![0x04];
        point.extend(bytes);
        match SubscriptionKeys::from_bytes(&point, [0u8; 16]) {
            Ok(keys) => prop_assert_eq!(keys.p256dh_bytes().to_vec(), point),
            Err(e) => prop_assert_eq!(e, PushError::InvalidPublicKey { field: "p256dh" }),
        }
    }

    #[test]
    fn r_notif_1_arbitrary_pkcs8_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        prop_assert!(VapidKey::from_pkcs8_der(&bytes).is_err());
    }
}
