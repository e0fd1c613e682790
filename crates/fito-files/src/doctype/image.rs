//! Image signatures (R-DOC-2): photos must be refused with their own answer, whatever
//! the file is called. Checked before any document signature so that a file which is
//! both (a polyglot) is treated as an image.

/// Returns the image format name when `head` (the first bytes of a file) is an image.
pub(crate) fn detect(head: &[u8]) -> Option<&'static str> {
    binary(head)
        .or_else(|| iso_bmff(head))
        .or_else(|| textual(head))
}

fn binary(h: &[u8]) -> Option<&'static str> {
    const SIGNATURES: &[(&[u8], &str)] = &[
        (b"\xFF\xD8\xFF", "JPEG"),
        (b"\x89PNG\r\n\x1A\n", "PNG"),
        (b"GIF87a", "GIF"),
        (b"GIF89a", "GIF"),
        (b"\x00\x00\x00\x0CjP  \r\n\x87\n", "JPEG 2000"),
        (b"\xFF\x4F\xFF\x51", "JPEG 2000"),
        (b"\x00\x00\x00\x0CJXL \r\n\x87\n", "JPEG XL"),
        (b"\xFF\x0A", "JPEG XL"),
        (b"8BPS", "PSD"),
        (b"II\xBC", "JPEG XR"),
        (b"v/1\x01", "OpenEXR"),
        (b"qoif", "QOI"),
        (b"DDS ", "DDS"),
        (b"#?RADIANCE", "Radiance HDR"),
        (b"#?RGBE", "Radiance HDR"),
        (b"FUJIFILMCCD-RAW", "RAF"),
        (b"II\x1A\x00\x00\x00HEAPCCDR", "CRW"),
        (b"\x00MRM", "MRW"),
        (b"FOVb", "X3F"),
        (b"IIRO", "ORF"),
        (b"IIRS", "ORF"),
        (b"MMOR", "ORF"),
        (b"IIU\x00", "RW2"),
        (b"/* XPM */", "XPM"),
    ];
    if let Some((_, name)) = SIGNATURES.iter().find(|(sig, _)| h.starts_with(sig)) {
        return Some(name);
    }
    if h.len() >= 12 && h.starts_with(b"RIFF") && &h[8..12] == b"WEBP" {
        return Some("WebP");
    }
    // TIFF, BigTIFF, and the camera raw formats built on TIFF (DNG, NEF, ARW, CR2, …).
    if h.starts_with(b"II*\x00") || h.starts_with(b"MM\x00*") {
        return Some(if h.get(8..10) == Some(b"CR") {
            "CR2"
        } else {
            "TIFF"
        });
    }
    if h.starts_with(b"II+\x00") || h.starts_with(b"MM\x00+") {
        return Some("TIFF");
    }
    if is_bmp(h) {
        return Some("BMP");
    }
    // ICO / CUR: reserved 0, type 1 or 2, at least one image.
    if h.len() >= 6 && h[0..2] == [0, 0] && h[3] == 0 && (h[2] == 1 || h[2] == 2) {
        let count = u16::from_le_bytes([h[4], h[5]]);
        if count > 0 {
            return Some(if h[2] == 1 { "ICO" } else { "CUR" });
        }
    }
    if is_pcx(h) {
        return Some("PCX");
    }
    None
}

/// "BM" alone is too weak (a CSV may start with "BMW,"), so the reserved bytes and the
/// size of the DIB header that follows are checked too.
fn is_bmp(h: &[u8]) -> bool {
    if h.len() < 18 || !h.starts_with(b"BM") || h[6..10] != [0, 0, 0, 0] {
        return false;
    }
    let dib = u32::from_le_bytes([h[14], h[15], h[16], h[17]]);
    matches!(dib, 12 | 16 | 40 | 52 | 56 | 64 | 108 | 124)
}

fn is_pcx(h: &[u8]) -> bool {
    h.len() >= 4
        && h[0] == 0x0A
        && matches!(h[1], 0 | 2 | 3 | 4 | 5)
        && h[2] == 1
        && matches!(h[3], 1 | 2 | 4 | 8)
}

