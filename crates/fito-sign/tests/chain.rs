//! R-AUTH-2 chain and validity, R-AUTH-3 both algorithm families.

mod common;

use std::process::Command;

use chrono::Utc;
use common::*;
use fito_sign::{Refusal, Verifier};

const RSA_LEAVES: [&str; 5] = [
    RSA_SIGN_2022,
    RSA_AUTH_2022,
    LEGAL_RSA_AUTH_2020,
    "leaf/test-individual-rsa-sign_2020-2021.pem",
    "leaf/test-individual-rsa-auth_2020-2021.pem",
];

/// A time inside the leaf's validity (all fixture leaves are expired today).
fn inside(rel: &str) -> chrono::DateTime<Utc> {
    let c = fito_sign::CertificateInfo::parse(&read(rel)).unwrap();
    c.not_before + (c.not_after - c.not_before) / 2
}

#[test]
fn r_auth_2_rsa_chain_to_configured_root_verifies() {
    let v = verifier(lenient(false));
    for rel in RSA_LEAVES {
        let info = v
            .verify_certificate(&read(rel), inside(rel))
            .unwrap_or_else(|e| panic!("{rel}: {e:?}"));
        assert_eq!(
            info.issuer_common_name.as_deref(),
            Some("ҰКО 3.0 (RSA TEST)")
        );
    }
}

/// Our verdict equals OpenSSL's for every RSA leaf, against the right anchors
/// (TEST root + CA) and the wrong ones (PRODUCTION root + CA).
#[test]
fn r_auth_2_rsa_chain_verdict_agrees_with_openssl_verify() {
    let anchor_sets = [(RSA_ROOT, RSA_CA), (PROD_RSA_ROOT, PROD_RSA_CA)];
    let mut verdicts = Vec::new();
    for (root, ca) in anchor_sets {
        let v = Verifier::new(store(&[root, ca]), lenient(false));
        for rel in RSA_LEAVES {
            let at = inside(rel);
            let ours = v.verify_certificate(&read(rel), at).is_ok();
            let theirs = openssl_verify(root, ca, rel, at.timestamp());
            assert_eq!(ours, theirs, "{rel} against {root}");
            verdicts.push(ours);
        }
    }
    // Both outcomes occurred, so the comparison was not vacuous.
    assert!(verdicts.contains(&true) && verdicts.contains(&false));
}

fn openssl_verify(root: &str, ca: &str, leaf: &str, at: i64) -> bool {
    let out = Command::new("openssl")
        .args(["verify", "-purpose", "any", "-attime", &at.to_string()])
        .args([
            "-CAfile",
            &der_to_pem(root),
            "-untrusted",
            &der_to_pem(ca),
            &path(leaf),
        ])
        .output()
        .expect("openssl runs");
    out.status.success()
}

/// openssl verify wants PEM; the production certificates are DER.
fn der_to_pem(rel: &str) -> String {
    if read(rel).starts_with(b"-----") {
        return path(rel);
    }
    let target = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!(
        "fito-sign-{}-{}.pem",
        std::process::id(),
        rel.replace('/', "_")
    ));
    let status = Command::new("openssl")
        .args(["x509", "-inform", "DER", "-in", &path(rel), "-out"])
        .arg(&target)
        .status()
        .expect("openssl runs");
    assert!(status.success());
    target.to_string_lossy().into_owned()
}

#[test]
fn r_auth_3_gost_2015_512_chain_to_configured_ca_verifies() {
    let v = Verifier::new(store(&[GOST_CA_2015]), lenient(false));
    for rel in [GOST_LEAF_2024, GOST_LEAF_CMS] {
        let info = v
            .verify_certificate(&read(rel), inside(rel))
            .unwrap_or_else(|e| panic!("{rel}: {e:?}"));
        assert_eq!(info.key_algorithm, fito_sign::KeyAlgorithm::Gost2015_512);
    }
}

#[test]
fn r_auth_2_expired_certificate_is_refused_at_todays_time() {
    let v = verifier(lenient(false));
    for rel in [GOST_LEAF_2024, RSA_SIGN_2022] {
        let leaf = fito_sign::CertificateInfo::parse(&read(rel)).unwrap();
        let err = v.verify_certificate(&read(rel), Utc::now()).unwrap_err();
        assert_eq!(
            err,
            Refusal::CertificateExpired {
                serial: leaf.serial.clone(),
                not_after: leaf.not_after
            }
        );
        assert_eq!(err.code(), "sign-certificate-expired");
    }
}

