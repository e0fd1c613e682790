//! OCSP (RFC 6960): the request the server sends to NCA's responder and the
//! judgement of the answer. Pure: no network — the caller POSTs the request
//! (`application/ocsp-request`) and hands the response bytes back here.
//!
//! A response counts only when its signature verifies with the key of the
//! leaf's issuing CA, or with a responder certificate that the same CA issued
//! for OCSP signing (EKU id-kp-OCSPSigning) and that is valid at the time of
//! the check; when its CertID is the leaf's; when it carries the nonce that was
//! sent; and when it is current.

use chrono::{DateTime, Duration, Utc};
use der::asn1::{BitString, GeneralizedTime, Null, ObjectIdentifier, OctetString};
use der::{Choice, Decode, Encode, Sequence};
use rsa::Pkcs1v15Sign;
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::pkix::ExtendedKeyUsage;
use x509_cert::ext::{Extension, Extensions};
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::Time;

pub use x509_cert::ext::pkix::crl::CrlReason;

use crate::algorithm::{PublicKey, SignatureAlgorithm, unsupported};
use crate::certificate::{X509, extension, hex_of_integer, to_chrono};
use crate::der_walk;
use crate::oid;
use crate::refusal::{Refusal, SerialHex};
use crate::trust::{self, TrustStore};

/// Clock skew tolerated between the responder and us: a thisUpdate up to this
/// far in the future is accepted.
pub const CLOCK_SKEW: Duration = Duration::minutes(5);

/// How old a response without nextUpdate may be. RFC 6960 §4.2.2.1: without
/// nextUpdate "newer information is always available", so such an answer
/// (NCA's responder gives no nextUpdate) is only good close to its thisUpdate.
pub const MAX_AGE_WITHOUT_NEXT_UPDATE: Duration = Duration::hours(1);

/// The hash algorithm of the CertID in a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CertIdHash {
    /// Accepted by NCA's responder and by every RFC 6960 responder.
    Sha1,
    #[default]
    Sha256,
}

/// What a verified OCSP response says about one certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OcspStatus {
    Good {
        this_update: DateTime<Utc>,
        next_update: Option<DateTime<Utc>>,
    },
    Revoked {
        at: DateTime<Utc>,
        reason: Option<CrlReason>,
    },
    /// The responder does not know the certificate.
    Unknown,
}

/// One SingleResponse, as read without any verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SingleStatus {
    /// The certificate's serial, upper-case hex.
    pub serial: SerialHex,
    pub status: OcspStatus,
    pub this_update: DateTime<Utc>,
    pub next_update: Option<DateTime<Utc>>,
}

/// The contents of a successful OCSP response, read WITHOUT verifying it: for
/// logs and diagnostics only. Decisions use [`verify_response`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponseSummary {
    pub produced_at: DateTime<Utc>,
    pub nonce: Option<Vec<u8>>,
    /// The OID of the response's signature algorithm.
    pub signature_algorithm: String,
    /// How many certificates the responder included.
    pub certificates: usize,
    pub responses: Vec<SingleStatus>,
}

// --- ASN.1 (RFC 6960 §4.1.1 and §4.2.1) ---

#[derive(Clone, Debug, Sequence)]
struct CertId {
    hash_algorithm: AlgorithmIdentifierOwned,
    issuer_name_hash: OctetString,
    issuer_key_hash: OctetString,
    serial_number: SerialNumber,
}

#[derive(Clone, Debug, Sequence)]
struct Request {
    req_cert: CertId,
}

/// TBSRequest without version (v1 is the default) and requestorName.
#[derive(Clone, Debug, Sequence)]
struct TbsRequest {
    request_list: Vec<Request>,
    #[asn1(context_specific = "2", optional = "true")]
    request_extensions: Option<Extensions>,
}

/// OCSPRequest, unsigned (NCA's responder does not require signed requests).
#[derive(Clone, Debug, Sequence)]
struct OcspRequest {
    tbs_request: TbsRequest,
}

#[derive(Clone, Debug, Choice)]
enum ResponderId {
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", constructed = "true")]
    ByName(Name),
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", constructed = "true")]
    ByKey(OctetString),
}

#[derive(Clone, Debug, Sequence)]
struct RevokedInfo {
    revocation_time: GeneralizedTime,
    #[asn1(context_specific = "0", optional = "true")]
    revocation_reason: Option<CrlReason>,
}

#[derive(Clone, Debug, Choice)]
enum CertStatus {
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT")]
    Good(Null),
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", constructed = "true")]
    Revoked(RevokedInfo),
    #[asn1(context_specific = "2", tag_mode = "IMPLICIT")]
    Unknown(Null),
}

