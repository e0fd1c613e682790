//! Content sniffing for attached documents (R-DOC-1, R-DOC-2).
//!
//! The type of a file is decided from its bytes only; the name and the declared media
//! type are never consulted, because both are chosen by the uploader. Images are checked
//! first so that a polyglot (an image that also looks like something else) is refused.
//! Container formats are opened far enough to tell them apart: a zip is only a document
//! when it carries the OOXML or ODF markers, an OLE2 file only when its root holds a
//! Word or Excel stream.
//!
//! Hand-written rather than `infer` (the DESIGN default): `infer` looks at the first
//! bytes only, while telling OOXML, ODF and OLE2 documents apart needs the zip central
//! directory or the OLE2 directory, and it has no answer for "text that is CSV".

mod cfb;
mod cms;
mod image;
mod source;
mod text;
mod zip;

use std::io;
use std::path::Path;

use source::Source;

/// Bytes read from the start of a file for the magic-number checks.
const HEAD_LEN: usize = 4096;

/// An accepted document type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentKind {
    Pdf,
    /// Office Open XML spreadsheet.
    Xlsx,
    /// Legacy Excel (BIFF in an OLE2 compound file).
    Xls,
    /// Office Open XML word-processing document.
    Docx,
    /// Legacy Word (OLE2 compound file).
    Doc,
    /// OpenDocument text.
    Odt,
    /// OpenDocument spreadsheet.
    Ods,
    /// UTF-8 comma/semicolon/tab separated text.
    Csv,
    /// A detached CMS signature of a document (`.p7s`, NCALayer's `.cms`).
    Signature,
}

impl DocumentKind {
    /// The IANA media type to serve the file with (downloads never trust the upload's).
    pub fn media_type(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Self::Xls => "application/vnd.ms-excel",
            Self::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Self::Doc => "application/msword",
            Self::Odt => "application/vnd.oasis.opendocument.text",
            Self::Ods => "application/vnd.oasis.opendocument.spreadsheet",
            Self::Csv => "text/csv; charset=utf-8",
            Self::Signature => "application/pkcs7-signature",
        }
    }

    /// The file extension (without the dot) matching the content.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Xlsx => "xlsx",
            Self::Xls => "xls",
            Self::Docx => "docx",
            Self::Doc => "doc",
            Self::Odt => "odt",
            Self::Ods => "ods",
            Self::Csv => "csv",
            Self::Signature => "p7s",
        }
    }
}

/// What a file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// An accepted document.
    Document(DocumentKind),
    /// An image (R-DOC-2); the value names the format, e.g. `"PNG"`, `"HEIC"`.
    Image(&'static str),
    /// Anything else: executables, archives, HTML, binary data, …
    Unsupported,
    /// Zero bytes.
    Empty,
}

/// Sniffs a file in memory.
pub fn sniff(bytes: &[u8]) -> Verdict {
    let mut src = bytes;
    // Reading from memory cannot fail.
    sniff_source(&mut src).unwrap_or(Verdict::Unsupported)
}

/// Sniffs a file on disk without loading it whole: only the head, the zip central
/// directory or the OLE2 directory are read (plain text is scanned in chunks).
pub fn sniff_file(path: &Path) -> io::Result<Verdict> {
    let file = std::fs::File::open(path)?;
    let mut src = source::FileSource::new(file)?;
    sniff_source(&mut src)
}

fn sniff_source(src: &mut dyn Source) -> io::Result<Verdict> {
    let size = src.size();
    if size == 0 {
        return Ok(Verdict::Empty);
    }
    let mut head = vec![0u8; HEAD_LEN.min(usize::try_from(size).unwrap_or(HEAD_LEN))];
    src.read_exact_at(0, &mut head)?;

    if let Some(format) = image::detect(&head) {
        return Ok(Verdict::Image(format));
    }
    if head.starts_with(b"%PDF-") {
        return Ok(Verdict::Document(DocumentKind::Pdf));
    }
    if head.starts_with(b"PK\x03\x04") {
        return Ok(zip::classify(src, &head)?.map_or(Verdict::Unsupported, Verdict::Document));
    }
    if cms::is_detached_signed_data(&head) {
        return Ok(Verdict::Document(DocumentKind::Signature));
    }
    if head.starts_with(&cfb::MAGIC) {
        return Ok(cfb::classify(src)?.map_or(Verdict::Unsupported, Verdict::Document));
    }
    text::classify(src, &head)
}

#[cfg(test)]
pub(crate) mod tests;
