//! End-to-end checks with the crate's own test PKI (`fito_sign::testkit`):
//! GOST R 34.10-2015 512-bit and RSA CAs, NCA-shaped leaves, CRLs and CMS as
//! NCALayer produces it, through `Verifier::verify_cms` with the sign-in and
//! act-signing policies. The RSA CMS is cross-checked with `openssl cms`.

#![cfg(feature = "testkit")]

use std::process::Command;

use chrono::{DateTime, Duration, TimeZone, Utc};
use fito_sign::testkit::{KeyKind, LeafSpec, TestCa, TestLeaf};
use fito_sign::{
    KeyAlgorithm, KeyPurposes, LegalEntityRole, Policy, Refusal, SignatureAlgorithm, SubjectKind,
    Verifier,
};

const IIN: &str = "123456789011";
const BIN: &str = "123456789021";
/// RSA for the refusal matrix: 1024 bits, because RSA key generation in an
/// unoptimised test build takes seconds per 2048-bit key. The acceptance test
/// and the OpenSSL cross-check use NCA's 2048 bits.
const RSA_FAST: KeyKind = KeyKind::Rsa { bits: 1024 };
const ACT: &[u8] = b"%PDF-1.7 phytosanitary certificate act 42";

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 1, 12, 0, 0).unwrap()
}

fn valid_from() -> DateTime<Utc> {
    now() - Duration::days(150)
}

fn valid_to() -> DateTime<Utc> {
    now() + Duration::days(215)
}

fn legal(ca: &TestCa) -> TestLeaf {
    ca.issue(&LeafSpec::legal_entity(IIN, BIN, valid_from(), valid_to()))
}

/// A verifier trusting `cas`, with a current CRL of `crl_issuer` listing `revoked`.
fn verifier(cas: &[&TestCa], crl_issuer: &TestCa, revoked: &[u128], policy: Policy) -> Verifier {
    let revoked: Vec<(u128, DateTime<Utc>)> = revoked
        .iter()
        .map(|s| (*s, now() - Duration::days(3)))
        .collect();
    let crl = crl_issuer.crl(
        &revoked,
        now() - Duration::days(1),
        now() + Duration::days(6),
    );
    let mut v = Verifier::new(TestCa::trust_store(cas), policy);
    v.add_crl(&crl).expect("the testkit CRL verifies");
    v
}

fn policies() -> [Policy; 2] {
    [Policy::sign_in(), Policy::act_signing()]
}

fn algorithm(kind: KeyKind) -> SignatureAlgorithm {
    match kind {
        KeyKind::Gost512 => SignatureAlgorithm::Gost2015_512,
        KeyKind::Rsa { .. } => SignatureAlgorithm::RsaPkcs1v15(fito_sign::DigestAlgorithm::Sha256),
    }
}

fn check_legal_entity_cms_verifies(kind: KeyKind) {
    let ca = TestCa::new("FITO TEST CA", kind);
    let leaf = legal(&ca);
    let signed_at = now() - Duration::minutes(5);
    for policy in policies() {
        let v = verifier(&[&ca], &ca, &[], policy);
        for detached in [false, true] {
            let cms = leaf.sign_cms(ACT, detached, signed_at);
            let content = detached.then_some(ACT);
            let ok = v
                .verify_cms(&cms, content, now())
                .unwrap_or_else(|e| panic!("{kind:?} detached={detached} {policy:?}: {e:?}"));
            assert_eq!(ok.content, ACT);
            let [signer] = ok.signers.as_slice() else {
                panic!("one signer")
            };
            assert_eq!(signer.algorithm, algorithm(kind));
            assert_eq!(signer.signing_time, Some(signed_at));
            let info = &signer.certificate;
            assert_eq!(info.iin.as_deref(), Some(IIN));
            assert_eq!(info.bin.as_deref(), Some(BIN));
            assert_eq!(info.serial, leaf.serial_hex());
            assert_eq!(
                info.kind,
                SubjectKind::LegalEntity {
                    roles: vec![LegalEntityRole::FirstHead]
                }
            );
            assert_eq!(
                info.purposes,
                KeyPurposes {
                    signing: true,
                    authentication: true
                }
            );
            let key = match kind {
                KeyKind::Gost512 => KeyAlgorithm::Gost2015_512,
                KeyKind::Rsa { bits } => KeyAlgorithm::Rsa { bits },
            };
            assert_eq!(info.key_algorithm, key);
            assert_eq!(signer.chain.len(), 1);
            assert_eq!(signer.chain[0].common_name.as_deref(), Some("FITO TEST CA"));
            // The attached content may also be compared with the expected one.
            if !detached {
                assert!(v.verify_cms(&cms, Some(ACT), now()).is_ok());
            }
        }
    }
}

