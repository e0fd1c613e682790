//! X.509 certificates: parsing and the facts the system needs from an NCA RK
//! certificate (who, which legal entity, what for, how long).

use chrono::{DateTime, Utc};
use der::asn1::ObjectIdentifier;
use der::{Decode, DecodePem, Tag, Tagged};
use x509_cert::Certificate;
use x509_cert::ext::pkix::{BasicConstraints, ExtendedKeyUsage};
use x509_cert::name::Name;
use x509_cert::time::Time;

use crate::algorithm::{KeyAlgorithm, key_algorithm};
use crate::oid;
use crate::refusal::{Refusal, SerialHex};

/// Whether the certificate belongs to a legal entity's representative or to a
/// private individual, as NCA RK's Extended Key Usage says (R-AUTH-4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubjectKind {
    LegalEntity {
        roles: Vec<LegalEntityRole>,
    },
    Individual,
    /// Neither (or, contradictorily, both) of NCA's subject-kind OIDs.
    Unknown,
}

/// The roles NCA RK writes below 1.2.398.3.3.4.1.2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LegalEntityRole {
    /// .1 — first head (CEO).
    FirstHead,
    /// .2 — person with the right to sign.
    RightToSign,
    /// .3 — right to sign financial documents.
    RightToSignFinancial,
    /// .4 — HR officer.
    HumanResources,
    /// .5 — employee.
    Employee,
    /// .6 — information system of the legal entity.
    InformationSystem,
    /// A role OID this crate does not know yet, kept rather than dropped.
    Other { oid: String },
}

/// What the key is for, from Extended Key Usage: NCA issues "sign" keys
/// (emailProtection) and "auth" keys (clientAuth); GOST-2015 keys since 2024
/// may carry both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeyPurposes {
    pub signing: bool,
    pub authentication: bool,
}

/// The facts of one certificate, decided by OIDs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    pub serial: SerialHex,
    pub common_name: Option<String>,
    pub surname: Option<String>,
    pub given_name: Option<String>,
    pub organization: Option<String>,
    pub email: Option<String>,
    /// 12 digits after "IIN" in the subject serialNumber.
    pub iin: Option<String>,
    /// 12 digits after "BIN" in a subject OU.
    pub bin: Option<String>,
    pub kind: SubjectKind,
    pub purposes: KeyPurposes,
    /// Issuer as RFC 4514 text, for display only: never compared.
    pub issuer: String,
    pub issuer_common_name: Option<String>,
    pub not_before: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
    pub key_algorithm: KeyAlgorithm,
}

impl CertificateInfo {
    /// Reads a certificate from PEM or DER bytes.
    pub fn parse(bytes: &[u8]) -> Result<Self, Refusal> {
        parse_certificate(bytes).and_then(|c| Self::from_certificate(&c))
    }

    pub fn from_certificate(cert: &Certificate) -> Result<Self, Refusal> {
        let tbs = &cert.tbs_certificate;
        let eku = extension::<ExtendedKeyUsage>(cert, oid::EXT_EXTENDED_KEY_USAGE)?
            .map(|e| e.0)
            .unwrap_or_default();
        let subject = &tbs.subject;
        Ok(CertificateInfo {
            serial: serial_hex(cert),
            common_name: attribute(subject, oid::AT_COMMON_NAME),
            surname: attribute(subject, oid::AT_SURNAME),
            given_name: attribute(subject, oid::AT_GIVEN_NAME),
            organization: attribute(subject, oid::AT_ORGANIZATION),
            email: attribute(subject, oid::AT_EMAIL),
            iin: attributes(subject, oid::AT_SERIAL_NUMBER)
                .find_map(|v| twelve_digits_after(&v, "IIN")),
            bin: attributes(subject, oid::AT_ORGANIZATIONAL_UNIT)
                .find_map(|v| twelve_digits_after(&v, "BIN")),
            kind: subject_kind(&eku),
            purposes: KeyPurposes {
                signing: eku.contains(&oid::EKU_EMAIL_PROTECTION),
                authentication: eku.contains(&oid::EKU_CLIENT_AUTH),
            },
            issuer: tbs.issuer.to_string(),
            issuer_common_name: attribute(&tbs.issuer, oid::AT_COMMON_NAME),
            not_before: to_chrono(tbs.validity.not_before),
            not_after: to_chrono(tbs.validity.not_after),
            key_algorithm: key_algorithm(&tbs.subject_public_key_info),
        })
    }

