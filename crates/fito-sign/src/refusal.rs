//! The typed refusal: every way a signature or certificate can be turned down.
//! Each variant has a stable kebab-case code that the server maps to a Fluent
//! message; the codes are part of the API and must never be renamed.

use chrono::{DateTime, Utc};

/// Serial number of the certificate a refusal is about, as upper-case hex, so the
/// message can name the certificate without printing its whole subject.
pub type SerialHex = String;

/// Why a signature, certificate or CRL was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The bytes are not the ASN.1 structure they claim to be.
    #[error("malformed input: {what}")]
    Malformed { what: &'static str },
    /// An algorithm this crate does not verify (e.g. legacy GOST 34.310-2004).
    #[error("unsupported algorithm {oid}")]
    UnsupportedAlgorithm { oid: String },
    /// The CMS signature value does not verify with the signer's key.
    #[error("the signature does not verify")]
    BadSignature,
    /// A certificate's signature does not verify with its issuer's key.
    #[error("certificate {serial} is not signed by its issuer")]
    CertificateSignatureInvalid { serial: SerialHex },
    /// The messageDigest attribute differs from the digest of the content.
    #[error("the signed digest does not match the content")]
    DigestMismatch,
    /// The signed content is not the content the caller expected.
    #[error("the signed content is not the expected content")]
    ContentMismatch,
    /// A detached signature was given without its content.
    #[error("the signature is detached and no content was given")]
    ContentMissing,
    /// The CMS holds no signer.
    #[error("the CMS holds no signer")]
    NoSigner,
    /// The certificate of a signer is not in the CMS.
    #[error("the signer's certificate is not in the CMS")]
    SignerCertificateMissing,
    /// A signed attribute required by CMS is missing or wrong.
    #[error("signed attribute {attribute} is missing or invalid")]
    SignedAttributeInvalid { attribute: &'static str },
    /// The chain does not lead to a configured NCA certificate.
    #[error("certificate {serial} does not chain to a configured NCA certificate")]
    UntrustedChain { serial: SerialHex },
    /// An issuer in the chain is not a CA (basicConstraints).
    #[error("certificate {serial} is not a CA certificate")]
    IssuerNotCa { serial: SerialHex },
    /// A certificate in the chain has expired at the verification time.
    #[error("certificate {serial} expired at {not_after}")]
    CertificateExpired {
        serial: SerialHex,
        not_after: DateTime<Utc>,
    },
    /// A certificate in the chain is not valid yet at the verification time.
    #[error("certificate {serial} is valid only from {not_before}")]
    CertificateNotYetValid {
        serial: SerialHex,
        not_before: DateTime<Utc>,
    },
    /// The signing time lies outside the signer certificate's validity.
    #[error("the signing time lies outside the certificate's validity")]
    SigningTimeOutsideValidity,
    /// The certificate is on a valid CRL of its issuer.
    #[error("certificate {serial} was revoked at {revoked_at}")]
    CertificateRevoked {
        serial: SerialHex,
        revoked_at: DateTime<Utc>,
    },
    /// No source answered: no current, verified CRL of the issuer covers the
    /// verification time, and no verified OCSP answer was given.
    #[error("revocation status of certificate {serial} is unknown")]
    RevocationUnknown { serial: SerialHex },
    /// A CRL's signature does not verify or its issuer is not configured.
    #[error("the CRL is not signed by a configured NCA certificate")]
    CrlUntrusted,
    /// An individual's certificate where a legal entity's is required (R-AUTH-4).
    #[error("an individual's certificate; a legal entity's certificate is required")]
    IndividualCertificate,
    /// Neither legal-entity nor individual EKU: not an NCA subscriber certificate.
    #[error("the certificate does not say whether it is a legal entity's or an individual's")]
    SubjectKindUnknown,
    /// The certificate's key purpose (EKU) does not allow this use.
    #[error("the certificate is not issued for this use")]
    WrongKeyPurpose,
    /// The OCSP response is not the ASN.1 structure RFC 6960 defines.
    #[error("malformed OCSP response: {what}")]
    OcspMalformed { what: &'static str },
    /// The responder answered with an error status (RFC 6960 OCSPResponseStatus:
    /// 1 malformedRequest, 2 internalError, 3 tryLater, 5 sigRequired, 6 unauthorized).
    #[error("the OCSP responder answered with error status {status}")]
    OcspUnsuccessful { status: u8 },
    /// The OCSP response's signature verifies neither with the issuing CA's key
    /// nor with any certificate included in the response.
    #[error("the OCSP response's signature does not verify")]
    OcspSignatureInvalid,
    /// The OCSP response is signed by a key the issuing CA did not authorise
    /// (not the CA, no id-kp-OCSPSigning certificate of the CA valid now).
    #[error("the OCSP response is signed by an unauthorised responder")]
    OcspResponderUntrusted,
    /// The OCSP response says nothing about this certificate.
    #[error("the OCSP response is not about certificate {serial}")]
    OcspWrongCertificate { serial: SerialHex },
    /// The OCSP response does not carry the nonce that was sent: a replay.
    #[error("the OCSP response does not carry the nonce of the request")]
    OcspNonceMismatch,
    /// The OCSP response is past its nextUpdate (or, without one, too old).
    #[error("the OCSP response of {this_update} is stale")]
    OcspStale {
        this_update: DateTime<Utc>,
        next_update: Option<DateTime<Utc>>,
    },
    /// The OCSP response's thisUpdate lies in the future.
    #[error("the OCSP response is dated in the future ({this_update})")]
    OcspNotYetValid { this_update: DateTime<Utc> },
}

impl Refusal {
    /// Stable machine code, the key of the translated message.
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Malformed { .. } => "sign-malformed-input",
            Refusal::UnsupportedAlgorithm { .. } => "sign-unsupported-algorithm",
            Refusal::BadSignature => "sign-bad-signature",
            Refusal::CertificateSignatureInvalid { .. } => "sign-certificate-signature-invalid",
            Refusal::DigestMismatch => "sign-digest-mismatch",
            Refusal::ContentMismatch => "sign-content-mismatch",
            Refusal::ContentMissing => "sign-content-missing",
            Refusal::NoSigner => "sign-no-signer",
            Refusal::SignerCertificateMissing => "sign-signer-certificate-missing",
            Refusal::SignedAttributeInvalid { .. } => "sign-signed-attribute-invalid",
            Refusal::UntrustedChain { .. } => "sign-untrusted-chain",
            Refusal::IssuerNotCa { .. } => "sign-issuer-not-ca",
            Refusal::CertificateExpired { .. } => "sign-certificate-expired",
            Refusal::CertificateNotYetValid { .. } => "sign-certificate-not-yet-valid",
            Refusal::SigningTimeOutsideValidity => "sign-signing-time-outside-validity",
            Refusal::CertificateRevoked { .. } => "sign-certificate-revoked",
            Refusal::RevocationUnknown { .. } => "sign-revocation-unknown",
            Refusal::CrlUntrusted => "sign-crl-untrusted",
            Refusal::IndividualCertificate => "sign-individual-certificate",
            Refusal::SubjectKindUnknown => "sign-subject-kind-unknown",
            Refusal::WrongKeyPurpose => "sign-wrong-key-purpose",
            Refusal::OcspMalformed { .. } => "sign-ocsp-malformed",
            Refusal::OcspUnsuccessful { .. } => "sign-ocsp-unsuccessful",
            Refusal::OcspSignatureInvalid => "sign-ocsp-signature-invalid",
            Refusal::OcspResponderUntrusted => "sign-ocsp-responder-untrusted",
            Refusal::OcspWrongCertificate { .. } => "sign-ocsp-wrong-certificate",
            Refusal::OcspNonceMismatch => "sign-ocsp-nonce-mismatch",
            Refusal::OcspStale { .. } => "sign-ocsp-stale",
            Refusal::OcspNotYetValid { .. } => "sign-ocsp-not-yet-valid",
        }
    }

    pub(crate) fn malformed(what: &'static str) -> Self {
        Refusal::Malformed { what }
    }
}