#[test]
fn r_auth_2_gost_512_legal_entity_cms_from_the_testkit_verifies() {
    check_legal_entity_cms_verifies(KeyKind::Gost512);
}

#[test]
fn r_auth_2_rsa_legal_entity_cms_from_the_testkit_verifies() {
    check_legal_entity_cms_verifies(KeyKind::RSA_2048);
}

fn check_individual_is_refused(kind: KeyKind) {
    let ca = TestCa::new("FITO TEST CA", kind);
    let leaf = ca.issue(&LeafSpec::individual(IIN, valid_from(), valid_to()));
    for policy in policies() {
        let v = verifier(&[&ca], &ca, &[], policy);
        let cms = leaf.sign_cms(ACT, true, now());
        let err = v.verify_cms(&cms, Some(ACT), now()).unwrap_err();
        assert_eq!(err, Refusal::IndividualCertificate, "{kind:?} {policy:?}");
    }
}

#[test]
fn r_auth_4_gost_512_individual_certificate_is_refused() {
    check_individual_is_refused(KeyKind::Gost512);
}

#[test]
fn r_auth_4_rsa_individual_certificate_is_refused() {
    check_individual_is_refused(RSA_FAST);
}

fn check_expired_is_refused(kind: KeyKind) {
    let ca = TestCa::new("FITO TEST CA", kind);
    let not_after = now() - Duration::days(1);
    let leaf = ca.issue(&LeafSpec::legal_entity(
        IIN,
        BIN,
        now() - Duration::days(366),
        not_after,
    ));
    let v = verifier(&[&ca], &ca, &[], Policy::act_signing());
    let cms = leaf.sign_cms(ACT, true, now() - Duration::days(2));
    let err = v.verify_cms(&cms, Some(ACT), now()).unwrap_err();
    assert_eq!(
        err,
        Refusal::CertificateExpired {
            serial: leaf.serial_hex(),
            not_after
        },
        "{kind:?}"
    );
}

#[test]
fn r_auth_2_gost_512_expired_certificate_is_refused() {
    check_expired_is_refused(KeyKind::Gost512);
}

#[test]
fn r_auth_2_rsa_expired_certificate_is_refused() {
    check_expired_is_refused(RSA_FAST);
}

fn check_revoked_is_refused(kind: KeyKind) {
    let ca = TestCa::new("FITO TEST CA", kind);
    let leaf = legal(&ca);
    let other = legal(&ca);
    let cms = leaf.sign_cms(ACT, true, now());
    for policy in policies() {
        let v = verifier(&[&ca], &ca, &[other.serial, leaf.serial], policy);
        let err = v.verify_cms(&cms, Some(ACT), now()).unwrap_err();
        assert_eq!(
            err,
            Refusal::CertificateRevoked {
                serial: leaf.serial_hex(),
                revoked_at: now() - Duration::days(3)
            },
            "{kind:?} {policy:?}"
        );
        // Without any CRL the revocation status is unknown: refused as well.
        let unknown = Verifier::new(TestCa::trust_store(&[&ca]), policy)
            .verify_cms(&cms, Some(ACT), now())
            .unwrap_err();
        assert_eq!(
            unknown,
            Refusal::RevocationUnknown {
                serial: leaf.serial_hex()
            }
        );
    }
}

#[test]
fn r_auth_2_gost_512_revoked_certificate_is_refused() {
    check_revoked_is_refused(KeyKind::Gost512);
}

#[test]
fn r_auth_2_rsa_revoked_certificate_is_refused() {
    check_revoked_is_refused(RSA_FAST);
}

fn check_untrusted_ca_is_refused(kind: KeyKind) {
    let trusted = TestCa::new("FITO TEST CA", kind);
    // Same name, another key: only the configured certificate may vouch.
    let impostor = TestCa::new("FITO TEST CA", kind);
    let stranger = TestCa::new("SOME OTHER CA", kind);
    let v = verifier(&[&trusted], &trusted, &[], Policy::act_signing());
    let leaf = legal(&stranger);
    let err = v
        .verify_cms(&leaf.sign_cms(ACT, true, now()), Some(ACT), now())
        .unwrap_err();
    assert_eq!(
        err,
        Refusal::UntrustedChain {
            serial: leaf.serial_hex()
        },
        "{kind:?}"
    );
    let leaf = legal(&impostor);
    let err = v
        .verify_cms(&leaf.sign_cms(ACT, true, now()), Some(ACT), now())
        .unwrap_err();
    assert_eq!(
        err,
        Refusal::CertificateSignatureInvalid {
            serial: leaf.serial_hex()
        },
        "{kind:?}"
    );
    // A CRL of a foreign CA is not accepted either.
    let mut v = Verifier::new(TestCa::trust_store(&[&trusted]), Policy::act_signing());
    let foreign = impostor.crl(&[], now(), now() + Duration::days(1));
    assert_eq!(v.add_crl(&foreign).unwrap_err(), Refusal::CrlUntrusted);
}

