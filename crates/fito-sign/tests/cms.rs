//! R-AUTH-2/3 and R-ACT-3: CMS as NCALayer produces it, attached and detached,
//! RSA and GOST-2015-512 signers.

mod common;

use std::process::Command;

use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerInfos};
use common::*;
use der::{Decode, Encode};
use fito_sign::{DigestAlgorithm, Policy, Refusal, SignatureAlgorithm, Verifier};

const LEGAL_RSA_AUTH_CMS: &str = "cms/ncanodego_legal-rsa-auth_active_attached_asdasd.cms.b64";
const INDIVIDUAL_RSA_SIGN_CMS: &str =
    "cms/ncanodego_individual-rsa-sign_active_attached_asdasd.cms.b64";
const LEGAL_GOST2004_CMS: &str = "cms/ncanodego_legal-gost2004-sign_active_attached_asdasd.cms.b64";
/// signingTime of the ncanode CMS (2022-09-27) and of the ncanode-go ones (2020-09-09).
fn ncanode_day() -> chrono::DateTime<chrono::Utc> {
    utc(2022, 9, 27)
}
fn ncanodego_day() -> chrono::DateTime<chrono::Utc> {
    utc(2020, 9, 9)
}

/// The two-signer ncanode CMS with only its GOST signer left (and the same
/// certificates): the GOST signature covers only its own signed attributes, so
/// it stays valid. Built with the `cms` crate from the real file.
fn gost_only_cms(rel: &str) -> Vec<u8> {
    let ci = ContentInfo::from_der(&read(rel)).unwrap();
    let mut sd: SignedData = ci.content.decode_as().unwrap();
    let gost: Vec<_> = sd
        .signer_infos
        .0
        .iter()
        .filter(|s| {
            s.signature_algorithm
                .oid
                .to_string()
                .starts_with("1.2.398.")
        })
        .cloned()
        .collect();
    assert_eq!(gost.len(), 1);
    sd.signer_infos = SignerInfos::try_from(gost).unwrap();
    let content = der::Any::from_der(&sd.to_der().unwrap()).unwrap();
    ContentInfo {
        content_type: ci.content_type,
        content,
    }
    .to_der()
    .unwrap()
}

#[test]
fn r_auth_3_gost_2015_512_and_rsa_signers_of_ncanode_cms_verify() {
    let integrity = fito_sign::cms::verify_integrity(&read(CMS_GOST_RSA_ATTACHED), None).unwrap();
    assert_eq!(integrity.content, b"test123");
    assert!(integrity.attached);
    let algorithms: Vec<_> = integrity.signers.iter().map(|s| s.algorithm).collect();
    assert_eq!(
        algorithms,
        vec![
            SignatureAlgorithm::Gost2015_512,
            SignatureAlgorithm::RsaPkcs1v15(DigestAlgorithm::Sha256)
        ]
    );
    let gost = &integrity.signers[0];
    assert_eq!(gost.certificate.iin.as_deref(), Some("123456789012"));
    assert_eq!(
        gost.signing_time.unwrap().date_naive(),
        ncanode_day().date_naive()
    );
}

#[test]
fn r_auth_3_gost_2015_512_signature_verifies_end_to_end() {
    let v = Verifier::new(store(&[GOST_CA_2015]), lenient(false));
    let signed = v
        .verify_cms(
            &gost_only_cms(CMS_GOST_RSA_ATTACHED),
            Some(b"test123"),
            ncanode_day(),
        )
        .unwrap();
    assert_eq!(signed.content, b"test123");
    let signer = &signed.signers[0];
    assert_eq!(signer.algorithm, SignatureAlgorithm::Gost2015_512);
    assert_eq!(
        signer.certificate.serial,
        "0FF06211DC82BEB00253FFA000F1DE84ABEF454F"
    );
    assert_eq!(
        signer.chain[0].common_name.as_deref(),
        Some("ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST 2022")
    );
}

/// The RSA signer of the ncanode CMS signed on 2022-09-27/28 with a
/// certificate that expired on 2022-01-18: refused whatever the check time.
#[test]
fn r_auth_2_signing_time_after_certificate_expiry_is_refused() {
    let v = verifier(lenient(false));
    let err = v
        .verify_cms(&read(CMS_RSA_ATTACHED), None, utc(2021, 6, 1))
        .unwrap_err();
    assert_eq!(err, Refusal::SigningTimeOutsideValidity);
    let err = v
        .verify_cms(&read(CMS_GOST_RSA_ATTACHED), None, ncanode_day())
        .unwrap_err();
    assert!(
        matches!(err, Refusal::CertificateExpired { ref serial, .. } if serial == "4279390A141F5353A62947B61ED65E81741467D1"),
        "{err:?}"
    );
}

