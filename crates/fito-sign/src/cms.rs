//! CMS SignedData (RFC 5652) as NCALayer produces it (CAdES-BES): attached or
//! detached content, one or more signers, signed attributes.
//!
//! `cms` decodes the structures; the checks are ours. The signature over
//! signed attributes is checked on the original bytes of the `[0]` element
//! with its tag turned into SET (RFC 5652 §5.4), never on a re-encoding.

use chrono::{DateTime, Utc};
use cms::signed_data::{EncapsulatedContentInfo, SignerIdentifier, SignerInfo};
use der::asn1::{ObjectIdentifier, OctetString};
use der::{Decode, Encode};
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::SubjectKeyIdentifier;
use x509_cert::time::Time;

use crate::algorithm::{DigestAlgorithm, PublicKey, SignatureAlgorithm};
use crate::certificate::{CertificateInfo, X509, extension, name_der, to_chrono};
use crate::der_walk::{self, Element};
use crate::oid;
use crate::refusal::Refusal;

const TAG_SEQUENCE: u8 = 0x30;
const TAG_SET: u8 = 0x31;
const TAG_CONTEXT_0: u8 = 0xa0;

/// The cryptographic result for one signer, before any trust decision.
#[derive(Debug, Clone)]
pub struct SignerIntegrity {
    pub certificate: CertificateInfo,
    pub algorithm: SignatureAlgorithm,
    pub signing_time: Option<DateTime<Utc>>,
    pub(crate) x509: X509,
}

/// Signed content and every signer whose signature is intact.
#[derive(Debug, Clone)]
pub struct CmsIntegrity {
    pub content: Vec<u8>,
    pub attached: bool,
    pub signers: Vec<SignerIntegrity>,
}

/// The parts of SignedData this module needs, cut from the original bytes.
struct RawSignedData<'a> {
    encap: EncapsulatedContentInfo,
    certificates: Vec<X509>,
    signer_infos: Vec<Element<'a>>,
}

/// Checks every signer's signature and attributes; no chain, time or policy
/// decision. `detached` is the content for a detached signature; for an
/// attached one, when given, it must equal the attached content.
pub fn verify_integrity(cms: &[u8], detached: Option<&[u8]>) -> Result<CmsIntegrity, Refusal> {
    let raw = split_signed_data(cms)?;
    let (content, attached) = signed_content(&raw.encap, detached)?;
    if raw.signer_infos.is_empty() {
        return Err(Refusal::NoSigner);
    }
    let signers = raw
        .signer_infos
        .iter()
        .map(|el| verify_signer(el, &raw, &content))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CmsIntegrity {
        content,
        attached,
        signers,
    })
}

fn split_signed_data(cms: &[u8]) -> Result<RawSignedData<'_>, Refusal> {
    let bad = || Refusal::malformed("CMS");
    let (outer, tail) = der_walk::first(cms).ok_or_else(bad)?;
    let top = der_walk::children(outer.contents).ok_or_else(bad)?;
    if !tail.is_empty()
        || outer.tag != TAG_SEQUENCE
        || top.len() != 2
        || top[1].tag != TAG_CONTEXT_0
    {
        return Err(bad());
    }
    let content_type = ObjectIdentifier::from_der(top[0].whole).map_err(|_| bad())?;
    if content_type != oid::CT_SIGNED_DATA {
        return Err(bad());
    }
    let (signed_data, _) = der_walk::first(top[1].contents).ok_or_else(bad)?;
    let parts = der_walk::children(signed_data.contents).ok_or_else(bad)?;
    // version, digestAlgorithms, encapContentInfo, [0] certificates?, [1] crls?, signerInfos
    let (Some(encap), Some(signer_set)) = (parts.get(2), parts.last()) else {
        return Err(bad());
    };
    if parts.len() < 4 || signer_set.tag != TAG_SET {
        return Err(bad());
    }
    let encap = EncapsulatedContentInfo::from_der(encap.whole).map_err(|_| bad())?;
    let certificates = match parts.get(3) {
        Some(el) if el.tag == TAG_CONTEXT_0 => embedded_certificates(el)?,
        _ => Vec::new(),
    };
    let signer_infos = der_walk::children(signer_set.contents).ok_or_else(bad)?;
    Ok(RawSignedData {
        encap,
        certificates,
        signer_infos,
    })
}

/// Plain X.509 certificates of the `[0]` set; other certificate formats are skipped.
fn embedded_certificates(set: &Element<'_>) -> Result<Vec<X509>, Refusal> {
    let items = der_walk::children(set.contents).ok_or(Refusal::malformed("CMS certificates"))?;
    items
        .iter()
        .filter(|el| el.tag == TAG_SEQUENCE)
        .map(|el| X509::from_der(el.whole.to_vec()))
        .collect()
}

fn signed_content(
    encap: &EncapsulatedContentInfo,
    detached: Option<&[u8]>,
) -> Result<(Vec<u8>, bool), Refusal> {
    let attached = match &encap.econtent {
        Some(any) => Some(
            any.decode_as::<OctetString>()
                .map_err(|_| Refusal::malformed("CMS content"))?
                .into_bytes(),
        ),
        None => None,
    };
    match (attached, detached) {
        (Some(inner), Some(expected)) if inner != expected => Err(Refusal::ContentMismatch),
        (Some(inner), _) => Ok((inner, true)),
        (None, Some(expected)) => Ok((expected.to_vec(), false)),
        (None, None) => Err(Refusal::ContentMissing),
    }
}