#[test]
fn r_auth_2_gost_512_certificate_of_an_untrusted_ca_is_refused() {
    check_untrusted_ca_is_refused(KeyKind::Gost512);
}

#[test]
fn r_auth_2_rsa_certificate_of_an_untrusted_ca_is_refused() {
    check_untrusted_ca_is_refused(RSA_FAST);
}

fn check_other_content_is_refused(kind: KeyKind) {
    let ca = TestCa::new("FITO TEST CA", kind);
    let leaf = legal(&ca);
    let v = verifier(&[&ca], &ca, &[], Policy::act_signing());
    let other = b"%PDF-1.7 phytosanitary certificate act 43";
    let detached = leaf.sign_cms(ACT, true, now());
    assert_eq!(
        v.verify_cms(&detached, Some(other), now()).unwrap_err(),
        Refusal::DigestMismatch,
        "{kind:?}"
    );
    assert_eq!(
        v.verify_cms(&detached, None, now()).unwrap_err(),
        Refusal::ContentMissing
    );
    let attached = leaf.sign_cms(ACT, false, now());
    assert_eq!(
        v.verify_cms(&attached, Some(other), now()).unwrap_err(),
        Refusal::ContentMismatch
    );
    // A flipped bit in the signature value (the last bytes of the CMS) is refused.
    let mut tampered = detached.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    assert_eq!(
        v.verify_cms(&tampered, Some(ACT), now()).unwrap_err(),
        Refusal::BadSignature
    );
}

#[test]
fn r_act_3_gost_512_content_other_than_signed_is_refused() {
    check_other_content_is_refused(KeyKind::Gost512);
}

#[test]
fn r_act_3_rsa_content_other_than_signed_is_refused() {
    check_other_content_is_refused(RSA_FAST);
}

/// Root → intermediate → leaf, the CRL issued by the intermediate.
fn check_intermediate_chain(kind: KeyKind) {
    let root = TestCa::new("FITO TEST ROOT", kind);
    let issuing = root.intermediate("FITO TEST ISSUING CA", kind);
    let leaf = legal(&issuing);
    let cms = leaf.sign_cms(ACT, false, now());
    let v = verifier(&[&root, &issuing], &issuing, &[], Policy::sign_in());
    let ok = v.verify_cms(&cms, None, now()).expect("chain of three");
    let names: Vec<_> = ok.signers[0]
        .chain
        .iter()
        .map(|c| c.common_name.clone().unwrap())
        .collect();
    assert_eq!(
        names,
        ["FITO TEST ISSUING CA", "FITO TEST ROOT"],
        "{kind:?}"
    );
    // The intermediate alone configured is enough (NCA's GOST-2022 case).
    let v = verifier(&[&issuing], &issuing, &[], Policy::sign_in());
    assert!(v.verify_cms(&cms, None, now()).is_ok());
    // The root alone is not: the intermediate is not in the CMS.
    let v = verifier(&[&root], &root, &[], Policy::sign_in());
    assert_eq!(
        v.verify_cms(&cms, None, now()).unwrap_err(),
        Refusal::UntrustedChain {
            serial: leaf.serial_hex()
        }
    );
}

#[test]
fn r_auth_2_gost_512_root_intermediate_leaf_chain_verifies() {
    check_intermediate_chain(KeyKind::Gost512);
}

#[test]
fn r_auth_2_rsa_root_intermediate_leaf_chain_verifies() {
    check_intermediate_chain(RSA_FAST);
}

/// An authentication-only key may sign in but not sign an act.
#[test]
fn r_act_3_gost_512_auth_only_key_signs_in_but_cannot_sign_acts() {
    let ca = TestCa::new_gost("FITO TEST CA");
    let mut spec = LeafSpec::legal_entity(IIN, BIN, valid_from(), valid_to());
    spec.purposes = KeyPurposes {
        signing: false,
        authentication: true,
    };
    let leaf = ca.issue(&spec);
    let cms = leaf.sign_cms(b"challenge", false, now());
    let sign_in = verifier(&[&ca], &ca, &[], Policy::sign_in());
    assert!(sign_in.verify_cms(&cms, None, now()).is_ok());
    let act = verifier(&[&ca], &ca, &[], Policy::act_signing());
    assert_eq!(
        act.verify_cms(&cms, None, now()).unwrap_err(),
        Refusal::WrongKeyPurpose
    );
}

