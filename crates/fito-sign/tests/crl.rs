//! R-AUTH-2 revocation by CRL.

mod common;

use std::process::Command;

use chrono::TimeZone;
use common::*;
use fito_sign::{Crl, Policy, Refusal, RevocationPolicy, Verifier};

const CRL_RSA: &str = "crl/test-nca-rsa.crl";
const CRL_GOST_2022: &str = "crl/test-nca-gost2022.crl";
const CRL_GOST_2004: &str = "crl/test-nca-gost2004.crl";

fn crl_required() -> Policy {
    Policy {
        require_legal_entity: false,
        revocation: RevocationPolicy::CrlRequired,
        key_purpose: None,
    }
}

/// Serials OpenSSL lists in the CRL, upper-case hex.
fn openssl_serials(rel: &str) -> Vec<String> {
    let out = Command::new("openssl")
        .args([
            "crl",
            "-inform",
            "DER",
            "-noout",
            "-text",
            "-in",
            &path(rel),
        ])
        .output()
        .expect("openssl runs");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter_map(|l| l.trim().strip_prefix("Serial Number: ").map(str::to_string))
        .collect()
}

#[test]
fn r_auth_2_rsa_crl_is_verified_and_lists_what_openssl_lists() {
    let crl = Crl::parse_and_verify(&read(CRL_RSA), &test_store()).unwrap();
    let serials = openssl_serials(CRL_RSA);
    assert_eq!(crl.len(), serials.len());
    assert!(serials.iter().all(|s| crl.revoked_at(s).is_some()));
    assert_eq!(
        crl.revoked_at("4B779CB5647C4DA7B07327C503EAB1656D716ED8"),
        Some(
            chrono::Utc
                .with_ymd_and_hms(2021, 3, 30, 18, 10, 21)
                .unwrap()
        )
    );
    assert!(crl.is_current(utc(2022, 6, 1)));
    assert!(!crl.is_current(utc(2022, 10, 1)));
}

/// The GOST-2022 CRL's signature is a second real proof of the GOST byte
/// order; its entry for 3A90…E622 agrees with the OCSP fixture, which says
/// that certificate was revoked at 2022-07-27 10:25:30.
#[test]
fn r_auth_3_gost_2015_512_crl_is_verified() {
    let crl = Crl::parse_and_verify(&read(CRL_GOST_2022), &store(&[GOST_CA_2015])).unwrap();
    assert_eq!(crl.len(), openssl_serials(CRL_GOST_2022).len());
    assert_eq!(
        crl.revoked_at("3a90343e720594c55204b19cb9a402422ef0e622"),
        Some(
            chrono::Utc
                .with_ymd_and_hms(2022, 7, 27, 10, 25, 30)
                .unwrap()
        )
    );
    assert_eq!(
        crl.revoked_at("0FF06211DC82BEB00253FFA000F1DE84ABEF454F"),
        None
    );
}

#[test]
fn crl_of_an_unconfigured_issuer_or_tampered_is_refused() {
    let err = Crl::parse_and_verify(&read(CRL_GOST_2022), &store(&[RSA_ROOT, RSA_CA])).unwrap_err();
    assert_eq!(err, Refusal::CrlUntrusted);
    assert_eq!(err.code(), "sign-crl-untrusted");
    // Change one revoked serial: the CA's signature no longer covers the list.
    let mut der = read(CRL_RSA);
    let needle = hex::decode("4B779CB5647C4DA7B07327C503EAB1656D716ED8").unwrap();
    let at = der
        .windows(needle.len())
        .position(|w| w == needle.as_slice())
        .unwrap();
    der[at + 5] ^= 0x10;
    assert_eq!(
        Crl::parse_and_verify(&der, &test_store()).unwrap_err(),
        Refusal::CrlUntrusted
    );
    let err = Crl::parse_and_verify(&read(CRL_GOST_2004), &test_store()).unwrap_err();
    assert!(
        matches!(err, Refusal::UnsupportedAlgorithm { .. }),
        "{err:?}"
    );
}

#[test]
fn r_auth_2_certificate_with_a_current_crl_is_accepted_and_without_one_is_unknown() {
    let mut v = verifier(crl_required());
    v.add_crl(&read(CRL_RSA)).unwrap();
    let leaf = read(RSA_SIGN_2022);
    assert!(v.verify_certificate(&leaf, utc(2022, 6, 1)).is_ok());
    // After the CRL's nextUpdate (2022-09-25) the status is unknown again.
    let err = v.verify_certificate(&leaf, utc(2022, 12, 1)).unwrap_err();
    assert!(matches!(err, Refusal::RevocationUnknown { .. }), "{err:?}");

    let mut v = Verifier::new(store(&[GOST_CA_2015]), crl_required());
    v.add_crl(&read(CRL_GOST_2022)).unwrap();
    assert!(
        v.verify_certificate(&read(GOST_LEAF_CMS), utc(2022, 9, 27))
            .is_ok()
    );
    let err = v
        .verify_certificate(&read(GOST_LEAF_CMS), utc(2023, 3, 1))
        .unwrap_err();
    assert!(matches!(err, Refusal::RevocationUnknown { .. }), "{err:?}");
}
