//! The four dictionaries as the file import sees them (issue 15): their columns, and
//! one [`Dict`] implementation each over fito-store and the entry checks the API's
//! PUT uses, so a file is checked exactly as one entry is.

use super::{
    AdminUnitView, CropView, ObjectTypeView, OrganismView, admin_unit_entry, crop_entry,
    object_type_entry, organism_entry,
};
use crate::app::AppError;
use fito_store::reference::{self, AdminUnit, Crop, ObjectType, Organism};
use fito_store::{Conn, StoreError, Tx};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::Future;

/// A dictionary of reference data, named as in its API path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dictionary {
    Organisms,
    Crops,
    ObjectTypes,
    AdminUnits,
}

/// A column of a dictionary file: the field's name, and whether every file must have it.
pub struct Column {
    pub name: &'static str,
    pub required: bool,
}

/// A column every file of the dictionary must have.
const fn need(name: &'static str) -> Column {
    Column {
        name,
        required: true,
    }
}

/// A column a file may leave out (its entries then keep their values).
const fn may(name: &'static str) -> Column {
    Column {
        name,
        required: false,
    }
}

const ORGANISM_COLUMNS: &[Column] = &[
    need("eppo_code"),
    need("kind"),
    need("category"),
    need("name_la"),
    may("name_kk"),
    need("name_ru"),
    may("name_en"),
    may("active"),
];
const CROP_COLUMNS: &[Column] = &[
    need("code"),
    may("eppo_code"),
    may("name_la"),
    need("name_kk"),
    need("name_ru"),
    may("name_en"),
    may("active"),
];
const OBJECT_TYPE_COLUMNS: &[Column] = &[
    need("code"),
    need("geometry"),
    need("name_kk"),
    need("name_ru"),
    may("name_en"),
    may("active"),
];
const ADMIN_UNIT_COLUMNS: &[Column] = &[
    need("kato"),
    need("level"),
    may("parent_kato"),
    need("name_kk"),
    need("name_ru"),
    may("name_en"),
    may("active"),
];

impl Dictionary {
    pub fn from_name(name: &str) -> Option<Dictionary> {
        match name {
            "organisms" => Some(Dictionary::Organisms),
            "crops" => Some(Dictionary::Crops),
            "object-types" => Some(Dictionary::ObjectTypes),
            "admin-units" => Some(Dictionary::AdminUnits),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Dictionary::Organisms => "organisms",
            Dictionary::Crops => "crops",
            Dictionary::ObjectTypes => "object-types",
            Dictionary::AdminUnits => "admin-units",
        }
    }

    /// The journal's target type, as the single-entry PUT writes it.
    pub fn target_type(self) -> &'static str {
        match self {
            Dictionary::Organisms => "organism",
            Dictionary::Crops => "crop",
            Dictionary::ObjectTypes => "object_type",
            Dictionary::AdminUnits => "admin_unit",
        }
    }

    /// The key column: EPPO code, code, or KATO code.
    pub fn key(self) -> &'static str {
        match self {
            Dictionary::Organisms => "eppo_code",
            Dictionary::Crops | Dictionary::ObjectTypes => "code",
            Dictionary::AdminUnits => "kato",
        }
    }

    /// Every column a file may have, the key first; `active` (true when absent) last.
    /// A required column must be in the file; an optional one left out keeps each
    /// existing entry's value (a file without `name_kk` does not erase Kazakh names).
    pub fn columns(self) -> &'static [Column] {
        match self {
            Dictionary::Organisms => ORGANISM_COLUMNS,
            Dictionary::Crops => CROP_COLUMNS,
            Dictionary::ObjectTypes => OBJECT_TYPE_COLUMNS,
            Dictionary::AdminUnits => ADMIN_UNIT_COLUMNS,
        }
    }

    /// A key as the dictionary stores it (EPPO codes are upper case).
    pub fn normal_key(self, raw: &str) -> String {
        match self {
            Dictionary::Organisms => raw.trim().to_ascii_uppercase(),
            _ => raw.trim().to_string(),
        }
    }
}

/// One dictionary's entries, its check and its storage.
pub trait Dict {
    type Model: Clone + Send + Sync + 'static;
    type View: Serialize + DeserializeOwned + From<Self::Model>;
    const WHICH: Dictionary;
    fn key(m: &Self::Model) -> &str;
    fn active(m: &Self::Model) -> bool;
    fn updated_at(m: &Self::Model) -> i64;
    fn retire(m: &mut Self::Model, now: i64);
    /// The entry check of the API's PUT.
    fn check(key: &str, view: Self::View, now: i64) -> Result<Self::Model, AppError>;
    /// The parent an entry needs to exist (administrative units only).
    fn parent(_m: &Self::Model) -> Option<&str> {
        None
    }
    fn all<C: Conn>(conn: &C) -> impl Future<Output = Result<Vec<Self::Model>, StoreError>> + Send;
    fn put(tx: &Tx, m: Self::Model) -> impl Future<Output = Result<bool, StoreError>> + Send;
}

macro_rules! dict {
    ($name:ident, $model:ty, $view:ty, $which:expr, $key:ident, $check:ident, $all:ident, $put:ident) => {
        pub struct $name;
        impl Dict for $name {
            type Model = $model;
            type View = $view;
            const WHICH: Dictionary = $which;
            fn key(m: &$model) -> &str {
                &m.$key
            }
            fn active(m: &$model) -> bool {
                m.active
            }
            fn updated_at(m: &$model) -> i64 {
                m.updated_at
            }
            fn retire(m: &mut $model, now: i64) {
                m.active = false;
                m.updated_at = now;
            }
            fn check(key: &str, view: $view, now: i64) -> Result<$model, AppError> {
                $check(key, view, now)
            }
            dict!(@parent $model, $name);
            async fn all<C: Conn>(conn: &C) -> Result<Vec<$model>, StoreError> {
                reference::$all(conn).await
            }
            async fn put(tx: &Tx, m: $model) -> Result<bool, StoreError> {
                reference::$put(tx, m).await
            }
        }
    };
    (@parent $model:ty, AdminUnits) => {
        fn parent(m: &$model) -> Option<&str> {
            m.parent_kato.as_deref()
        }
    };
    (@parent $model:ty, $other:ident) => {};
}

dict!(
    Organisms,
    Organism,
    OrganismView,
    Dictionary::Organisms,
    eppo_code,
    organism_entry,
    organisms,
    put_organism
);
dict!(
    Crops,
    Crop,
    CropView,
    Dictionary::Crops,
    code,
    crop_entry,
    crops,
    put_crop
);
dict!(
    ObjectTypes,
    ObjectType,
    ObjectTypeView,
    Dictionary::ObjectTypes,
    code,
    object_type_entry,
    object_types,
    put_object_type
);
dict!(
    AdminUnits,
    AdminUnit,
    AdminUnitView,
    Dictionary::AdminUnits,
    kato,
    admin_unit_entry,
    admin_units,
    put_admin_unit
);
