//! The keys of the test PKI: GOST R 34.10-2015 512-bit or RSA, with the
//! SubjectPublicKeyInfo and signature algorithm NCA writes for each.

use der::asn1::{BitString, OctetString};
use der::{Any, Encode, Tag};
use rsa::pkcs1::EncodeRsaPublicKey;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use sha2::{Digest, Sha256};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use super::GostSigningKey;
use crate::algorithm::DigestAlgorithm;
use crate::oid;

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
    pub(super) fn key_id(&self) -> Vec<u8> {
        let spki = self.subject_public_key_info();
        Sha256::digest(spki.subject_public_key.raw_bytes())[..20].to_vec()
    }
}
