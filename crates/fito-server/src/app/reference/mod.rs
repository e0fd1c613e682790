//! Reference data (R-OBJ-2): everyone signed in looks entries up; administrators
//! add, correct and retire them. Entries are never deleted (`active: false`
//! retires one), so old surveys and acts keep their meaning. A whole dictionary can
//! also be loaded from a CSV or XLSX file, previewed as a diff first (`import`).

pub mod dictionary;
pub mod import;
pub mod plan;
pub mod sheet;

use crate::app::{Actor, App, AppError, EntryExt};
use fito_core::text::{optional, required};
use fito_core::{Action, EppoCode, KatoCode};
use fito_store::reference::{self, AdminUnit, Crop, ObjectType, Organism};
use fito_store::time::now_us;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

/// What a list is filtered by.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    /// Part of a code or of a name in any language, case-insensitive.
    pub q: Option<String>,
    /// organisms: pest, disease or weed.
    pub kind: Option<String>,
    /// organisms: absent, limited, regulated_non_quarantine, other.
    pub category: Option<String>,
    /// admin-units: region, city_republican, district, city_regional.
    pub level: Option<String>,
    /// admin-units: the KATO code of the parent unit.
    pub parent: Option<String>,
    /// Also list retired entries.
    pub include_retired: bool,
}

impl Lookup {
    fn matches(&self, active: bool, texts: &[Option<&str>]) -> bool {
        if !active && !self.include_retired {
            return false;
        }
        let Some(q) = self.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) else {
            return true;
        };
        let q = q.to_lowercase();
        texts
            .iter()
            .flatten()
            .any(|t| t.to_lowercase().contains(&q))
    }
}

/// An organism of the reference list, keyed by its EPPO code.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OrganismView {
    #[serde(default)]
    pub eppo_code: String,
    /// pest, disease or weed
    pub kind: String,
    /// absent or limited (the EAEU unified list of quarantine objects), regulated_non_quarantine, other
    pub category: String,
    pub name_la: String,
    pub name_kk: Option<String>,
    pub name_ru: String,
    pub name_en: Option<String>,
    pub active: bool,
}

#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CropView {
    #[serde(default)]
    pub code: String,
    pub eppo_code: Option<String>,
    pub name_la: Option<String>,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: Option<String>,
    pub active: bool,
}

#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ObjectTypeView {
    #[serde(default)]
    pub code: String,
    /// point, polygon or any
    pub geometry: String,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: Option<String>,
    pub active: bool,
}

/// An administrative unit by its KATO code.
#[derive(Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AdminUnitView {
    #[serde(default)]
    pub kato: String,
    /// region, city_republican, district or city_regional
    pub level: String,
    pub parent_kato: Option<String>,
    pub name_kk: String,
    pub name_ru: String,
    pub name_en: Option<String>,
    pub active: bool,
}

impl From<Organism> for OrganismView {
    fn from(o: Organism) -> Self {
        OrganismView {
            eppo_code: o.eppo_code,
            kind: o.kind,
            category: o.category,
            name_la: o.name_la,
            name_kk: o.name_kk,
            name_ru: o.name_ru,
            name_en: o.name_en,
            active: o.active,
        }
    }
}

impl From<Crop> for CropView {
    fn from(c: Crop) -> Self {
        CropView {
            code: c.code,
            eppo_code: c.eppo_code,
            name_la: c.name_la,
            name_kk: c.name_kk,
            name_ru: c.name_ru,
            name_en: c.name_en,
            active: c.active,
        }
    }
}

impl From<ObjectType> for ObjectTypeView {
    fn from(t: ObjectType) -> Self {
        ObjectTypeView {
            code: t.code,
            geometry: t.geometry,
            name_kk: t.name_kk,
            name_ru: t.name_ru,
            name_en: t.name_en,
            active: t.active,
        }
    }
}

impl From<AdminUnit> for AdminUnitView {
    fn from(u: AdminUnit) -> Self {
        AdminUnitView {
            kato: u.kato,
            level: u.level,
            parent_kato: u.parent_kato,
            name_kk: u.name_kk,
            name_ru: u.name_ru,
            name_en: u.name_en,
            active: u.active,
        }
    }
}

/// An entry as written, and whether it is new.
pub struct Put<T> {
    pub entry: T,
    pub created: bool,
}

fn one_of(field: &'static str, value: &str, allowed: &[&str]) -> Result<String, AppError> {
    if allowed.contains(&value) {
        Ok(value.to_string())
    } else {
        Err(AppError::unprocessable("reference-value-invalid")
            .with("field", field)
            .with("allowed", allowed.join(", ")))
    }
}

/// A code of our own dictionaries: lower-case letters, digits and `_`.
fn slug(value: &str) -> Result<String, AppError> {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
    if ok {
        Ok(value.to_string())
    } else {
        Err(AppError::unprocessable("reference-code-invalid"))
    }
}

