//! Checking a file's features as objects (R-OBJ-1, R-GEO-1): every feature maps
//! to a checked object, or the file is refused naming the first bad one.

use super::format::Format;
use crate::app::AppError;
use crate::app::objects::described::owner_columns;
use crate::app::objects::geometry::bbox_of;
use crate::i18n::{I18n, Lang};
use fito_core::{NewObject, Owner};
use fito_geo::formats::geojson::geometry_to_json;
use fito_geo::{Feature, Imported, PropertyValue, Repair};
use fito_store::Conn;
use fito_store::objects::{Object, STATUS_ACTIVE};
use std::collections::{BTreeSet, HashMap, HashSet};
use uuid::Uuid;

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

    /// Whether `type_code` is an active type that takes `geometry`'s kind.
    fn check_type(&self, type_code: &str, geometry: &fito_geo::Geometry) -> Result<(), AppError> {
        let needs = self
            .types
            .get(type_code)
            .ok_or_else(|| AppError::unprocessable("object-type-unknown"))?;
        let is_point = geometry.as_point().is_some();
        let fits = match needs.as_str() {
            "point" => is_point,
            "polygon" => !is_point,
            _ => true,
        };
        if fits {
            Ok(())
        } else {
            Err(AppError::unprocessable("object-type-geometry-mismatch").with("geometry", needs))
        }
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
    let checked = check_all(imported, refs, target, format, bytes);
    match checked.refusals.into_iter().next() {
        Some(first) => Err(first),
        None => Ok(checked.plan),
    }
}

/// Every feature checked: the objects of the good ones, and a refusal for each bad
/// one (for a preview before an import, issue 15).
pub struct Checked {
    pub plan: Plan,
    pub refusals: Vec<AppError>,
}

pub fn check_all(
    imported: Imported,
    refs: &References,
    target: &Target,
    format: Format,
    bytes: &[u8],
) -> Checked {
    let mut ignored = BTreeSet::new();
    let mut objects = Vec::with_capacity(imported.features.len());
    let mut refusals = Vec::new();
    for (i, f) in imported.features.into_iter().enumerate() {
        ignored.extend(
            f.properties
                .keys()
                .filter(|k| !FIELDS.contains(&k.as_str()))
                .cloned(),
        );
        match to_object(f, refs, target) {
            Ok(o) => objects.push(o),
            Err(e) => {
                let line = (format == Format::Csv).then(|| csv_record_line(bytes, i + 1));
                refusals.push(at_feature(e, i + 1, line.flatten()));
            }
        }
    }
    Checked {
        plan: Plan {
            objects,
            repairs: imported.repairs,
            ignored_properties: ignored.into_iter().collect(),
        },
        refusals,
    }
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
    let type_code = text(&f, "type")
        .or_else(|| target.default_type.clone())
        .ok_or_else(|| AppError::unprocessable("object-type-unknown"))?;
    refs.check_type(&type_code, &f.geometry)?;
    let kato = text(&f, "kato");
    if kato.as_ref().is_some_and(|k| !refs.katos.contains(k)) {
        return Err(AppError::unprocessable("object-kato-unknown"));
    }
    let crop = text(&f, "crop");
    if crop.as_ref().is_some_and(|c| !refs.crops.contains(c)) {
        return Err(AppError::unprocessable("object-crop-unknown"));
    }
    let owner = Owner::from_columns(
        text(&f, "owner_kind").as_deref(),
        text(&f, "owner_name").as_deref(),
        text(&f, "owner_bin").as_deref(),
        text(&f, "owner_iin").as_deref(),
    )?;
    let new = NewObject::parse(
        &type_code,
        &text(&f, "name").unwrap_or_default(),
        owner,
        kato.as_deref(),
        crop.as_deref(),
        text(&f, "notes").as_deref(),
    )?;
    let b = bbox_of(&f.geometry);
    let (owner_kind, owner_name, owner_bin, owner_iin) = owner_columns(new.owner.as_ref());
    Ok(Object {
        rid: 0,
        id: fito_core::new_id(),
        organization_id: target.organization_id,
        type_code: new.type_code,
        name: new.name,
        owner_kind,
        owner_name,
        owner_bin,
        owner_iin,
        kato: new.kato,
        crop_code: new.crop,
        status: STATUS_ACTIVE.into(),
        area_ha: f.geometry.area().value(),
        geometry: geometry_to_json(&f.geometry).to_string(),
        min_lon: b.min_lon,
        min_lat: b.min_lat,
        max_lon: b.max_lon,
        max_lat: b.max_lat,
        notes: new.notes,
        version: 1,
        created_at: target.now,
        updated_at: target.now,
        created_by: target.actor,
        updated_by: target.actor,
        quarantine_found_at: None,
    })
}
