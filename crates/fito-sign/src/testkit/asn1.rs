//! Small DER builders shared by the certificate, CRL and CMS code.

use std::time::Duration;

use chrono::{DateTime, Datelike, Utc};
use der::asn1::{GeneralizedTime, ObjectIdentifier, OctetString, SetOfVec, UtcTime};
use der::{Any, Encode, Tag};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::ext::Extension;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::Time;

/// RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050.
/// Sub-second precision is dropped (DER times carry whole seconds).
pub(crate) fn time(t: DateTime<Utc>) -> Time {
    let secs = u64::try_from(t.timestamp()).expect("test times are after 1970");
    let d = Duration::from_secs(secs);
    if t.year() < 2050 {
        Time::UtcTime(UtcTime::from_unix_duration(d).expect("time in UTCTime range"))
    } else {
        Time::GeneralTime(GeneralizedTime::from_unix_duration(d).expect("time in range"))
    }
}

/// A positive serial number from an unsigned integer (0 is avoided by callers).
pub(crate) fn serial(n: u128) -> SerialNumber {
    SerialNumber::new(&n.to_be_bytes()).expect("a u128 fits in 20 bytes")
}

/// How a name attribute's value is encoded.
#[derive(Clone, Copy)]
pub(crate) enum Str {
    /// UTF8String: NCA's choice for names (Cyrillic text).
    Utf8,
    /// PrintableString: NCA's choice for IIN, BIN and country.
    Printable,
}

/// A name of single-valued RDNs in the given order.
pub(crate) fn name(parts: &[(ObjectIdentifier, Str, &str)]) -> Name {
    let rdns = parts
        .iter()
        .map(|(oid, kind, value)| {
            let tag = match kind {
                Str::Utf8 => Tag::Utf8String,
                Str::Printable => Tag::PrintableString,
            };
            let atv = AttributeTypeAndValue {
                oid: *oid,
                value: Any::new(tag, value.as_bytes()).expect("short attribute value"),
            };
            RelativeDistinguishedName(SetOfVec::try_from(vec![atv]).expect("one element"))
        })
        .collect();
    RdnSequence(rdns)
}

/// An extension holding the DER of `value`.
pub(crate) fn extension(id: ObjectIdentifier, critical: bool, value: &impl Encode) -> Extension {
    Extension {
        extn_id: id,
        critical,
        extn_value: OctetString::new(value.to_der().expect("extension encodes"))
            .expect("extension value"),
    }
}
