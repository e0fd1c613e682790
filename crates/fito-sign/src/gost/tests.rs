use super::*;
use der::{Decode, DecodePem, Encode};
use x509_cert::Certificate;

fn fixture(rel: &str) -> Vec<u8> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/fixtures/nca/");
    std::fs::read(format!("{dir}{rel}")).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn cert(rel: &str) -> Certificate {
    let bytes = fixture(rel);
    if bytes.starts_with(b"-----") {
        Certificate::from_pem(&bytes).unwrap()
    } else {
        Certificate::from_der(&bytes).unwrap()
    }
}

const CA: &str = "ca/test-ca-gost2015-512_NCA-GOST-TEST-2022_2022-2032.cer";

const LEAVES: [&str; 2] = [
    "leaf/test-individual-gost2015-512-sign_2024-2025.pem",
    "leaf/test-individual-gost2015-512-sign_IIN123456789012_from-ncanode-cms.pem",
];

fn h(s: &str) -> BigUint {
    BigUint::parse_bytes(s.as_bytes(), 16).unwrap()
}

/// GOST R 34.10-2012 appendix A.2 = RFC 7091 512-bit example (values in the
/// fixtures README, big-endian integers).
#[test]
fn r_auth_3_rfc7091_512_example_verifies_and_tampered_does_not() {
    let curve = params::gost_2012_512_test_curve();
    let q = curve
        .point(
            h("115DC5BC96760C7B48598D8AB9E740D4C4A85A65BE33C1815B5C320C854621DD5A515856D13314AF69BC5B924C8B4DDFF75C45415C1D9DD9DD33612CD530EFE1"),
            h("37C7C90CD40B0F5621DC3AC1B751CFA0E2634FA0503B3D52639F5D7FB72AFD61EA199441D943FFE7F0C70A2759A3CDB84C114E1F9339FDF27F35ECA93677BEEC"),
        )
        .expect("RFC 7091 public key is on the test curve");
    let e = h(
        "3754F3CFACC9E0615C4F4A7C4D8DAB531B09B6F9C170C533A71D147035B0C5917184EE536593F4414339976C647C5D5A407ADEDB1D560C4FC6777D2972075B8C",
    );
    let r = h(
        "2F86FA60A081091A23DD795E1E3C689EE512A3C82EE0DCC2643C78EEA8FCACD35492558486B20F1C9EC197C90699850260C93BCBCD9C5C3317E19344E173AE36",
    );
    let s = h(
        "1081B394696FFE8E6585E7A9362D26B6325F56778AADBC081C0BFBE933D52FF5823CE288E8C4F362526080DF7F70CE406A6EEB1F56919CB92A9853BDE73E5B4A",
    );
    assert!(curve.verify(&q, &e, &r, &s));
    assert!(!curve.verify(&q, &(&e + 1u8), &r, &s), "other digest");
    assert!(!curve.verify(&q, &e, &(&r + 1u8), &s), "other r");
    assert!(!curve.verify(&q, &e, &r, &(&s + 1u8)), "other s");
    assert!(
        !curve.verify(&q, &e, &(&r + curve.order()), &s),
        "r out of range"
    );
    assert!(!curve.verify(&q, &e, &BigUint::ZERO, &s), "r = 0");
}

fn key_bytes(c: &Certificate) -> Vec<u8> {
    let bits = c
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    OctetString::from_der(bits).unwrap().as_bytes().to_vec()
}

/// Evidence for the curve behind 1.2.398.3.10.1.1.2.2.1 and the key layout:
/// every NCA GOST-512 key is on paramSetA read as x‖y little-endian, and on no
/// other (curve, byte order, coordinate order).
#[test]
fn r_auth_3_nca_keys_lie_on_tc26_512_paramset_a_only() {
    let curves = [
        ("A", params::tc26_512_paramset_a()),
        ("B", params::tc26_512_paramset_b()),
        ("C", params::tc26_512_paramset_c()),
    ];
    let files = [
        CA,
        LEAVES[0],
        LEAVES[1],
        "selfsigned/kalkan-selfsigned-TEST-GOST512.cer.pem",
    ];
    for file in files {
        let xy = key_bytes(&cert(file));
        let (lo, hi) = (&xy[..64], &xy[64..]);
        let mut hits = Vec::new();
        for (name, curve) in &curves {
            let readings = [
                (
                    "le x|y",
                    BigUint::from_bytes_le(lo),
                    BigUint::from_bytes_le(hi),
                ),
                (
                    "le y|x",
                    BigUint::from_bytes_le(hi),
                    BigUint::from_bytes_le(lo),
                ),
                (
                    "be x|y",
                    BigUint::from_bytes_be(lo),
                    BigUint::from_bytes_be(hi),
                ),
                (
                    "be y|x",
                    BigUint::from_bytes_be(hi),
                    BigUint::from_bytes_be(lo),
                ),
            ];
            for (how, x, y) in readings {
                if curve.point(x, y).is_some() {
                    hits.push(format!("{name} {how}"));
                }
            }
        }
        assert_eq!(hits, vec!["A le x|y".to_string()], "{file}");
    }
}

