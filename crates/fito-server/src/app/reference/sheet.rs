//! A dictionary file as rows of text (issue 15): CSV (UTF-8, with or without a BOM;
//! comma, semicolon — as Excel writes it in Kazakhstan — or tab separated) or the
//! first sheet of an XLSX workbook. The type is decided by the content (fito-files
//! sniffs it and refuses images), never by the file's name.

use crate::app::{AppError, Kind};
use fito_files::{DocumentKind, Verdict};

/// The most data rows one file may hold (the KATO classifier has about 17,000).
pub const MAX_ROWS: usize = 100_000;

/// The most an XLSX file may unpack to, in MiB (a zip bomb is refused before it is read).
pub const MAX_XLSX_UNPACKED_MIB: u128 = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    Csv,
    Xlsx,
}

impl SheetFormat {
    pub fn name(self) -> &'static str {
        match self {
            SheetFormat::Csv => "csv",
            SheetFormat::Xlsx => "xlsx",
        }
    }
}

/// A file's rows: the header (column names, trimmed and lower-cased) and the data
/// rows, each with its row number as the person sees it (the line in a CSV file,
/// the row in the spreadsheet; the header is usually row 1). Blank rows are left out.
pub struct Sheet {
    pub format: SheetFormat,
    pub header: Vec<String>,
    pub rows: Vec<(usize, Vec<String>)>,
}

fn unsupported(code: &'static str) -> AppError {
    AppError::new(Kind::UnsupportedMediaType, code)
}

/// Reads a CSV or XLSX file; anything else is refused with a reason a person can act on.
pub fn read(bytes: &[u8]) -> Result<Sheet, AppError> {
    match fito_files::sniff(bytes) {
        Verdict::Document(DocumentKind::Csv) => csv_rows(bytes),
        Verdict::Document(DocumentKind::Xlsx) => xlsx_rows(bytes),
        Verdict::Document(DocumentKind::Xls) => Err(unsupported("reference-import-xls")),
        Verdict::Image(format) => Err(unsupported("reference-import-image").with("format", format)),
        Verdict::Empty => Err(AppError::unprocessable("reference-import-empty")),
        _ => Err(unsupported("reference-import-file-type")),
    }
}

/// The separator of the header line: the most frequent of `;`, `,` and tab outside
/// quotes (a comma on a tie: the RFC 4180 default).
fn separator(text: &str) -> u8 {
    let line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], std::cmp::Reverse(i)));
    [b',', b';', b'\t'][best.unwrap_or(0)]
}

fn blank(cells: &[String]) -> bool {
    cells.iter().all(|c| c.trim().is_empty())
}

/// Collects the header (the first non-blank row) and the data rows.
fn collect(
    format: SheetFormat,
    rows: impl Iterator<Item = Result<(usize, Vec<String>), AppError>>,
) -> Result<Sheet, AppError> {
    let mut header: Option<Vec<String>> = None;
    let mut data = Vec::new();
    for row in rows {
        let (number, cells) = row?;
        if blank(&cells) {
            continue;
        }
        if header.is_none() {
            header = Some(cells.iter().map(|c| c.trim().to_lowercase()).collect());
            continue;
        }
        if data.len() == MAX_ROWS {
            return Err(
                AppError::new(Kind::TooLarge, "reference-import-too-many-rows")
                    .with("max", MAX_ROWS),
            );
        }
        data.push((number, cells));
    }
    let header = header.ok_or_else(|| AppError::unprocessable("reference-import-empty"))?;
    Ok(Sheet {
        format,
        header,
        rows: data,
    })
}

