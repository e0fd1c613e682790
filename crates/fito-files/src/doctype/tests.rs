//! One test per accepted format and per refusal, on small but structurally real files.

use std::io::{Cursor, Write};

use super::*;

pub(crate) const PNG_1X1: &[u8] = b"\x89\x50\x4E\x47\x0D\x0A\x1A\x0A\x00\x00\x00\x0D\x49\x48\x44\x52\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90\x77\x53\xDE\x00\x00\x00\x0C\x49\x44\x41\x54\x78\x9C\x63\xF8\xCF\xC0\x00\x00\x03\x01\x01\x00\xC9\xFE\x92\xEF\x00\x00\x00\x00\x49\x45\x4E\x44\xAE\x42\x60\x82";

/// A 1×1 baseline JFIF JPEG.
pub(crate) const JPEG_1X1: &[u8] = b"\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x01\x00\x48\x00\x48\x00\x00\
\xFF\xDB\x00\x43\x00\x03\x02\x02\x02\x02\x02\x03\x02\x02\x02\x03\x03\x03\x03\x04\x06\x04\x04\x04\x04\x04\
\x08\x06\x06\x05\x06\x09\x08\x0A\x0A\x09\x08\x09\x09\x0A\x0C\x0F\x0C\x0A\x0B\x0E\x0B\x09\x09\x0D\x11\x0D\
\x0E\x0F\x10\x10\x11\x10\x0A\x0C\x12\x13\x12\x10\x13\x0F\x10\x10\x10\xFF\xC9\x00\x0B\x08\x00\x01\x00\x01\
\x01\x01\x11\x00\xFF\xCC\x00\x06\x00\x10\x10\x05\xFF\xDA\x00\x08\x01\x01\x00\x00\x3F\x00\xD2\xCF\x20\xFF\xD9";

const GIF_1X1: &[u8] = b"GIF89a\x01\x00\x01\x00\x80\x00\x00\xFF\xFF\xFF\x00\x00\x00!\xF9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;";

pub(crate) const PDF: &[u8] = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n\
2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

fn doc(kind: DocumentKind) -> Verdict {
    Verdict::Document(kind)
}

/// A real zip archive (stored entries) with the given entries in order.
pub(crate) fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = ::zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = ::zip::write::SimpleFileOptions::default()
        .compression_method(::zip::CompressionMethod::Stored);
    for (name, data) in entries {
        w.start_file(*name, opts).expect("zip entry");
        w.write_all(data).expect("zip data");
    }
    w.finish().expect("zip finish").into_inner()
}

pub(crate) fn docx() -> Vec<u8> {
    zip(&[
        ("[Content_Types].xml", br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#),
        ("_rels/.rels", b"<Relationships/>"),
        ("word/document.xml", b"<w:document/>"),
    ])
}

fn xlsx() -> Vec<u8> {
    zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("_rels/.rels", b"<Relationships/>"),
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/worksheets/sheet1.xml", b"<worksheet/>"),
    ])
}

fn odf(mimetype: &[u8]) -> Vec<u8> {
    zip(&[
        ("mimetype", mimetype),
        ("content.xml", b"<office:document-content/>"),
        ("META-INF/manifest.xml", b"<manifest:manifest/>"),
    ])
}

