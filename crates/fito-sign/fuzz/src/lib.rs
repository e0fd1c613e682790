//! Shared setup of the fito-sign fuzz targets: the real NCA RK test CAs, CRLs
//! and leaves of shared/fixtures/nca, embedded at compile time so that the
//! targets run from any directory.

use std::sync::LazyLock;

use chrono::{DateTime, TimeZone, Utc};
use fito_sign::{Policy, RevocationPolicy, TrustStore, Verifier};

macro_rules! fixture {
    ($rel:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../../shared/fixtures/nca/",
            $rel
        ))
        .as_slice()
    };
}

pub const RSA_ROOT: &[u8] = fixture!("ca/test-root-rsa_NEGIZGI-KO-TEST-RSA_2018-2038.pem");
pub const RSA_CA: &[u8] = fixture!("ca/test-ca-rsa_UKO-3.0-RSA-TEST_2019-2024.pem");
pub const GOST_ROOT_2004: &[u8] =
    fixture!("ca/test-root-gost2004_NEGIZGI-KO-TEST-GOST_2018-2038.pem");
pub const GOST_CA_2004: &[u8] = fixture!("ca/test-ca-gost2004_UKO-3.0-GOST-TEST_2019-2024.pem");
pub const GOST_CA_2015: &[u8] =
    fixture!("ca/test-ca-gost2015-512_NCA-GOST-TEST-2022_2022-2032.cer");

pub const CRLS: [&[u8]; 3] = [
    fixture!("crl/test-nca-gost2004.crl"),
    fixture!("crl/test-nca-gost2022.crl"),
    fixture!("crl/test-nca-rsa.crl"),
];

/// GOST-2015-512 leaf whose OCSP answer is ocsp/ocsp_response_individual_2015.bin.
pub const GOST_LEAF: &[u8] =
    fixture!("leaf/test-individual-gost2015-512-sign_IIN123456789012_from-ncanode-cms.pem");
/// RSA leaf whose OCSP answer is ocsp/ocsp_response_individual_sign_2004.bin.
pub const RSA_LEAF: &[u8] =
    fixture!("leaf/test-individual-rsa-sign_IIN123456789011_from-ncanode-cms.pem");

/// The content of the detached ncanode CMS.
pub const DETACHED_CONTENT: &[u8] = fixture!("cms/content_test123.txt");

/// All TEST CA certificates (RSA root + CA, GOST-2015 CA, GOST-2004 root + CA).
pub fn trust_store() -> TrustStore {
    let mut store = TrustStore::new();
    for ca in [RSA_ROOT, RSA_CA, GOST_CA_2015, GOST_ROOT_2004, GOST_CA_2004] {
        store.add(ca).expect("fixture CA");
    }
    store
}

/// Individuals accepted and no CRL required, so that fuzzed input reaches the
/// chain, revocation and policy code, not only the first refusal.
pub fn lenient() -> Policy {
    Policy {
        require_legal_entity: false,
        revocation: RevocationPolicy::CrlIfAvailable,
        key_purpose: None,
    }
}

/// Verifiers over the test CAs with the real CRLs loaded: lenient, sign-in
/// and act-signing policies.
pub static VERIFIERS: LazyLock<Vec<Verifier>> = LazyLock::new(|| {
    [lenient(), Policy::sign_in(), Policy::act_signing()]
        .into_iter()
        .map(|policy| {
            let mut v = Verifier::new(trust_store(), policy);
            for crl in CRLS {
                // A CRL of a legacy GOST-2004 CA is refused (unsupported); fine.
                let _ = v.add_crl(crl);
            }
            v
        })
        .collect()
});

/// The signing day of the ncanode CMS fixtures (inside the test CAs' validity).
pub fn ncanode_day() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2022, 9, 27, 12, 0, 0).unwrap()
}

/// The signing day of the ncanode-go CMS fixtures.
pub fn ncanodego_day() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2020, 9, 9, 12, 0, 0).unwrap()
}