#[test]
fn r_auth_2_legal_entity_rsa_cms_is_accepted_for_sign_in() {
    let v = verifier(lenient(true));
    let signed = v
        .verify_cms(
            &read_b64(LEGAL_RSA_AUTH_CMS),
            Some(b"asdasd"),
            ncanodego_day(),
        )
        .unwrap();
    let signer = &signed.signers[0];
    assert!(signer.certificate.is_legal_entity());
    assert_eq!(signer.certificate.bin.as_deref(), Some("123456789021"));
    assert_eq!(signer.certificate.iin.as_deref(), Some("123456789011"));
    assert_eq!(signer.chain.len(), 2, "issuing CA and root");
}

#[test]
fn r_auth_4_individual_certificate_is_refused() {
    let v = verifier(lenient(true));
    let cms = read_b64(INDIVIDUAL_RSA_SIGN_CMS);
    let err = v.verify_cms(&cms, None, ncanodego_day()).unwrap_err();
    assert_eq!(err, Refusal::IndividualCertificate);
    assert_eq!(err.code(), "sign-individual-certificate");
    // The same signature is fine where individuals are allowed.
    assert!(
        verifier(lenient(false))
            .verify_cms(&cms, None, ncanodego_day())
            .is_ok()
    );
    // And a GOST individual is refused the same way.
    let v = Verifier::new(store(&[GOST_CA_2015]), lenient(true));
    let err = v
        .verify_cms(&gost_only_cms(CMS_GOST_RSA_ATTACHED), None, ncanode_day())
        .unwrap_err();
    assert_eq!(err, Refusal::IndividualCertificate);
}

#[test]
fn r_auth_2_sign_in_without_a_current_crl_is_refused_as_revocation_unknown() {
    let v = Verifier::new(test_store(), Policy::sign_in());
    let err = v
        .verify_cms(&read_b64(LEGAL_RSA_AUTH_CMS), None, ncanodego_day())
        .unwrap_err();
    assert!(matches!(err, Refusal::RevocationUnknown { .. }), "{err:?}");
    assert_eq!(err.code(), "sign-revocation-unknown");
}

#[test]
fn act_signing_with_an_auth_key_is_refused() {
    let mut policy = Policy::act_signing();
    policy.revocation = fito_sign::RevocationPolicy::CrlIfAvailable;
    let err = verifier(policy)
        .verify_cms(&read_b64(LEGAL_RSA_AUTH_CMS), None, ncanodego_day())
        .unwrap_err();
    assert_eq!(err, Refusal::WrongKeyPurpose);
}

#[test]
fn r_act_3_detached_cms_verifies_only_with_its_content() {
    let cms = read(CMS_GOST_RSA_DETACHED);
    let content = read("cms/content_test123.txt");
    let ok = fito_sign::cms::verify_integrity(&cms, Some(&content)).unwrap();
    assert!(!ok.attached);
    assert_eq!(ok.signers.len(), 2);
    let err = fito_sign::cms::verify_integrity(&cms, Some(b"test124")).unwrap_err();
    assert_eq!(err, Refusal::DigestMismatch);
    let err = fito_sign::cms::verify_integrity(&cms, None).unwrap_err();
    assert_eq!(err, Refusal::ContentMissing);
    let v = Verifier::new(store(&[GOST_CA_2015]), lenient(false));
    let signed = v
        .verify_cms(
            &gost_only_cms(CMS_GOST_RSA_DETACHED),
            Some(&content),
            ncanode_day(),
        )
        .unwrap();
    assert_eq!(signed.content, content);
}

#[test]
fn r_auth_2_attached_content_other_than_expected_is_refused() {
    let err = verifier(lenient(false))
        .verify_cms(
            &read_b64(INDIVIDUAL_RSA_SIGN_CMS),
            Some(b"another challenge"),
            ncanodego_day(),
        )
        .unwrap_err();
    assert_eq!(err, Refusal::ContentMismatch);
}

fn flip_last_byte_of(der: &[u8], needle: &[u8]) -> Vec<u8> {
    let at = der
        .windows(needle.len())
        .position(|w| w == needle)
        .expect("needle present");
    let mut out = der.to_vec();
    out[at + needle.len() - 1] ^= 0x01;
    out
}

