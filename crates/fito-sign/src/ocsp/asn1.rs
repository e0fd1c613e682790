//! The ASN.1 of OCSP (RFC 6960 §4.1.1 and §4.2.1), and the reading of a response
//! down to its BasicOCSPResponse.

use chrono::{DateTime, Utc};
use der::asn1::{BitString, GeneralizedTime, Null, ObjectIdentifier, OctetString};
use der::{Choice, Decode, Sequence};
use spki::AlgorithmIdentifierOwned;
use x509_cert::ext::Extensions;
use x509_cert::ext::pkix::crl::CrlReason;
use x509_cert::name::Name;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::Time;

use super::OcspStatus;
use crate::algorithm::unsupported;
use crate::certificate::{X509, to_chrono};
use crate::der_walk;
use crate::oid;
use crate::refusal::Refusal;

#[derive(Clone, Debug, Sequence)]
pub(super) struct CertId {
    pub(super) hash_algorithm: AlgorithmIdentifierOwned,
    pub(super) issuer_name_hash: OctetString,
    pub(super) issuer_key_hash: OctetString,
    pub(super) serial_number: SerialNumber,
}

#[derive(Clone, Debug, Sequence)]
pub(super) struct Request {
    pub(super) req_cert: CertId,
}

/// TBSRequest without version (v1 is the default) and requestorName.
#[derive(Clone, Debug, Sequence)]
pub(super) struct TbsRequest {
    pub(super) request_list: Vec<Request>,
    #[asn1(context_specific = "2", optional = "true")]
    pub(super) request_extensions: Option<Extensions>,
}

/// OCSPRequest, unsigned (NCA's responder does not require signed requests).
#[derive(Clone, Debug, Sequence)]
pub(super) struct OcspRequest {
    pub(super) tbs_request: TbsRequest,
}

#[derive(Clone, Debug, Choice)]
pub(super) enum ResponderId {
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", constructed = "true")]
    ByName(Name),
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", constructed = "true")]
    ByKey(OctetString),
}

#[derive(Clone, Debug, Sequence)]
pub(super) struct RevokedInfo {
    pub(super) revocation_time: GeneralizedTime,
    #[asn1(context_specific = "0", optional = "true")]
    pub(super) revocation_reason: Option<CrlReason>,
}

#[derive(Clone, Debug, Choice)]
pub(super) enum CertStatus {
    #[asn1(context_specific = "0", tag_mode = "IMPLICIT")]
    Good(Null),
    #[asn1(context_specific = "1", tag_mode = "IMPLICIT", constructed = "true")]
    Revoked(RevokedInfo),
    #[asn1(context_specific = "2", tag_mode = "IMPLICIT")]
    Unknown(Null),
}

#[derive(Clone, Debug, Sequence)]
pub(super) struct SingleResponse {
    pub(super) cert_id: CertId,
    pub(super) cert_status: CertStatus,
    pub(super) this_update: GeneralizedTime,
    #[asn1(context_specific = "0", optional = "true")]
    pub(super) next_update: Option<GeneralizedTime>,
    #[asn1(context_specific = "1", optional = "true")]
    pub(super) single_extensions: Option<Extensions>,
}

#[derive(Clone, Debug, Sequence)]
pub(super) struct ResponseData {
    // v1 is the only version; DER omits it, some responders write it anyway.
    #[asn1(context_specific = "0", optional = "true")]
    pub(super) version: Option<u8>,
    pub(super) responder_id: ResponderId,
    pub(super) produced_at: GeneralizedTime,
    pub(super) responses: Vec<SingleResponse>,
    #[asn1(context_specific = "1", optional = "true")]
    pub(super) response_extensions: Option<Extensions>,
}

/// A BasicOCSPResponse with the signed part and the certificates kept as the
/// original bytes, since the signature is over exactly those bytes.
pub(super) struct Basic<'a> {
    pub(super) tbs: &'a [u8],
    pub(super) data: ResponseData,
    pub(super) signature_algorithm: AlgorithmIdentifierOwned,
    pub(super) signature: BitString,
    pub(super) certs: Vec<X509>,
}

