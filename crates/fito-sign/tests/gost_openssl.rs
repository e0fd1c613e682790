//! R-AUTH-3 against a peer nobody here wrote: OpenSSL with Debian's GOST engine
//! (libengine-gost-openssl) makes a GOST R 34.10-2012 512-bit paramSetA CA, a
//! leaf it issues and CMS signatures (attached and detached) under the Russian
//! TC26 OIDs, in the RFC 4491 / RFC 9215 encoding. fito-sign must verify all of
//! it and refuse tampered copies.
//!
//! The engine is required: without it these tests FAIL (they do not skip).

use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerInfo};
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, DecodePem, Encode};
use fito_sign::algorithm::PublicKey;
use fito_sign::gost::{GostError, GostPublicKey, SignatureLayout, params, streebog512};
use fito_sign::{
    DigestAlgorithm, KeyAlgorithm, Policy, Refusal, RevocationPolicy, SignatureAlgorithm,
    TrustStore, Verifier,
};
use num_bigint::BigUint;
use x509_cert::Certificate;

const KEY_TC26: &str = "1.2.643.7.1.1.1.2";
const PARAMSET_A_TC26: &str = "1.2.643.7.1.2.1.2.1";
const SIGNATURE_TC26: &str = "1.2.643.7.1.1.3.3";
const STREEBOG_512_TC26: &str = "1.2.643.7.1.1.2.3";

const CONTENT: &[u8] = "Фитосанитарный сертификат № KZ-0001\nтест GOST engine\n".as_bytes();

/// What OpenSSL made, read once for all tests.
struct Pki {
    ca: Vec<u8>,
    leaf: Vec<u8>,
    /// A self-signed certificate on paramSetB, which fito-sign does not accept.
    other_curve: Vec<u8>,
    attached: Vec<u8>,
    detached: Vec<u8>,
}

fn openssl(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run openssl ({e}): apt-get install openssl"));
    assert!(
        out.status.success(),
        "openssl {}: {}\n(the GOST engine is needed: apt-get install libengine-gost-openssl)",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Fails (never skips) when OpenSSL cannot load the GOST engine.
fn require_gost_engine(dir: &Path) {
    let out = Command::new("openssl")
        .args(["engine", "-t", "gost"])
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run openssl ({e}): apt-get install openssl"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("[ available ]"),
        "OpenSSL cannot load its GOST engine; these tests need it: \
         apt-get install libengine-gost-openssl\nstdout: {stdout}\nstderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        require_gost_engine(dir);
        let e = ["-engine", "gost"];
        let run = |args: &[&str]| openssl(dir, &[&args[..1], &e[..], &args[1..]].concat());
        for (key, paramset) in [("ca.key", "A"), ("leaf.key", "A"), ("b.key", "B")] {
            let opt = format!("paramset:{paramset}");
            run(&[
                "genpkey",
                "-algorithm",
                "gost2012_512",
                "-pkeyopt",
                &opt,
                "-out",
                key,
            ]);
        }
        for (key, cn, out) in [
            ("ca.key", "/CN=fito-sign GOST test CA", "ca.pem"),
            ("b.key", "/CN=fito-sign paramSetB", "b.pem"),
        ] {
            run(&[
                "req",
                "-x509",
                "-new",
                "-key",
                key,
                "-md_gost12_512",
                "-subj",
                cn,
                "-days",
                "3650",
                "-addext",
                "basicConstraints=critical,CA:TRUE",
                "-addext",
                "keyUsage=critical,keyCertSign,cRLSign",
                "-out",
                out,
            ]);
        }
        run(&[
            "req",
            "-new",
            "-key",
            "leaf.key",
            "-md_gost12_512",
            "-subj",
            "/CN=fito-sign GOST test leaf",
            "-out",
            "leaf.csr",
        ]);
        std::fs::write(
            dir.join("leaf.ext"),
            "basicConstraints=critical,CA:FALSE\n\
             keyUsage=critical,digitalSignature,nonRepudiation\n\
             extendedKeyUsage=emailProtection\n",
        )
        .unwrap();
        run(&[
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-md_gost12_512",
            "-days",
            "365",
            "-set_serial",
            "7",
            "-extfile",
            "leaf.ext",
            "-out",
            "leaf.pem",
        ]);
        std::fs::write(dir.join("content.txt"), CONTENT).unwrap();
        for (attach, out) in [(true, "attached.cms"), (false, "detached.cms")] {
            let mut args = vec![
                "cms",
                "-sign",
                "-md",
                "md_gost12_512",
                "-signer",
                "leaf.pem",
                "-inkey",
                "leaf.key",
                "-in",
                "content.txt",
                "-binary",
                "-outform",
                "DER",
                "-out",
                out,
            ];
            if attach {
                args.push("-nodetach");
            }
            run(&args);
        }
        // OpenSSL itself accepts what it made (sanity check of the fixture).
        run(&[
            "cms",
            "-verify",
            "-inform",
            "DER",
            "-in",
            "detached.cms",
            "-content",
            "content.txt",
            "-binary",
            "-CAfile",
            "ca.pem",
            "-purpose",
            "any",
            "-out",
            "/dev/null",
        ]);
        let read = |f: &str| std::fs::read(dir.join(f)).unwrap();
        Pki {
            ca: read("ca.pem"),
            leaf: read("leaf.pem"),
            other_curve: read("b.pem"),
            attached: read("attached.cms"),
            detached: read("detached.cms"),
        }
    })
}