/// HEIC/HEIF/AVIF and Canon CR3 share the ISO base media file format: a `ftyp` box whose
/// major or compatible brands name the image flavour (plain MP4 video is not an image).
fn iso_bmff(h: &[u8]) -> Option<&'static str> {
    if h.len() < 16 || &h[4..8] != b"ftyp" {
        return None;
    }
    let box_len = u32::from_be_bytes([h[0], h[1], h[2], h[3]]) as usize;
    let end = box_len.clamp(16, h.len());
    let major = &h[8..12];
    let compatible = h[16..end].chunks_exact(4);
    std::iter::once(major)
        .chain(compatible)
        .find_map(image_brand)
}

fn image_brand(brand: &[u8]) -> Option<&'static str> {
    match brand {
        b"heic" | b"heix" | b"hevc" | b"hevx" | b"heim" | b"heis" | b"hevm" | b"hevs" => {
            Some("HEIC")
        }
        b"mif1" | b"msf1" | b"mif2" => Some("HEIF"),
        b"avif" | b"avis" => Some("AVIF"),
        b"crx " => Some("CR3"),
        b"jpx " | b"jp2 " => Some("JPEG 2000"),
        _ => None,
    }
}

/// Text-based images that would otherwise look like plain text: SVG and ASCII Netpbm.
fn textual(h: &[u8]) -> Option<&'static str> {
    let t = h.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(h);
    if is_svg(t) {
        return Some("SVG");
    }
    if is_netpbm(t) {
        return Some("Netpbm");
    }
    None
}

/// Skips whitespace, the XML declaration, processing instructions, comments and a
/// DOCTYPE, then expects the `svg` root element (optionally prefixed, e.g. `svg:svg`).
fn is_svg(mut t: &[u8]) -> bool {
    loop {
        t = trim_start(t);
        if t.starts_with(b"<?") {
            t = match skip_past(t, b"?>") {
                Some(rest) => rest,
                None => return false,
            };
        } else if t.starts_with(b"<!--") {
            t = match skip_past(t, b"-->") {
                Some(rest) => rest,
                None => return false,
            };
        } else if t.len() >= 9 && t[..9].eq_ignore_ascii_case(b"<!DOCTYPE") {
            let gt = t.iter().position(|&b| b == b'>');
            let bracket = t.iter().position(|&b| b == b'[');
            t = match (bracket, gt) {
                (Some(b), Some(g)) if b < g => match skip_past(t, b"]>") {
                    Some(rest) => rest,
                    None => return false,
                },
                (_, Some(g)) => &t[g + 1..],
                (_, None) => return false,
            };
        } else {
            break;
        }
    }
    let Some(tag) = t.strip_prefix(b"<") else {
        return false;
    };
    let name_len = tag
        .iter()
        .position(|&b| b.is_ascii_whitespace() || b == b'>' || b == b'/')
        .unwrap_or(tag.len());
    let name = &tag[..name_len];
    name == b"svg" || name.ends_with(b":svg")
}

/// `P1`…`P6` followed by a width and a height.
fn is_netpbm(t: &[u8]) -> bool {
    if t.len() < 3 || t[0] != b'P' || !(b'1'..=b'6').contains(&t[1]) {
        return false;
    }
    let mut rest = &t[2..];
    if !rest.first().is_some_and(u8::is_ascii_whitespace) {
        return false;
    }
    for _ in 0..2 {
        rest = trim_start(rest);
        while rest.first() == Some(&b'#') {
            let eol = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            rest = trim_start(&rest[eol..]);
        }
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return false;
        }
        rest = &rest[digits..];
    }
    rest.first().is_some_and(u8::is_ascii_whitespace)
}

fn trim_start(t: &[u8]) -> &[u8] {
    let n = t.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &t[n..]
}

fn skip_past<'a>(t: &'a [u8], end: &[u8]) -> Option<&'a [u8]> {
    t.windows(end.len())
        .position(|w| w == end)
        .map(|p| &t[p + end.len()..])
}
