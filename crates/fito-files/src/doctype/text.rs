//! CSV: the only accepted text format. Text has no magic number, so the whole file is
//! checked: valid UTF-8 (optionally with a BOM), no NUL or other control bytes besides
//! tab and line ends, and some line or field structure. Markup (HTML, XML, SVG) and JSON
//! are not CSV even though they are text.

use std::io;

use super::source::Source;
use super::{DocumentKind, Verdict};

const CHUNK: usize = 64 * 1024;

pub(crate) fn classify(src: &mut dyn Source, head: &[u8]) -> io::Result<Verdict> {
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if matches!(
        body.iter().find(|b| !b.is_ascii_whitespace()),
        Some(b'<' | b'{')
    ) {
        return Ok(Verdict::Unsupported);
    }

    let mut checker = Utf8Text::default();
    let mut buf = vec![0u8; CHUNK];
    let mut offset = 0u64;
    loop {
        let n = src.read_at(offset, &mut buf)?;
        if n == 0 {
            break;
        }
        if !checker.feed(&buf[..n]) {
            return Ok(Verdict::Unsupported);
        }
        offset += n as u64;
    }
    Ok(if checker.finish() {
        Verdict::Document(DocumentKind::Csv)
    } else {
        Verdict::Unsupported
    })
}

/// Incremental check, so a large file on disk is never held in memory.
#[derive(Default)]
struct Utf8Text {
    /// An incomplete UTF-8 sequence carried over from the previous chunk.
    carry: Vec<u8>,
    structured: bool,
    non_blank: bool,
}

impl Utf8Text {
    fn feed(&mut self, chunk: &[u8]) -> bool {
        if chunk
            .iter()
            .any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'))
        {
            return false;
        }
        self.structured |= chunk
            .iter()
            .any(|b| matches!(b, b'\n' | b',' | b';' | b'\t'));
        self.non_blank |= chunk.iter().any(|b| !b.is_ascii_whitespace());
        let mut data = std::mem::take(&mut self.carry);
        data.extend_from_slice(chunk);
        match std::str::from_utf8(&data) {
            Ok(_) => true,
            // Cut in the middle of a character: keep the tail for the next chunk.
            Err(e) if e.error_len().is_none() => {
                self.carry = data[e.valid_up_to()..].to_vec();
                true
            }
            Err(_) => false,
        }
    }

    fn finish(self) -> bool {
        self.carry.is_empty() && self.structured && self.non_blank
    }
}
