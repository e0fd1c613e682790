//! Reference data (R-OBJ-2): quarantine organisms by EPPO code, crops, object
//! types and KATO administrative units. Seeded from the CSV files in
//! `seed/reference/` (compiled in): all of them on first start, and on later starts
//! the entries a newer seed adds (`seed_missing`); managed by administrators.

use crate::conn::Conn;
use crate::entity::{ref_admin_unit, ref_crop, ref_object_type, ref_organism};
use crate::{Result, StoreError};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ConnectionTrait, EntityTrait, IntoActiveModel, QueryOrder, QuerySelect};
use serde::Deserialize;
use std::collections::HashSet;

pub use ref_admin_unit::Model as AdminUnit;
pub use ref_crop::Model as Crop;
pub use ref_object_type::Model as ObjectType;
pub use ref_organism::Model as Organism;

pub const ORGANISM_KINDS: [&str; 3] = ["pest", "disease", "weed"];
/// `absent` and `limited`: the two parts of the EAEU unified list of quarantine
/// objects; the others for organisms the service also watches.
pub const ORGANISM_CATEGORIES: [&str; 4] =
    ["absent", "limited", "regulated_non_quarantine", "other"];
pub const GEOMETRIES: [&str; 3] = ["point", "polygon", "any"];
pub const UNIT_LEVELS: [&str; 4] = ["region", "city_republican", "district", "city_regional"];

const ORGANISMS_CSV: &str = include_str!("../../../seed/reference/organisms.csv");
const CROPS_CSV: &str = include_str!("../../../seed/reference/crops.csv");
const OBJECT_TYPES_CSV: &str = include_str!("../../../seed/reference/object_types.csv");
const ADMIN_UNITS_CSV: &str = include_str!("../../../seed/reference/admin_units.csv");

fn none_if_empty(value: String) -> Option<String> {
    let value = value.trim().to_string();
    (!value.is_empty()).then_some(value)
}

#[derive(Deserialize)]
struct OrganismRow {
    eppo_code: String,
    kind: String,
    category: String,
    name_la: String,
    name_ru: String,
    name_kk: String,
    name_en: String,
}

#[derive(Deserialize)]
struct CropRow {
    code: String,
    name_kk: String,
    name_ru: String,
    name_en: String,
    name_la: String,
    eppo_code: String,
}

#[derive(Deserialize)]
struct ObjectTypeRow {
    code: String,
    name_kk: String,
    name_ru: String,
    name_en: String,
    geometry: String,
}

#[derive(Deserialize)]
struct AdminUnitRow {
    kato: String,
    level: String,
    parent_kato: String,
    name_kk: String,
    name_ru: String,
    name_en: String,
}

fn rows<T: for<'de> Deserialize<'de>>(csv_text: &str) -> Vec<T> {
    // The files are checked by seed/reference/check.py and by this crate's tests.
    csv::Reader::from_reader(csv_text.as_bytes())
        .deserialize()
        .collect::<std::result::Result<Vec<T>, _>>()
        .expect("seed/reference CSV files are well-formed")
}

pub fn seed_organisms(now: i64) -> Vec<Organism> {
    rows::<OrganismRow>(ORGANISMS_CSV)
        .into_iter()
        .map(|r| Organism {
            eppo_code: r.eppo_code,
            kind: r.kind,
            category: r.category,
            name_la: r.name_la,
            name_kk: none_if_empty(r.name_kk),
            name_ru: r.name_ru,
            name_en: none_if_empty(r.name_en),
            active: true,
            updated_at: now,
        })
        .collect()
}

pub fn seed_crops(now: i64) -> Vec<Crop> {
    rows::<CropRow>(CROPS_CSV)
        .into_iter()
        .map(|r| Crop {
            code: r.code,
            eppo_code: none_if_empty(r.eppo_code),
            name_la: none_if_empty(r.name_la),
            name_kk: r.name_kk,
            name_ru: r.name_ru,
            name_en: none_if_empty(r.name_en),
            active: true,
            updated_at: now,
        })
        .collect()
}