/// A minimal compound file (512-byte sectors): sector 0 is the FAT, sector 1 the
/// directory. `root` names the root storage's streams; `nested` adds a sub-storage
/// (as an embedded object would) holding the given streams.
fn cfb(root: &[&str], nested: &[&str]) -> Vec<u8> {
    const FREE: u32 = 0xFFFF_FFFF;
    const END: u32 = 0xFFFF_FFFE;
    let mut entries: Vec<(String, u8, u32, u32, u32)> =
        vec![("Root Entry".into(), 5, FREE, FREE, FREE)];
    // Children of one storage chained through `right` siblings.
    let add_children = |names: &[&str], kind: u8, entries: &mut Vec<_>| -> u32 {
        let first = entries.len() as u32;
        for (i, name) in names.iter().enumerate() {
            let right = if i + 1 < names.len() {
                first + i as u32 + 1
            } else {
                FREE
            };
            entries.push((name.to_string(), kind, FREE, right, FREE));
        }
        if names.is_empty() { FREE } else { first }
    };
    let first_root = add_children(root, 2, &mut entries);
    entries[0].4 = first_root;
    if !nested.is_empty() {
        let storage = entries.len() as u32;
        entries.push(("ObjectPool".into(), 1, FREE, FREE, FREE));
        let child = add_children(nested, 2, &mut entries);
        entries[storage as usize].4 = child;
        // Hang the storage off the last root child (or the root itself).
        match entries
            .iter()
            .position(|e| e.1 == 2 && e.3 == FREE && (e.0.as_str() == *root.last().unwrap_or(&"")))
        {
            Some(i) => entries[i].3 = storage,
            None => entries[0].4 = storage,
        }
    }
    assert!(
        entries.len() <= 4,
        "one directory sector holds four entries"
    );

    let mut out = vec![0u8; 512 * 3];
    out[..8].copy_from_slice(&MAGIC_CFB);
    out[0x18..0x1A].copy_from_slice(&0x3Eu16.to_le_bytes());
    out[0x1A..0x1C].copy_from_slice(&3u16.to_le_bytes());
    out[0x1C..0x1E].copy_from_slice(&0xFFFEu16.to_le_bytes());
    out[0x1E..0x20].copy_from_slice(&9u16.to_le_bytes());
    out[0x20..0x22].copy_from_slice(&6u16.to_le_bytes());
    out[0x2C..0x30].copy_from_slice(&1u32.to_le_bytes()); // FAT sectors
    out[0x30..0x34].copy_from_slice(&1u32.to_le_bytes()); // first directory sector
    out[0x38..0x3C].copy_from_slice(&4096u32.to_le_bytes());
    out[0x3C..0x40].copy_from_slice(&END.to_le_bytes()); // no mini FAT
    out[0x44..0x48].copy_from_slice(&END.to_le_bytes()); // no DIFAT sectors
    for i in 0..109 {
        let v = if i == 0 { 0 } else { FREE };
        out[0x4C + i * 4..0x50 + i * 4].copy_from_slice(&v.to_le_bytes());
    }
    // FAT: sector 0 = FAT itself, sector 1 = end of the directory chain.
    let fat = &mut out[512..1024];
    fat.fill(0xFF);
    fat[..4].copy_from_slice(&0xFFFF_FFFDu32.to_le_bytes());
    fat[4..8].copy_from_slice(&END.to_le_bytes());
    let dir = &mut out[1024..1536];
    for (i, (name, kind, left, right, child)) in entries.iter().enumerate() {
        let e = &mut dir[i * 128..(i + 1) * 128];
        let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
        for (j, u) in units.iter().enumerate() {
            e[j * 2..j * 2 + 2].copy_from_slice(&u.to_le_bytes());
        }
        e[0x40..0x42].copy_from_slice(&((units.len() * 2) as u16).to_le_bytes());
        e[0x42] = *kind;
        e[0x44..0x48].copy_from_slice(&left.to_le_bytes());
        e[0x48..0x4C].copy_from_slice(&right.to_le_bytes());
        e[0x4C..0x50].copy_from_slice(&child.to_le_bytes());
        e[0x74..0x78].copy_from_slice(&END.to_le_bytes());
    }
    for i in entries.len()..4 {
        let e = &mut dir[i * 128..(i + 1) * 128];
        e[0x44..0x50].fill(0xFF);
    }
    out
}

const MAGIC_CFB: [u8; 8] = cfb::MAGIC;

// --- accepted documents (R-DOC-1) ---

#[test]
fn r_doc_1_pdf_is_accepted() {
    assert_eq!(sniff(PDF), doc(DocumentKind::Pdf));
}

#[test]
fn r_doc_1_docx_is_recognised_by_its_zip_entries() {
    assert_eq!(sniff(&docx()), doc(DocumentKind::Docx));
}

#[test]
fn r_doc_1_xlsx_is_recognised_by_its_zip_entries() {
    assert_eq!(sniff(&xlsx()), doc(DocumentKind::Xlsx));
}

