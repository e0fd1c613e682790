//! Configured NCA certificates and chain building from a leaf to them.
//!
//! Every certificate in the store is a trust anchor: it was put there by the
//! operator's configuration, not by the signer. The chain is followed upwards
//! as far as the store allows, checking each link, and is accepted when it
//! ends at a self-signed root or at a configured CA whose own issuer is not
//! configured (NCA's GOST-2022 test root, for example, is not published as
//! text anywhere; configuring only its issuing CA must still work).

use chrono::{DateTime, Utc};

use crate::algorithm::{PublicKey, SignatureAlgorithm};
use crate::certificate::{CertificateInfo, X509, is_ca, to_chrono};
use crate::refusal::Refusal;

/// Longest chain followed; NCA's are two or three certificates deep.
const MAX_DEPTH: usize = 6;

/// Root and intermediate NCA certificates the system trusts.
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    certs: Vec<X509>,
}

impl TrustStore {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one certificate from PEM or DER bytes. Only CA certificates are
    /// accepted: a leaf configured by mistake must not become an anchor.
    pub fn add(&mut self, bytes: &[u8]) -> Result<&mut Self, Refusal> {
        let x = X509::parse(bytes)?;
        if !is_ca(&x.cert) {
            return Err(Refusal::IssuerNotCa { serial: x.serial() });
        }
        self.certs.push(x);
        Ok(self)
    }

    pub fn is_empty(&self) -> bool {
        self.certs.is_empty()
    }

    pub fn certificates(&self) -> Result<Vec<CertificateInfo>, Refusal> {
        self.certs.iter().map(X509::info).collect()
    }

    /// Configured certificates whose subject is `name_der`.
    pub(crate) fn by_subject<'s, 'n>(
        &'s self,
        name_der: &'n [u8],
    ) -> impl Iterator<Item = &'s X509> + use<'s, 'n> {
        self.certs
            .iter()
            .filter(move |c| c.subject_der() == name_der)
    }

    /// Builds and checks the chain leaf → … → anchor at time `at`. Returns the
    /// chain, leaf first. Checks on each link: issuer name, issuer's signature,
    /// validity at `at`, and basicConstraints cA on the issuer.
    pub(crate) fn build_chain(&self, leaf: &X509, at: DateTime<Utc>) -> Result<Vec<X509>, Refusal> {
        check_validity(leaf, at)?;
        let mut chain = vec![leaf.clone()];
        for _ in 0..MAX_DEPTH {
            let current = chain.last().expect("chain starts with the leaf");
            if chain.len() > 1 && current.is_self_issued() {
                return Ok(chain);
            }
            let Some(issuer) = self.find_issuer(current)? else {
                // The top of the chain is a configured anchor: accepted. A leaf
                // with no configured issuer is a foreign chain.
                return if chain.len() > 1 {
                    Ok(chain)
                } else {
                    Err(Refusal::UntrustedChain {
                        serial: leaf.serial(),
                    })
                };
            };
            if !is_ca(&issuer.cert) {
                return Err(Refusal::IssuerNotCa {
                    serial: issuer.serial(),
                });
            }
            check_validity(issuer, at)?;
            chain.push(issuer.clone());
        }
        Err(Refusal::UntrustedChain {
            serial: leaf.serial(),
        })
    }

    /// The configured certificate named as `child`'s issuer whose key verifies
    /// `child`'s signature. A name match whose key does not verify is a forged
    /// or damaged certificate, reported as such rather than as "unknown issuer".
    fn find_issuer(&self, child: &X509) -> Result<Option<&X509>, Refusal> {
        let issuer_name = child.issuer_der();
        let mut named = false;
        for candidate in self.by_subject(&issuer_name) {
            if candidate.der == child.der {
                continue;
            }
            named = true;
            if verify_signed_by(child, candidate).is_ok() {
                return Ok(Some(candidate));
            }
        }
        // Unsupported algorithms (legacy GOST) surface as such, not as forgery.
        if named {
            SignatureAlgorithm::from_oid(&child.cert.signature_algorithm.oid)?;
            return Err(Refusal::CertificateSignatureInvalid {
                serial: child.serial(),
            });
        }
        Ok(None)
    }
}

/// Checks that `issuer`'s key signed `child` (over the original TBS bytes).
pub(crate) fn verify_signed_by(child: &X509, issuer: &X509) -> Result<(), Refusal> {
    let outer = &child.cert.signature_algorithm;
    // RFC 5280 4.1.1.2: the two algorithm fields must agree; a mismatch means
    // someone edited one of them.
    if *outer != child.cert.tbs_certificate.signature {
        return Err(Refusal::malformed("certificate signature algorithm"));
    }
    let algorithm = SignatureAlgorithm::from_oid(&outer.oid)?;
    let key = PublicKey::from_spki(&issuer.cert.tbs_certificate.subject_public_key_info)?;
    // The signature OID and the key's arc fix one encoding (NCA's or RFC 4491's).
    key.check_signature_oid(&outer.oid)?;
    let signature = child
        .cert
        .signature
        .as_bytes()
        .ok_or(Refusal::malformed("certificate signature"))?;
    key.verify(algorithm, child.tbs()?, signature)
}

pub(crate) fn check_validity(cert: &X509, at: DateTime<Utc>) -> Result<(), Refusal> {
    let validity = &cert.cert.tbs_certificate.validity;
    let (not_before, not_after) = (
        to_chrono(validity.not_before),
        to_chrono(validity.not_after),
    );
    if at < not_before {
        return Err(Refusal::CertificateNotYetValid {
            serial: cert.serial(),
            not_before,
        });
    }
    if at > not_after {
        return Err(Refusal::CertificateExpired {
            serial: cert.serial(),
            not_after,
        });
    }
    Ok(())
}
