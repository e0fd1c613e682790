//! Digest and signature algorithms, chosen by OID, and the public keys they
//! verify with. Anything not listed here is an `UnsupportedAlgorithm` refusal:
//! in particular the legacy GOST 34.310-2004, which this crate does not fake.

use der::asn1::ObjectIdentifier;
use rsa::pkcs1::DecodeRsaPublicKey;
use rsa::traits::PublicKeyParts;
use rsa::{Pkcs1v15Sign, RsaPublicKey};
use sha2::{Digest, Sha256, Sha384, Sha512};
use spki::SubjectPublicKeyInfoOwned;

use crate::gost::{GostError, GostPublicKey, SignatureLayout};
use crate::oid;
use crate::refusal::Refusal;

/// A digest algorithm named in a CMS SignerInfo.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigestAlgorithm {
    Sha256,
    Sha384,
    Sha512,
    /// GOST 34.11-2015, 512-bit.
    Streebog512,
}

impl DigestAlgorithm {
    pub fn from_oid(id: &ObjectIdentifier) -> Result<Self, Refusal> {
        Ok(match *id {
            oid::SHA256 => DigestAlgorithm::Sha256,
            oid::SHA384 => DigestAlgorithm::Sha384,
            oid::SHA512 => DigestAlgorithm::Sha512,
            oid::STREEBOG_512_KZ | oid::STREEBOG_512_TC26 => DigestAlgorithm::Streebog512,
            _ => return Err(unsupported(id)),
        })
    }

    pub fn digest(self, data: &[u8]) -> Vec<u8> {
        match self {
            DigestAlgorithm::Sha256 => Sha256::digest(data).to_vec(),
            DigestAlgorithm::Sha384 => Sha384::digest(data).to_vec(),
            DigestAlgorithm::Sha512 => Sha512::digest(data).to_vec(),
            DigestAlgorithm::Streebog512 => crate::gost::streebog512(data).to_vec(),
        }
    }
}

/// A signature algorithm: the pair (key family, digest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureAlgorithm {
    /// RSA PKCS #1 v1.5 with the given SHA-2 digest.
    RsaPkcs1v15(DigestAlgorithm),
    /// GOST R 34.10-2015 512-bit with Streebog-512, under NCA's or TC26's OIDs.
    /// The byte layout of the signature is fixed by the key's algorithm OID
    /// (see [`SignatureLayout`]; [`PublicKey::check_signature_oid`]).
    Gost2015_512,
}

impl SignatureAlgorithm {
    /// From a certificate's or CRL's signatureAlgorithm OID.
    pub fn from_oid(id: &ObjectIdentifier) -> Result<Self, Refusal> {
        Ok(match *id {
            oid::SHA256_WITH_RSA => SignatureAlgorithm::RsaPkcs1v15(DigestAlgorithm::Sha256),
            oid::SHA384_WITH_RSA => SignatureAlgorithm::RsaPkcs1v15(DigestAlgorithm::Sha384),
            oid::SHA512_WITH_RSA => SignatureAlgorithm::RsaPkcs1v15(DigestAlgorithm::Sha512),
            oid::GOST_2015_512_SIGNATURE | oid::GOST_2012_512_SIGNATURE_TC26 => {
                SignatureAlgorithm::Gost2015_512
            }
            _ => return Err(unsupported(id)),
        })
    }

    /// From a CMS SignerInfo, where the signature OID may be the bare key
    /// algorithm (rsaEncryption, or the GOST key OID) and the digest comes from
    /// digestAlgorithm. A digest that does not belong to the signature
    /// algorithm is refused rather than guessed.
    pub fn from_cms(
        signature: &ObjectIdentifier,
        digest: DigestAlgorithm,
    ) -> Result<Self, Refusal> {
        let algorithm = match *signature {
            oid::RSA_ENCRYPTION if digest != DigestAlgorithm::Streebog512 => {
                SignatureAlgorithm::RsaPkcs1v15(digest)
            }
            oid::GOST_2015_512_KEY | oid::GOST_2012_512_KEY_TC26 => {
                SignatureAlgorithm::Gost2015_512
            }
            _ => Self::from_oid(signature)?,
        };
        if algorithm.digest() != digest {
            return Err(Refusal::UnsupportedAlgorithm {
                oid: signature.to_string(),
            });
        }
        Ok(algorithm)
    }

    pub fn digest(self) -> DigestAlgorithm {
        match self {
            SignatureAlgorithm::RsaPkcs1v15(d) => d,
            SignatureAlgorithm::Gost2015_512 => DigestAlgorithm::Streebog512,
        }
    }
}

/// The key family of a certificate, for display and policy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyAlgorithm {
    Rsa {
        bits: usize,
    },
    Gost2015_512,
    /// Legacy GOST 34.310-2004: recognised, not verified.
    Gost2004,
    Other {
        oid: String,
    },
}

/// A public key this crate can verify with.
#[derive(Debug, Clone)]
pub enum PublicKey {
    Rsa(RsaPublicKey),
    Gost(GostPublicKey),
}

