//! The file formats of the register's import and export (R-GEO-1): which one a
//! file is, and reading every feature of it.

use crate::app::{AppError, Kind};
use fito_geo::formats::{csv, geojson, kml, shapefile};
use fito_geo::{Imported, ValidationOptions};

/// The file formats R-GEO-1 names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    GeoJson,
    Kml,
    Shapefile,
    Csv,
}

impl Format {
    /// From a `format` parameter or a file extension.
    pub fn from_name(name: &str) -> Option<Format> {
        match name.trim().to_ascii_lowercase().as_str() {
            "geojson" | "json" => Some(Format::GeoJson),
            "kml" => Some(Format::Kml),
            "shapefile" | "shp" | "zip" => Some(Format::Shapefile),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }

    /// From a Content-Type; generic types (octet-stream) say nothing.
    pub fn from_content_type(value: &str) -> Option<Format> {
        let mime = value.split(';').next()?.trim().to_ascii_lowercase();
        match mime.as_str() {
            "application/geo+json" | "application/json" => Some(Format::GeoJson),
            "application/vnd.google-earth.kml+xml" | "application/xml" | "text/xml" => {
                Some(Format::Kml)
            }
            "application/zip" | "application/x-zip-compressed" | "application/x-shapefile" => {
                Some(Format::Shapefile)
            }
            "text/csv" => Some(Format::Csv),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Format::GeoJson => "geojson",
            Format::Kml => "kml",
            Format::Shapefile => "shapefile",
            Format::Csv => "csv",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::GeoJson => "application/geo+json",
            Format::Kml => "application/vnd.google-earth.kml+xml",
            Format::Shapefile => "application/zip",
            Format::Csv => "text/csv; charset=utf-8",
        }
    }

    pub fn file_name(self) -> &'static str {
        match self {
            Format::GeoJson => "objects.geojson",
            Format::Kml => "objects.kml",
            Format::Shapefile => "objects.zip",
            Format::Csv => "objects.csv",
        }
    }
}

/// Magic numbers of image formats: photos are never accepted (R-DOC-2), and a
/// picture sent as a map file gets a message that says so.
const IMAGE_MAGIC: &[(usize, &[u8])] = &[
    (0, b"\x89PNG"),
    (0, b"\xFF\xD8\xFF"),
    (0, b"GIF8"),
    (0, b"II*\0"),
    (0, b"MM\0*"),
    (0, b"BM"),
    (8, b"WEBP"),
    (4, b"ftypheic"),
    (4, b"ftypheix"),
    (4, b"ftypmif1"),
    (4, b"ftypavif"),
];

fn refused(code: &'static str) -> AppError {
    AppError::new(Kind::UnsupportedMediaType, code)
}

/// The format the content shows: zip magic, XML, or JSON; `None` for other text.
fn sniff(bytes: &[u8]) -> Result<Option<Format>, AppError> {
    if IMAGE_MAGIC
        .iter()
        .any(|(at, magic)| bytes.get(*at..at + magic.len()) == Some(magic))
    {
        return Err(refused("import-file-image"));
    }
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Ok(Some(Format::Shapefile));
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let head = &text[..text.len().min(8192)];
    // A NUL never occurs in the text formats; a cut multi-byte character at the
    // end of the sample is not a reason to call the file binary.
    let utf8_ok = match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none(),
    };
    if head.contains(&0) || !utf8_ok {
        return Err(refused("import-file-binary"));
    }
    Ok(match head.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'<') => Some(Format::Kml),
        Some(b'{') => Some(Format::GeoJson),
        _ => None,
    })
}

/// Decides the format: the content where it shows one (a declared format that
/// disagrees is refused), else what the caller declared, else CSV.
pub fn detect(bytes: &[u8], declared: Option<Format>) -> Result<Format, AppError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(AppError::unprocessable("import-file-empty"));
    }
    match (sniff(bytes)?, declared) {
        (Some(found), Some(said)) if found != said => Err(refused("import-format-mismatch")
            .with("declared", said.name())
            .with("found", found.name())),
        (Some(found), _) => Ok(found),
        (None, Some(said)) => Ok(said),
        (None, None) => Ok(Format::Csv),
    }
}

/// Reads every feature (blocking: run it off the async threads for big files).
pub fn read(format: Format, bytes: &[u8]) -> Result<Imported, AppError> {
    let opts = ValidationOptions::default();
    let read = match format {
        Format::GeoJson => geojson::read(bytes, &opts),
        Format::Kml => kml::read(bytes, &opts),
        Format::Csv => csv::read(bytes, &opts),
        Format::Shapefile => shapefile::read_zip(std::io::Cursor::new(bytes), &opts),
    };
    let imported = read.map_err(AppError::from)?;
    if imported.features.is_empty() {
        return Err(AppError::unprocessable("import-file-no-features"));
    }
    Ok(imported)
}
