//! R-AUTH-4: what a certificate says, decided by OIDs.

mod common;

use std::process::Command;

use common::*;
use fito_sign::{CertificateInfo, KeyAlgorithm, LegalEntityRole, Refusal, SubjectKind};

fn info(rel: &str) -> CertificateInfo {
    CertificateInfo::parse(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn r_auth_4_legal_entity_certificate_is_recognised_by_eku_with_its_role() {
    for rel in [LEGAL_RSA_AUTH_2020, LEGAL_GOST2004_2022] {
        let c = info(rel);
        assert_eq!(
            c.kind,
            SubjectKind::LegalEntity {
                roles: vec![LegalEntityRole::FirstHead]
            },
            "{rel}"
        );
        assert!(c.is_legal_entity());
        assert_eq!(c.bin.as_deref(), Some("123456789021"));
        assert_eq!(c.iin.as_deref(), Some("123456789011"));
        assert_eq!(c.organization.as_deref(), Some("АО \"ТЕСТ\""));
    }
}

#[test]
fn r_auth_4_individual_certificate_is_recognised_by_eku() {
    for rel in [RSA_SIGN_2022, RSA_AUTH_2022, GOST_LEAF_2024, GOST_LEAF_CMS] {
        let c = info(rel);
        assert_eq!(c.kind, SubjectKind::Individual, "{rel}");
        assert!(!c.is_legal_entity());
        assert_eq!(c.bin, None, "{rel}: an individual has no BIN");
    }
}

#[test]
fn r_auth_4_iin_name_and_issuer_come_from_subject_attributes() {
    let c = info(GOST_LEAF_CMS);
    assert_eq!(c.iin.as_deref(), Some("123456789012"));
    assert_eq!(c.common_name.as_deref(), Some("ТЕСТТОВ ТЕСТТ"));
    assert_eq!(c.serial, "0FF06211DC82BEB00253FFA000F1DE84ABEF454F");
    assert_eq!(
        c.issuer_common_name.as_deref(),
        Some("ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022")
    );
    let c = info(GOST_LEAF_2024);
    assert_eq!(c.surname.as_deref(), Some("ТЕСТОВ"));
    assert_eq!(c.given_name.as_deref(), Some("ТЕСТОВИЧ"));
}

#[test]
fn r_auth_3_key_algorithm_and_purpose_are_read_from_the_certificate() {
    assert_eq!(
        info(RSA_SIGN_2022).key_algorithm,
        KeyAlgorithm::Rsa { bits: 2048 }
    );
    assert_eq!(
        info(GOST_LEAF_2024).key_algorithm,
        KeyAlgorithm::Gost2015_512
    );
    assert_eq!(
        info(LEGAL_GOST2004_2022).key_algorithm,
        KeyAlgorithm::Gost2004
    );
    let sign = info(RSA_SIGN_2022).purposes;
    assert!(sign.signing && !sign.authentication);
    let auth = info(RSA_AUTH_2022).purposes;
    assert!(auth.authentication && !auth.signing);
}

/// Serial and validity agree with what OpenSSL prints for the same file.
#[test]
fn serial_and_validity_agree_with_openssl() {
    for rel in [
        RSA_SIGN_2022,
        LEGAL_RSA_AUTH_2020,
        GOST_LEAF_2024,
        GOST_LEAF_CMS,
    ] {
        let out = Command::new("openssl")
            .args([
                "x509", "-noout", "-serial", "-enddate", "-dateopt", "iso_8601", "-in",
            ])
            .arg(path(rel))
            .output()
            .expect("openssl runs");
        let text = String::from_utf8(out.stdout).unwrap();
        let c = info(rel);
        assert!(
            text.contains(&format!("serial={}", c.serial)),
            "{rel}: {text}"
        );
        let end = c.not_after.format("%Y-%m-%d %H:%M:%SZ").to_string();
        assert!(
            text.contains(&format!("notAfter={end}")),
            "{rel}: {text} vs {end}"
        );
    }
}

#[test]
fn garbage_is_refused_as_malformed_not_a_panic() {
    for bytes in [
        &b""[..],
        b"\x30\x03\x02\x01",
        b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
    ] {
        let err = CertificateInfo::parse(bytes).unwrap_err();
        assert!(matches!(err, Refusal::Malformed { .. }), "{err:?}");
        assert_eq!(err.code(), "sign-malformed-input");
    }
}