pub async fn organisms(app: &App, actor: &Actor, by: &Lookup) -> Result<Vec<Organism>, AppError> {
    actor.require(Action::ReferenceRead)?;
    let all = reference::organisms(app.store.reader()).await?;
    Ok(all
        .into_iter()
        .filter(|o| {
            by.kind.as_ref().is_none_or(|k| *k == o.kind)
                && by.category.as_ref().is_none_or(|c| *c == o.category)
        })
        .filter(|o| {
            by.matches(
                o.active,
                &[
                    Some(&o.eppo_code),
                    Some(&o.name_la),
                    o.name_kk.as_deref(),
                    Some(&o.name_ru),
                    o.name_en.as_deref(),
                ],
            )
        })
        .collect())
}

pub async fn crops(app: &App, actor: &Actor, by: &Lookup) -> Result<Vec<Crop>, AppError> {
    actor.require(Action::ReferenceRead)?;
    let all = reference::crops(app.store.reader()).await?;
    Ok(all
        .into_iter()
        .filter(|c| {
            by.matches(
                c.active,
                &[
                    Some(&c.code),
                    c.eppo_code.as_deref(),
                    c.name_la.as_deref(),
                    Some(&c.name_kk),
                    Some(&c.name_ru),
                    c.name_en.as_deref(),
                ],
            )
        })
        .collect())
}

pub async fn object_types(
    app: &App,
    actor: &Actor,
    by: &Lookup,
) -> Result<Vec<ObjectType>, AppError> {
    actor.require(Action::ReferenceRead)?;
    let all = reference::object_types(app.store.reader()).await?;
    Ok(all
        .into_iter()
        .filter(|t| {
            by.matches(
                t.active,
                &[
                    Some(&t.code),
                    Some(&t.name_kk),
                    Some(&t.name_ru),
                    t.name_en.as_deref(),
                ],
            )
        })
        .collect())
}

pub async fn admin_units(
    app: &App,
    actor: &Actor,
    by: &Lookup,
) -> Result<Vec<AdminUnit>, AppError> {
    actor.require(Action::ReferenceRead)?;
    let all = reference::admin_units(app.store.reader()).await?;
    Ok(all
        .into_iter()
        .filter(|u| {
            by.level.as_ref().is_none_or(|l| *l == u.level)
                && by
                    .parent
                    .as_ref()
                    .is_none_or(|p| Some(p) == u.parent_kato.as_ref())
        })
        .filter(|u| {
            by.matches(
                u.active,
                &[
                    Some(&u.kato),
                    Some(&u.name_kk),
                    Some(&u.name_ru),
                    u.name_en.as_deref(),
                ],
            )
        })
        .collect())
}

/// The journal line of a reference change, in the unit that makes it.
fn journalled(
    actor: &Actor,
    dictionary: &str,
    key: &str,
    created: bool,
) -> fito_store::audit::NewEntry {
    actor
        .entry("reference.put", Some(dictionary), Some(key.to_string()))
        .details(json!({ "created": created }))
}

/// The one check of an organism entry, for the API's PUT and the file import.
pub(crate) fn organism_entry(
    code: &str,
    input: OrganismView,
    now: i64,
) -> Result<Organism, AppError> {
    Ok(Organism {
        eppo_code: EppoCode::parse(code)?.to_string(),
        kind: one_of("kind", &input.kind, &reference::ORGANISM_KINDS)?,
        category: one_of("category", &input.category, &reference::ORGANISM_CATEGORIES)?,
        name_la: required("name_la", &input.name_la, 200)?,
        name_kk: optional("name_kk", input.name_kk.as_deref(), 300)?,
        name_ru: required("name_ru", &input.name_ru, 300)?,
        name_en: optional("name_en", input.name_en.as_deref(), 300)?,
        active: input.active,
        updated_at: now,
    })
}

/// The one check of a crop entry, for the API's PUT and the file import.
pub(crate) fn crop_entry(code: &str, input: CropView, now: i64) -> Result<Crop, AppError> {
    let eppo_code = input
        .eppo_code
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(EppoCode::parse)
        .transpose()?
        .map(|c| c.to_string());
    Ok(Crop {
        code: slug(code)?,
        eppo_code,
        name_la: optional("name_la", input.name_la.as_deref(), 200)?,
        name_kk: required("name_kk", &input.name_kk, 200)?,
        name_ru: required("name_ru", &input.name_ru, 200)?,
        name_en: optional("name_en", input.name_en.as_deref(), 200)?,
        active: input.active,
        updated_at: now,
    })
}

