//! Shared fixture access for the integration tests. The fixtures are the public
//! NCA RK test artefacts in shared/fixtures/nca (see its README).
#![allow(dead_code)]

use base64::Engine;
use chrono::{DateTime, TimeZone, Utc};
use fito_sign::{Policy, RevocationPolicy, TrustStore, Verifier};

pub const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/fixtures/nca");

pub const RSA_ROOT: &str = "ca/test-root-rsa_NEGIZGI-KO-TEST-RSA_2018-2038.pem";
pub const RSA_CA: &str = "ca/test-ca-rsa_UKO-3.0-RSA-TEST_2019-2024.pem";
pub const GOST_ROOT_2004: &str = "ca/test-root-gost2004_NEGIZGI-KO-TEST-GOST_2018-2038.pem";
pub const GOST_CA_2004: &str = "ca/test-ca-gost2004_UKO-3.0-GOST-TEST_2019-2024.pem";
pub const GOST_CA_2015: &str = "ca/test-ca-gost2015-512_NCA-GOST-TEST-2022_2022-2032.cer";
pub const PROD_RSA_ROOT: &str = "ca/prod-root-rsa_NEGIZGI-KUO-RSA_2015-2025.cer";
pub const PROD_RSA_CA: &str = "ca/prod-ca-rsa_NCA-RSA_2018-2025.cer";

pub const GOST_LEAF_2024: &str = "leaf/test-individual-gost2015-512-sign_2024-2025.pem";
pub const GOST_LEAF_CMS: &str =
    "leaf/test-individual-gost2015-512-sign_IIN123456789012_from-ncanode-cms.pem";
pub const RSA_SIGN_2022: &str = "leaf/test-individual-rsa-sign_2022-2023.pem";
pub const RSA_AUTH_2022: &str = "leaf/test-individual-rsa-auth_2022-2023.pem";
pub const LEGAL_RSA_AUTH_2020: &str = "leaf/test-legal-rsa-auth_2020-2021.pem";
pub const LEGAL_GOST2004_2022: &str = "leaf/test-legal-ceo-gost2004-sign_2022-2023.pem";

pub const CMS_GOST_RSA_ATTACHED: &str = "cms/ncanode_gost2015-512+rsa_attached_test123.cms";
pub const CMS_GOST_RSA_DETACHED: &str = "cms/ncanode_gost2015-512+rsa_detached.cms";
pub const CMS_RSA_ATTACHED: &str = "cms/ncanode_rsa_attached_test123.cms";

pub fn path(rel: &str) -> String {
    format!("{DIR}/{rel}")
}

pub fn read(rel: &str) -> Vec<u8> {
    std::fs::read(path(rel)).unwrap_or_else(|e| panic!("fixture {rel}: {e}"))
}

/// The ncanode-go CMS files are stored as base64 text.
pub fn read_b64(rel: &str) -> Vec<u8> {
    let text: Vec<u8> = read(rel)
        .into_iter()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .expect("base64 fixture")
}

pub fn utc(y: i32, mo: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, 12, 0, 0).unwrap()
}

pub fn store(files: &[&str]) -> TrustStore {
    let mut store = TrustStore::new();
    for f in files {
        store.add(&read(f)).unwrap_or_else(|e| panic!("{f}: {e}"));
    }
    store
}

/// All TEST CA certificates this crate can use (RSA root+CA, GOST-2015 CA).
pub fn test_store() -> TrustStore {
    store(&[RSA_ROOT, RSA_CA, GOST_CA_2015, GOST_ROOT_2004, GOST_CA_2004])
}

/// A policy with the given legal-entity flag and no CRL required.
pub fn lenient(require_legal_entity: bool) -> Policy {
    Policy {
        require_legal_entity,
        revocation: RevocationPolicy::CrlIfAvailable,
        key_purpose: None,
    }
}

pub fn verifier(policy: Policy) -> Verifier {
    Verifier::new(test_store(), policy)
}