fn cert(pem: &[u8]) -> Certificate {
    Certificate::from_pem(pem).unwrap()
}

fn now() -> DateTime<Utc> {
    Utc::now()
}

/// These are not NCA certificates: no legal-entity rule, no CRL.
fn verifier() -> Verifier {
    let mut store = TrustStore::new();
    store.add(&pki().ca).unwrap();
    Verifier::new(
        store,
        Policy {
            require_legal_entity: false,
            revocation: RevocationPolicy::CrlIfAvailable,
            key_purpose: None,
        },
    )
}

fn signer_info(cms: &[u8]) -> SignerInfo {
    let ci = ContentInfo::from_der(cms).unwrap();
    let sd: SignedData = ci.content.decode_as().unwrap();
    sd.signer_infos.0.as_slice()[0].clone()
}

/// Re-encodes `cms` with its (only) SignerInfo changed by `edit`.
fn edit_signer(cms: &[u8], edit: impl FnOnce(&mut SignerInfo)) -> Vec<u8> {
    let mut ci = ContentInfo::from_der(cms).unwrap();
    let mut sd: SignedData = ci.content.decode_as().unwrap();
    let mut signers: Vec<SignerInfo> = sd.signer_infos.0.as_slice().to_vec();
    edit(&mut signers[0]);
    sd.signer_infos = cms::signed_data::SignerInfos(signers.try_into().unwrap());
    ci.content = der::Any::encode_from(&sd).unwrap();
    ci.to_der().unwrap()
}

fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(s)
}

/// The peer really uses the Russian identifiers this test is about.
#[test]
fn openssl_gost_engine_uses_tc26_oids() {
    let pki = pki();
    for pem in [&pki.ca, &pki.leaf] {
        let c = cert(pem);
        assert_eq!(c.signature_algorithm.oid, oid(SIGNATURE_TC26));
        let spki = &c.tbs_certificate.subject_public_key_info;
        assert_eq!(spki.algorithm.oid, oid(KEY_TC26));
        let ids: Vec<ObjectIdentifier> = spki
            .algorithm
            .parameters
            .as_ref()
            .unwrap()
            .decode_as()
            .unwrap();
        assert_eq!(ids[0], oid(PARAMSET_A_TC26));
    }
    for cms in [&pki.attached, &pki.detached] {
        let si = signer_info(cms);
        assert_eq!(si.digest_alg.oid, oid(STREEBOG_512_TC26));
        // Like rsaEncryption for RSA, the engine names the key algorithm here.
        assert_eq!(si.signature_algorithm.oid, oid(KEY_TC26));
    }
}

/// Evidence for the RFC 4491 layout: of all readings of OpenSSL's signature on
/// the leaf (r‖s or s‖r, each little- or big-endian; digest read little- or
/// big-endian), exactly one verifies: s‖r big-endian with the digest read
/// little-endian — RFC 4491 §2.2.2 and RFC 7091. It is the byte reversal of
/// NCA's r‖s little-endian.
#[test]
fn openssl_signature_layout_is_s_be_r_be_with_little_endian_digest_only() {
    let curve = params::tc26_512_paramset_a();
    let ca = cert(&pki().ca);
    let bits = ca
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    let xy = OctetString::from_der(bits).unwrap();
    let xy = xy.as_bytes();
    assert_eq!(xy.len(), 128);
    // RFC 4491 §2.3.2: x then y, each little-endian.
    let ca_key = curve
        .point(
            BigUint::from_bytes_le(&xy[..64]),
            BigUint::from_bytes_le(&xy[64..]),
        )
        .expect("OpenSSL's key is on paramSetA read as x‖y little-endian");
    let leaf = cert(&pki().leaf);
    let digest = streebog512(&leaf.tbs_certificate.to_der().unwrap());
    let sig = leaf.signature.raw_bytes();
    assert_eq!(sig.len(), 128);
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
    assert_eq!(hits, vec!["e le s|r be".to_string()]);

    // The same key under NCA's conventions verifies the byte-reversed signature.
    let tbs = leaf.tbs_certificate.to_der().unwrap();
    let nca = GostPublicKey::from_nca_subject_public_key(bits).unwrap();
    assert_eq!(nca.layout(), SignatureLayout::Nca);
    let reversed: Vec<u8> = sig.iter().rev().copied().collect();
    assert_eq!(nca.verify_message(&tbs, &reversed), Ok(()));
    assert_eq!(
        nca.verify_message(&tbs, sig),
        Err(GostError::BadSignature),
        "NCA's layout must not accept the RFC 4491 bytes"
    );
    let tc26 = GostPublicKey::from_tc26_subject_public_key(bits).unwrap();
    assert_eq!(tc26.layout(), SignatureLayout::Rfc4491);
    assert_eq!(tc26.verify_message(&tbs, sig), Ok(()));
    assert_eq!(
        tc26.verify_message(&tbs, &reversed),
        Err(GostError::BadSignature)
    );
}

