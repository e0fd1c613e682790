//! The judgement of a response: its signature, the SingleResponse about the leaf,
//! the nonce and its currency.

use chrono::{DateTime, Utc};
use der::Decode;
use der::asn1::{ObjectIdentifier, OctetString};
use rsa::Pkcs1v15Sign;
use sha1::Sha1;
use sha2::Digest;
use x509_cert::ext::pkix::ExtendedKeyUsage;

use super::asn1::{Basic, CertStatus, ResponseData, SingleResponse, decode, status_of, time};
use super::request::issuer_hashes;
use super::{CLOCK_SKEW, MAX_AGE_WITHOUT_NEXT_UPDATE, OcspStatus, ResponseSummary, SingleStatus};
use crate::algorithm::{PublicKey, SignatureAlgorithm};
use crate::certificate::{X509, extension, hex_of_integer};
use crate::oid;
use crate::refusal::Refusal;
use crate::trust::{self, TrustStore};

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
