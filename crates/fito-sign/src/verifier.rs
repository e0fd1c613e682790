//! The top-level decision: is this CMS a valid NCA RK signature that our
//! policy accepts at time `at`?

use chrono::{DateTime, Utc};

use crate::algorithm::SignatureAlgorithm;
use crate::certificate::{CertificateInfo, SubjectKind, X509};
use crate::cms::{self, SignerIntegrity};
use crate::crl::{self, Crl};
use crate::ocsp::{self, OcspStatus};
use crate::refusal::{Refusal, SerialHex};
use crate::trust::TrustStore;

/// How revocation is decided. The sources are the verifier's CRLs and the
/// OCSP answers the caller passes in a [`Revocation`]: revoked by either is
/// refused; good by a current CRL or a current verified OCSP answer is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevocationPolicy {
    /// The status must be established: a current, verified CRL of the leaf's
    /// issuer or a current OCSP "good"; when no source answers, the status is
    /// unknown and the signature is refused.
    CrlRequired,
    /// CRLs and OCSP answers are consulted when present, and their absence is
    /// tolerated. For tests and for re-verifying archived documents whose
    /// CRLs are gone.
    CrlIfAvailable,
}

/// Revocation evidence the caller obtained for this verification, beyond the
/// verifier's CRLs: OCSP answers checked with [`ocsp::verify_response`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Revocation {
    ocsp: Vec<OcspAnswer>,
}

/// An OCSP answer bound to one certificate (issuer name and serial).
#[derive(Debug, Clone, PartialEq, Eq)]
struct OcspAnswer {
    issuer_der: Vec<u8>,
    serial: SerialHex,
    status: OcspStatus,
}

impl Revocation {
    /// No evidence beyond CRLs (what `verify_cms`/`verify_certificate` use).
    pub fn none() -> Self {
        Self::default()
    }

    /// Records what a verified OCSP response said about `certificate` (PEM or
    /// DER). Only pass a status returned by [`ocsp::verify_response`] for
    /// that same certificate.
    pub fn add_ocsp(
        &mut self,
        certificate: &[u8],
        status: OcspStatus,
    ) -> Result<&mut Self, Refusal> {
        let cert = X509::parse(certificate)?;
        self.ocsp.push(OcspAnswer {
            issuer_der: cert.issuer_der(),
            serial: cert.serial(),
            status,
        });
        Ok(self)
    }

    /// [`Revocation::add_ocsp`] by value, for building in one expression.
    pub fn with_ocsp(mut self, certificate: &[u8], status: OcspStatus) -> Result<Self, Refusal> {
        self.add_ocsp(certificate, status)?;
        Ok(self)
    }

    pub fn is_empty(&self) -> bool {
        self.ocsp.is_empty()
    }

    fn ocsp_for<'s>(&'s self, cert: &X509) -> impl Iterator<Item = OcspStatus> + use<'s> {
        let (issuer, serial) = (cert.issuer_der(), cert.serial());
        self.ocsp
            .iter()
            .filter(move |a| a.issuer_der == issuer && a.serial == serial)
            .map(|a| a.status)
    }
}

/// Which key purpose (Extended Key Usage) the use requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyPurpose {
    /// emailProtection: NCA's signing keys.
    Signing,
    /// clientAuth: NCA's authentication keys.
    Authentication,
}

/// What the verifier demands beyond a valid signature and chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Policy {
    /// Refuse individuals' certificates (R-AUTH-2, R-AUTH-4).
    pub require_legal_entity: bool,
    pub revocation: RevocationPolicy,
    pub key_purpose: Option<KeyPurpose>,
}

impl Policy {
    /// Sign-in: a legal entity's certificate, revocation checked. Either key
    /// purpose: NCALayer signs the challenge with the AUTH key of RSA sets and
    /// with the one key of GOST-2015 sets.
    pub fn sign_in() -> Self {
        Policy {
            require_legal_entity: true,
            revocation: RevocationPolicy::CrlRequired,
            key_purpose: None,
        }
    }

    /// Signing an act: a legal entity's signing key, revocation checked.
    pub fn act_signing() -> Self {
        Policy {
            require_legal_entity: true,
            revocation: RevocationPolicy::CrlRequired,
            key_purpose: Some(KeyPurpose::Signing),
        }
    }
}

/// One accepted signer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedSigner {
    pub certificate: CertificateInfo,
    pub algorithm: SignatureAlgorithm,
    pub signing_time: Option<DateTime<Utc>>,
    /// Issuers above the signer, nearest first, as far as configured.
    pub chain: Vec<CertificateInfo>,
}

/// An accepted CMS: its content and every signer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedSignature {
    pub content: Vec<u8>,
    pub signers: Vec<VerifiedSigner>,
}

/// Verifies CMS signatures and certificates against configured NCA
/// certificates and CRLs. Pure: no network, no clock — the caller passes the
/// time.
#[derive(Debug, Clone)]
pub struct Verifier {
    trust: TrustStore,
    crls: Vec<Crl>,
    policy: Policy,
}

impl Verifier {
    pub fn new(trust: TrustStore, policy: Policy) -> Self {
        Verifier {
            trust,
            crls: Vec::new(),
            policy,
        }
    }

    pub fn policy(&self) -> Policy {
        self.policy
    }

    /// Adds a CRL (DER or PEM) after checking its signature with the
    /// configured certificate of its issuer.
    pub fn add_crl(&mut self, bytes: &[u8]) -> Result<&Crl, Refusal> {
        let crl = Crl::parse_and_verify(bytes, &self.trust)?;
        self.crls.push(crl);
        Ok(self.crls.last().expect("just pushed"))
    }