/// Certificate signatures through the crate's API (algorithm chosen by OID):
/// the CA's self-signature and its signature on the leaf verify; a changed TBS
/// or signature does not.
#[test]
fn openssl_ca_self_signature_and_leaf_signature_verify() {
    let ca = cert(&pki().ca);
    let leaf = cert(&pki().leaf);
    let ca_key = PublicKey::from_spki(&ca.tbs_certificate.subject_public_key_info).unwrap();
    assert!(matches!(ca_key, PublicKey::Gost(_)));
    for (name, c) in [("CA self-signature", &ca), ("leaf", &leaf)] {
        let algorithm = SignatureAlgorithm::from_oid(&c.signature_algorithm.oid).unwrap();
        assert_eq!(algorithm, SignatureAlgorithm::Gost2015_512);
        ca_key
            .check_signature_oid(&c.signature_algorithm.oid)
            .unwrap();
        let tbs = c.tbs_certificate.to_der().unwrap();
        let sig = c.signature.raw_bytes();
        assert_eq!(ca_key.verify(algorithm, &tbs, sig), Ok(()), "{name}");

        let mut tampered = tbs.clone();
        let last = tampered.len() - 1;
        tampered[last] ^= 1;
        assert_eq!(
            ca_key.verify(algorithm, &tampered, sig),
            Err(Refusal::BadSignature),
            "{name}: tampered TBS"
        );
        let mut bad = sig.to_vec();
        bad[10] ^= 0x40;
        assert_eq!(
            ca_key.verify(algorithm, &tbs, &bad),
            Err(Refusal::BadSignature),
            "{name}: tampered signature"
        );
    }
    // The leaf's key does not verify the CA's signature on the leaf.
    let leaf_key = PublicKey::from_spki(&leaf.tbs_certificate.subject_public_key_info).unwrap();
    assert_eq!(
        leaf_key.verify(
            SignatureAlgorithm::Gost2015_512,
            &leaf.tbs_certificate.to_der().unwrap(),
            leaf.signature.raw_bytes()
        ),
        Err(Refusal::BadSignature)
    );
}

/// The verifier builds leaf → CA (the CA's signature on the leaf checked with
/// the CA's TC26 key) and accepts the CA itself as an anchor.
#[test]
fn openssl_leaf_chains_to_its_ca() {
    let v = verifier();
    let info = v.verify_certificate(&pki().leaf, now()).unwrap();
    assert_eq!(info.key_algorithm, KeyAlgorithm::Gost2015_512);
    let ca_info = v.verify_certificate(&pki().ca, now());
    // A configured self-signed CA is its own chain's anchor, or refused as a
    // leaf with no issuer; either way never as a bad signature.
    if let Err(e) = &ca_info {
        assert!(
            matches!(e, Refusal::UntrustedChain { .. }),
            "CA as leaf: {e:?}"
        );
    }

    // A leaf whose CA signature was damaged is a forgery, not a foreign chain.
    let mut leaf = cert(&pki().leaf);
    let mut sig = leaf.signature.raw_bytes().to_vec();
    sig[0] ^= 1;
    leaf.signature = der::asn1::BitString::from_bytes(&sig).unwrap();
    assert!(matches!(
        v.verify_certificate(&leaf.to_der().unwrap(), now()),
        Err(Refusal::CertificateSignatureInvalid { .. })
    ));
}