pub(super) fn time(t: GeneralizedTime) -> DateTime<Utc> {
    to_chrono(Time::GeneralTime(t))
}

pub(super) fn status_of(single: &SingleResponse) -> OcspStatus {
    match &single.cert_status {
        CertStatus::Good(_) => OcspStatus::Good {
            this_update: time(single.this_update),
            next_update: single.next_update.map(time),
        },
        CertStatus::Revoked(info) => OcspStatus::Revoked {
            at: time(info.revocation_time),
            reason: info.revocation_reason,
        },
        CertStatus::Unknown(_) => OcspStatus::Unknown,
    }
}

/// OCSPResponse → successful → id-pkix-ocsp-basic → BasicOCSPResponse.
pub(super) fn decode(der: &[u8]) -> Result<Basic<'_>, Refusal> {
    const TAG_SEQUENCE: u8 = 0x30;
    const TAG_ENUMERATED: u8 = 0x0a;
    const TAG_OCTET_STRING: u8 = 0x04;
    const TAG_CONTEXT_0: u8 = 0xa0;
    let bad = |what| Refusal::OcspMalformed { what };
    let (outer, tail) = der_walk::first(der).ok_or(bad("response"))?;
    let top = der_walk::children(outer.contents).ok_or(bad("response"))?;
    if !tail.is_empty() || outer.tag != TAG_SEQUENCE || top.is_empty() || top.len() > 2 {
        return Err(bad("response"));
    }
    match (top[0].tag, top[0].contents) {
        (TAG_ENUMERATED, [0]) => {}
        (TAG_ENUMERATED, [status]) => return Err(Refusal::OcspUnsuccessful { status: *status }),
        _ => return Err(bad("response status")),
    }
    let bytes = top
        .get(1)
        .filter(|el| el.tag == TAG_CONTEXT_0)
        .ok_or(bad("response bytes"))?;
    // ResponseBytes ::= SEQUENCE { responseType OID, response OCTET STRING }
    let (bytes, rest) = der_walk::first(bytes.contents).ok_or(bad("response bytes"))?;
    let kids = der_walk::children(bytes.contents).ok_or(bad("response bytes"))?;
    let [kind, response] = kids.as_slice() else {
        return Err(bad("response bytes"));
    };
    if !rest.is_empty() || bytes.tag != TAG_SEQUENCE || response.tag != TAG_OCTET_STRING {
        return Err(bad("response bytes"));
    }
    let kind = ObjectIdentifier::from_der(kind.whole).map_err(|_| bad("response type"))?;
    if kind != oid::OCSP_BASIC {
        return Err(unsupported(&kind));
    }
    let basic_der = response.contents;
    let (basic, rest) = der_walk::first(basic_der).ok_or(bad("basic response"))?;
    let parts = der_walk::children(basic.contents).ok_or(bad("basic response"))?;
    if !rest.is_empty() || basic.tag != TAG_SEQUENCE || !(3..=4).contains(&parts.len()) {
        return Err(bad("basic response"));
    }
    let data = ResponseData::from_der(parts[0].whole).map_err(|_| bad("response data"))?;
    let signature_algorithm = AlgorithmIdentifierOwned::from_der(parts[1].whole)
        .map_err(|_| bad("signature algorithm"))?;
    let signature = BitString::from_der(parts[2].whole).map_err(|_| bad("signature"))?;
    let certs = match parts.get(3) {
        None => Vec::new(),
        Some(el) if el.tag == TAG_CONTEXT_0 => {
            let (seq, rest) = der_walk::first(el.contents).ok_or(bad("certificates"))?;
            if !rest.is_empty() || seq.tag != TAG_SEQUENCE {
                return Err(bad("certificates"));
            }
            der_walk::children(seq.contents)
                .ok_or(bad("certificates"))?
                .iter()
                .map(|c| X509::from_der(c.whole.to_vec()).map_err(|_| bad("certificate")))
                .collect::<Result<Vec<_>, _>>()?
        }
        Some(_) => return Err(bad("basic response")),
    };
    Ok(Basic {
        tbs: parts[0].whole,
        data,
        signature_algorithm,
        signature,
        certs,
    })
}