    /// Verifies a CMS SignedData. `content` is the expected content: required
    /// for a detached signature, compared with the attached content
    /// otherwise. Every signer must pass; the first refusal is returned.
    pub fn verify_cms(
        &self,
        cms: &[u8],
        content: Option<&[u8]>,
        at: DateTime<Utc>,
    ) -> Result<VerifiedSignature, Refusal> {
        self.verify_cms_with(cms, content, at, &Revocation::none())
    }

    /// As [`Verifier::verify_cms`], with revocation evidence (OCSP answers)
    /// the caller obtained for the signers' certificates.
    pub fn verify_cms_with(
        &self,
        cms: &[u8],
        content: Option<&[u8]>,
        at: DateTime<Utc>,
        revocation: &Revocation,
    ) -> Result<VerifiedSignature, Refusal> {
        let integrity = cms::verify_integrity(cms, content)?;
        let signers = integrity
            .signers
            .iter()
            .map(|s| self.accept_signer(s, at, revocation))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(VerifiedSignature {
            content: integrity.content,
            signers,
        })
    }

    /// Verifies one certificate (PEM or DER) as if it had signed at `at`:
    /// chain, validity, revocation and policy.
    pub fn verify_certificate(
        &self,
        bytes: &[u8],
        at: DateTime<Utc>,
    ) -> Result<CertificateInfo, Refusal> {
        self.verify_certificate_with(bytes, at, &Revocation::none())
    }

    /// As [`Verifier::verify_certificate`], with revocation evidence.
    pub fn verify_certificate_with(
        &self,
        bytes: &[u8],
        at: DateTime<Utc>,
        revocation: &Revocation,
    ) -> Result<CertificateInfo, Refusal> {
        let leaf = X509::parse(bytes)?;
        self.accept_certificate(&leaf, at, revocation)
            .map(|(info, _)| info)
    }

    /// The trust store, e.g. to find the issuer to ask OCSP about
    /// ([`TrustStore::issuer_of`]) and to verify the answer.
    pub fn trust(&self) -> &TrustStore {
        &self.trust
    }

    fn accept_signer(
        &self,
        signer: &SignerIntegrity,
        at: DateTime<Utc>,
        revocation: &Revocation,
    ) -> Result<VerifiedSigner, Refusal> {
        let (certificate, chain) = self.accept_certificate(&signer.x509, at, revocation)?;
        if let Some(t) = signer.signing_time
            && (t < certificate.not_before || t > certificate.not_after)
        {
            return Err(Refusal::SigningTimeOutsideValidity);
        }
        Ok(VerifiedSigner {
            certificate,
            algorithm: signer.algorithm,
            signing_time: signer.signing_time,
            chain,
        })
    }

    fn accept_certificate(
        &self,
        leaf: &X509,
        at: DateTime<Utc>,
        revocation: &Revocation,
    ) -> Result<(CertificateInfo, Vec<CertificateInfo>), Refusal> {
        let info = leaf.info()?;
        // Policy first: an individual's certificate gets the clear R-AUTH-4
        // message even when it would also fail later checks.
        self.check_policy(&info)?;
        let chain = self.trust.build_chain(leaf, at)?;
        self.check_revocation(leaf, at, revocation)?;
        let issuers = chain[1..]
            .iter()
            .map(X509::info)
            .collect::<Result<Vec<_>, _>>()?;
        Ok((info, issuers))
    }

    fn check_policy(&self, info: &CertificateInfo) -> Result<(), Refusal> {
        if self.policy.require_legal_entity {
            match info.kind {
                SubjectKind::LegalEntity { .. } => {}
                SubjectKind::Individual => return Err(Refusal::IndividualCertificate),
                SubjectKind::Unknown => return Err(Refusal::SubjectKindUnknown),
            }
        }
        let allowed = match self.policy.key_purpose {
            None => true,
            Some(KeyPurpose::Signing) => info.purposes.signing,
            Some(KeyPurpose::Authentication) => info.purposes.authentication,
        };
        if allowed {
            Ok(())
        } else {
            Err(Refusal::WrongKeyPurpose)
        }
    }

    /// Revoked by a CRL or an OCSP answer → refused; good by a current CRL or
    /// a current OCSP answer → known; neither → unknown, refused unless the
    /// policy tolerates it.
    fn check_revocation(
        &self,
        leaf: &X509,
        at: DateTime<Utc>,
        revocation: &Revocation,
    ) -> Result<(), Refusal> {
        let mut known = crl::check(leaf, &self.crls, at)?.is_some();
        for status in revocation.ocsp_for(leaf) {
            match status {
                OcspStatus::Revoked { at: revoked_at, .. } if revoked_at <= at => {
                    return Err(Refusal::CertificateRevoked {
                        serial: leaf.serial(),
                        revoked_at,
                    });
                }
                // Revoked only after `at`: like a CRL listing it later, the
                // answer vouches for the time before.
                OcspStatus::Revoked { .. } => known = true,
                OcspStatus::Good {
                    this_update,
                    next_update,
                } => known |= ocsp::check_currency(this_update, next_update, at).is_ok(),
                OcspStatus::Unknown => {}
            }
        }
        match (known, self.policy.revocation) {
            (true, _) | (false, RevocationPolicy::CrlIfAvailable) => Ok(()),
            (false, RevocationPolicy::CrlRequired) => Err(Refusal::RevocationUnknown {
                serial: leaf.serial(),
            }),
        }
    }
}
