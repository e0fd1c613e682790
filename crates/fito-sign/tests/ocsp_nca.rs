//! OCSP (R-AUTH-2) against the real NCA responses in shared/fixtures/nca/ocsp:
//! read, verified with NCA's delegated responders, and the legacy GOST 34.310-2004
//! named as unsupported.

mod common;

use chrono::{DateTime, TimeZone, Utc};
use fito_sign::Refusal;
use fito_sign::ocsp::{self, CrlReason, OcspStatus};

fn nca_time(y: i32, mo: u32, d: u32, h: u32, mi: u32, s: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, s).unwrap()
}

#[test]
fn r_auth_2_nca_ocsp_responses_parse_and_revoked_ones_read_revoked() {
    for (file, serial, revoked) in [
        (
            "ocsp/ocsp_response_ceo_2015_revoked.bin",
            "3A90343E720594C55204B19CB9A402422EF0E622",
            true,
        ),
        (
            "ocsp/ocsp_response_ceo_sign_2004_revoked.bin",
            "12E3E7B9966D09EB9CDA64251457E815C2A8DDED",
            true,
        ),
        // Named without "revoked", but NCA's test responder says certificateHold.
        (
            "ocsp/ocsp_response_individual_2015.bin",
            "0FF06211DC82BEB00253FFA000F1DE84ABEF454F",
            true,
        ),
        (
            "ocsp/ocsp_response_individual_sign_2004.bin",
            "4279390A141F5353A62947B61ED65E81741467D1",
            false,
        ),
    ] {
        let summary =
            ocsp::parse_response(&common::read(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(summary.responses.len(), 1, "{file}");
        let single = &summary.responses[0];
        assert_eq!(single.serial, serial, "{file}");
        assert_eq!(single.next_update, None, "{file}: NCA gives no nextUpdate");
        assert_eq!(summary.nonce.as_ref().map(Vec::len), Some(8), "{file}");
        assert_eq!(summary.certificates, 1, "{file}");
        match (revoked, single.status) {
            (true, OcspStatus::Revoked { .. }) | (false, OcspStatus::Good { .. }) => {}
            (_, other) => panic!("{file}: {other:?}"),
        }
    }
}

/// Good, RSA, signed by NCA's delegated responder issued by ҰКО 3.0 (RSA TEST).
#[test]
fn r_auth_2_nca_rsa_ocsp_response_verifies_with_delegated_responder() {
    let leaf = common::read("leaf/test-individual-rsa-sign_IIN123456789011_from-ncanode-cms.pem");
    let issuer = common::read(common::RSA_CA);
    let trust = common::store(&[common::RSA_ROOT, common::RSA_CA]);
    let at = nca_time(2022, 9, 2, 16, 54, 0);
    let der = common::read("ocsp/ocsp_response_individual_sign_2004.bin");
    let nonce = hex::decode("B5E5C9B552CBCAC4").unwrap();
    let status = ocsp::verify_response(&der, &leaf, &issuer, Some(&nonce), &trust, at).unwrap();
    assert!(matches!(status, OcspStatus::Good { .. }), "{status:?}");
    assert_eq!(
        ocsp::verify_response(&der, &leaf, &issuer, Some(b"other"), &trust, at).unwrap_err(),
        Refusal::OcspNonceMismatch
    );
    // A day later the answer (no nextUpdate) no longer proves anything.
    let err = ocsp::verify_response(
        &der,
        &leaf,
        &issuer,
        Some(&nonce),
        &trust,
        at + chrono::Duration::days(1),
    )
    .unwrap_err();
    assert_eq!(err.code(), "sign-ocsp-stale");
    // The responder certificate expired in March 2023.
    let err = ocsp::verify_response(
        &der,
        &leaf,
        &issuer,
        Some(&nonce),
        &trust,
        nca_time(2023, 6, 1, 0, 0, 0),
    )
    .unwrap_err();
    assert_eq!(err, Refusal::OcspResponderUntrusted);
}

/// GOST-2015-512, signed by NCA's delegated responder issued by NCA GOST TEST
/// 2022: verifies with the crate's own GOST code.
#[test]
fn r_auth_2_nca_gost2015_ocsp_response_verifies_and_reads_revoked() {
    let leaf = common::read(common::GOST_LEAF_CMS);
    let issuer = common::read(common::GOST_CA_2015);
    let trust = common::store(&[common::GOST_CA_2015]);
    let at = nca_time(2022, 9, 2, 16, 59, 0);
    let der = common::read("ocsp/ocsp_response_individual_2015.bin");
    let nonce = hex::decode("E408FFB790834AF2").unwrap();
    let status = ocsp::verify_response(&der, &leaf, &issuer, Some(&nonce), &trust, at).unwrap();
    assert!(
        matches!(
            status,
            OcspStatus::Revoked {
                reason: Some(CrlReason::CertificateHold),
                ..
            }
        ),
        "{status:?}"
    );

    // The CEO response is signed by the same responder; its certificate is
    // not a fixture, so presenting it for the individual's certificate gets
    // past the signature check and stops at the CertID.
    let der = common::read("ocsp/ocsp_response_ceo_2015_revoked.bin");
    let err = ocsp::verify_response(
        &der,
        &leaf,
        &issuer,
        None,
        &trust,
        nca_time(2022, 9, 2, 17, 0, 0),
    )
    .unwrap_err();
    assert!(
        matches!(err, Refusal::OcspWrongCertificate { .. }),
        "{err:?}"
    );
}

/// Legacy GOST 34.310-2004: read, but not verified (the crate does not verify
/// that algorithm), and said so.
#[test]
fn r_auth_2_nca_gost2004_ocsp_response_is_unsupported() {
    let der = common::read("ocsp/ocsp_response_ceo_sign_2004_revoked.bin");
    let summary = ocsp::parse_response(&der).unwrap();
    assert_eq!(summary.signature_algorithm, "1.2.398.3.10.1.1.1.2");
    let err = ocsp::verify_response(
        &der,
        &common::read(common::LEGAL_GOST2004_2022),
        &common::read(common::GOST_CA_2004),
        None,
        &common::store(&[common::GOST_ROOT_2004, common::GOST_CA_2004]),
        nca_time(2022, 9, 2, 16, 58, 0),
    )
    .unwrap_err();
    assert_eq!(err.code(), "sign-unsupported-algorithm");
}