#[test]
fn openssl_cms_attached_verifies() {
    let v = verifier();
    for expected in [None, Some(CONTENT)] {
        let ok = v.verify_cms(&pki().attached, expected, now()).unwrap();
        assert_eq!(ok.content, CONTENT);
        assert_eq!(ok.signers.len(), 1);
        let signer = &ok.signers[0];
        assert_eq!(signer.algorithm, SignatureAlgorithm::Gost2015_512);
        assert_eq!(signer.algorithm.digest(), DigestAlgorithm::Streebog512);
        assert_eq!(signer.chain.len(), 1, "leaf's issuer: the CA");
        assert!(signer.signing_time.is_some());
    }
    assert_eq!(
        v.verify_cms(&pki().attached, Some(b"other content"), now()),
        Err(Refusal::ContentMismatch)
    );
}

#[test]
fn openssl_cms_detached_verifies() {
    let v = verifier();
    let ok = v.verify_cms(&pki().detached, Some(CONTENT), now()).unwrap();
    assert_eq!(ok.content, CONTENT);
    assert_eq!(ok.signers[0].algorithm, SignatureAlgorithm::Gost2015_512);
    assert_eq!(
        v.verify_cms(&pki().detached, None, now()),
        Err(Refusal::ContentMissing)
    );
}

#[test]
fn openssl_cms_tampered_content_is_refused() {
    let v = verifier();
    let mut other = CONTENT.to_vec();
    other[0] ^= 1;
    assert_eq!(
        v.verify_cms(&pki().detached, Some(&other), now()),
        Err(Refusal::DigestMismatch)
    );
    // The attached content changed in place inside the CMS.
    let mut cms = pki().attached.clone();
    let at = cms
        .windows(CONTENT.len())
        .position(|w| w == CONTENT)
        .expect("attached content in the CMS");
    cms[at + CONTENT.len() - 2] ^= 1;
    assert_eq!(
        v.verify_cms(&cms, None, now()),
        Err(Refusal::DigestMismatch)
    );
}

#[test]
fn openssl_cms_tampered_signature_is_refused() {
    let v = verifier();
    for (i, cms) in [&pki().attached, &pki().detached].into_iter().enumerate() {
        for at in [0usize, 63, 64, 127] {
            let bad = edit_signer(cms, |si| {
                let mut sig = si.signature.as_bytes().to_vec();
                sig[at] ^= 0x01;
                si.signature = OctetString::new(sig).unwrap();
            });
            assert_eq!(
                v.verify_cms(&bad, Some(CONTENT), now()),
                Err(Refusal::BadSignature),
                "cms {i}, byte {at}"
            );
        }
        // NCA's byte order (the exact reversal) is not accepted under TC26 OIDs.
        let reversed = edit_signer(cms, |si| {
            let sig: Vec<u8> = si.signature.as_bytes().iter().rev().copied().collect();
            si.signature = OctetString::new(sig).unwrap();
        });
        assert_eq!(
            v.verify_cms(&reversed, Some(CONTENT), now()),
            Err(Refusal::BadSignature),
            "cms {i}: reversed signature"
        );
    }
}

/// The OID decides the encoding: the same signature relabelled with NCA's
/// signature OID (whose layout is r‖s little-endian) over a TC26 key is
/// refused as an unsupported pairing, not verified by trying the other layout.
#[test]
fn openssl_cms_with_nca_signature_oid_on_tc26_key_is_refused() {
    let relabelled = edit_signer(&pki().detached, |si| {
        si.signature_algorithm.oid = oid("1.2.398.3.10.1.1.2.2");
    });
    assert_eq!(
        fito_sign::cms::verify_integrity(&relabelled, Some(CONTENT)).unwrap_err(),
        Refusal::UnsupportedAlgorithm {
            oid: "1.2.398.3.10.1.1.2.2".into()
        }
    );
    // Same with the digest OID moved to NCA's arc alias: still TC26 key + TC26
    // signature OID, so still accepted (the digest is the same Streebog-512).
    let kz_digest = edit_signer(&pki().detached, |si| {
        si.digest_alg.oid = oid("1.2.398.3.10.1.3.3");
    });
    assert!(fito_sign::cms::verify_integrity(&kz_digest, Some(CONTENT)).is_ok());
}

/// Only paramSetA is supported; a key on paramSetB is refused by name.
#[test]
fn openssl_key_on_another_curve_is_refused() {
    let b = cert(&pki().other_curve);
    let spki = &b.tbs_certificate.subject_public_key_info;
    assert_eq!(spki.algorithm.oid, oid(KEY_TC26));
    assert_eq!(
        PublicKey::from_spki(spki).unwrap_err(),
        Refusal::UnsupportedAlgorithm {
            oid: "1.2.643.7.1.2.1.2.2".into()
        }
    );
}