pub fn seed_object_types(now: i64) -> Vec<ObjectType> {
    rows::<ObjectTypeRow>(OBJECT_TYPES_CSV)
        .into_iter()
        .map(|r| ObjectType {
            code: r.code,
            geometry: r.geometry,
            name_kk: r.name_kk,
            name_ru: r.name_ru,
            name_en: none_if_empty(r.name_en),
            active: true,
            updated_at: now,
        })
        .collect()
}

pub fn seed_admin_units(now: i64) -> Vec<AdminUnit> {
    rows::<AdminUnitRow>(ADMIN_UNITS_CSV)
        .into_iter()
        .map(|r| AdminUnit {
            kato: r.kato,
            level: r.level,
            parent_kato: none_if_empty(r.parent_kato),
            name_kk: r.name_kk,
            name_ru: r.name_ru,
            name_en: none_if_empty(r.name_en),
            active: true,
            updated_at: now,
        })
        .collect()
}

/// What [`seed_missing`] added, by key, per dictionary.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Seeded {
    pub organisms: Vec<String>,
    pub crops: Vec<String>,
    pub object_types: Vec<String>,
    pub admin_units: Vec<String>,
}

impl Seeded {
    pub fn total(&self) -> u64 {
        (self.organisms.len() + self.crops.len() + self.object_types.len() + self.admin_units.len())
            as u64
    }
}

/// The one place where the seed files reach a database (R-OBJ-2), on every start:
/// each seed entry whose key (EPPO code, crop code, object type code, KATO) the
/// database does not hold yet is inserted; entries already there — as seeded, edited
/// or retired by an administrator — are never changed. An empty database gets the
/// whole seed; an existing one gets what later releases added to the files. Entries
/// are retired, never deleted, so a missing key was never there.
pub async fn seed_missing<C: Conn>(conn: &C, now: i64) -> Result<Seeded> {
    let have = keys::<ref_organism::Entity, _>(conn, ref_organism::Column::EppoCode).await?;
    let organisms: Vec<_> = seed_organisms(now)
        .into_iter()
        .filter(|o| !have.contains(&o.eppo_code))
        .collect();
    let have = keys::<ref_crop::Entity, _>(conn, ref_crop::Column::Code).await?;
    let crops: Vec<_> = seed_crops(now)
        .into_iter()
        .filter(|c| !have.contains(&c.code))
        .collect();
    let have = keys::<ref_object_type::Entity, _>(conn, ref_object_type::Column::Code).await?;
    let object_types: Vec<_> = seed_object_types(now)
        .into_iter()
        .filter(|t| !have.contains(&t.code))
        .collect();
    let have = keys::<ref_admin_unit::Entity, _>(conn, ref_admin_unit::Column::Kato).await?;
    let mut admin_units: Vec<_> = seed_admin_units(now)
        .into_iter()
        .filter(|u| !have.contains(&u.kato))
        .collect();
    // Parents first: a new district may belong to a new region.
    admin_units.sort_by_key(|u| u.parent_kato.is_some());
    let added = Seeded {
        organisms: organisms.iter().map(|o| o.eppo_code.clone()).collect(),
        crops: crops.iter().map(|c| c.code.clone()).collect(),
        object_types: object_types.iter().map(|t| t.code.clone()).collect(),
        admin_units: admin_units.iter().map(|u| u.kato.clone()).collect(),
    };
    insert_all::<ref_organism::Entity, _>(conn, organisms).await?;
    insert_all::<ref_crop::Entity, _>(conn, crops).await?;
    insert_all::<ref_object_type::Entity, _>(conn, object_types).await?;
    insert_all::<ref_admin_unit::Entity, _>(conn, admin_units).await?;
    Ok(added)
}

