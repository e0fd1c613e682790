//! Detached CMS signatures (`.p7s`, `.cms` as NCALayer writes them): the signature
//! of a document kept beside it. Only *detached* SignedData is a document here: an
//! attached one carries its content inside, which could be a photograph (R-DOC-2).

/// `1.2.840.113549.1.7.2` (id-signedData), DER-encoded with its tag and length.
const SIGNED_DATA_OID: [u8; 11] = [
    0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02,
];

/// One DER element at the start of `b`: (tag, header length, content length).
fn element(b: &[u8]) -> Option<(u8, usize, usize)> {
    let tag = *b.first()?;
    let first = *b.get(1)?;
    if first < 0x80 {
        return Some((tag, 2, usize::from(first)));
    }
    let n = usize::from(first & 0x7F);
    if n == 0 || n > 4 {
        return None; // indefinite or absurd lengths: not what NCALayer writes
    }
    let mut len = 0usize;
    for i in 0..n {
        len = (len << 8) | usize::from(*b.get(2 + i)?);
    }
    Some((tag, 2 + n, len))
}

/// Steps into a constructed element with `tag`: its contents (possibly cut short by
/// the end of `b`, which is only the file's head).
fn enter(b: &[u8], tag: u8) -> Option<&[u8]> {
    let (t, header, len) = element(b)?;
    (t == tag).then(|| &b[header..b.len().min(header + len)])
}

/// Skips one element of `tag`, returning what follows it.
fn skip(b: &[u8], tag: u8) -> Option<&[u8]> {
    let (t, header, len) = element(b)?;
    (t == tag).then(|| b.get(header + len..)).flatten()
}

/// Whether `head` starts a ContentInfo holding a SignedData whose encapsulated
/// content is absent (a detached signature).
pub(super) fn is_detached_signed_data(head: &[u8]) -> bool {
    (|| {
        let content_info = enter(head, 0x30)?;
        let rest = content_info.strip_prefix(&SIGNED_DATA_OID[..])?;
        let explicit = enter(rest, 0xA0)?;
        let signed_data = enter(explicit, 0x30)?;
        let after_version = skip(signed_data, 0x02)?;
        let after_digests = skip(after_version, 0x31)?;
        let encap = enter(after_digests, 0x30)?;
        let after_type = skip(encap, 0x06)?;
        // Detached: nothing follows the content type inside EncapsulatedContentInfo.
        Some(after_type.is_empty())
    })()
    .unwrap_or(false)
}