#[test]
fn r_doc_1_odt_and_ods_are_recognised_by_their_mimetype_entry() {
    assert_eq!(
        sniff(&odf(b"application/vnd.oasis.opendocument.text")),
        doc(DocumentKind::Odt)
    );
    assert_eq!(
        sniff(&odf(b"application/vnd.oasis.opendocument.spreadsheet")),
        doc(DocumentKind::Ods)
    );
    // Other ODF flavours (presentations, drawings) are not accepted.
    assert_eq!(
        sniff(&odf(b"application/vnd.oasis.opendocument.graphics")),
        Verdict::Unsupported
    );
}

#[test]
fn r_doc_1_legacy_word_and_excel_are_told_apart_by_their_streams() {
    assert_eq!(
        sniff(&cfb(&["WordDocument", "1Table"], &[])),
        doc(DocumentKind::Doc)
    );
    assert_eq!(sniff(&cfb(&["Workbook"], &[])), doc(DocumentKind::Xls));
    assert_eq!(sniff(&cfb(&["Book"], &[])), doc(DocumentKind::Xls));
}

#[test]
fn r_doc_1_embedded_workbook_does_not_make_a_word_file_excel() {
    assert_eq!(
        sniff(&cfb(&["WordDocument"], &["Workbook"])),
        doc(DocumentKind::Doc)
    );
}

#[test]
fn r_doc_1_other_compound_files_are_unsupported() {
    // An installer (.msi) or an Outlook message shares the OLE2 container.
    assert_eq!(
        sniff(&cfb(&["\u{4840}\u{3F3F}Summary"], &[])),
        Verdict::Unsupported
    );
    assert_eq!(sniff(&cfb(&[], &["WordDocument"])), Verdict::Unsupported);
    // Just the magic number, no valid structure.
    let mut broken = cfb::MAGIC.to_vec();
    broken.resize(600, 0);
    assert_eq!(sniff(&broken), Verdict::Unsupported);
}

#[test]
fn r_doc_1_csv_in_utf8_with_or_without_bom_is_accepted() {
    let csv = "Область;Площадь, га\nАкмолинская;12,5\n".as_bytes();
    assert_eq!(sniff(csv), doc(DocumentKind::Csv));
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), csv].concat();
    assert_eq!(sniff(&with_bom), doc(DocumentKind::Csv));
    assert_eq!(sniff(b"a,b,c"), doc(DocumentKind::Csv));
}

#[test]
fn r_doc_1_text_that_is_not_csv_is_unsupported() {
    assert_eq!(sniff(b"a,b\x00c\n"), Verdict::Unsupported, "NUL byte");
    assert_eq!(
        sniff(b"caf\xE9;1\n"),
        Verdict::Unsupported,
        "Latin-1, not UTF-8"
    );
    assert_eq!(sniff(b"   \n\n"), Verdict::Unsupported, "blank");
    assert_eq!(sniff(b"{\"a\": 1}\n"), Verdict::Unsupported, "JSON");
    assert_eq!(
        sniff(b"word"),
        Verdict::Unsupported,
        "no line or field structure"
    );
}

#[test]
fn r_doc_1_csv_check_spans_chunks_on_disk() {
    // A multi-byte character cut by the 64 KiB chunk boundary is still valid UTF-8 …
    let mut csv = "a;".repeat(32_767).into_bytes();
    csv.extend_from_slice("б;в\n".as_bytes());
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("big.csv");
    std::fs::write(&path, &csv).expect("write");
    assert_eq!(sniff_file(&path).expect("sniff"), doc(DocumentKind::Csv));
    // … and a NUL far past the head is still found.
    csv.extend_from_slice(b"x\x00\n");
    std::fs::write(&path, &csv).expect("write");
    assert_eq!(sniff_file(&path).expect("sniff"), Verdict::Unsupported);
}

#[test]
fn r_doc_1_type_is_decided_by_content_not_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("report.png");
    std::fs::write(&path, docx()).expect("write");
    assert_eq!(sniff_file(&path).expect("sniff"), doc(DocumentKind::Docx));
}

#[test]
fn r_doc_1_media_types_and_extensions_match_the_kind() {
    assert_eq!(DocumentKind::Pdf.media_type(), "application/pdf");
    assert_eq!(DocumentKind::Docx.extension(), "docx");
    assert_eq!(
        DocumentKind::Ods.media_type(),
        "application/vnd.oasis.opendocument.spreadsheet"
    );
}

