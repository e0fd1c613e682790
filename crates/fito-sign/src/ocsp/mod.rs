//! OCSP (RFC 6960): the request the server sends to NCA's responder and the
//! judgement of the answer. Pure: no network — the caller POSTs the request
//! (`application/ocsp-request`) and hands the response bytes back here.
//!
//! A response counts only when its signature verifies with the key of the
//! leaf's issuing CA, or with a responder certificate that the same CA issued
//! for OCSP signing (EKU id-kp-OCSPSigning) and that is valid at the time of
//! the check; when its CertID is the leaf's; when it carries the nonce that was
//! sent; and when it is current.

mod asn1;
mod request;
mod response;
#[cfg(test)]
mod tests;

use chrono::{DateTime, Duration, Utc};

pub use request::{request, request_with_hash};
pub(crate) use response::check_currency;
pub use response::{parse_response, verify_response};
pub use x509_cert::ext::pkix::crl::CrlReason;

use crate::certificate::X509;
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
