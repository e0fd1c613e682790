//! Untrusted certificate bytes (PEM or DER) → `CertificateInfo::parse`,
//! `Verifier::verify_certificate`, `TrustStore::add`, `TrustStore::issuer_of`.
#![no_main]

use fito_sign::{CertificateInfo, Revocation, TrustStore};
use fito_sign_fuzz::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = CertificateInfo::parse(data);
    for v in VERIFIERS.iter() {
        for at in [ncanode_day(), ncanodego_day()] {
            let _ = v.verify_certificate(data, at);
        }
    }
    let _ = VERIFIERS[0].trust().issuer_of(data);
    let _ = Revocation::none().with_ocsp(data, fito_sign::OcspStatus::Unknown);
    let mut store = TrustStore::new();
    if store.add(data).is_ok() {
        let _ = store.certificates();
        let _ = store.issuer_of(GOST_LEAF);
    }
});