    pub fn is_legal_entity(&self) -> bool {
        matches!(self.kind, SubjectKind::LegalEntity { .. })
    }
}

/// Accepts PEM ("-----BEGIN CERTIFICATE-----") or DER.
pub fn parse_certificate(bytes: &[u8]) -> Result<Certificate, Refusal> {
    let parsed = if bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
        Certificate::from_pem(bytes)
    } else {
        Certificate::from_der(bytes)
    };
    parsed.map_err(|_| Refusal::malformed("certificate"))
}

/// Legal entity when the legal-entity OID or any role below it is present,
/// individual when the individual OID is. Both at once is contradictory and is
/// treated as unknown, so a policy requiring a legal entity refuses it.
fn subject_kind(eku: &[ObjectIdentifier]) -> SubjectKind {
    let legal_arc = oid::EKU_LEGAL_ENTITY.as_bytes();
    let legal = eku.iter().any(|o| o.as_bytes().starts_with(legal_arc));
    let individual = eku.contains(&oid::EKU_INDIVIDUAL);
    match (legal, individual) {
        (true, false) => SubjectKind::LegalEntity {
            roles: eku.iter().filter_map(legal_role).collect(),
        },
        (false, true) => SubjectKind::Individual,
        _ => SubjectKind::Unknown,
    }
}

fn legal_role(o: &ObjectIdentifier) -> Option<LegalEntityRole> {
    let arc = oid::EKU_LEGAL_ENTITY.as_bytes();
    // Encoded arcs end on a byte without the high bit, so a byte prefix that
    // is longer than the arc itself is an OID strictly below it.
    if !(o.as_bytes().starts_with(arc) && o.as_bytes().len() > arc.len()) {
        return None;
    }
    Some(match *o {
        oid::EKU_ROLE_FIRST_HEAD => LegalEntityRole::FirstHead,
        oid::EKU_ROLE_RIGHT_TO_SIGN => LegalEntityRole::RightToSign,
        oid::EKU_ROLE_RIGHT_TO_SIGN_FINANCIAL => LegalEntityRole::RightToSignFinancial,
        oid::EKU_ROLE_HR => LegalEntityRole::HumanResources,
        oid::EKU_ROLE_EMPLOYEE => LegalEntityRole::Employee,
        oid::EKU_ROLE_INFORMATION_SYSTEM => LegalEntityRole::InformationSystem,
        _ => LegalEntityRole::Other { oid: o.to_string() },
    })
}

/// "IIN123456789011" → "123456789011"; anything else is not an IIN/BIN. The
/// checksum is deliberately not checked: NCA test certificates fail it (R-AUTH-2).
fn twelve_digits_after(value: &str, prefix: &str) -> Option<String> {
    let digits = value.strip_prefix(prefix)?;
    (digits.len() == 12 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| digits.to_string())
}

/// Decodes the extension with the given OID, `None` when absent.
pub(crate) fn extension<T: for<'a> Decode<'a>>(
    cert: &Certificate,
    id: ObjectIdentifier,
) -> Result<Option<T>, Refusal> {
    let Some(ext) = cert
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == id)
    else {
        return Ok(None);
    };
    T::from_der(ext.extn_value.as_bytes())
        .map(Some)
        .map_err(|_| Refusal::malformed("certificate extension"))
}

