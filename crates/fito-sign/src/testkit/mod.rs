//! A throw-away test PKI (feature `testkit`): GOST R 34.10-2015 512-bit and
//! RSA certificate authorities issuing NCA RK–shaped certificates, CRLs and
//! CMS signatures, so that sign-in and act signing can be tested end to end
//! without NCA's private keys (none is public).
//!
//! TEST USE ONLY. The GOST signer is variable-time and keys are kept in plain
//! memory; never enable this feature in a production build.
//!
//! ```ignore
//! let ca = TestCa::new_gost("FITO TEST GOST CA");
//! let leaf = ca.issue(&LeafSpec::legal_entity("123456789011", "123456789021", from, to));
//! let cms = leaf.sign_cms(b"act", true, signing_time);
//! let mut verifier = Verifier::new(TestCa::trust_store(&[&ca]), Policy::act_signing());
//! verifier.add_crl(&ca.crl(&[], this_update, next_update))?;
//! verifier.verify_cms(&cms, Some(b"act"), at)?;
//! ```
//!
//! What NCA's certificates look like, and what is copied here: subject CN,
//! serialNumber "IIN…" (PrintableString), C = KZ, and for a legal entity O and
//! OU "BIN…"; EKU emailProtection (signing) and/or clientAuth (authentication)
//! followed by 1.2.398.3.3.4.1.1 (individual) or 1.2.398.3.3.4.1.2 and its
//! roles (legal entity); GOST keys 1.2.398.3.10.1.1.2.2 with parameters
//! {1.2.398.3.10.1.1.2.2.1, 1.2.398.3.10.1.3.3}, signatures
//! 1.2.398.3.10.1.1.2.3.2 with NULL parameters.

mod asn1;
mod cms;
mod gost;

use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, TimeZone, Utc};
use der::asn1::{BitString, ObjectIdentifier, OctetString, Uint};
use der::{Any, Decode, Encode, Tag};
use rand::RngCore;
use rsa::pkcs1::EncodeRsaPublicKey;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use sha2::{Digest, Sha256};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::certificate::{Certificate, TbsCertificate, Version};
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::ext::pkix::crl::CrlNumber;
use x509_cert::ext::pkix::{
    AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, KeyUsages,
    SubjectKeyIdentifier,
};
use x509_cert::name::Name;
use x509_cert::time::Validity;

pub use gost::GostSigningKey;

use crate::algorithm::DigestAlgorithm;
use crate::certificate::KeyPurposes;
use crate::oid;
use crate::trust::TrustStore;
use asn1::Str;

/// id-ce-authorityKeyIdentifier.
const EXT_AUTHORITY_KEY_IDENTIFIER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.35");
/// id-ce-cRLNumber.
const EXT_CRL_NUMBER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.20");

/// ASN.1 NULL, the parameters NCA writes for its signature and digest OIDs.
pub(crate) fn null_params() -> Any {
    Any::new(Tag::Null, Vec::<u8>::new()).expect("NULL")
}

/// Which kind of key to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyKind {
    /// GOST R 34.10-2015 512-bit on paramSetA, signing with Streebog-512.
    Gost512,
    /// RSA with PKCS #1 v1.5 and SHA-256.
    Rsa { bits: usize },
}

impl KeyKind {
    /// RSA 2048, NCA's RSA key size.
    pub const RSA_2048: KeyKind = KeyKind::Rsa { bits: 2048 };
}

/// A private key of the test PKI.
#[derive(Debug, Clone)]
pub enum TestKey {
    Gost(GostSigningKey),
    Rsa(Box<RsaPrivateKey>),
}

impl TestKey {
    /// Generates a fresh key.
    pub fn generate(kind: KeyKind) -> Self {
        match kind {
            KeyKind::Gost512 => TestKey::Gost(GostSigningKey::generate()),
            KeyKind::Rsa { bits } => TestKey::Rsa(Box::new(
                RsaPrivateKey::new(&mut rand::thread_rng(), bits).expect("RSA key generation"),
            )),
        }
    }

    /// The SubjectPublicKeyInfo as NCA writes it for this key family.
    pub fn subject_public_key_info(&self) -> SubjectPublicKeyInfoOwned {
        match self {
            TestKey::Gost(key) => {
                let params = vec![oid::GOST_2015_512_PARAMSET_KZ, oid::STREEBOG_512_KZ];
                let point = OctetString::new(key.public_key_bytes()).expect("128 bytes");
                SubjectPublicKeyInfoOwned {
                    algorithm: AlgorithmIdentifierOwned {
                        oid: oid::GOST_2015_512_KEY,
                        parameters: Some(Any::encode_from(&params).expect("OIDs encode")),
                    },
                    subject_public_key: BitString::from_bytes(
                        &point.to_der().expect("OCTET STRING encodes"),
                    )
                    .expect("bit string"),
                }
            }
            TestKey::Rsa(key) => {
                let pkcs1 = key
                    .to_public_key()
                    .to_pkcs1_der()
                    .expect("RSA public key encodes");
                SubjectPublicKeyInfoOwned {
                    algorithm: AlgorithmIdentifierOwned {
                        oid: oid::RSA_ENCRYPTION,
                        parameters: Some(null_params()),
                    },
                    subject_public_key: BitString::from_bytes(pkcs1.as_bytes())
                        .expect("bit string"),
                }
            }
        }
    }

