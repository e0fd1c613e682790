//! Object identifiers this crate decides by. Every decision in the crate is made
//! on these OIDs, never on the printed text of a distinguished name.

use const_oid::ObjectIdentifier as Oid;

// --- Kazakhstan (NCA RK) algorithm arc 1.2.398.3.10 ---

/// GOST 34.310-2004 public key (legacy, 256-bit).
pub const GOST_2004_KEY: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.1.1");
/// GOST 34.310-2004 signature with GOST 34.311-95 (legacy).
pub const GOST_2004_SIGNATURE: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.1.2");
/// GOST R 34.10-2015 (= 34.10-2012) 512-bit public key.
pub const GOST_2015_512_KEY: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.2.2");
/// The 512-bit curve parameter set NCA RK names in its key parameters.
pub const GOST_2015_512_PARAMSET_KZ: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.2.2.1");
/// GOST R 34.10-2015 512-bit signature with GOST 34.11-2015 (Streebog-512).
pub const GOST_2015_512_SIGNATURE: Oid = Oid::new_unwrap("1.2.398.3.10.1.1.2.3.2");
/// GOST 34.11-2015 512-bit digest (Streebog-512), KZ arc.
pub const STREEBOG_512_KZ: Oid = Oid::new_unwrap("1.2.398.3.10.1.3.3");
/// GOST 34.311-95 digest (legacy).
pub const GOST_34311_95: Oid = Oid::new_unwrap("1.2.398.3.10.1.3.1");
/// Streebog-512 under the Russian TC26 arc, accepted as an alias in CMS digest fields.
pub const STREEBOG_512_TC26: Oid = Oid::new_unwrap("1.2.643.7.1.1.2.3");

// --- Russian TC26 arc 1.2.643.7.1 (RFC 9215, RFC 7836): same algorithm and curve
// as NCA's GOST-512, RFC 4491 byte conventions (see `gost`) ---

/// id-tc26-gost3410-12-512: GOST R 34.10-2012 512-bit public key (also the
/// signatureAlgorithm of a CMS SignerInfo, as OpenSSL's GOST engine writes it).
pub const GOST_2012_512_KEY_TC26: Oid = Oid::new_unwrap("1.2.643.7.1.1.1.2");
/// id-tc26-gost-3410-12-512-paramSetA, the only TC26 512-bit curve accepted.
pub const GOST_2012_512_PARAMSET_A_TC26: Oid = Oid::new_unwrap("1.2.643.7.1.2.1.2.1");
/// id-tc26-signwithdigest-gost3410-12-512: GOST R 34.10-2012 512-bit with Streebog-512.
pub const GOST_2012_512_SIGNATURE_TC26: Oid = Oid::new_unwrap("1.2.643.7.1.1.3.3");

// --- RSA (PKCS #1) and SHA-2 ---

pub const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
pub const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
pub const SHA384_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.12");
pub const SHA512_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.13");
pub const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
pub const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
pub const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");
/// SHA-1: only as the CertID hash in OCSP and in OCSP responders' signatures.
pub const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
pub const SHA1_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.5");

// --- NCA RK certificate policy: subject kind and roles in Extended Key Usage ---

/// Individual (физическое лицо).
pub const EKU_INDIVIDUAL: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.1");
/// Legal entity (юридическое лицо); roles are the arcs below it.
pub const EKU_LEGAL_ENTITY: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.2");
pub const EKU_ROLE_FIRST_HEAD: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.2.1");
pub const EKU_ROLE_RIGHT_TO_SIGN: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.2.2");
pub const EKU_ROLE_RIGHT_TO_SIGN_FINANCIAL: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.2.3");
pub const EKU_ROLE_HR: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.2.4");
pub const EKU_ROLE_EMPLOYEE: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.2.5");
pub const EKU_ROLE_INFORMATION_SYSTEM: Oid = Oid::new_unwrap("1.2.398.3.3.4.1.2.6");
/// id-kp-clientAuth: NCA's AUTH keys.
pub const EKU_CLIENT_AUTH: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.2");
/// id-kp-emailProtection: NCA's signing (RSA/GOST "sign") keys.
pub const EKU_EMAIL_PROTECTION: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.4");
/// id-kp-OCSPSigning: a responder certificate delegated by its CA (RFC 6960).
pub const EKU_OCSP_SIGNING: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.3.9");

// --- X.500 attribute types ---

pub const AT_COMMON_NAME: Oid = Oid::new_unwrap("2.5.4.3");
pub const AT_SURNAME: Oid = Oid::new_unwrap("2.5.4.4");
pub const AT_SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");
pub const AT_COUNTRY: Oid = Oid::new_unwrap("2.5.4.6");
pub const AT_ORGANIZATION: Oid = Oid::new_unwrap("2.5.4.10");
pub const AT_ORGANIZATIONAL_UNIT: Oid = Oid::new_unwrap("2.5.4.11");
pub const AT_GIVEN_NAME: Oid = Oid::new_unwrap("2.5.4.42");
pub const AT_EMAIL: Oid = Oid::new_unwrap("1.2.840.113549.1.9.1");

// --- X.509 extensions ---

pub const EXT_BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
pub const EXT_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
pub const EXT_EXTENDED_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");
pub const EXT_SUBJECT_KEY_IDENTIFIER: Oid = Oid::new_unwrap("2.5.29.14");
pub const EXT_DELTA_CRL_INDICATOR: Oid = Oid::new_unwrap("2.5.29.27");

// --- CMS ---

pub const CT_SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
pub const ATTR_CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
pub const ATTR_MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
pub const ATTR_SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");

// --- OCSP (RFC 6960) ---

/// id-pkix-ocsp-basic: the BasicOCSPResponse response type.
pub const OCSP_BASIC: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.1");
/// id-pkix-ocsp-nonce.
pub const OCSP_NONCE: Oid = Oid::new_unwrap("1.3.6.1.5.5.7.48.1.2");
