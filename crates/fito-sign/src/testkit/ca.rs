//! Certificate authorities of the test PKI: roots, intermediates, the leaves
//! they issue and their CRLs.

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, TimeZone, Utc};
use der::asn1::{BitString, ObjectIdentifier, OctetString, Uint};
use der::{Decode, Encode};
use x509_cert::certificate::{Certificate, TbsCertificate, Version};
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::ext::pkix::crl::CrlNumber;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages,
    SubjectKeyIdentifier,
};
use x509_cert::name::Name;
use x509_cert::time::Validity;

use super::asn1::{self, Str};
use super::{KeyKind, LeafSpec, TestKey, TestLeaf, pem, random_serial};
use crate::oid;
use crate::trust::TrustStore;

/// id-ce-authorityKeyIdentifier.
const EXT_AUTHORITY_KEY_IDENTIFIER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.35");
/// id-ce-cRLNumber.
const EXT_CRL_NUMBER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.20");

/// A certificate authority of the test PKI: a self-signed root or an
/// intermediate issued by another `TestCa`.
#[derive(Debug)]
pub struct TestCa {
    name: Name,
    key: TestKey,
    key_id: Vec<u8>,
    cert_der: Vec<u8>,
    crl_number: AtomicU64,
}

impl TestCa {
    /// A self-signed GOST-512 root named CN = `name`, C = KZ, valid 2000–2099.
    pub fn new_gost(name: &str) -> Self {
        Self::new(name, KeyKind::Gost512)
    }

    /// A self-signed RSA-2048 root named CN = `name`, C = KZ, valid 2000–2099.
    pub fn new_rsa(name: &str) -> Self {
        Self::new(name, KeyKind::RSA_2048)
    }

    /// A self-signed root of the given key kind, valid 2000–2099.
    pub fn new(name: &str, kind: KeyKind) -> Self {
        let (from, to) = default_ca_validity();
        Self::new_with_validity(name, kind, from, to)
    }

    /// A self-signed root with the given validity.
    pub fn new_with_validity(
        name: &str,
        kind: KeyKind,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
    ) -> Self {
        let key = TestKey::generate(kind);
        let subject = ca_name(name);
        let key_id = key.key_id();
        let tbs = ca_tbs(
            &subject,
            &key,
            &subject,
            &key_id,
            random_serial(),
            (not_before, not_after),
            None,
        );
        let cert_der = sign_certificate(tbs, &key);
        TestCa {
            name: subject,
            key,
            key_id,
            cert_der,
            crl_number: AtomicU64::new(1),
        }
    }

    /// An intermediate CA issued by this one (valid 2000–2099, pathLen 0).
    pub fn intermediate(&self, name: &str, kind: KeyKind) -> TestCa {
        let key = TestKey::generate(kind);
        let subject = ca_name(name);
        let key_id = key.key_id();
        let tbs = ca_tbs(
            &subject,
            &key,
            &self.name,
            &self.key_id,
            random_serial(),
            default_ca_validity(),
            Some(0),
        );
        let cert_der = sign_certificate(tbs, &self.key);
        TestCa {
            name: subject,
            key,
            key_id,
            cert_der,
            crl_number: AtomicU64::new(1),
        }
    }

    pub fn cert_der(&self) -> &[u8] {
        &self.cert_der
    }

    pub fn cert_pem(&self) -> String {
        pem("CERTIFICATE", &self.cert_der)
    }

    pub fn key(&self) -> &TestKey {
        &self.key
    }

    /// A trust store holding these CAs' certificates.
    pub fn trust_store(cas: &[&TestCa]) -> TrustStore {
        let mut trust = TrustStore::new();
        for ca in cas {
            trust
                .add(&ca.cert_der)
                .expect("a testkit CA certificate is accepted");
        }
        trust
    }

