//! Importing objects from GIS files into the register (R-OBJ-1, R-GEO-1). The
//! one place that decides a file's format, maps features to objects and writes
//! them: `POST /api/v1/objects/import` and `fito import` both call it, so both
//! refuse and write alike.
//!
//! All or nothing: the whole file is read and every feature checked before
//! anything is written, and the write is one transaction with one journal entry.

use crate::app::{AppError, Kind};
use crate::http::objects::{bbox_of, feature};
use crate::i18n::{I18n, Lang};
use fito_core::{Bin, Iin};
use fito_geo::formats::geojson::geometry_to_json;
use fito_geo::formats::{csv, geojson, kml, shapefile};
use fito_geo::{Feature, Imported, PropertyValue, Repair, ValidationOptions};
use fito_store::audit::NewEntry;
use fito_store::objects::{Object, STATUS_ACTIVE};
use fito_store::{Conn, Store};
use std::collections::{BTreeSet, HashMap, HashSet};
use uuid::Uuid;

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

/// The reference lists a feature is checked against, loaded once per file.
pub struct References {
    /// Active object type code → the geometry it needs (point, polygon, any).
    types: HashMap<String, String>,
    katos: HashSet<String>,
    crops: HashSet<String>,
}

impl References {
    pub async fn load<C: Conn>(conn: &C) -> Result<References, AppError> {
        use fito_store::reference;
        Ok(References {
            types: reference::object_types(conn)
                .await?
                .into_iter()
                .filter(|t| t.active)
                .map(|t| (t.code, t.geometry))
                .collect(),
            katos: reference::admin_units(conn)
                .await?
                .into_iter()
                .filter(|u| u.active)
                .map(|u| u.kato)
                .collect(),
            crops: reference::crops(conn)
                .await?
                .into_iter()
                .filter(|c| c.active)
                .map(|c| c.code)
                .collect(),
        })
    }
}

/// Where the objects go and who makes them.
pub struct Target {
    pub organization_id: Uuid,
    pub actor: Option<Uuid>,
    /// The type of features that name none.
    pub default_type: Option<String>,
    pub now: i64,
}

/// Checked objects, ready to write.
pub struct Plan {
    pub objects: Vec<Object>,
    pub repairs: Vec<Repair>,
    pub ignored_properties: Vec<String>,
}

/// The property names that map to object fields.
pub const FIELDS: &[&str] = &[
    "name",
    "type",
    "kato",
    "crop",
    "owner_kind",
    "owner_name",
    "owner_bin",
    "owner_iin",
    "notes",
];

/// Maps every feature to an object; the first bad one refuses the file, named by
/// its number (and for CSV its line, found in `bytes`).
pub fn plan(
    imported: Imported,
    refs: &References,
    target: &Target,
    format: Format,
    bytes: &[u8],
) -> Result<Plan, AppError> {
    let mut ignored = BTreeSet::new();
    let mut objects = Vec::with_capacity(imported.features.len());
    for (i, f) in imported.features.into_iter().enumerate() {
        ignored.extend(
            f.properties
                .keys()
                .filter(|k| !FIELDS.contains(&k.as_str()))
                .cloned(),
        );
        let o = to_object(f, refs, target).map_err(|e| {
            let line = (format == Format::Csv).then(|| csv_record_line(bytes, i + 1));
            at_feature(e, i + 1, line.flatten())
        })?;
        objects.push(o);
    }
    Ok(Plan {
        objects,
        repairs: imported.repairs,
        ignored_properties: ignored.into_iter().collect(),
    })
}

/// A refusal of one feature's attributes, wrapped so the message names it.
fn at_feature(e: AppError, feature: usize, line: Option<u64>) -> AppError {
    let mut args = vec![("feature", feature.to_string())];
    args.extend(line.map(|l| ("line", l.to_string())));
    args.push(("reason", e.code.to_string()));
    args.extend(e.args);
    AppError {
        kind: crate::app::Kind::Unprocessable,
        code: "import-feature-invalid",
        args,
    }
}

/// Fills in `$where` and `$problem` of `import-feature-invalid` in `lang`: the
/// inner refusal has its own message, which Fluent cannot nest by itself.
pub fn localise(mut e: AppError, i18n: &I18n, lang: Lang) -> AppError {
    if e.code != "import-feature-invalid" {
        return e;
    }
    let arg = |name: &str| e.args.iter().find(|(k, _)| *k == name).map(|(_, v)| v);
    let reason = arg("reason").cloned().unwrap_or_default();
    let place = arg("line")
        .map(|l| {
            format!(
                " ({})",
                i18n.message(lang, "geo-at-line", &[("line", l.clone())])
            )
        })
        .unwrap_or_default();
    let problem = i18n.message(lang, &reason, &e.args);
    e.args.push(("where", place));
    e.args.push(("problem", problem));
    e
}

