//! Damaged input never panics: random byte flips and truncations of real
//! certificates, CMS and CRLs end in a typed result.

mod common;

use common::*;
use fito_sign::{CertificateInfo, Crl, Verifier};
use proptest::prelude::*;

fn inputs() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        ("cms-gost-rsa", read(CMS_GOST_RSA_ATTACHED)),
        (
            "cms-rsa",
            read_b64("cms/ncanodego_legal-rsa-auth_active_attached_asdasd.cms.b64"),
        ),
        (
            "cert-gost",
            der::pem::decode_vec(&read(GOST_LEAF_2024)).unwrap().1,
        ),
        ("crl-gost", read("crl/test-nca-gost2022.crl")),
    ]
}

fn exercise(v: &Verifier, bytes: &[u8]) {
    let at = utc(2022, 9, 27);
    if let Ok(signed) = v.verify_cms(bytes, None, at) {
        // A flip outside what is signed (e.g. the unsigned digestAlgorithms
        // list) may still verify, but never with different content.
        assert!(
            signed.content == b"test123" || signed.content == b"asdasd",
            "{:?}",
            signed.content
        );
    }
    let _ = fito_sign::cms::verify_integrity(bytes, Some(b"test123"));
    let _ = CertificateInfo::parse(bytes);
    let _ = v.verify_certificate(bytes, at);
    let _ = Crl::parse_and_verify(bytes, &test_store());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn random_byte_flips_never_panic(which in 0usize..4, pos in any::<prop::sample::Index>(), mask in 1u8..=255) {
        let (_, mut bytes) = inputs().swap_remove(which);
        let i = pos.index(bytes.len());
        bytes[i] ^= mask;
        exercise(&verifier(lenient(false)), &bytes);
    }

    #[test]
    fn truncations_never_panic(which in 0usize..4, pos in any::<prop::sample::Index>()) {
        let (_, bytes) = inputs().swap_remove(which);
        let cut = pos.index(bytes.len());
        exercise(&verifier(lenient(false)), &bytes[..cut]);
    }
}

/// Every byte of the signed content, flipped one at a time, is refused for
/// both signers (GOST and RSA) of the real two-signer CMS.
#[test]
fn r_auth_3_every_flip_in_the_signed_content_is_refused() {
    let cms = read(CMS_GOST_RSA_ATTACHED);
    let content_at = cms.windows(7).position(|w| w == b"test123").unwrap();
    assert!(fito_sign::cms::verify_integrity(&cms, None).is_ok());
    for i in content_at..content_at + 7 {
        for mask in [0x01, 0x20, 0x80] {
            let mut bytes = cms.clone();
            bytes[i] ^= mask;
            let err = fito_sign::cms::verify_integrity(&bytes, None).unwrap_err();
            assert_eq!(err, fito_sign::Refusal::DigestMismatch, "flip at {i}");
        }
    }
}