#[derive(Clone, Debug, Sequence)]
struct SingleResponse {
    cert_id: CertId,
    cert_status: CertStatus,
    this_update: GeneralizedTime,
    #[asn1(context_specific = "0", optional = "true")]
    next_update: Option<GeneralizedTime>,
    #[asn1(context_specific = "1", optional = "true")]
    single_extensions: Option<Extensions>,
}

#[derive(Clone, Debug, Sequence)]
struct ResponseData {
    // v1 is the only version; DER omits it, some responders write it anyway.
    #[asn1(context_specific = "0", optional = "true")]
    version: Option<u8>,
    responder_id: ResponderId,
    produced_at: GeneralizedTime,
    responses: Vec<SingleResponse>,
    #[asn1(context_specific = "1", optional = "true")]
    response_extensions: Option<Extensions>,
}

/// A BasicOCSPResponse with the signed part and the certificates kept as the
/// original bytes, since the signature is over exactly those bytes.
struct Basic<'a> {
    tbs: &'a [u8],
    data: ResponseData,
    signature_algorithm: AlgorithmIdentifierOwned,
    signature: BitString,
    certs: Vec<X509>,
}

// --- Request ---

/// A DER OCSPRequest for `leaf` (PEM or DER) issued by `issuer` (PEM or DER),
/// with a SHA-256 CertID and `nonce` in the nonce extension.
pub fn request(leaf: &[u8], issuer: &[u8], nonce: &[u8]) -> Result<Vec<u8>, Refusal> {
    request_with_hash(leaf, issuer, nonce, CertIdHash::Sha256)
}

/// As [`request`], with the CertID hash algorithm chosen. An empty `nonce`
/// leaves the nonce extension out.
pub fn request_with_hash(
    leaf: &[u8],
    issuer: &[u8],
    nonce: &[u8],
    hash: CertIdHash,
) -> Result<Vec<u8>, Refusal> {
    let leaf = X509::parse(leaf)?;
    let issuer = X509::parse(issuer)?;
    let hash_oid = match hash {
        CertIdHash::Sha1 => oid::SHA1,
        CertIdHash::Sha256 => oid::SHA256,
    };
    let hash_algorithm = AlgorithmIdentifierOwned {
        oid: hash_oid,
        parameters: Some(der::Any::null()),
    };
    let (name_hash, key_hash) =
        issuer_hashes(&hash_oid, &issuer).ok_or_else(|| unsupported(&hash_oid))?;
    let encoding = |_| Refusal::malformed("OCSP request");
    let cert_id = CertId {
        hash_algorithm,
        issuer_name_hash: OctetString::new(name_hash).map_err(encoding)?,
        issuer_key_hash: OctetString::new(key_hash).map_err(encoding)?,
        serial_number: leaf.cert.tbs_certificate.serial_number.clone(),
    };
    let request_extensions = if nonce.is_empty() {
        None
    } else {
        let inner = OctetString::new(nonce).map_err(encoding)?;
        Some(vec![Extension {
            extn_id: oid::OCSP_NONCE,
            critical: false,
            extn_value: OctetString::new(inner.to_der().map_err(encoding)?).map_err(encoding)?,
        }])
    };
    OcspRequest {
        tbs_request: TbsRequest {
            request_list: vec![Request { req_cert: cert_id }],
            request_extensions,
        },
    }
    .to_der()
    .map_err(encoding)
}

/// (issuerNameHash, issuerKeyHash) of `issuer` under the hash `alg`, `None`
/// for a hash this crate does not compute. The key hash is over the value of
/// the subjectPublicKey BIT STRING (RFC 6960 §4.1.1).
fn issuer_hashes(alg: &ObjectIdentifier, issuer: &X509) -> Option<(Vec<u8>, Vec<u8>)> {
    let name = issuer.subject_der();
    let key = issuer
        .cert
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    let hash = |data: &[u8]| -> Option<Vec<u8>> {
        Some(match *alg {
            oid::SHA1 => Sha1::digest(data).to_vec(),
            oid::SHA256 => Sha256::digest(data).to_vec(),
            oid::SHA384 => Sha384::digest(data).to_vec(),
            oid::SHA512 => Sha512::digest(data).to_vec(),
            _ => return None,
        })
    };
    Some((hash(&name)?, hash(key)?))
}

// --- Response ---