/// The line a CSV record starts on (from 1; the header is line 1), honouring
/// quoted cells that span lines and skipping empty lines as the reader does.
fn csv_record_line(bytes: &[u8], record: usize) -> Option<u64> {
    let (mut line, mut quoted, mut at_start, mut seen) = (1u64, false, true, 0usize);
    for &b in bytes {
        if at_start && b != b'\n' && b != b'\r' {
            if seen == record {
                return Some(line);
            }
            seen += 1;
            at_start = false;
        }
        match b {
            b'"' => quoted = !quoted,
            b'\n' => {
                line += 1;
                if !quoted {
                    at_start = true;
                }
            }
            _ => {}
        }
    }
    None
}

fn text(f: &Feature, key: &str) -> Option<String> {
    let value = match f.properties.get(key)? {
        // A BIN or IIN read as a number has lost its leading zeros.
        PropertyValue::Number(n) if key.ends_with("_bin") || key.ends_with("_iin") => {
            format!("{:012}", *n as i64)
        }
        v => v.to_text(),
    };
    let value = value.trim().to_string();
    (!value.is_empty()).then_some(value)
}

fn to_object(f: Feature, refs: &References, target: &Target) -> Result<Object, AppError> {
    use crate::http::views::{optional_text, required_text};
    let type_code = text(&f, "type")
        .or_else(|| target.default_type.clone())
        .ok_or_else(|| AppError::unprocessable("object-type-unknown"))?;
    let needs = refs
        .types
        .get(&type_code)
        .ok_or_else(|| AppError::unprocessable("object-type-unknown"))?;
    let is_point = f.geometry.as_point().is_some();
    let fits = match needs.as_str() {
        "point" => is_point,
        "polygon" => !is_point,
        _ => true,
    };
    if !fits {
        return Err(
            AppError::unprocessable("object-type-geometry-mismatch").with("geometry", needs)
        );
    }
    let kato = text(&f, "kato");
    if kato.as_ref().is_some_and(|k| !refs.katos.contains(k)) {
        return Err(AppError::unprocessable("object-kato-unknown"));
    }
    let crop = text(&f, "crop");
    if crop.as_ref().is_some_and(|c| !refs.crops.contains(c)) {
        return Err(AppError::unprocessable("object-crop-unknown"));
    }
    let (owner_kind, owner_bin, owner_iin) = owner(&f)?;
    let owner_name = optional_text("owner_name", text(&f, "owner_name").as_deref(), 300)?;
    if owner_kind.is_some() != owner_name.is_some() {
        return Err(AppError::unprocessable("object-owner-invalid"));
    }
    let b = bbox_of(&f.geometry);
    Ok(Object {
        rid: 0,
        id: fito_core::new_id(),
        organization_id: target.organization_id,
        type_code,
        name: required_text("name", &text(&f, "name").unwrap_or_default(), 300)?,
        owner_kind,
        owner_name,
        owner_bin,
        owner_iin,
        kato,
        crop_code: crop,
        status: STATUS_ACTIVE.into(),
        area_ha: f.geometry.area().value(),
        geometry: geometry_to_json(&f.geometry).to_string(),
        min_lon: b.min_lon,
        min_lat: b.min_lat,
        max_lon: b.max_lon,
        max_lat: b.max_lat,
        notes: optional_text("notes", text(&f, "notes").as_deref(), 4000)?,
        version: 1,
        created_at: target.now,
        updated_at: target.now,
        created_by: target.actor,
        updated_by: target.actor,
        quarantine_found_at: None,
    })
}

type OwnerParts = (Option<String>, Option<String>, Option<String>);

/// A legal entity with a checked BIN or a person with a checked IIN; the kind
/// may be left out when the number says which.
fn owner(f: &Feature) -> Result<OwnerParts, AppError> {
    let (bin, iin) = (text(f, "owner_bin"), text(f, "owner_iin"));
    let kind = text(f, "owner_kind").or_else(|| match (&bin, &iin) {
        (Some(_), None) => Some("legal_entity".into()),
        (None, Some(_)) => Some("person".into()),
        _ => None,
    });
    let invalid = || AppError::unprocessable("object-owner-invalid");
    match kind.as_deref() {
        None if bin.is_none() && iin.is_none() => Ok((None, None, None)),
        Some("legal_entity") if iin.is_none() => {
            let bin = Bin::parse(&bin.ok_or_else(invalid)?)?;
            Ok((kind, Some(bin.to_string()), None))
        }
        Some("person") if bin.is_none() => {
            let iin = Iin::parse(&iin.ok_or_else(invalid)?)?;
            Ok((kind, None, Some(iin.to_string())))
        }
        _ => Err(invalid()),
    }
}

/// Objects per bulk insert, between two progress reports.
const BATCH: usize = 500;

/// Writes every object with its first version and one journal entry in ONE
/// transaction; `progress` hears how many are written so far.
pub async fn write(
    store: &Store,
    objects: &[Object],
    entry: NewEntry,
    progress: &(dyn Fn(u64) + Sync),
) -> Result<(), AppError> {
    let txn = store.begin().await?;
    let mut done = 0u64;
    for chunk in objects.chunks(BATCH) {
        let rows: Vec<(Object, String)> = chunk
            .iter()
            .map(|o| (o.clone(), feature(o, None).to_string()))
            .collect();
        fito_store::objects::insert_many(&txn, &rows).await?;
        done += chunk.len() as u64;
        progress(done);
    }
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok(())
}