/// [`seed_missing`], answering how many entries it added (on an empty database,
/// the whole seed; afterwards only what the seed files gained).
pub async fn seed_if_empty<C: Conn>(conn: &C, now: i64) -> Result<u64> {
    Ok(seed_missing(conn, now).await?.total())
}

async fn keys<E, C>(conn: &C, column: E::Column) -> Result<HashSet<String>>
where
    E: EntityTrait,
    C: ConnectionTrait,
{
    Ok(E::find()
        .select_only()
        .column(column)
        .into_tuple::<String>()
        .all(conn)
        .await?
        .into_iter()
        .collect())
}

async fn insert_all<E, M>(conn: &impl ConnectionTrait, models: Vec<M>) -> Result<u64>
where
    E: EntityTrait,
    M: IntoActiveModel<E::ActiveModel>,
{
    let n = models.len() as u64;
    if n == 0 {
        return Ok(0);
    }
    // Chunks keep each statement under the engines' bound-parameter limits.
    let mut models = models
        .into_iter()
        .map(IntoActiveModel::into_active_model)
        .peekable();
    while models.peek().is_some() {
        let chunk: Vec<_> = models.by_ref().take(200).collect();
        E::insert_many(chunk).exec(conn).await?;
    }
    Ok(n)
}

pub async fn organisms<C: Conn>(conn: &C) -> Result<Vec<Organism>> {
    Ok(ref_organism::Entity::find()
        .order_by_asc(ref_organism::Column::NameLa)
        .all(conn)
        .await?)
}

pub async fn crops<C: Conn>(conn: &C) -> Result<Vec<Crop>> {
    Ok(ref_crop::Entity::find()
        .order_by_asc(ref_crop::Column::Code)
        .all(conn)
        .await?)
}

pub async fn object_types<C: Conn>(conn: &C) -> Result<Vec<ObjectType>> {
    Ok(ref_object_type::Entity::find()
        .order_by_asc(ref_object_type::Column::Code)
        .all(conn)
        .await?)
}

pub async fn admin_units<C: Conn>(conn: &C) -> Result<Vec<AdminUnit>> {
    Ok(ref_admin_unit::Entity::find()
        .order_by_asc(ref_admin_unit::Column::Kato)
        .all(conn)
        .await?)
}

pub async fn admin_unit<C: Conn>(conn: &C, kato: &str) -> Result<Option<AdminUnit>> {
    Ok(ref_admin_unit::Entity::find_by_id(kato.to_string())
        .one(conn)
        .await?)
}

/// Inserts or replaces one entry; `Ok(true)` when it was new.
macro_rules! upsert_fn {
    ($name:ident, $entity:ident, $model:ty, $key:ident, $pk:expr) => {
        pub async fn $name<C: Conn>(conn: &C, entry: $model) -> Result<bool> {
            let existed = $entity::Entity::find_by_id(entry.$key.clone())
                .one(conn)
                .await?
                .is_some();
            let mut columns: Vec<_> = <$entity::Column as sea_orm::Iterable>::iter().collect();
            columns.retain(|c| sea_orm::IdenStatic::as_str(c) != sea_orm::IdenStatic::as_str(&$pk));
            $entity::Entity::insert(entry.into_active_model())
                .on_conflict(OnConflict::column($pk).update_columns(columns).to_owned())
                .exec(conn)
                .await
                .map_err(|e| StoreError::from_write(e, &[]))?;
            Ok(!existed)
        }
    };
}

upsert_fn!(
    put_organism,
    ref_organism,
    Organism,
    eppo_code,
    ref_organism::Column::EppoCode
);
upsert_fn!(put_crop, ref_crop, Crop, code, ref_crop::Column::Code);
upsert_fn!(
    put_object_type,
    ref_object_type,
    ObjectType,
    code,
    ref_object_type::Column::Code
);
upsert_fn!(
    put_admin_unit,
    ref_admin_unit,
    AdminUnit,
    kato,
    ref_admin_unit::Column::Kato
);