/// Reads an OCSP response WITHOUT verifying it (see [`ResponseSummary`]).
pub fn parse_response(der: &[u8]) -> Result<ResponseSummary, Refusal> {
    let basic = decode(der)?;
    let responses = basic
        .data
        .responses
        .iter()
        .map(|single| {
            Ok(SingleStatus {
                serial: hex_of_integer(single.cert_id.serial_number.as_bytes()),
                status: status_of(single),
                this_update: time(single.this_update),
                next_update: single.next_update.map(time),
            })
        })
        .collect::<Result<Vec<_>, Refusal>>()?;
    Ok(ResponseSummary {
        produced_at: time(basic.data.produced_at),
        nonce: response_nonce(&basic.data),
        signature_algorithm: basic.signature_algorithm.oid.to_string(),
        certificates: basic.certs.len(),
        responses,
    })
}

/// Verifies an OCSP response for `leaf` issued by `issuer` (both PEM or DER;
/// `issuer` must be a configured certificate of `trust` and must have signed
/// `leaf`) at time `at`, and returns what it says.
///
/// Checks, in order: responseStatus successful and a BasicOCSPResponse; the
/// issuer configured and the leaf's issuer; the signature by the issuing CA or by a responder the CA authorised; a
/// SingleResponse whose CertID is the leaf's; the nonce, when one is expected;
/// thisUpdate not in the future (beyond [`CLOCK_SKEW`]) and the response not
/// stale (after nextUpdate, or older than [`MAX_AGE_WITHOUT_NEXT_UPDATE`]
/// when there is no nextUpdate).
pub fn verify_response(
    der: &[u8],
    leaf: &[u8],
    issuer: &[u8],
    expected_nonce: Option<&[u8]>,
    trust: &TrustStore,
    at: DateTime<Utc>,
) -> Result<OcspStatus, Refusal> {
    // The response first: garbage from the network is named as such.
    let basic = decode(der)?;
    let leaf = X509::parse(leaf)?;
    let issuer = X509::parse(issuer)?;
    let configured = trust
        .by_subject(&issuer.subject_der())
        .any(|c| c.der == issuer.der);
    let untrusted = || Refusal::UntrustedChain {
        serial: leaf.serial(),
    };
    if !configured || leaf.issuer_der() != issuer.subject_der() {
        return Err(untrusted());
    }
    trust::verify_signed_by(&leaf, &issuer).map_err(|e| match e {
        // Legacy GOST 34.310-2004 is named as such, not as a foreign chain.
        Refusal::UnsupportedAlgorithm { .. } => e,
        _ => untrusted(),
    })?;
    check_signature(&basic, &issuer, at)?;
    let single = matching_response(&basic.data, &leaf, &issuer)?;
    if let Some(expected) = expected_nonce
        && !nonce_matches(&basic.data, expected)
    {
        return Err(Refusal::OcspNonceMismatch);
    }
    let (this_update, next_update) = (time(single.this_update), single.next_update.map(time));
    check_currency(this_update, next_update, at)?;
    Ok(status_of(single))
}

/// thisUpdate not in the future, and the answer not stale at `at`.
pub(crate) fn check_currency(
    this_update: DateTime<Utc>,
    next_update: Option<DateTime<Utc>>,
    at: DateTime<Utc>,
) -> Result<(), Refusal> {
    if this_update > at + CLOCK_SKEW {
        return Err(Refusal::OcspNotYetValid { this_update });
    }
    let stale = match next_update {
        Some(next) => at > next,
        None => at > this_update + MAX_AGE_WITHOUT_NEXT_UPDATE,
    };
    if stale {
        Err(Refusal::OcspStale {
            this_update,
            next_update,
        })
    } else {
        Ok(())
    }
}

fn time(t: GeneralizedTime) -> DateTime<Utc> {
    to_chrono(Time::GeneralTime(t))
}

fn status_of(single: &SingleResponse) -> OcspStatus {
    match &single.cert_status {
        CertStatus::Good(_) => OcspStatus::Good {
            this_update: time(single.this_update),
            next_update: single.next_update.map(time),
        },
        CertStatus::Revoked(info) => OcspStatus::Revoked {
            at: time(info.revocation_time),
            reason: info.revocation_reason,
        },
        CertStatus::Unknown(_) => OcspStatus::Unknown,
    }
}