    /// Issues an NCA-shaped leaf certificate with a fresh key.
    pub fn issue(&self, spec: &LeafSpec) -> TestLeaf {
        let key = TestKey::generate(spec.key.unwrap_or_else(|| self.key_kind()));
        let serial = spec.serial.max(1);
        let mut subject: Vec<(ObjectIdentifier, Str, &str)> =
            vec![(oid::AT_COMMON_NAME, Str::Utf8, &spec.common_name)];
        let iin = format!("IIN{}", spec.iin);
        subject.push((oid::AT_SERIAL_NUMBER, Str::Printable, &iin));
        subject.push((oid::AT_COUNTRY, Str::Printable, "KZ"));
        if let Some(o) = &spec.organization {
            subject.push((oid::AT_ORGANIZATION, Str::Utf8, o));
        }
        let bin = spec.bin.as_ref().map(|b| format!("BIN{b}"));
        if let Some(bin) = &bin {
            subject.push((oid::AT_ORGANIZATIONAL_UNIT, Str::Printable, bin));
        }

        let mut eku = Vec::new();
        if spec.purposes.signing {
            eku.push(oid::EKU_EMAIL_PROTECTION);
        }
        if spec.purposes.authentication {
            eku.push(oid::EKU_CLIENT_AUTH);
        }
        if spec.legal_entity {
            eku.push(oid::EKU_LEGAL_ENTITY);
            eku.extend(spec.roles.iter().copied());
        } else {
            eku.push(oid::EKU_INDIVIDUAL);
        }
        let mut usages = KeyUsages::DigitalSignature | KeyUsages::NonRepudiation;
        if spec.purposes.authentication {
            usages |= KeyUsages::KeyEncipherment;
        }
        let extensions = vec![
            asn1::extension(oid::EXT_KEY_USAGE, true, &KeyUsage(usages)),
            asn1::extension(oid::EXT_EXTENDED_KEY_USAGE, false, &ExtendedKeyUsage(eku)),
            asn1::extension(
                oid::EXT_SUBJECT_KEY_IDENTIFIER,
                false,
                &SubjectKeyIdentifier(OctetString::new(key.key_id()).expect("key id")),
            ),
            self.authority_key_identifier(),
        ];
        let tbs = TbsCertificate {
            version: Version::V3,
            serial_number: asn1::serial(serial),
            signature: self.key.signature_algorithm(),
            issuer: self.name.clone(),
            validity: Validity {
                not_before: asn1::time(spec.not_before),
                not_after: asn1::time(spec.not_after),
            },
            subject: asn1::name(&subject),
            subject_public_key_info: key.subject_public_key_info(),
            issuer_unique_id: None,
            subject_unique_id: None,
            extensions: Some(extensions),
        };
        TestLeaf {
            cert_der: sign_certificate(tbs, &self.key),
            key,
            serial,
        }
    }

    /// A v2 CRL signed by this CA, with cRLNumber (incremented per call) and
    /// authorityKeyIdentifier. `revoked`: (serial, revocation time).
    pub fn crl(
        &self,
        revoked: &[(u128, DateTime<Utc>)],
        this_update: DateTime<Utc>,
        next_update: DateTime<Utc>,
    ) -> Vec<u8> {
        let number = self.crl_number.fetch_add(1, Ordering::Relaxed);
        let entries: Vec<RevokedCert> = revoked
            .iter()
            .map(|(serial, at)| RevokedCert {
                serial_number: asn1::serial(*serial),
                revocation_date: asn1::time(*at),
                crl_entry_extensions: None,
            })
            .collect();
        let tbs = TbsCertList {
            version: Version::V2,
            signature: self.key.signature_algorithm(),
            issuer: self.name.clone(),
            this_update: asn1::time(this_update),
            next_update: Some(asn1::time(next_update)),
            // RFC 5280: an empty list is omitted, not encoded as an empty SEQUENCE.
            revoked_certificates: (!entries.is_empty()).then_some(entries),
            crl_extensions: Some(vec![
                self.authority_key_identifier(),
                asn1::extension(
                    EXT_CRL_NUMBER,
                    false,
                    &CrlNumber(Uint::new(&number.to_be_bytes()).expect("CRL number")),
                ),
            ]),
        };
        let tbs_der = tbs.to_der().expect("TBSCertList encodes");
        let signature = self.key.sign(&tbs_der);
        CertificateList {
            tbs_cert_list: tbs,
            signature_algorithm: self.key.signature_algorithm(),
            signature: BitString::from_bytes(&signature).expect("signature"),
        }
        .to_der()
        .expect("CRL encodes")
    }

