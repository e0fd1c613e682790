//! Certificate revocation lists (RFC 5280 §5), as NCA RK publishes them (full
//! and delta CRLs). A CRL only counts once its signature has been checked with
//! a configured certificate of its issuer. Only v2 CRLs are read (what NCA
//! publishes): `x509-cert` 0.2 requires the version field.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use der::Decode;
use x509_cert::crl::CertificateList;

use crate::algorithm::{PublicKey, SignatureAlgorithm};
use crate::certificate::{X509, hex_of_integer, name_der, to_chrono};
use crate::der_walk;
use crate::oid;
use crate::refusal::{Refusal, SerialHex};
use crate::trust::TrustStore;

/// A CRL whose signature was verified against the trust store.
#[derive(Debug, Clone)]
pub struct Crl {
    issuer_der: Vec<u8>,
    this_update: DateTime<Utc>,
    next_update: Option<DateTime<Utc>>,
    is_delta: bool,
    revoked: HashMap<SerialHex, DateTime<Utc>>,
}

impl Crl {
    /// Parses a CRL (DER or PEM "X509 CRL") and verifies its signature with
    /// the configured certificate of its issuer.
    pub fn parse_and_verify(bytes: &[u8], trust: &TrustStore) -> Result<Self, Refusal> {
        let der = if bytes.trim_ascii_start().starts_with(b"-----BEGIN") {
            der::pem::decode_vec(bytes)
                .map_err(|_| Refusal::malformed("CRL PEM"))?
                .1
        } else {
            bytes.to_vec()
        };
        let list = CertificateList::from_der(&der).map_err(|_| Refusal::malformed("CRL"))?;
        let tbs = der_walk::first_child(&der)
            .ok_or(Refusal::malformed("CRL"))?
            .whole;
        verify_crl_signature(&list, tbs, trust)?;
        let tbs_list = &list.tbs_cert_list;
        let revoked = tbs_list
            .revoked_certificates
            .iter()
            .flatten()
            .map(|r| {
                (
                    hex_of_integer(r.serial_number.as_bytes()),
                    to_chrono(r.revocation_date),
                )
            })
            .collect();
        let is_delta = tbs_list
            .crl_extensions
            .iter()
            .flatten()
            .any(|e| e.extn_id == oid::EXT_DELTA_CRL_INDICATOR);
        Ok(Crl {
            issuer_der: name_der(&tbs_list.issuer),
            this_update: to_chrono(tbs_list.this_update),
            next_update: tbs_list.next_update.map(to_chrono),
            is_delta,
            revoked,
        })
    }

    /// Issued by the issuer of `cert`.
    pub(crate) fn covers(&self, cert: &X509) -> bool {
        self.issuer_der == cert.issuer_der()
    }

    /// thisUpdate ≤ at ≤ nextUpdate. A CRL without nextUpdate is never
    /// considered current: NCA always sets it, and a CRL that never expires
    /// would let a stale file hide a revocation forever.
    pub fn is_current(&self, at: DateTime<Utc>) -> bool {
        matches!(self.next_update, Some(next) if self.this_update <= at && at <= next)
    }

    pub fn is_delta(&self) -> bool {
        self.is_delta
    }

    pub fn this_update(&self) -> DateTime<Utc> {
        self.this_update
    }

    pub fn next_update(&self) -> Option<DateTime<Utc>> {
        self.next_update
    }

    /// The revocation time of `serial` (upper-case hex), if listed.
    pub fn revoked_at(&self, serial: &str) -> Option<DateTime<Utc>> {
        self.revoked.get(&serial.to_ascii_uppercase()).copied()
    }

    pub fn len(&self) -> usize {
        self.revoked.len()
    }

    pub fn is_empty(&self) -> bool {
        self.revoked.is_empty()
    }
}

fn verify_crl_signature(
    list: &CertificateList,
    tbs: &[u8],
    trust: &TrustStore,
) -> Result<(), Refusal> {
    if list.signature_algorithm != list.tbs_cert_list.signature {
        return Err(Refusal::malformed("CRL signature algorithm"));
    }
    let algorithm = SignatureAlgorithm::from_oid(&list.signature_algorithm.oid)?;
    let signature = list
        .signature
        .as_bytes()
        .ok_or(Refusal::malformed("CRL signature"))?;
    let issuer = name_der(&list.tbs_cert_list.issuer);
    let verified = trust.by_subject(&issuer).any(|ca| {
        PublicKey::from_spki(&ca.cert.tbs_certificate.subject_public_key_info)
            .and_then(|key| {
                key.check_signature_oid(&list.signature_algorithm.oid)?;
                key.verify(algorithm, tbs, signature)
            })
            .is_ok()
    });
    if verified {
        Ok(())
    } else {
        Err(Refusal::CrlUntrusted)
    }
}

/// Revocation status of `cert` at `at` from the CRLs given: `Ok(Some(()))`
/// when a current CRL (full or delta) of its issuer vouches for it, `Ok(None)`
/// when none is current, and a refusal when it is listed as revoked by then.
pub(crate) fn check(cert: &X509, crls: &[Crl], at: DateTime<Utc>) -> Result<Option<()>, Refusal> {
    let serial = cert.serial();
    let mut known = false;
    for crl in crls.iter().filter(|c| c.covers(cert) && c.is_current(at)) {
        // A delta alone says nothing about certificates revoked before its base.
        known |= !crl.is_delta;
        if let Some(revoked_at) = crl.revoked_at(&serial).filter(|t| *t <= at) {
            return Err(Refusal::CertificateRevoked { serial, revoked_at });
        }
    }
    Ok(known.then_some(()))
}