/// The one check of an object type entry, for the API's PUT and the file import.
pub(crate) fn object_type_entry(
    code: &str,
    input: ObjectTypeView,
    now: i64,
) -> Result<ObjectType, AppError> {
    Ok(ObjectType {
        code: slug(code)?,
        geometry: one_of("geometry", &input.geometry, &reference::GEOMETRIES)?,
        name_kk: required("name_kk", &input.name_kk, 200)?,
        name_ru: required("name_ru", &input.name_ru, 200)?,
        name_en: optional("name_en", input.name_en.as_deref(), 200)?,
        active: input.active,
        updated_at: now,
    })
}

/// The one check of an administrative unit, for the API's PUT and the file import:
/// everything but whether the parent exists, which the caller answers with
/// [`parent_known`] (the database for a PUT, the database and the file for an import).
pub(crate) fn admin_unit_entry(
    kato: &str,
    input: AdminUnitView,
    now: i64,
) -> Result<AdminUnit, AppError> {
    let kato = KatoCode::parse(kato)?;
    let level = one_of("level", &input.level, &reference::UNIT_LEVELS)?;
    let parent = match input
        .parent_kato
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        Some(p) => {
            let parent = KatoCode::parse(p)?;
            if parent.region_prefix() != kato.region_prefix() || parent == kato {
                return Err(AppError::unprocessable("reference-parent-invalid"));
            }
            Some(parent.to_string())
        }
        None => None,
    };
    Ok(AdminUnit {
        kato: kato.to_string(),
        level,
        parent_kato: parent,
        name_kk: required("name_kk", &input.name_kk, 200)?,
        name_ru: required("name_ru", &input.name_ru, 200)?,
        name_en: optional("name_en", input.name_en.as_deref(), 200)?,
        active: input.active,
        updated_at: now,
    })
}

/// A unit's parent must exist: `known` answers whether it does.
pub(crate) fn parent_known(unit: &AdminUnit, known: bool) -> Result<(), AppError> {
    match (&unit.parent_kato, known) {
        (Some(_), false) => Err(AppError::unprocessable("reference-parent-invalid")),
        _ => Ok(()),
    }
}

/// Adds or corrects the organism `code` (an EPPO code).
pub async fn put_organism(
    app: &App,
    actor: &Actor,
    code: &str,
    input: OrganismView,
) -> Result<Put<Organism>, AppError> {
    actor.require(Action::ReferenceManage)?;
    let entry = organism_entry(code, input, now_us())?;
    let mut unit = app.begin().await?;
    fito_store::locks::reference(unit.tx()).await?;
    let created = reference::put_organism(unit.tx(), entry.clone()).await?;
    unit.journal(journalled(actor, "organism", &entry.eppo_code, created));
    unit.commit().await?;
    Ok(Put { entry, created })
}

/// Adds or corrects the crop `code`.
pub async fn put_crop(
    app: &App,
    actor: &Actor,
    code: &str,
    input: CropView,
) -> Result<Put<Crop>, AppError> {
    actor.require(Action::ReferenceManage)?;
    let entry = crop_entry(code, input, now_us())?;
    let mut unit = app.begin().await?;
    fito_store::locks::reference(unit.tx()).await?;
    let created = reference::put_crop(unit.tx(), entry.clone()).await?;
    unit.journal(journalled(actor, "crop", &entry.code, created));
    unit.commit().await?;
    Ok(Put { entry, created })
}

/// Adds or corrects the object type `code`.
pub async fn put_object_type(
    app: &App,
    actor: &Actor,
    code: &str,
    input: ObjectTypeView,
) -> Result<Put<ObjectType>, AppError> {
    actor.require(Action::ReferenceManage)?;
    let entry = object_type_entry(code, input, now_us())?;
    let mut unit = app.begin().await?;
    fito_store::locks::reference(unit.tx()).await?;
    let created = reference::put_object_type(unit.tx(), entry.clone()).await?;
    unit.journal(journalled(actor, "object_type", &entry.code, created));
    unit.commit().await?;
    Ok(Put { entry, created })
}

/// Adds or corrects the administrative unit `kato`; a parent must exist and lie
/// in the same region.
pub async fn put_admin_unit(
    app: &App,
    actor: &Actor,
    kato: &str,
    input: AdminUnitView,
) -> Result<Put<AdminUnit>, AppError> {
    actor.require(Action::ReferenceManage)?;
    let entry = admin_unit_entry(kato, input, now_us())?;
    if let Some(parent) = &entry.parent_kato {
        let exists = reference::admin_unit(app.store.reader(), parent)
            .await?
            .is_some();
        parent_known(&entry, exists)?;
    }
    let mut unit = app.begin().await?;
    fito_store::locks::reference(unit.tx()).await?;
    let created = reference::put_admin_unit(unit.tx(), entry.clone()).await?;
    unit.journal(journalled(actor, "admin_unit", &entry.kato, created));
    unit.commit().await?;
    Ok(Put { entry, created })
}
