//! The request the server POSTs to the responder (`application/ocsp-request`).

use der::Encode;
use der::asn1::{ObjectIdentifier, OctetString};
use sha1::Sha1;
use sha2::{Digest, Sha256, Sha384, Sha512};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::Extension;

use super::CertIdHash;
use super::asn1::{CertId, OcspRequest, Request, TbsRequest};
use crate::algorithm::unsupported;
use crate::certificate::X509;
use crate::oid;
use crate::refusal::Refusal;

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
pub(super) fn issuer_hashes(alg: &ObjectIdentifier, issuer: &X509) -> Option<(Vec<u8>, Vec<u8>)> {
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