fn csv_rows(bytes: &[u8]) -> Result<Sheet, AppError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // fito-files has checked the whole file is UTF-8 text.
    let text = std::str::from_utf8(bytes).map_err(|_| unsupported("reference-import-file-type"))?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator(text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // The line a record starts on, counted from its byte offset (the offset the
    // reader reports can point at the line end before the record).
    let bytes = text.as_bytes();
    let (mut counted_to, mut line) = (0usize, 1usize);
    let rows = reader.records().map(move |record| {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            AppError::unprocessable("reference-import-csv-invalid").with("row", line)
        })?;
        let mut start = record.position().map_or(0, |p| p.byte() as usize);
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        let start = start.max(counted_to);
        line += bytes[counted_to..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted_to = start;
        Ok((line, record.iter().map(str::to_string).collect()))
    });
    collect(SheetFormat::Csv, rows)
}

/// A cell as text: whole numbers without a decimal point (a KATO code typed as a
/// number stays `751110000`), booleans as `true`/`false`.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::Data;
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

/// Refuses a workbook whose directory declares more than `max` unpacked bytes: a
/// small upload must not unpack to gigabytes.
fn unpacked_within(bytes: &[u8], max: u128) -> Result<(), AppError> {
    let unpacked = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|_| AppError::unprocessable("reference-import-xlsx-invalid"))?
        .decompressed_size();
    if unpacked.is_none_or(|n| n > max) {
        return Err(
            AppError::new(Kind::TooLarge, "reference-import-xlsx-too-large")
                .with("max", MAX_XLSX_UNPACKED_MIB),
        );
    }
    Ok(())
}

fn xlsx_rows(bytes: &[u8]) -> Result<Sheet, AppError> {
    use calamine::{Reader, Xlsx};
    let unreadable = || AppError::unprocessable("reference-import-xlsx-invalid");
    unpacked_within(bytes, MAX_XLSX_UNPACKED_MIB * 1024 * 1024)?;
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).map_err(|_| unreadable())?;
    let range = book
        .worksheet_range_at(0)
        .ok_or_else(|| AppError::unprocessable("reference-import-empty"))?
        .map_err(|_| unreadable())?;
    let top = range.start().map_or(0, |(row, _)| row as usize);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, row)| Ok((top + i + 1, row.iter().map(cell_text).collect())));
    collect(SheetFormat::Xlsx, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolons_as_excel_writes_them_in_kazakhstan_and_a_bom() {
        let sheet = read(
            "\u{feff}eppo_code;name_ru\r\nERWIAM;\"Ожог; бактериальный\"\r\n\r\nX;Y\r\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(sheet.format, SheetFormat::Csv);
        assert_eq!(sheet.header, ["eppo_code", "name_ru"]);
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(
            sheet.rows[0],
            (2, vec!["ERWIAM".into(), "Ожог; бактериальный".into()])
        );
        assert_eq!(sheet.rows[1].0, 4);
    }

    #[test]
    fn commas_and_quoted_separators() {
        let sheet = read(b"code,name_kk\nwheat,\"a;b\"\n").unwrap();
        assert_eq!(sheet.rows[0].1, ["wheat", "a;b"]);
    }

    #[test]
    fn an_xlsx_first_sheet_and_its_unpacked_size_bound() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(2, 1, "kato").unwrap();
        sheet.write_string(2, 2, "name_ru").unwrap();
        sheet.write_number(3, 1, 751_110_000.0).unwrap();
        sheet.write_string(3, 2, "Алматы").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let read = read(&bytes).unwrap();
        assert_eq!(read.format, SheetFormat::Xlsx);
        assert_eq!(read.header, ["kato", "name_ru"]);
        assert_eq!(
            read.rows,
            [(4, vec!["751110000".to_string(), "Алматы".into()])]
        );
        let refused = unpacked_within(&bytes, 100).unwrap_err();
        assert_eq!(refused.code, "reference-import-xlsx-too-large");
    }

    #[test]
    fn images_and_other_files_are_refused_by_content() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(read(png).err().unwrap().code, "reference-import-image");
        assert_eq!(read(b"").err().unwrap().code, "reference-import-empty");
        let cp1251 = b"eppo_code;name_ru\nERWIAM;\xce\xe6\xee\xe3\n";
        assert_eq!(
            read(cp1251).err().unwrap().code,
            "reference-import-file-type"
        );
    }
}