/// A GOST CA may issue RSA leaves and the other way round (mixed NCA sets).
#[test]
fn r_auth_2_mixed_gost_ca_with_rsa_leaf_verifies() {
    let ca = TestCa::new_gost("FITO TEST CA");
    let mut spec = LeafSpec::legal_entity(IIN, BIN, valid_from(), valid_to());
    spec.key = Some(KeyKind::RSA_2048);
    let leaf = ca.issue(&spec);
    let v = verifier(&[&ca], &ca, &[], Policy::act_signing());
    let ok = v
        .verify_cms(&leaf.sign_cms(ACT, true, now()), Some(ACT), now())
        .unwrap();
    assert_eq!(ok.signers[0].algorithm, algorithm(KeyKind::RSA_2048));
}

fn openssl_verifies(dir: &std::path::Path, cms: &str, content: Option<&str>) -> bool {
    let mut cmd = Command::new("openssl");
    cmd.args(["cms", "-verify", "-binary", "-inform", "DER", "-in", cms]);
    if let Some(content) = content {
        cmd.args(["-content", content]);
    }
    cmd.args(["-CAfile", "ca.pem", "-purpose", "any", "-out", "/dev/null"])
        .current_dir(dir)
        .output()
        .expect("openssl runs")
        .status
        .success()
}

/// The RSA CMS of the testkit is what standard tools accept: `openssl cms
/// -verify` verifies the attached and the detached signature with the CA,
/// and refuses other content.
#[test]
fn r_act_3_rsa_testkit_cms_verifies_with_openssl() {
    let ca = TestCa::new_rsa("FITO TEST CA");
    let leaf = legal(&ca);
    // OpenSSL checks the chain at the current time: a leaf valid around now.
    let leaf_now = ca.issue(&LeafSpec::legal_entity(
        IIN,
        BIN,
        Utc::now() - Duration::days(1),
        Utc::now() + Duration::days(30),
    ));
    let dir = tempfile::tempdir().unwrap();
    let path = |n: &str| dir.path().join(n);
    std::fs::write(path("ca.pem"), ca.cert_pem()).unwrap();
    std::fs::write(path("act.pdf"), ACT).unwrap();
    std::fs::write(path("other.pdf"), b"%PDF-1.7 another act").unwrap();
    std::fs::write(
        path("detached.cms"),
        leaf_now.sign_cms(ACT, true, Utc::now()),
    )
    .unwrap();
    std::fs::write(
        path("attached.cms"),
        leaf_now.sign_cms(ACT, false, Utc::now()),
    )
    .unwrap();
    assert!(openssl_verifies(
        dir.path(),
        "detached.cms",
        Some("act.pdf")
    ));
    assert!(openssl_verifies(dir.path(), "attached.cms", None));
    assert!(!openssl_verifies(
        dir.path(),
        "detached.cms",
        Some("other.pdf")
    ));
    // The leaf of the fixed test period is rejected by OpenSSL only for time.
    std::fs::write(path("old.cms"), leaf.sign_cms(ACT, true, now())).unwrap();
    let out = Command::new("openssl")
        .args([
            "cms", "-verify", "-binary", "-inform", "DER", "-in", "old.cms",
        ])
        .args([
            "-content", "act.pdf", "-CAfile", "ca.pem", "-purpose", "any",
        ])
        .args([
            "-attime",
            &now().timestamp().to_string(),
            "-out",
            "/dev/null",
        ])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // And OpenSSL reads the testkit CRL, finding the revoked serial.
    let crl = ca.crl(
        &[(leaf_now.serial, Utc::now())],
        Utc::now(),
        Utc::now() + Duration::days(1),
    );
    std::fs::write(path("ca.crl"), crl).unwrap();
    let out = Command::new("openssl")
        .args(["crl", "-inform", "DER", "-in", "ca.crl", "-noout", "-text"])
        .args(["-CAfile", "ca.pem"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("verify OK"), "{text}");
    assert!(text.contains("X509v3 CRL Number"), "{text}");
    assert!(
        text.to_uppercase().contains(&leaf_now.serial_hex()),
        "{text}"
    );
}
