//! Zip-based documents: OOXML (docx/xlsx) and OpenDocument (odt/ods).
//!
//! Only the entry names are needed, so the central directory is read by hand (a few
//! dozen lines) instead of pulling in a zip library; nothing is decompressed. A zip
//! without the OOXML or ODF markers (an archive of photos, say) is not a document.

use std::io;

use super::DocumentKind;
use super::source::{Source, le16, le32, le64};

const EOCD_SIG: u32 = 0x0605_4b50;
const EOCD_LEN: usize = 22;
const ZIP64_LOCATOR_SIG: u32 = 0x0706_4b50;
const ZIP64_EOCD_SIG: u32 = 0x0606_4b50;
const CENTRAL_SIG: u32 = 0x0201_4b50;
/// Bounds on what a document's central directory may claim, so a crafted file cannot
/// make the sniffer allocate or loop without end.
const MAX_CENTRAL_DIR: u64 = 64 << 20;
const MAX_ENTRIES: u64 = 200_000;

/// Classifies a file that starts with a zip local file header.
pub(crate) fn classify(src: &mut dyn Source, head: &[u8]) -> io::Result<Option<DocumentKind>> {
    let Some(names) = central_directory_names(src)? else {
        return Ok(None);
    };
    if let Some(kind) = odf(head) {
        // The ODF package's mimetype must also be the first entry of the directory.
        return Ok((names.first().map(Vec::as_slice) == Some(b"mimetype")).then_some(kind));
    }
    Ok(ooxml(&names))
}

/// ODF: the first entry is an uncompressed `mimetype` holding the package's media type.
fn odf(head: &[u8]) -> Option<DocumentKind> {
    let name_len = usize::from(le16(head, 26)?);
    let extra_len = usize::from(le16(head, 28)?);
    let method = le16(head, 8)?;
    let size = usize::try_from(le32(head, 18)?).ok()?;
    if head.get(30..30 + name_len)? != b"mimetype" || method != 0 {
        return None;
    }
    let start = 30 + name_len + extra_len;
    match head.get(start..start.checked_add(size)?)? {
        b"application/vnd.oasis.opendocument.text" => Some(DocumentKind::Odt),
        b"application/vnd.oasis.opendocument.spreadsheet" => Some(DocumentKind::Ods),
        _ => None,
    }
}

/// OOXML: `[Content_Types].xml` plus a `word/` or `xl/` part (not both).
fn ooxml(names: &[Vec<u8>]) -> Option<DocumentKind> {
    let has = |pred: &dyn Fn(&[u8]) -> bool| names.iter().any(|n| pred(n));
    if !has(&|n| n == b"[Content_Types].xml") {
        return None;
    }
    let word = has(&|n| n.starts_with(b"word/"));
    let excel = has(&|n| n.starts_with(b"xl/"));
    match (word, excel) {
        (true, false) => Some(DocumentKind::Docx),
        (false, true) => Some(DocumentKind::Xlsx),
        _ => None,
    }
}

/// Entry names in central-directory order, or `None` when the zip structure is broken.
fn central_directory_names(src: &mut dyn Source) -> io::Result<Option<Vec<Vec<u8>>>> {
    let size = src.size();
    let tail_len = size.min((EOCD_LEN + usize::from(u16::MAX)) as u64);
    let tail_start = size - tail_len;
    let mut tail = vec![0u8; usize::try_from(tail_len).unwrap_or(0)];
    src.read_exact_at(tail_start, &mut tail)?;
    let Some(eocd) = (0..tail.len().saturating_sub(EOCD_LEN - 1))
        .rev()
        .find(|&i| le32(&tail, i) == Some(EOCD_SIG))
    else {
        return Ok(None);
    };
    let e = &tail[eocd..];
    let (mut entries, mut cd_size, mut cd_offset) = (
        u64::from(le16(e, 10).unwrap_or(0)),
        u64::from(le32(e, 12).unwrap_or(0)),
        u64::from(le32(e, 16).unwrap_or(0)),
    );
    if entries == 0xFFFF || cd_size == 0xFFFF_FFFF || cd_offset == 0xFFFF_FFFF {
        let Some((n, s, o)) = zip64(src, tail_start + eocd as u64)? else {
            return Ok(None);
        };
        (entries, cd_size, cd_offset) = (n, s, o);
    }
    if cd_size > MAX_CENTRAL_DIR
        || entries > MAX_ENTRIES
        || cd_offset.saturating_add(cd_size) > size
    {
        return Ok(None);
    }
    let mut cd = vec![0u8; usize::try_from(cd_size).unwrap_or(0)];
    src.read_exact_at(cd_offset, &mut cd)?;

    let mut names = Vec::new();
    let mut pos = 0usize;
    for _ in 0..entries {
        if le32(&cd, pos) != Some(CENTRAL_SIG) {
            return Ok(None);
        }
        let (Some(n), Some(m), Some(k)) = (
            le16(&cd, pos + 28),
            le16(&cd, pos + 30),
            le16(&cd, pos + 32),
        ) else {
            return Ok(None);
        };
        let name_start = pos + 46;
        let Some(name) = cd.get(name_start..name_start + usize::from(n)) else {
            return Ok(None);
        };
        names.push(name.to_vec());
        pos = name_start + usize::from(n) + usize::from(m) + usize::from(k);
    }
    Ok(Some(names))
}

/// Reads the zip64 end-of-central-directory record referenced by the locator that sits
/// just before the classic record at `eocd_pos`.
fn zip64(src: &mut dyn Source, eocd_pos: u64) -> io::Result<Option<(u64, u64, u64)>> {
    let Some(locator_pos) = eocd_pos.checked_sub(20) else {
        return Ok(None);
    };
    let mut locator = [0u8; 20];
    src.read_exact_at(locator_pos, &mut locator)?;
    if le32(&locator, 0) != Some(ZIP64_LOCATOR_SIG) {
        return Ok(None);
    }
    let Some(record_pos) = le64(&locator, 8) else {
        return Ok(None);
    };
    let mut record = [0u8; 56];
    if src.read_at(record_pos, &mut record)? < record.len()
        || le32(&record, 0) != Some(ZIP64_EOCD_SIG)
    {
        return Ok(None);
    }
    Ok(
        match (le64(&record, 32), le64(&record, 40), le64(&record, 48)) {
            (Some(n), Some(s), Some(o)) => Some((n, s, o)),
            _ => None,
        },
    )
}