/// basicConstraints cA = TRUE.
pub(crate) fn is_ca(cert: &Certificate) -> bool {
    matches!(
        extension::<BasicConstraints>(cert, oid::EXT_BASIC_CONSTRAINTS),
        Ok(Some(BasicConstraints { ca: true, .. }))
    )
}

pub(crate) fn serial_hex(cert: &Certificate) -> SerialHex {
    hex_of_integer(cert.tbs_certificate.serial_number.as_bytes())
}

/// Upper-case hex without DER's sign padding, as OpenSSL prints serials.
pub(crate) fn hex_of_integer(bytes: &[u8]) -> String {
    let mut b = bytes;
    while b.len() > 1 && b[0] == 0 {
        b = &b[1..];
    }
    hex::encode_upper(b)
}

pub(crate) fn to_chrono(time: Time) -> DateTime<Utc> {
    let d = time.to_unix_duration();
    // X.509 times are seconds since 1950 at the earliest: always representable.
    DateTime::from_timestamp(d.as_secs() as i64, 0).unwrap_or(DateTime::UNIX_EPOCH)
}

fn attribute(name: &Name, id: ObjectIdentifier) -> Option<String> {
    attributes(name, id).next()
}

fn attributes(name: &Name, id: ObjectIdentifier) -> impl Iterator<Item = String> + '_ {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(move |atv| atv.oid == id)
        .filter_map(|atv| directory_string(&atv.value))
}

/// The string types NCA uses in names (UTF8String for Cyrillic text,
/// PrintableString for IIN/BIN/country), plus BMPString for completeness.
fn directory_string(value: &der::Any) -> Option<String> {
    match value.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::TeletexString => {
            String::from_utf8(value.value().to_vec()).ok()
        }
        Tag::BmpString => {
            let units: Vec<u16> = value
                .value()
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16(&units).ok()
        }
        _ => None,
    }
}

/// A decoded certificate together with the exact bytes it came from, so its
/// signature can be checked over the original TBSCertificate.
#[derive(Debug, Clone)]
pub(crate) struct X509 {
    pub cert: Certificate,
    pub der: Vec<u8>,
}

impl X509 {
    /// From PEM or DER; PEM is un-armoured to the original DER, not re-encoded.
    pub fn parse(bytes: &[u8]) -> Result<Self, Refusal> {
        let der = if bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
            let (label, der) =
                der::pem::decode_vec(bytes).map_err(|_| Refusal::malformed("certificate PEM"))?;
            if label != "CERTIFICATE" {
                return Err(Refusal::malformed("certificate PEM"));
            }
            der
        } else {
            bytes.to_vec()
        };
        Self::from_der(der)
    }

    pub fn from_der(der: Vec<u8>) -> Result<Self, Refusal> {
        let cert = Certificate::from_der(&der).map_err(|_| Refusal::malformed("certificate"))?;
        Ok(X509 { cert, der })
    }

    /// The TBSCertificate exactly as encoded in the input.
    pub fn tbs(&self) -> Result<&[u8], Refusal> {
        crate::der_walk::first_child(&self.der)
            .map(|el| el.whole)
            .ok_or(Refusal::malformed("certificate"))
    }

    pub fn serial(&self) -> SerialHex {
        serial_hex(&self.cert)
    }

    pub fn info(&self) -> Result<CertificateInfo, Refusal> {
        CertificateInfo::from_certificate(&self.cert)
    }

    pub fn subject_der(&self) -> Vec<u8> {
        name_der(&self.cert.tbs_certificate.subject)
    }

    pub fn issuer_der(&self) -> Vec<u8> {
        name_der(&self.cert.tbs_certificate.issuer)
    }

    pub fn is_self_issued(&self) -> bool {
        self.subject_der() == self.issuer_der()
    }
}

/// Names are compared as DER bytes: NCA encodes each name identically in the
/// certificates and CRLs it issues, and binary comparison can't be fooled by
/// look-alike text.
pub(crate) fn name_der(name: &Name) -> Vec<u8> {
    der::Encode::to_der(name).unwrap_or_default()
}
