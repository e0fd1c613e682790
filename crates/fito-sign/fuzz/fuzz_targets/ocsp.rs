//! Untrusted OCSP response bytes → `ocsp::parse_response` and
//! `ocsp::verify_response` for the fixture leaves (GOST-2015-512 and RSA)
//! and their issuers, at the time the real answers were produced.
#![no_main]

use chrono::{TimeZone, Utc};
use fito_sign::ocsp;
use fito_sign_fuzz::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = ocsp::parse_response(data);
    let trust = VERIFIERS[0].trust();
    let gost_at = Utc.with_ymd_and_hms(2022, 9, 2, 16, 59, 0).unwrap();
    let rsa_at = Utc.with_ymd_and_hms(2022, 9, 2, 16, 54, 0).unwrap();
    for (leaf, issuer, at) in [
        (GOST_LEAF, GOST_CA_2015, gost_at),
        (RSA_LEAF, RSA_CA, rsa_at),
    ] {
        let _ = ocsp::verify_response(data, leaf, issuer, None, trust, at);
        let _ = ocsp::verify_response(
            data,
            leaf,
            issuer,
            Some(b"\xE4\x08\xFF\xB7\x90\x83\x4A\xF2"),
            trust,
            at,
        );
    }
});