// --- images are refused (R-DOC-2) ---

#[test]
fn r_doc_2_png_named_pdf_is_refused_as_image() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("act.pdf");
    std::fs::write(&path, PNG_1X1).expect("write");
    assert_eq!(sniff_file(&path).expect("sniff"), Verdict::Image("PNG"));
}

#[test]
fn r_doc_2_common_photo_formats_are_refused_as_images() {
    assert_eq!(sniff(JPEG_1X1), Verdict::Image("JPEG"));
    assert_eq!(sniff(PNG_1X1), Verdict::Image("PNG"));
    assert_eq!(sniff(GIF_1X1), Verdict::Image("GIF"));
    let webp = b"RIFF\x1A\x00\x00\x00WEBPVP8L\x0D\x00\x00\x00\x2F\x00\x00\x00\x10\x07\x10\x11\x11\x88\x88\xFE\x07\x00";
    assert_eq!(sniff(webp), Verdict::Image("WebP"));
    let tiff_le = b"II*\x00\x08\x00\x00\x00\x00\x00";
    assert_eq!(sniff(tiff_le), Verdict::Image("TIFF"));
    assert_eq!(
        sniff(b"MM\x00*\x00\x00\x00\x08\x00\x00"),
        Verdict::Image("TIFF")
    );
}

#[test]
fn r_doc_2_bmp_is_refused_but_text_starting_with_bm_is_not() {
    let mut bmp = b"BM\x3A\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00\x28\x00\x00\x00".to_vec();
    bmp.extend_from_slice(&[1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 24, 0]);
    bmp.resize(58, 0);
    assert_eq!(sniff(&bmp), Verdict::Image("BMP"));
    assert_eq!(sniff(b"BMW;X5;2020\n"), doc(DocumentKind::Csv));
}

#[test]
fn r_doc_2_heic_heif_and_avif_are_refused_by_their_ftyp_brands() {
    let ftyp = |major: &[u8], compat: &[u8]| {
        let mut b = ((16 + compat.len()) as u32).to_be_bytes().to_vec();
        b.extend_from_slice(b"ftyp");
        b.extend_from_slice(major);
        b.extend_from_slice(&[0, 0, 0, 0]);
        b.extend_from_slice(compat);
        b.extend_from_slice(b"\x00\x00\x00\x08meta");
        b
    };
    assert_eq!(sniff(&ftyp(b"heic", b"mif1heic")), Verdict::Image("HEIC"));
    assert_eq!(sniff(&ftyp(b"mif1", b"mif1")), Verdict::Image("HEIF"));
    assert_eq!(
        sniff(&ftyp(b"avif", b"avifmif1miafMA1B")),
        Verdict::Image("AVIF")
    );
    // An iPhone-style HEIC whose major brand is generic still names heic as compatible.
    assert_eq!(
        sniff(&ftyp(b"isom", b"isommif1heic")),
        Verdict::Image("HEIF")
    );
    assert_eq!(sniff(&ftyp(b"crx ", b"crx isom")), Verdict::Image("CR3"));
    // A video is not an image, and not a document either.
    assert_eq!(sniff(&ftyp(b"isom", b"isomiso2mp41")), Verdict::Unsupported);
}

#[test]
fn r_doc_2_other_image_formats_are_refused() {
    let cases: &[(&[u8], &str)] = &[
        (b"\x00\x00\x01\x00\x01\x00\x01\x01\x00\x00", "ICO"),
        (
            b"\x00\x00\x00\x0CjP  \r\n\x87\n\x00\x00\x00\x14ftypjp2 ",
            "JPEG 2000",
        ),
        (b"\xFF\x4F\xFF\x51\x00\x2F", "JPEG 2000"),
        (b"\xFF\x0A\xFA\x7F", "JPEG XL"),
        (b"\x00\x00\x00\x0CJXL \r\n\x87\n", "JPEG XL"),
        (b"8BPS\x00\x01\x00\x00\x00\x00\x00\x00", "PSD"),
        (b"II*\x00\x10\x00\x00\x00CR\x02\x00", "CR2"),
        (b"IIRO\x08\x00\x00\x00", "ORF"),
        (b"FUJIFILMCCD-RAW 0201", "RAF"),
        (b"P3\n1 1\n255\n255 0 0\n", "Netpbm"),
        (b"/* XPM */\nstatic char *x[] = {\"1 1 1 1\"};\n", "XPM"),
    ];
    for (bytes, name) in cases {
        assert_eq!(sniff(bytes), Verdict::Image(name), "{name}");
    }
}

