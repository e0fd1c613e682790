//! Untrusted CRL bytes (PEM or DER) → `Verifier::add_crl`, then a revocation
//! check that consults it.
#![no_main]

use fito_sign::{Crl, Verifier};
use fito_sign_fuzz::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut v = Verifier::new(trust_store(), fito_sign::Policy::sign_in());
    if let Ok(crl) = v.add_crl(data) {
        let _ = (
            crl.this_update(),
            crl.next_update(),
            crl.is_delta(),
            crl.len(),
        );
        let _ = crl.is_current(ncanode_day());
        let _ = crl.revoked_at("0FF06211DC82BEB00253FFA000F1DE84ABEF454F");
        for leaf in [GOST_LEAF, RSA_LEAF] {
            let _ = v.verify_certificate(leaf, ncanode_day());
        }
    }
    let _ = Crl::parse_and_verify(data, VERIFIERS[0].trust());
});
