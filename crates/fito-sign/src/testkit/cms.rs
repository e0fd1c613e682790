//! CMS SignedData as NCALayer produces it: one signer identified by issuer
//! and serial number, its certificate included, signed attributes
//! contentType, signingTime and messageDigest, attached or detached content.

use chrono::{DateTime, Utc};
use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{ObjectIdentifier, OctetString, SetOfVec};
use der::{Any, Decode, Encode};
use spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;

use super::{TestKey, asn1, null_params};
use crate::oid;

/// id-data (RFC 5652 §4).
const CT_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.1");

fn attribute(id: ObjectIdentifier, value: Any) -> Attribute {
    Attribute {
        oid: id,
        values: SetOfVec::try_from(vec![value]).expect("one value"),
    }
}

/// Builds and signs the CMS (DER).
pub(crate) fn sign(
    cert_der: &[u8],
    key: &TestKey,
    content: &[u8],
    detached: bool,
    signing_time: DateTime<Utc>,
) -> Vec<u8> {
    let cert = Certificate::from_der(cert_der).expect("testkit certificate decodes");
    let digest = key.digest_algorithm();
    let digest_alg = AlgorithmIdentifierOwned {
        oid: match key {
            TestKey::Gost(_) => oid::STREEBOG_512_KZ,
            TestKey::Rsa(_) => oid::SHA256,
        },
        parameters: Some(null_params()),
    };
    let signature_algorithm = AlgorithmIdentifierOwned {
        oid: match key {
            TestKey::Gost(_) => oid::GOST_2015_512_SIGNATURE,
            TestKey::Rsa(_) => oid::RSA_ENCRYPTION,
        },
        parameters: Some(null_params()),
    };
    let message_digest = OctetString::new(digest.digest(content)).expect("digest");
    // SetOfVec sorts its elements: DER order, which other verifiers re-create.
    let signed_attrs = SetOfVec::try_from(vec![
        attribute(
            oid::ATTR_CONTENT_TYPE,
            Any::encode_from(&CT_DATA).expect("OID encodes"),
        ),
        attribute(
            oid::ATTR_SIGNING_TIME,
            Any::encode_from(&asn1::time(signing_time)).expect("time encodes"),
        ),
        attribute(
            oid::ATTR_MESSAGE_DIGEST,
            Any::encode_from(&message_digest).expect("digest encodes"),
        ),
    ])
    .expect("distinct attributes");
    // RFC 5652 §5.4: the signature covers the attributes encoded as SET OF.
    let signed_bytes = signed_attrs.to_der().expect("attributes encode");
    let signature = key.sign(&signed_bytes);

    let signer = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.tbs_certificate.issuer.clone(),
            serial_number: cert.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: digest_alg.clone(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm,
        signature: OctetString::new(signature).expect("signature"),
        unsigned_attrs: None,
    };
    let econtent = (!detached).then(|| {
        Any::encode_from(&OctetString::new(content).expect("content")).expect("content encodes")
    });
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms: SetOfVec::try_from(vec![digest_alg]).expect("one algorithm"),
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: CT_DATA,
            econtent,
        },
        certificates: Some(CertificateSet(
            SetOfVec::try_from(vec![CertificateChoices::Certificate(cert)])
                .expect("one certificate"),
        )),
        crls: None,
        signer_infos: SignerInfos(SetOfVec::try_from(vec![signer]).expect("one signer")),
    };
    ContentInfo {
        content_type: oid::CT_SIGNED_DATA,
        content: Any::encode_from(&signed_data).expect("SignedData encodes"),
    }
    .to_der()
    .expect("ContentInfo encodes")
}