fn signature_values(cms: &[u8]) -> Vec<Vec<u8>> {
    let sd: SignedData = ContentInfo::from_der(cms)
        .unwrap()
        .content
        .decode_as()
        .unwrap();
    sd.signer_infos
        .0
        .iter()
        .map(|s| s.signature.as_bytes().to_vec())
        .collect()
}

#[test]
fn tampered_content_signature_and_certificate_are_refused_with_the_right_reason() {
    let gost = gost_only_cms(CMS_GOST_RSA_ATTACHED);
    let rsa = read_b64(LEGAL_RSA_AUTH_CMS);
    let cases = [
        (
            Verifier::new(store(&[GOST_CA_2015]), lenient(false)),
            gost,
            b"test123".as_slice(),
            ncanode_day(),
        ),
        (
            verifier(lenient(false)),
            rsa,
            b"asdasd".as_slice(),
            ncanodego_day(),
        ),
    ];
    for (v, cms, content, at) in cases {
        assert!(v.verify_cms(&cms, None, at).is_ok());
        let changed_content = flip_last_byte_of(&cms, content);
        assert_eq!(
            v.verify_cms(&changed_content, None, at).unwrap_err(),
            Refusal::DigestMismatch
        );
        let sig = signature_values(&cms).remove(0);
        let changed_sig = flip_last_byte_of(&cms, &sig[..16]);
        assert_eq!(
            v.verify_cms(&changed_sig, None, at).unwrap_err(),
            Refusal::BadSignature
        );
        // The IIN inside the embedded certificate: the CA's signature breaks.
        let changed_cert = flip_last_byte_of(&cms, b"IIN12345678901");
        let err = v.verify_cms(&changed_cert, None, at).unwrap_err();
        assert!(
            matches!(err, Refusal::CertificateSignatureInvalid { .. }),
            "{err:?}"
        );
    }
}

#[test]
fn r_auth_3_legacy_gost_2004_cms_is_refused_as_unsupported() {
    let err = verifier(lenient(false))
        .verify_cms(&read_b64(LEGAL_GOST2004_CMS), None, ncanodego_day())
        .unwrap_err();
    assert!(
        matches!(err, Refusal::UnsupportedAlgorithm { .. }),
        "{err:?}"
    );
}

/// Our integrity verdict on the RSA CMS fixtures equals `openssl cms -verify`'s,
/// for the files as they are and with the content changed.
#[test]
fn r_act_3_rsa_cms_verdict_agrees_with_openssl_cms_verify() {
    let files = [
        LEGAL_RSA_AUTH_CMS,
        INDIVIDUAL_RSA_SIGN_CMS,
        "cms/ncanodego_individual-rsa-auth_active_attached_asdasd.cms.b64",
    ];
    let mut verdicts = Vec::new();
    for rel in files {
        let cms = read_b64(rel);
        for bytes in [cms.clone(), flip_last_byte_of(&cms, b"asdasd")] {
            let ours = fito_sign::cms::verify_integrity(&bytes, None).is_ok();
            let theirs = openssl_cms_verify(&bytes);
            assert_eq!(ours, theirs, "{rel}");
            verdicts.push(ours);
        }
    }
    assert!(verdicts.contains(&true) && verdicts.contains(&false));
}

fn openssl_cms_verify(cms: &[u8]) -> bool {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("fito-sign-cms-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // `openssl cms` takes untrusted intermediates only from the CMS itself, so
    // the TEST root and issuing CA go together into the CA file.
    let bundle = dir.join("anchors.pem");
    std::fs::write(&bundle, [read(RSA_ROOT), read(RSA_CA)].concat()).unwrap();
    let file = dir.join("signature.der");
    std::fs::write(&file, cms).unwrap();
    let out = Command::new("openssl")
        .args([
            "cms",
            "-verify",
            "-inform",
            "DER",
            "-no_check_time",
            "-purpose",
            "any",
            "-out",
            "/dev/null",
        ])
        .arg("-CAfile")
        .arg(&bundle)
        .arg("-in")
        .arg(&file)
        .output()
        .expect("openssl runs");
    let _ = std::fs::remove_dir_all(&dir);
    out.status.success()
}

#[test]
fn malformed_cms_is_refused_not_a_panic() {
    let v = verifier(lenient(false));
    for bytes in [
        &b""[..],
        b"\x30\x00",
        b"not a cms at all",
        &read(RSA_SIGN_2022),
    ] {
        let err = v.verify_cms(bytes, None, ncanode_day()).unwrap_err();
        assert!(matches!(err, Refusal::Malformed { .. }), "{err:?}");
    }
}