#[test]
fn r_doc_2_svg_is_refused_as_image_even_behind_prolog_and_comments() {
    assert_eq!(
        sniff(b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"),
        Verdict::Image("SVG")
    );
    let prolog = b"\xEF\xBB\xBF\n  <?xml version=\"1.0\"?>\n<!-- drawn by hand -->\n\
<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n\
<svg width=\"1\" height=\"1\"></svg>\n";
    assert_eq!(sniff(prolog), Verdict::Image("SVG"));
}

#[test]
fn r_doc_2_zip_with_only_a_photo_is_not_a_document() {
    assert_eq!(
        sniff(&zip(&[("photo.jpg", JPEG_1X1)])),
        Verdict::Unsupported
    );
    // OOXML-looking content types without a Word or Excel part are not enough either.
    let fake = zip(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("media/photo.jpg", JPEG_1X1),
    ]);
    assert_eq!(sniff(&fake), Verdict::Unsupported);
}

#[test]
fn r_doc_2_image_wins_over_a_document_signature_in_a_polyglot() {
    let polyglot = [PNG_1X1, PDF].concat();
    assert_eq!(sniff(&polyglot), Verdict::Image("PNG"));
}

// --- everything else ---

#[test]
fn r_doc_1_empty_file_is_empty() {
    assert_eq!(sniff(b""), Verdict::Empty);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("empty.pdf");
    std::fs::write(&path, b"").expect("write");
    assert_eq!(sniff_file(&path).expect("sniff"), Verdict::Empty);
}

#[test]
fn r_doc_1_html_executables_and_plain_archives_are_unsupported() {
    let html = b"<!DOCTYPE html>\n<html><body><p>a,b</p></body></html>\n";
    assert_eq!(sniff(html), Verdict::Unsupported);
    assert_eq!(
        sniff(b"<?xml version=\"1.0\"?><root>a,b</root>"),
        Verdict::Unsupported
    );
    assert_eq!(
        sniff(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"),
        Verdict::Unsupported
    );
    assert_eq!(sniff(b"\x7FELF\x02\x01\x01\x00"), Verdict::Unsupported);
    assert_eq!(
        sniff(&zip(&[("notes.txt", b"a,b\n")])),
        Verdict::Unsupported
    );
    assert_eq!(
        sniff(b"\x1F\x8B\x08\x00\x00\x00\x00\x00"),
        Verdict::Unsupported
    );
}

#[test]
fn r_doc_1_truncated_zip_is_unsupported_without_error() {
    let full = docx();
    assert_eq!(sniff(&full[..full.len() / 2]), Verdict::Unsupported);
    assert_eq!(sniff(b"PK\x03\x04"), Verdict::Unsupported);
}

/// NCA test CMS files (../shared/fixtures/nca/cms): one detached, one attached.
fn nca_cms(name: &str) -> Vec<u8> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/fixtures/nca/cms/"
    );
    std::fs::read(format!("{path}{name}")).expect("NCA fixture")
}

#[test]
fn r_doc_1_a_detached_signature_is_a_document_an_attached_one_is_not() {
    assert_eq!(
        sniff(&nca_cms("ncanode_gost2015-512+rsa_detached.cms")),
        Verdict::Document(DocumentKind::Signature)
    );
    // Attached content could be anything, a photograph included (R-DOC-2).
    assert_eq!(
        sniff(&nca_cms("ncanode_rsa_attached_test123.cms")),
        Verdict::Unsupported
    );
    let detached = nca_cms("ncanode_gost2015-512+rsa_detached.cms");
    assert_eq!(sniff(&detached[..40]), Verdict::Unsupported);
}