/// OCSPResponse → successful → id-pkix-ocsp-basic → BasicOCSPResponse.
fn decode(der: &[u8]) -> Result<Basic<'_>, Refusal> {
    const TAG_SEQUENCE: u8 = 0x30;
    const TAG_ENUMERATED: u8 = 0x0a;
    const TAG_OCTET_STRING: u8 = 0x04;
    const TAG_CONTEXT_0: u8 = 0xa0;
    let bad = |what| Refusal::OcspMalformed { what };
    let (outer, tail) = der_walk::first(der).ok_or(bad("response"))?;
    let top = der_walk::children(outer.contents).ok_or(bad("response"))?;
    if !tail.is_empty() || outer.tag != TAG_SEQUENCE || top.is_empty() || top.len() > 2 {
        return Err(bad("response"));
    }
    match (top[0].tag, top[0].contents) {
        (TAG_ENUMERATED, [0]) => {}
        (TAG_ENUMERATED, [status]) => return Err(Refusal::OcspUnsuccessful { status: *status }),
        _ => return Err(bad("response status")),
    }
    let bytes = top
        .get(1)
        .filter(|el| el.tag == TAG_CONTEXT_0)
        .ok_or(bad("response bytes"))?;
    // ResponseBytes ::= SEQUENCE { responseType OID, response OCTET STRING }
    let (bytes, rest) = der_walk::first(bytes.contents).ok_or(bad("response bytes"))?;
    let kids = der_walk::children(bytes.contents).ok_or(bad("response bytes"))?;
    let [kind, response] = kids.as_slice() else {
        return Err(bad("response bytes"));
    };
    if !rest.is_empty() || bytes.tag != TAG_SEQUENCE || response.tag != TAG_OCTET_STRING {
        return Err(bad("response bytes"));
    }
    let kind = ObjectIdentifier::from_der(kind.whole).map_err(|_| bad("response type"))?;
    if kind != oid::OCSP_BASIC {
        return Err(unsupported(&kind));
    }
    let basic_der = response.contents;
    let (basic, rest) = der_walk::first(basic_der).ok_or(bad("basic response"))?;
    let parts = der_walk::children(basic.contents).ok_or(bad("basic response"))?;
    if !rest.is_empty() || basic.tag != TAG_SEQUENCE || !(3..=4).contains(&parts.len()) {
        return Err(bad("basic response"));
    }
    let data = ResponseData::from_der(parts[0].whole).map_err(|_| bad("response data"))?;
    let signature_algorithm = AlgorithmIdentifierOwned::from_der(parts[1].whole)
        .map_err(|_| bad("signature algorithm"))?;
    let signature = BitString::from_der(parts[2].whole).map_err(|_| bad("signature"))?;
    let certs = match parts.get(3) {
        None => Vec::new(),
        Some(el) if el.tag == TAG_CONTEXT_0 => {
            let (seq, rest) = der_walk::first(el.contents).ok_or(bad("certificates"))?;
            if !rest.is_empty() || seq.tag != TAG_SEQUENCE {
                return Err(bad("certificates"));
            }
            der_walk::children(seq.contents)
                .ok_or(bad("certificates"))?
                .iter()
                .map(|c| X509::from_der(c.whole.to_vec()).map_err(|_| bad("certificate")))
                .collect::<Result<Vec<_>, _>>()?
        }
        Some(_) => return Err(bad("basic response")),
    };
    Ok(Basic {
        tbs: parts[0].whole,
        data,
        signature_algorithm,
        signature,
        certs,
    })
}

/// The responder's signature: by the issuing CA itself, or by a certificate in
/// the response that the CA issued for OCSP signing and that is valid at `at`.
fn check_signature(basic: &Basic<'_>, issuer: &X509, at: DateTime<Utc>) -> Result<(), Refusal> {
    let signature = basic
        .signature
        .as_bytes()
        .ok_or(Refusal::OcspMalformed { what: "signature" })?;
    let algorithm = &basic.signature_algorithm.oid;
    // Unsupported algorithms (legacy GOST 34.310-2004) surface as such.
    if *algorithm != oid::SHA1_WITH_RSA {
        SignatureAlgorithm::from_oid(algorithm)?;
    }
    let signed_by = |cert: &X509| verify_with(cert, algorithm, basic.tbs, signature).is_ok();
    if signed_by(issuer) {
        return Ok(());
    }
    let mut unauthorised_signer = false;
    for responder in basic.certs.iter().filter(|c| signed_by(c)) {
        if is_authorised_responder(responder, issuer, at) {
            return Ok(());
        }
        unauthorised_signer = true;
    }
    if unauthorised_signer {
        Err(Refusal::OcspResponderUntrusted)
    } else {
        Err(Refusal::OcspSignatureInvalid)
    }
}

