//! Verification of NCA RK (Kazakhstan's National Certification Authority)
//! e-signatures: X.509 certificates, CMS/CAdES as NCALayer produces it, chains
//! to configured NCA certificates, CRLs, and the legal-entity rule.
//!
//! Pure library: bytes, trust anchors and a time in, a typed result or a typed
//! [`Refusal`] out. No network, no database, no clock. Every decision is made on
//! OIDs, never on the printed text of a name.
//!
//! Algorithms: RSA PKCS #1 v1.5 with SHA-2, and GOST R 34.10-2015 512-bit with
//! Streebog-512 (our own verification, see [`gost`]). The legacy GOST
//! 34.310-2004 is refused as [`Refusal::UnsupportedAlgorithm`].

pub mod algorithm;
pub mod certificate;
pub mod cms;
pub mod crl;
mod der_walk;
pub mod gost;
pub mod ocsp;
pub mod oid;
pub mod refusal;
#[cfg(feature = "testkit")]
pub mod testkit;
pub mod trust;
pub mod verifier;

pub use algorithm::{DigestAlgorithm, KeyAlgorithm, SignatureAlgorithm};
pub use certificate::{CertificateInfo, KeyPurposes, LegalEntityRole, SubjectKind};
pub use crl::Crl;
pub use ocsp::{CertIdHash, OcspStatus};
pub use refusal::Refusal;
pub use trust::TrustStore;
pub use verifier::{
    KeyPurpose, Policy, Revocation, RevocationPolicy, VerifiedSignature, VerifiedSigner, Verifier,
};
