//! Untrusted CMS bytes → `Verifier::verify_cms` (attached, and detached with a
//! fixed content), `verify_cms_with`, `ocsp::signer_certificates`.
#![no_main]

use fito_sign::Revocation;
use fito_sign_fuzz::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let lenient = &VERIFIERS[0];
    for at in [ncanode_day(), ncanodego_day()] {
        if let Ok(signed) = lenient.verify_cms(data, None, at) {
            assert!(!signed.signers.is_empty(), "accepted without a signer");
        }
        if let Ok(signed) = lenient.verify_cms(data, Some(DETACHED_CONTENT), at) {
            assert_eq!(
                signed.content, DETACHED_CONTENT,
                "content other than expected"
            );
        }
    }
    for v in &VERIFIERS[1..] {
        let _ = v.verify_cms(data, None, ncanode_day());
    }
    let _ = fito_sign::ocsp::signer_certificates(data, Some(DETACHED_CONTENT));
    if let Ok(revocation) = Revocation::none().with_ocsp(GOST_LEAF, fito_sign::OcspStatus::Unknown)
    {
        let _ = lenient.verify_cms_with(data, None, ncanode_day(), &revocation);
    }
});