/// Verifies with the crate's signature code; sha1WithRSAEncryption, which
/// certificates and CMS here never use but OCSP responders may, is added on
/// top of the same RSA key.
fn verify_with(
    cert: &X509,
    algorithm: &ObjectIdentifier,
    message: &[u8],
    signature: &[u8],
) -> Result<(), Refusal> {
    let key = PublicKey::from_spki(&cert.cert.tbs_certificate.subject_public_key_info)?;
    key.check_signature_oid(algorithm)?;
    if *algorithm == oid::SHA1_WITH_RSA {
        let PublicKey::Rsa(rsa_key) = key else {
            return Err(Refusal::OcspSignatureInvalid);
        };
        let hashed = Sha1::digest(message);
        return rsa_key
            .verify(Pkcs1v15Sign::new::<Sha1>(), &hashed, signature)
            .map_err(|_| Refusal::OcspSignatureInvalid);
    }
    key.verify(SignatureAlgorithm::from_oid(algorithm)?, message, signature)
}

/// RFC 6960 §4.2.2.2: a delegated responder is issued directly by the CA that
/// issued the certificate in question and carries id-kp-OCSPSigning.
fn is_authorised_responder(responder: &X509, issuer: &X509, at: DateTime<Utc>) -> bool {
    let ocsp_signing = matches!(
        extension::<ExtendedKeyUsage>(&responder.cert, oid::EXT_EXTENDED_KEY_USAGE),
        Ok(Some(eku)) if eku.0.contains(&oid::EKU_OCSP_SIGNING)
    );
    ocsp_signing
        && responder.issuer_der() == issuer.subject_der()
        && trust::verify_signed_by(responder, issuer).is_ok()
        && trust::check_validity(responder, at).is_ok()
}

/// The SingleResponse about `leaf`; a revocation wins over any other answer
/// about the same certificate.
fn matching_response<'d>(
    data: &'d ResponseData,
    leaf: &X509,
    issuer: &X509,
) -> Result<&'d SingleResponse, Refusal> {
    let serial = leaf.cert.tbs_certificate.serial_number.as_bytes();
    let mut matching = data.responses.iter().filter(|single| {
        let id = &single.cert_id;
        id.serial_number.as_bytes() == serial
            && issuer_hashes(&id.hash_algorithm.oid, issuer).is_some_and(|(name, key)| {
                id.issuer_name_hash.as_bytes() == name && id.issuer_key_hash.as_bytes() == key
            })
    });
    let first = matching.next().ok_or(Refusal::OcspWrongCertificate {
        serial: leaf.serial(),
    })?;
    Ok(std::iter::once(first)
        .chain(matching)
        .find(|s| matches!(s.cert_status, CertStatus::Revoked(_)))
        .unwrap_or(first))
}

/// The raw value of the response's nonce extension.
fn nonce_extension(data: &ResponseData) -> Option<&[u8]> {
    data.response_extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == oid::OCSP_NONCE)
        .map(|e| e.extn_value.as_bytes())
}

/// The nonce of the response: the OCTET STRING inside the extension value
/// (RFC 8954), or the raw value from responders that leave the inner
/// OCTET STRING out.
fn response_nonce(data: &ResponseData) -> Option<Vec<u8>> {
    let raw = nonce_extension(data)?;
    Some(match OctetString::from_der(raw) {
        Ok(inner) => inner.as_bytes().to_vec(),
        Err(_) => raw.to_vec(),
    })
}

/// A missing nonce does not match: a response without one may be a replay.
fn nonce_matches(data: &ResponseData, expected: &[u8]) -> bool {
    let Some(raw) = nonce_extension(data) else {
        return false;
    };
    !expected.is_empty()
        && (raw == expected
            || OctetString::from_der(raw).is_ok_and(|inner| inner.as_bytes() == expected))
}

// --- What the caller needs to ask ---

/// The certificates (DER) of the signers of a CMS whose signatures are
/// intact, to ask OCSP about before [`crate::Verifier::verify_cms_with`].
/// `content` as for `verify_cms`.
pub fn signer_certificates(cms: &[u8], content: Option<&[u8]>) -> Result<Vec<Vec<u8>>, Refusal> {
    Ok(crate::cms::verify_integrity(cms, content)?
        .signers
        .into_iter()
        .map(|s| s.x509.der)
        .collect())
}

impl TrustStore {
    /// The configured certificate (DER) that issued and signed `cert` (PEM or
    /// DER), if any: the issuer to name in an OCSP request.
    pub fn issuer_of(&self, cert: &[u8]) -> Result<Option<Vec<u8>>, Refusal> {
        let cert = X509::parse(cert)?;
        Ok(self
            .by_subject(&cert.issuer_der())
            .find(|ca| ca.der != cert.der && trust::verify_signed_by(&cert, ca).is_ok())
            .map(|ca| ca.der.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

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
}