impl PublicKey {
    pub fn from_spki(spki: &SubjectPublicKeyInfoOwned) -> Result<Self, Refusal> {
        let bits = spki
            .subject_public_key
            .as_bytes()
            .ok_or(Refusal::malformed("public key"))?;
        match spki.algorithm.oid {
            oid::RSA_ENCRYPTION => RsaPublicKey::from_pkcs1_der(bits)
                .map(PublicKey::Rsa)
                .map_err(|_| Refusal::malformed("RSA public key")),
            oid::GOST_2015_512_KEY => {
                check_gost_params(spki, &oid::GOST_2015_512_PARAMSET_KZ)?;
                GostPublicKey::from_nca_subject_public_key(bits)
                    .map(PublicKey::Gost)
                    .map_err(|_| Refusal::malformed("GOST public key"))
            }
            oid::GOST_2012_512_KEY_TC26 => {
                check_gost_params(spki, &oid::GOST_2012_512_PARAMSET_A_TC26)?;
                GostPublicKey::from_tc26_subject_public_key(bits)
                    .map(PublicKey::Gost)
                    .map_err(|_| Refusal::malformed("GOST public key"))
            }
            ref other => Err(unsupported(other)),
        }
    }

    /// Refuses a GOST signature whose algorithm OID (a certificate's or CRL's
    /// signatureAlgorithm, or a SignerInfo's) belongs to the other arc than this
    /// key's: NCA's OIDs mean NCA's byte layout and TC26's mean RFC 4491's, so a
    /// mixed pair has no defined encoding. Other keys and OIDs pass unchanged.
    pub fn check_signature_oid(&self, signature_oid: &ObjectIdentifier) -> Result<(), Refusal> {
        let PublicKey::Gost(key) = self else {
            return Ok(());
        };
        let layout = match *signature_oid {
            oid::GOST_2015_512_SIGNATURE | oid::GOST_2015_512_KEY => SignatureLayout::Nca,
            oid::GOST_2012_512_SIGNATURE_TC26 | oid::GOST_2012_512_KEY_TC26 => {
                SignatureLayout::Rfc4491
            }
            _ => return Ok(()),
        };
        if layout == key.layout() {
            Ok(())
        } else {
            Err(unsupported(signature_oid))
        }
    }

    /// Verifies `signature` over `message` (the message is hashed here).
    pub fn verify(
        &self,
        algorithm: SignatureAlgorithm,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), Refusal> {
        match (self, algorithm) {
            (PublicKey::Rsa(key), SignatureAlgorithm::RsaPkcs1v15(digest)) => {
                let hashed = digest.digest(message);
                key.verify(rsa_scheme(digest), &hashed, signature)
                    .map_err(|_| Refusal::BadSignature)
            }
            (PublicKey::Gost(key), SignatureAlgorithm::Gost2015_512) => {
                key.verify_message(message, signature).map_err(|e| match e {
                    GostError::MalformedSignature => Refusal::malformed("GOST signature"),
                    _ => Refusal::BadSignature,
                })
            }
            // A key of one family with a signature of the other can never verify.
            _ => Err(Refusal::BadSignature),
        }
    }
}

/// Key family and size from a SubjectPublicKeyInfo, without decoding the key.
pub fn key_algorithm(spki: &SubjectPublicKeyInfoOwned) -> KeyAlgorithm {
    match spki.algorithm.oid {
        oid::RSA_ENCRYPTION => match PublicKey::from_spki(spki) {
            Ok(PublicKey::Rsa(key)) => KeyAlgorithm::Rsa {
                bits: key.n().bits(),
            },
            _ => KeyAlgorithm::Other {
                oid: spki.algorithm.oid.to_string(),
            },
        },
        oid::GOST_2015_512_KEY | oid::GOST_2012_512_KEY_TC26 => KeyAlgorithm::Gost2015_512,
        oid::GOST_2004_KEY => KeyAlgorithm::Gost2004,
        ref other => KeyAlgorithm::Other {
            oid: other.to_string(),
        },
    }
}

/// GOST-512 keys carry SEQUENCE { paramSet OID, digest OID } (the digest is
/// optional under RFC 9215). Only paramSetA, under the name the key's arc uses
/// (`paramset`: NCA's KZ OID, whose curve we established in `gost::params`, or
/// TC26's), is accepted: decoding a key on another curve as if it were
/// paramSetA would be wrong.
fn check_gost_params(
    spki: &SubjectPublicKeyInfoOwned,
    paramset: &ObjectIdentifier,
) -> Result<(), Refusal> {
    let params = spki
        .algorithm
        .parameters
        .as_ref()
        .ok_or(Refusal::malformed("GOST key parameters"))?;
    let ids: Vec<ObjectIdentifier> = params
        .decode_as()
        .map_err(|_| Refusal::malformed("GOST key parameters"))?;
    match ids.first() {
        Some(first) if first == paramset => Ok(()),
        Some(other) => Err(unsupported(other)),
        None => Err(Refusal::malformed("GOST key parameters")),
    }
}

fn rsa_scheme(digest: DigestAlgorithm) -> Pkcs1v15Sign {
    match digest {
        DigestAlgorithm::Sha256 => Pkcs1v15Sign::new::<Sha256>(),
        DigestAlgorithm::Sha384 => Pkcs1v15Sign::new::<Sha384>(),
        DigestAlgorithm::Sha512 => Pkcs1v15Sign::new::<Sha512>(),
        // No RSA signature scheme pairs with Streebog; `from_cms` never builds one,
        // and an unprefixed scheme would only fail to verify.
        DigestAlgorithm::Streebog512 => Pkcs1v15Sign::new_unprefixed(),
    }
}

pub(crate) fn unsupported(id: &ObjectIdentifier) -> Refusal {
    Refusal::UnsupportedAlgorithm {
        oid: id.to_string(),
    }
}