    /// The signatureAlgorithm of certificates and CRLs this key signs.
    pub fn signature_algorithm(&self) -> AlgorithmIdentifierOwned {
        AlgorithmIdentifierOwned {
            oid: match self {
                TestKey::Gost(_) => oid::GOST_2015_512_SIGNATURE,
                TestKey::Rsa(_) => oid::SHA256_WITH_RSA,
            },
            parameters: Some(null_params()),
        }
    }

    /// The digest this key signs with.
    pub fn digest_algorithm(&self) -> DigestAlgorithm {
        match self {
            TestKey::Gost(_) => DigestAlgorithm::Streebog512,
            TestKey::Rsa(_) => DigestAlgorithm::Sha256,
        }
    }

    /// Signs `message`: GOST with Streebog-512 in NCA's layout (r‖s,
    /// little-endian), RSA with PKCS #1 v1.5 over SHA-256.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        match self {
            TestKey::Gost(key) => key.sign_message(message),
            TestKey::Rsa(key) => key
                .sign(Pkcs1v15Sign::new::<Sha256>(), &Sha256::digest(message))
                .expect("RSA signing"),
        }
    }

    /// Key identifier for SKI/AKI: the first 20 bytes of SHA-256 of the key bits.
    fn key_id(&self) -> Vec<u8> {
        let spki = self.subject_public_key_info();
        Sha256::digest(spki.subject_public_key.raw_bytes())[..20].to_vec()
    }
}

/// What to put in a leaf certificate. Build one with [`LeafSpec::legal_entity`]
/// or [`LeafSpec::individual`] and adjust the public fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeafSpec {
    pub common_name: String,
    /// 12 digits; written as serialNumber "IIN…".
    pub iin: String,
    /// 12 digits; written as OU "BIN…".
    pub bin: Option<String>,
    /// Written as O.
    pub organization: Option<String>,
    /// EKU 1.2.398.3.3.4.1.2 (+ `roles`) when true, 1.2.398.3.3.4.1.1 otherwise.
    pub legal_entity: bool,
    /// Role OIDs below 1.2.398.3.3.4.1.2 (e.g. [`oid::EKU_ROLE_FIRST_HEAD`]).
    pub roles: Vec<ObjectIdentifier>,
    /// emailProtection for signing, clientAuth for authentication.
    pub purposes: KeyPurposes,
    pub not_before: DateTime<Utc>,
    pub not_after: DateTime<Utc>,
    /// Certificate serial number (positive; 0 is replaced by 1).
    pub serial: u128,
    /// Key of the leaf; `None` takes the issuing CA's kind.
    pub key: Option<KeyKind>,
}

impl LeafSpec {
    /// A legal entity's first head, signing and authentication, random serial.
    pub fn legal_entity(
        iin: &str,
        bin: &str,
        not_before: DateTime<Utc>,
        not_after: DateTime<Utc>,
    ) -> Self {
        LeafSpec {
            common_name: "ТЕСТОВ ТЕСТ".to_string(),
            iin: iin.to_string(),
            bin: Some(bin.to_string()),
            organization: Some("ТОО \"FITO TEST\"".to_string()),
            legal_entity: true,
            roles: vec![oid::EKU_ROLE_FIRST_HEAD],
            purposes: KeyPurposes {
                signing: true,
                authentication: true,
            },
            not_before,
            not_after,
            serial: random_serial(),
            key: None,
        }
    }

    /// A private individual, signing and authentication, random serial.
    pub fn individual(iin: &str, not_before: DateTime<Utc>, not_after: DateTime<Utc>) -> Self {
        LeafSpec {
            bin: None,
            organization: None,
            legal_entity: false,
            roles: Vec::new(),
            ..LeafSpec::legal_entity(iin, "000000000000", not_before, not_after)
        }
    }
}

/// A random positive serial of up to 127 bits.
pub fn random_serial() -> u128 {
    let mut bytes = [0u8; 16];
    rand::thread_rng().fill_bytes(&mut bytes);
    (u128::from_be_bytes(bytes) >> 1).max(1)
}

/// A serial as the crate reports it in refusals and [`crate::CertificateInfo`]:
/// upper-case hex of the big-endian bytes without leading zero bytes.
pub fn serial_hex(serial: u128) -> String {
    crate::certificate::hex_of_integer(&serial.to_be_bytes())
}

/// An issued leaf: its certificate and private key.
#[derive(Debug, Clone)]
pub struct TestLeaf {
    pub cert_der: Vec<u8>,
    pub key: TestKey,
    pub serial: u128,
}

impl TestLeaf {
    pub fn cert_pem(&self) -> String {
        pem("CERTIFICATE", &self.cert_der)
    }

    /// The serial as the verifier reports it (see [`serial_hex`]).
    pub fn serial_hex(&self) -> String {
        serial_hex(self.serial)
    }

    /// CMS SignedData over `content` (DER), as NCALayer produces it: the
    /// signer's certificate included; signed attributes contentType,
    /// signingTime and messageDigest; content attached unless `detached`.
    /// GOST: digest 1.2.398.3.10.1.3.3, signature 1.2.398.3.10.1.1.2.3.2.
    /// RSA: SHA-256 with rsaEncryption.
    pub fn sign_cms(&self, content: &[u8], detached: bool, signing_time: DateTime<Utc>) -> Vec<u8> {
        cms::sign(&self.cert_der, &self.key, content, detached, signing_time)
    }
}

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

fn pem(label: &str, der: &[u8]) -> String {
    der::pem::encode_string(label, der::pem::LineEnding::LF, der).expect("PEM encodes")
}

#[cfg(test)]
mod tests;