    fn key_kind(&self) -> KeyKind {
        match &self.key {
            TestKey::Gost(_) => KeyKind::Gost512,
            TestKey::Rsa(key) => KeyKind::Rsa {
                bits: rsa::traits::PublicKeyParts::n(key.as_ref()).bits(),
            },
        }
    }

    fn authority_key_identifier(&self) -> x509_cert::ext::Extension {
        asn1::extension(
            EXT_AUTHORITY_KEY_IDENTIFIER,
            false,
            &AuthorityKeyIdentifier {
                key_identifier: Some(OctetString::new(self.key_id.clone()).expect("key id")),
                authority_cert_issuer: None,
                authority_cert_serial_number: None,
            },
        )
    }
}

fn default_ca_validity() -> (DateTime<Utc>, DateTime<Utc>) {
    (
        Utc.with_ymd_and_hms(2000, 1, 1, 0, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2099, 12, 31, 23, 59, 59).unwrap(),
    )
}

fn ca_name(common_name: &str) -> Name {
    asn1::name(&[
        (oid::AT_COMMON_NAME, Str::Utf8, common_name),
        (oid::AT_COUNTRY, Str::Printable, "KZ"),
    ])
}

/// TBSCertificate of a CA: basicConstraints cA (critical), keyUsage
/// keyCertSign + cRLSign (critical), SKI, AKI.
fn ca_tbs(
    subject: &Name,
    key: &TestKey,
    issuer: &Name,
    issuer_key_id: &[u8],
    serial: u128,
    (not_before, not_after): (DateTime<Utc>, DateTime<Utc>),
    path_len: Option<u8>,
) -> TbsCertificate {
    let extensions = vec![
        asn1::extension(
            oid::EXT_BASIC_CONSTRAINTS,
            true,
            &BasicConstraints {
                ca: true,
                path_len_constraint: path_len,
            },
        ),
        asn1::extension(
            oid::EXT_KEY_USAGE,
            true,
            &KeyUsage(KeyUsages::DigitalSignature | KeyUsages::KeyCertSign | KeyUsages::CRLSign),
        ),
        asn1::extension(
            oid::EXT_SUBJECT_KEY_IDENTIFIER,
            false,
            &SubjectKeyIdentifier(OctetString::new(key.key_id()).expect("key id")),
        ),
        asn1::extension(
            EXT_AUTHORITY_KEY_IDENTIFIER,
            false,
            &AuthorityKeyIdentifier {
                key_identifier: Some(OctetString::new(issuer_key_id).expect("key id")),
                authority_cert_issuer: None,
                authority_cert_serial_number: None,
            },
        ),
    ];
    TbsCertificate {
        version: Version::V3,
        serial_number: asn1::serial(serial),
        // Set by `sign_certificate`, which knows the issuer's key.
        signature: key.signature_algorithm(),
        issuer: issuer.clone(),
        validity: Validity {
            not_before: asn1::time(not_before),
            not_after: asn1::time(not_after),
        },
        subject: subject.clone(),
        subject_public_key_info: key.subject_public_key_info(),
        issuer_unique_id: None,
        subject_unique_id: None,
        extensions: Some(extensions),
    }
}

/// Signs `tbs` with `issuer_key` (setting both signature algorithm fields)
/// and returns the certificate's DER.
fn sign_certificate(mut tbs: TbsCertificate, issuer_key: &TestKey) -> Vec<u8> {
    tbs.signature = issuer_key.signature_algorithm();
    let tbs_der = tbs.to_der().expect("TBSCertificate encodes");
    let signature = issuer_key.sign(&tbs_der);
    let cert = Certificate {
        tbs_certificate: tbs,
        signature_algorithm: issuer_key.signature_algorithm(),
        signature: BitString::from_bytes(&signature).expect("signature"),
    }
    .to_der()
    .expect("certificate encodes");
    debug_assert!(Certificate::from_der(&cert).is_ok());
    cert
}
