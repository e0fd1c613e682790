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
mod ca;
mod cms;
mod gost;
mod key;

use chrono::{DateTime, Utc};
use der::asn1::ObjectIdentifier;
use rand::RngCore;

pub use ca::TestCa;
pub use gost::GostSigningKey;
pub(crate) use key::null_params;
pub use key::{KeyKind, TestKey};

use crate::certificate::KeyPurposes;
use crate::oid;

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

fn pem(label: &str, der: &[u8]) -> String {
    der::pem::encode_string(label, der::pem::LineEnding::LF, der).expect("PEM encodes")
}

#[cfg(test)]
mod tests;