/// The NCA GOST TEST 2022 CA signed both leaves: verifying the CA signature on
/// the real certificates proves the whole convention (curve, key, hash, r‖s).
#[test]
fn r_auth_3_gost_2015_512_leaf_certificate_signature_verifies_with_ca_key() {
    let ca = cert(CA);
    let bits = ca
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    let key = GostPublicKey::from_nca_subject_public_key(bits).unwrap();
    for file in LEAVES {
        let leaf = cert(file);
        let tbs = leaf.tbs_certificate.to_der().unwrap();
        assert_eq!(
            key.verify_message(&tbs, leaf.signature.raw_bytes()),
            Ok(()),
            "{file}"
        );
        let mut tampered = tbs.clone();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        let refused = key.verify_message(&tampered, leaf.signature.raw_bytes());
        assert_eq!(refused, Err(GostError::BadSignature), "{file}");
    }
}

/// The other readings of the signature bytes and of the digest do NOT verify,
/// so the README's unverified claim (r‖s little-endian, e little-endian) is the
/// only one that fits NCA's real certificate.
#[test]
fn r_auth_3_nca_signature_layout_is_r_le_s_le_with_little_endian_digest_only() {
    let curve = params::tc26_512_paramset_a();
    let xy = key_bytes(&cert(CA));
    let ca_key = curve
        .point(
            BigUint::from_bytes_le(&xy[..64]),
            BigUint::from_bytes_le(&xy[64..]),
        )
        .unwrap();
    let leaf = cert(LEAVES[0]);
    let digest = streebog512(&leaf.tbs_certificate.to_der().unwrap());
    let sig = leaf.signature.raw_bytes();
    let (a, b) = (&sig[..64], &sig[64..]);
    let mut hits = Vec::new();
    for (dn, alpha) in [
        ("e le", BigUint::from_bytes_le(&digest)),
        ("e be", BigUint::from_bytes_be(&digest)),
    ] {
        let readings = [
            (
                "r|s le",
                BigUint::from_bytes_le(a),
                BigUint::from_bytes_le(b),
            ),
            (
                "s|r le",
                BigUint::from_bytes_le(b),
                BigUint::from_bytes_le(a),
            ),
            (
                "r|s be",
                BigUint::from_bytes_be(a),
                BigUint::from_bytes_be(b),
            ),
            (
                "s|r be",
                BigUint::from_bytes_be(b),
                BigUint::from_bytes_be(a),
            ),
        ];
        for (sn, r, s) in readings {
            if curve.verify(&ca_key, &alpha, &r, &s) {
                hits.push(format!("{dn} {sn}"));
            }
        }
    }
    assert_eq!(hits, vec!["e le r|s le".to_string()]);
}

/// The Kalkan self-signed test certificate and its published vector: our
/// Streebog-512 matches the vector's digest, the vector's signature and the
/// certificate's self-signature verify.
#[test]
fn r_auth_3_kalkan_vector_and_self_signature_verify() {
    let text = fixture("selfsigned/kalkan-selfsigned-TEST-GOST512.vectors-public.txt");
    let text = String::from_utf8(text).unwrap();
    let get = |k: &str| {
        let prefix = format!("{k}=");
        text.lines()
            .find_map(|l| l.strip_prefix(prefix.as_str()))
            .unwrap()
            .to_string()
    };
    let msg = get("msg");
    assert_eq!(hex::encode(streebog512(msg.as_bytes())), get("digest"));
    let c = cert("selfsigned/kalkan-selfsigned-TEST-GOST512.cer.pem");
    // The vector prints qx as a big-endian number: the certificate holds it reversed.
    let mut qx = hex::decode(get("qx")).unwrap();
    qx.reverse();
    assert_eq!(qx, key_bytes(&c)[..64]);
    let bits = c
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    let key = GostPublicKey::from_nca_subject_public_key(bits).unwrap();
    let sig = hex::decode(get("sig")).unwrap();
    assert_eq!(key.verify_message(msg.as_bytes(), &sig), Ok(()));
    assert_eq!(
        key.verify_message(b"another message", &sig),
        Err(GostError::BadSignature)
    );
    let tbs = c.tbs_certificate.to_der().unwrap();
    assert_eq!(key.verify_message(&tbs, c.signature.raw_bytes()), Ok(()));
}

#[test]
fn malformed_gost_key_and_signature_are_refused() {
    assert_eq!(
        GostPublicKey::from_nca_point_bytes(&[0u8; 127]).unwrap_err(),
        GostError::MalformedKey
    );
    assert_eq!(
        GostPublicKey::from_nca_point_bytes(&[1u8; 128]).unwrap_err(),
        GostError::KeyNotOnCurve
    );
    let ca = cert(CA);
    let bits = ca
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    let key = GostPublicKey::from_nca_subject_public_key(bits).unwrap();
    assert_eq!(
        key.verify_message(b"x", &[0u8; 64]),
        Err(GostError::MalformedSignature)
    );
    assert_eq!(
        key.verify_message(b"x", &[0u8; 128]),
        Err(GostError::BadSignature)
    );
}