fn verify_signer(
    raw: &Element<'_>,
    cms: &RawSignedData<'_>,
    content: &[u8],
) -> Result<SignerIntegrity, Refusal> {
    let signer = SignerInfo::from_der(raw.whole).map_err(|_| Refusal::malformed("CMS signer"))?;
    let x509 = find_signer_certificate(&signer.sid, &cms.certificates)?;
    let digest = DigestAlgorithm::from_oid(&signer.digest_alg.oid)?;
    let algorithm = SignatureAlgorithm::from_cms(&signer.signature_algorithm.oid, digest)?;
    let key = PublicKey::from_spki(&x509.cert.tbs_certificate.subject_public_key_info)?;
    key.check_signature_oid(&signer.signature_algorithm.oid)?;
    let signature = signer.signature.as_bytes();
    let signing_time = match &signer.signed_attrs {
        Some(attrs) => {
            let attrs = attrs.as_slice();
            check_content_type(attrs, &cms.encap.econtent_type)?;
            check_message_digest(attrs, &digest.digest(content))?;
            let signing_time = signing_time(attrs)?;
            let signed = signed_attributes_as_set(raw)?;
            key.verify(algorithm, &signed, signature)?;
            signing_time
        }
        // Without signed attributes the signature is over the content itself.
        None => {
            key.verify(algorithm, content, signature)?;
            None
        }
    };
    Ok(SignerIntegrity {
        certificate: x509.info()?,
        algorithm,
        signing_time,
        x509,
    })
}

fn find_signer_certificate(sid: &SignerIdentifier, certs: &[X509]) -> Result<X509, Refusal> {
    let found = certs.iter().find(|c| match sid {
        SignerIdentifier::IssuerAndSerialNumber(ias) => {
            c.cert.tbs_certificate.serial_number == ias.serial_number
                && c.issuer_der() == name_der(&ias.issuer)
        }
        SignerIdentifier::SubjectKeyIdentifier(ski) => {
            matches!(extension::<SubjectKeyIdentifier>(&c.cert, oid::EXT_SUBJECT_KEY_IDENTIFIER), Ok(Some(own)) if own == *ski)
        }
    });
    found.cloned().ok_or(Refusal::SignerCertificateMissing)
}

/// The original `[0] IMPLICIT` signed attributes re-tagged as SET OF: the
/// bytes the signer actually signed.
fn signed_attributes_as_set(raw: &Element<'_>) -> Result<Vec<u8>, Refusal> {
    let parts = der_walk::children(raw.contents).ok_or(Refusal::malformed("CMS signer"))?;
    let attrs = parts
        .get(3)
        .filter(|el| el.tag == TAG_CONTEXT_0)
        .ok_or(Refusal::malformed("CMS signed attributes"))?;
    let mut set = attrs.whole.to_vec();
    set[0] = TAG_SET;
    Ok(set)
}

/// The single value of a signed attribute; CMS forbids repeating these.
fn single_value<'a>(
    attrs: &'a [Attribute],
    id: ObjectIdentifier,
    name: &'static str,
) -> Result<Option<&'a der::Any>, Refusal> {
    let mut matching = attrs.iter().filter(|a| a.oid == id);
    let (Some(attr), None) = (matching.next(), matching.next()) else {
        return if attrs.iter().any(|a| a.oid == id) {
            Err(Refusal::SignedAttributeInvalid { attribute: name })
        } else {
            Ok(None)
        };
    };
    match attr.values.as_slice() {
        [value] => Ok(Some(value)),
        _ => Err(Refusal::SignedAttributeInvalid { attribute: name }),
    }
}

fn check_content_type(
    attrs: &[Attribute],
    econtent_type: &ObjectIdentifier,
) -> Result<(), Refusal> {
    const NAME: &str = "content-type";
    let value = single_value(attrs, oid::ATTR_CONTENT_TYPE, NAME)?
        .ok_or(Refusal::SignedAttributeInvalid { attribute: NAME })?;
    let signed: ObjectIdentifier = value
        .decode_as()
        .map_err(|_| Refusal::SignedAttributeInvalid { attribute: NAME })?;
    if signed == *econtent_type {
        Ok(())
    } else {
        Err(Refusal::SignedAttributeInvalid { attribute: NAME })
    }
}

fn check_message_digest(attrs: &[Attribute], actual: &[u8]) -> Result<(), Refusal> {
    const NAME: &str = "message-digest";
    let value = single_value(attrs, oid::ATTR_MESSAGE_DIGEST, NAME)?
        .ok_or(Refusal::SignedAttributeInvalid { attribute: NAME })?;
    let signed: OctetString = value
        .decode_as()
        .map_err(|_| Refusal::SignedAttributeInvalid { attribute: NAME })?;
    if signed.as_bytes() == actual {
        Ok(())
    } else {
        Err(Refusal::DigestMismatch)
    }
}

fn signing_time(attrs: &[Attribute]) -> Result<Option<DateTime<Utc>>, Refusal> {
    const NAME: &str = "signing-time";
    let Some(value) = single_value(attrs, oid::ATTR_SIGNING_TIME, NAME)? else {
        return Ok(None);
    };
    let encoded = value
        .to_der()
        .map_err(|_| Refusal::SignedAttributeInvalid { attribute: NAME })?;
    let time = Time::from_der(&encoded)
        .map_err(|_| Refusal::SignedAttributeInvalid { attribute: NAME })?;
    Ok(Some(to_chrono(time)))
}
