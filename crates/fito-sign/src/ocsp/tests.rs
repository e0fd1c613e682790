use super::asn1::OcspRequest;
use super::*;
use crate::certificate::hex_of_integer;
use crate::oid;
use chrono::TimeZone;
use der::Decode;

#[test]
fn currency_window_with_and_without_next_update() {
    let t = Utc.with_ymd_and_hms(2025, 3, 1, 12, 0, 0).unwrap();
    let next = Some(t + Duration::hours(2));
    assert!(check_currency(t, next, t).is_ok());
    assert!(check_currency(t, next, t + Duration::hours(2)).is_ok());
    assert!(matches!(
        check_currency(t, next, t + Duration::hours(2) + Duration::seconds(1)),
        Err(Refusal::OcspStale { .. })
    ));
    // Skew: a thisUpdate a little ahead of our clock is fine, far ahead is not.
    assert!(check_currency(t, next, t - Duration::minutes(4)).is_ok());
    assert_eq!(
        check_currency(t, next, t - Duration::minutes(6)),
        Err(Refusal::OcspNotYetValid { this_update: t })
    );
    assert_eq!(
        Refusal::OcspNotYetValid { this_update: t }.code(),
        "sign-ocsp-not-yet-valid"
    );
    assert!(check_currency(t, None, t + MAX_AGE_WITHOUT_NEXT_UPDATE).is_ok());
    assert!(matches!(
        check_currency(
            t,
            None,
            t + MAX_AGE_WITHOUT_NEXT_UPDATE + Duration::seconds(1)
        ),
        Err(Refusal::OcspStale {
            next_update: None,
            ..
        })
    ));
}

#[test]
fn request_is_der_with_one_cert_id_and_the_nonce() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/fixtures/nca");
    let read = |f: &str| std::fs::read(format!("{dir}/{f}")).unwrap();
    let leaf = read("leaf/test-individual-rsa-sign_IIN123456789011_from-ncanode-cms.pem");
    let issuer = read("ca/test-ca-rsa_UKO-3.0-RSA-TEST_2019-2024.pem");
    for (hash, oid, len) in [
        (CertIdHash::Sha1, oid::SHA1, 20),
        (CertIdHash::Sha256, oid::SHA256, 32),
    ] {
        let der = request_with_hash(&leaf, &issuer, b"n0nce", hash).unwrap();
        let parsed = OcspRequest::from_der(&der).unwrap();
        let [one] = parsed.tbs_request.request_list.as_slice() else {
            panic!("one request");
        };
        let id = &one.req_cert;
        assert_eq!(id.hash_algorithm.oid, oid);
        assert_eq!(id.issuer_name_hash.as_bytes().len(), len);
        assert_eq!(id.issuer_key_hash.as_bytes().len(), len);
        assert_eq!(
            hex_of_integer(id.serial_number.as_bytes()),
            "4279390A141F5353A62947B61ED65E81741467D1"
        );
        let exts = parsed.tbs_request.request_extensions.unwrap();
        assert_eq!(exts[0].extn_id, oid::OCSP_NONCE);
        // extnValue = DER OCTET STRING of the nonce (RFC 8954).
        assert_eq!(exts[0].extn_value.as_bytes(), b"\x04\x05n0nce");
    }
    let without = request(&leaf, &issuer, b"").unwrap();
    let parsed = OcspRequest::from_der(&without).unwrap();
    assert!(parsed.tbs_request.request_extensions.is_none());
}