#[test]
fn r_auth_2_not_yet_valid_certificate_is_refused() {
    let v = verifier(lenient(false));
    let leaf = fito_sign::CertificateInfo::parse(&read(GOST_LEAF_2024)).unwrap();
    let err = v
        .verify_certificate(&read(GOST_LEAF_2024), utc(2024, 1, 1))
        .unwrap_err();
    assert_eq!(
        err,
        Refusal::CertificateNotYetValid {
            serial: leaf.serial,
            not_before: leaf.not_before
        }
    );
}

#[test]
fn r_auth_2_issuer_outside_its_validity_is_refused() {
    // The RSA TEST issuing CA (valid 2019-03-15 – 2024-03-13) checked against
    // its root after it expired: the expired link is named.
    let v = Verifier::new(store(&[RSA_ROOT]), lenient(false));
    let err = v
        .verify_certificate(&read(RSA_CA), utc(2025, 1, 1))
        .unwrap_err();
    assert!(matches!(err, Refusal::CertificateExpired { .. }), "{err:?}");
}

#[test]
fn r_auth_2_foreign_chain_is_refused() {
    let gost_only = Verifier::new(store(&[GOST_CA_2015]), lenient(false));
    let err = gost_only
        .verify_certificate(&read(RSA_SIGN_2022), inside(RSA_SIGN_2022))
        .unwrap_err();
    assert!(matches!(err, Refusal::UntrustedChain { .. }), "{err:?}");
    assert_eq!(err.code(), "sign-untrusted-chain");

    let production = Verifier::new(store(&[PROD_RSA_ROOT, PROD_RSA_CA]), lenient(false));
    let err = production
        .verify_certificate(&read(RSA_SIGN_2022), inside(RSA_SIGN_2022))
        .unwrap_err();
    assert!(matches!(err, Refusal::UntrustedChain { .. }), "{err:?}");

    // A self-signed look-alike ("IIN000000000000", GOST-512) is not an NCA certificate.
    let selfsigned = "selfsigned/kalkan-selfsigned-TEST-GOST512.cer.pem";
    let err = verifier(lenient(false))
        .verify_certificate(&read(selfsigned), utc(2027, 1, 1))
        .unwrap_err();
    assert!(matches!(err, Refusal::UntrustedChain { .. }), "{err:?}");
}

/// Replaces the first occurrence of `needle` in the DER with other bytes of
/// the same length, keeping the structure intact.
fn tamper(der: &[u8], needle: &[u8]) -> Vec<u8> {
    let at = der
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("needle present");
    let mut out = der.to_vec();
    out[at + needle.len() - 1] ^= 0x01;
    out
}

fn pem_to_der(rel: &str) -> Vec<u8> {
    der::pem::decode_vec(&read(rel)).unwrap().1
}

#[test]
fn r_auth_2_tampered_certificate_is_refused() {
    let v = verifier(lenient(false));
    for rel in [RSA_SIGN_2022, GOST_LEAF_2024] {
        let der = pem_to_der(rel);
        let serial = fito_sign::CertificateInfo::parse(&der).unwrap().serial;
        // The IIN in the subject: a changed identity must not keep the CA's signature.
        let forged = tamper(&der, b"IIN123456789011");
        let err = v.verify_certificate(&forged, inside(rel)).unwrap_err();
        assert_eq!(
            err,
            Refusal::CertificateSignatureInvalid {
                serial: serial.clone()
            },
            "{rel}"
        );
        assert_eq!(err.code(), "sign-certificate-signature-invalid");
        // The last byte is inside the signature value.
        let mut bad_sig = der.clone();
        *bad_sig.last_mut().unwrap() ^= 0x80;
        let err = v.verify_certificate(&bad_sig, inside(rel)).unwrap_err();
        assert_eq!(
            err,
            Refusal::CertificateSignatureInvalid { serial },
            "{rel}"
        );
    }
}

#[test]
fn r_auth_3_legacy_gost_2004_is_refused_as_unsupported() {
    let v = verifier(lenient(false));
    let err = v
        .verify_certificate(&read(LEGAL_GOST2004_2022), inside(LEGAL_GOST2004_2022))
        .unwrap_err();
    assert_eq!(
        err,
        Refusal::UnsupportedAlgorithm {
            oid: "1.2.398.3.10.1.1.1.2".into()
        }
    );
    assert_eq!(err.code(), "sign-unsupported-algorithm");
}

#[test]
fn trust_store_refuses_a_leaf_as_anchor() {
    let mut s = fito_sign::TrustStore::new();
    let err = s.add(&read(RSA_SIGN_2022)).unwrap_err();
    assert!(matches!(err, Refusal::IssuerNotCa { .. }), "{err:?}");
    assert!(s.is_empty());
    assert!(
        s.add(&read(PROD_RSA_CA)).is_ok(),
        "DER CA certificates load"
    );
}
