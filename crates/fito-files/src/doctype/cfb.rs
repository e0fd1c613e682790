//! Legacy Word and Excel files: OLE2 compound files (MS-CFB).
//!
//! The same container also carries installers (.msi), Outlook messages, PowerPoint and
//! encrypted OOXML, so the magic number alone is not enough: the root storage must hold
//! a `WordDocument` stream (Word) or a `Workbook`/`Book` stream (Excel). Only the
//! header, the FAT sectors on the directory's chain and the directory are read.

use std::io;

use super::DocumentKind;
use super::source::{Source, le16, le32};

pub(crate) const MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

const HEADER_DIFAT_ENTRIES: usize = 109;
const MAX_REG_SECTOR: u32 = 0xFFFF_FFFA;
const NO_STREAM: u32 = 0xFFFF_FFFF;
const DIR_ENTRY_LEN: usize = 128;
const TYPE_STREAM: u8 = 2;
/// Bound on directory entries read: documents have a few dozen.
const MAX_DIR_ENTRIES: usize = 100_000;

struct Entry {
    name: String,
    kind: u8,
    left: u32,
    right: u32,
    child: u32,
}

pub(crate) fn classify(src: &mut dyn Source) -> io::Result<Option<DocumentKind>> {
    let mut header = [0u8; 512];
    if src.read_at(0, &mut header)? < header.len() {
        return Ok(None);
    }
    let Some(shift) = le16(&header, 0x1E) else {
        return Ok(None);
    };
    if shift != 9 && shift != 12 {
        return Ok(None);
    }
    let sector_len = 1usize << shift;
    let cfb = Cfb {
        sector_len,
        fat_sectors: fat_sectors(src, &header, sector_len)?,
    };
    let Some(first_dir) = le32(&header, 0x30) else {
        return Ok(None);
    };
    let Some(entries) = cfb.directory(src, first_dir)? else {
        return Ok(None);
    };
    let root_names = root_children(&entries);
    let word = root_names.contains(&"WordDocument");
    let excel = root_names.iter().any(|n| *n == "Workbook" || *n == "Book");
    Ok(match (word, excel) {
        (true, false) => Some(DocumentKind::Doc),
        (false, true) => Some(DocumentKind::Xls),
        _ => None,
    })
}

struct Cfb {
    sector_len: usize,
    fat_sectors: Vec<u32>,
}

impl Cfb {
    fn offset(&self, sector: u32) -> u64 {
        (u64::from(sector) + 1) * self.sector_len as u64
    }

    fn next(&self, src: &mut dyn Source, sector: u32) -> io::Result<Option<u32>> {
        let per_sector = self.sector_len / 4;
        let index = sector as usize / per_sector;
        let Some(&fat_sector) = self.fat_sectors.get(index) else {
            return Ok(None);
        };
        let mut b = [0u8; 4];
        let at = self.offset(fat_sector) + (sector as usize % per_sector * 4) as u64;
        if src.read_at(at, &mut b)? < 4 {
            return Ok(None);
        }
        Ok(Some(u32::from_le_bytes(b)))
    }

    /// Reads the directory entries along the directory's sector chain.
    fn directory(&self, src: &mut dyn Source, first: u32) -> io::Result<Option<Vec<Entry>>> {
        let max_sectors = src.size() / self.sector_len as u64 + 1;
        let mut entries = Vec::new();
        let mut sector = first;
        let mut buf = vec![0u8; self.sector_len];
        let mut seen = 0u64;
        while sector <= MAX_REG_SECTOR {
            seen += 1;
            if seen > max_sectors || entries.len() > MAX_DIR_ENTRIES {
                return Ok(None); // a loop in the chain
            }
            if src.read_at(self.offset(sector), &mut buf)? < buf.len() {
                return Ok(None);
            }
            entries.extend(buf.chunks_exact(DIR_ENTRY_LEN).map(parse_entry));
            let Some(next) = self.next(src, sector)? else {
                return Ok(None);
            };
            sector = next;
        }
        Ok((!entries.is_empty()).then_some(entries))
    }
}

/// FAT sector numbers: the 109 in the header, then those in the DIFAT sector chain.
fn fat_sectors(src: &mut dyn Source, header: &[u8], sector_len: usize) -> io::Result<Vec<u32>> {
    let mut out: Vec<u32> = (0..HEADER_DIFAT_ENTRIES)
        .filter_map(|i| le32(header, 0x4C + i * 4))
        .take_while(|&s| s <= MAX_REG_SECTOR)
        .collect();
    let mut difat = le32(header, 0x44).unwrap_or(NO_STREAM);
    let count = le32(header, 0x48).unwrap_or(0);
    let mut buf = vec![0u8; sector_len];
    let per_sector = sector_len / 4 - 1;
    for _ in 0..count {
        if difat > MAX_REG_SECTOR {
            break;
        }
        let at = (u64::from(difat) + 1) * sector_len as u64;
        if src.read_at(at, &mut buf)? < buf.len() {
            break;
        }
        out.extend(
            (0..per_sector)
                .filter_map(|i| le32(&buf, i * 4))
                .take_while(|&s| s <= MAX_REG_SECTOR),
        );
        difat = le32(&buf, per_sector * 4).unwrap_or(NO_STREAM);
    }
    Ok(out)
}

fn parse_entry(b: &[u8]) -> Entry {
    let name_bytes = usize::from(le16(b, 0x40).unwrap_or(0)).min(64);
    let units: Vec<u16> = b[..name_bytes]
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .take_while(|&u| u != 0)
        .collect();
    Entry {
        name: String::from_utf16_lossy(&units),
        kind: b[0x42],
        left: le32(b, 0x44).unwrap_or(NO_STREAM),
        right: le32(b, 0x48).unwrap_or(NO_STREAM),
        child: le32(b, 0x4C).unwrap_or(NO_STREAM),
    }
}

/// Names of the streams directly under the root storage (entry 0). Embedded objects
/// live in sub-storages, so an Excel sheet pasted into a Word file does not count.
fn root_children(entries: &[Entry]) -> Vec<&str> {
    let mut names = Vec::new();
    let Some(root) = entries.first() else {
        return names;
    };
    let mut stack = vec![root.child];
    let mut visited = 0;
    while let Some(id) = stack.pop() {
        let Some(e) = entries.get(id as usize) else {
            continue; // NOSTREAM or out of range: no sibling there
        };
        visited += 1;
        if visited > entries.len() {
            break; // a cycle in the red-black tree
        }
        if e.kind == TYPE_STREAM {
            names.push(e.name.as_str());
        }
        stack.push(e.left);
        stack.push(e.right);
    }
    names
}
