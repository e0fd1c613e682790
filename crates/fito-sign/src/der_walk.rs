//! A minimal DER element walker. It exists for one reason: signatures are over
//! the bytes as they were sent, and decoding into typed structures (which
//! sorts SET OF elements) and re-encoding could produce different bytes. So the
//! to-be-signed parts (TBSCertificate, TBSCertList, signedAttrs) are cut out of
//! the original input with this walker instead of being re-encoded.

/// One element: its tag byte, the whole encoding, and its contents.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Element<'a> {
    pub tag: u8,
    pub whole: &'a [u8],
    pub contents: &'a [u8],
}

/// Splits the first element off `input`. Only definite lengths and one-byte
/// tags, as DER requires; anything else is `None`.
pub(crate) fn first(input: &[u8]) -> Option<(Element<'_>, &[u8])> {
    let (&tag, rest) = input.split_first()?;
    if tag & 0x1f == 0x1f {
        return None;
    }
    let (&len0, rest) = rest.split_first()?;
    let (len, rest) = if len0 < 0x80 {
        (usize::from(len0), rest)
    } else {
        let n = usize::from(len0 & 0x7f);
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let len = rest[..n]
            .iter()
            .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
        (len, &rest[n..])
    };
    if rest.len() < len {
        return None;
    }
    let header = input.len() - rest.len();
    let whole = &input[..header + len];
    Some((
        Element {
            tag,
            whole,
            contents: &rest[..len],
        },
        &rest[len..],
    ))
}

/// The elements inside a constructed element's contents.
pub(crate) fn children(contents: &[u8]) -> Option<Vec<Element<'_>>> {
    let mut out = Vec::new();
    let mut rest = contents;
    while !rest.is_empty() {
        let (el, tail) = first(rest)?;
        out.push(el);
        rest = tail;
    }
    Some(out)
}

/// The first child of the single element that is `input` (e.g. the TBS part
/// of a certificate or CRL), requiring nothing after the outer element.
pub(crate) fn first_child(input: &[u8]) -> Option<Element<'_>> {
    let (outer, tail) = first(input)?;
    if !tail.is_empty() {
        return None;
    }
    first(outer.contents).map(|(el, _)| el)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_short_and_long_lengths_and_refuses_truncation() {
        let mut long = vec![0x30, 0x81, 0x80];
        long.extend(std::iter::repeat_n(0u8, 0x80));
        let (el, rest) = first(&long).unwrap();
        assert_eq!((el.tag, el.contents.len(), rest.len()), (0x30, 0x80, 0));
        assert!(first(&long[..50]).is_none());
        assert!(first(&[0x30, 0x80, 0, 0]).is_none(), "indefinite length");
        let kids = children(&[0x02, 0x01, 0x05, 0x04, 0x00]).unwrap();
        assert_eq!(kids.len(), 2);
        assert_eq!(kids[1].tag, 0x04);
    }
}
