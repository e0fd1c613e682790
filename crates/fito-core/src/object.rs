//! What a person says about a phytosanitary object of the register (R-OBJ-1): its
//! type, name, owner, administrative unit, crop and notes. Checked once, here;
//! the geometry is fito-geo's, the reference lists (types, units, crops) the
//! caller's, who can look them up.

use crate::text::{optional, required};
use crate::{Bin, Iin, Invalid};

pub const NAME_MAX: usize = 300;
pub const OWNER_NAME_MAX: usize = 300;
pub const NOTES_MAX: usize = 4000;

/// Who owns or uses the land.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OwnerKind {
    LegalEntity,
    Person,
}

impl OwnerKind {
    pub fn parse(value: &str) -> Option<OwnerKind> {
        match value {
            "legal_entity" => Some(OwnerKind::LegalEntity),
            "person" => Some(OwnerKind::Person),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            OwnerKind::LegalEntity => "legal_entity",
            OwnerKind::Person => "person",
        }
    }
}

/// A checked owner: a legal entity with its BIN, or a person with their IIN
/// (personal data, R-MOB-4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Owner {
    LegalEntity { name: String, bin: Bin },
    Person { name: String, iin: Iin },
}

fn owner_invalid() -> Invalid {
    Invalid::new("object-owner-invalid")
}

impl Owner {
    /// As the API takes it: a kind, a name, and the number that kind needs (the
    /// other number is not looked at).
    pub fn parse(
        kind: &str,
        name: &str,
        bin: Option<&str>,
        iin: Option<&str>,
    ) -> Result<Owner, Invalid> {
        let name = required("owner.name", name, OWNER_NAME_MAX)?;
        match OwnerKind::parse(kind).ok_or_else(owner_invalid)? {
            OwnerKind::LegalEntity => Ok(Owner::LegalEntity {
                name,
                bin: Bin::parse(bin.ok_or_else(owner_invalid)?)?,
            }),
            OwnerKind::Person => Ok(Owner::Person {
                name,
                iin: Iin::parse(iin.ok_or_else(owner_invalid)?)?,
            }),
        }
    }

    /// As the columns of an imported file carry it: the kind may be left out when
    /// the one number given says which; a number of the other kind, or a name
    /// without an owner (or the reverse), refuses the row.
    pub fn from_columns(
        kind: Option<&str>,
        name: Option<&str>,
        bin: Option<&str>,
        iin: Option<&str>,
    ) -> Result<Option<Owner>, Invalid> {
        let kind = match kind {
            Some(k) => Some(OwnerKind::parse(k).ok_or_else(owner_invalid)?),
            None => match (bin, iin) {
                (Some(_), None) => Some(OwnerKind::LegalEntity),
                (None, Some(_)) => Some(OwnerKind::Person),
                (None, None) => None,
                (Some(_), Some(_)) => return Err(owner_invalid()),
            },
        };
        let number = match kind {
            None => None,
            Some(OwnerKind::LegalEntity) if iin.is_none() => {
                Some(Number::Bin(Bin::parse(bin.ok_or_else(owner_invalid)?)?))
            }
            Some(OwnerKind::Person) if bin.is_none() => {
                Some(Number::Iin(Iin::parse(iin.ok_or_else(owner_invalid)?)?))
            }
            Some(_) => return Err(owner_invalid()),
        };
        let name = optional("owner_name", name, OWNER_NAME_MAX)?;
        match (number, name) {
            (None, None) => Ok(None),
            (Some(Number::Bin(bin)), Some(name)) => Ok(Some(Owner::LegalEntity { name, bin })),
            (Some(Number::Iin(iin)), Some(name)) => Ok(Some(Owner::Person { name, iin })),
            _ => Err(owner_invalid()),
        }
    }

    pub fn kind(&self) -> OwnerKind {
        match self {
            Owner::LegalEntity { .. } => OwnerKind::LegalEntity,
            Owner::Person { .. } => OwnerKind::Person,
        }
    }

    pub fn name(&self) -> &str {
        match self {
            Owner::LegalEntity { name, .. } | Owner::Person { name, .. } => name,
        }
    }

    pub fn bin(&self) -> Option<Bin> {
        match self {
            Owner::LegalEntity { bin, .. } => Some(*bin),
            Owner::Person { .. } => None,
        }
    }

    pub fn iin(&self) -> Option<Iin> {
        match self {
            Owner::Person { iin, .. } => Some(*iin),
            Owner::LegalEntity { .. } => None,
        }
    }
}

enum Number {
    Bin(Bin),
    Iin(Iin),
}

/// An object's name: required, bounded.
pub fn name(value: &str) -> Result<String, Invalid> {
    required("name", value, NAME_MAX)
}

/// An object's notes: optional, bounded.
pub fn notes(value: Option<&str>) -> Result<Option<String>, Invalid> {
    optional("notes", value, NOTES_MAX)
}

/// A reference code as typed (a KATO unit, a crop): trimmed, empty means none.
/// Whether the list holds it is the caller's question.
pub fn code(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// The description of an object, checked: everything but its geometry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewObject {
    /// A code of the object-type list.
    pub type_code: String,
    pub name: String,
    pub owner: Option<Owner>,
    /// KATO code of the administrative unit.
    pub kato: Option<String>,
    /// A code of the crop list.
    pub crop: Option<String>,
    pub notes: Option<String>,
}

impl NewObject {
    pub fn parse(
        type_code: &str,
        name: &str,
        owner: Option<Owner>,
        kato: Option<&str>,
        crop: Option<&str>,
        notes: Option<&str>,
    ) -> Result<NewObject, Invalid> {
        Ok(NewObject {
            type_code: type_code.to_string(),
            name: self::name(name)?,
            owner,
            kato: code(kato),
            crop: code(crop),
            notes: self::notes(notes)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BIN: &str = "260240002570";
    const IIN: &str = "900101300007";

    fn code_of<T: std::fmt::Debug>(r: Result<T, Invalid>) -> &'static str {
        r.unwrap_err().code
    }

    #[test]
    fn r_obj_1_an_api_owner_needs_a_kind_a_name_and_its_number() {
        let firm = Owner::parse("legal_entity", " ТОО Астық ", Some(BIN), Some("x")).unwrap();
        assert_eq!(firm.kind(), OwnerKind::LegalEntity);
        assert_eq!(firm.name(), "ТОО Астық");
        assert_eq!(firm.bin().map(|b| b.to_string()).as_deref(), Some(BIN));
        let person = Owner::parse("person", "Ахметов А.", None, Some(IIN)).unwrap();
        assert_eq!(person.iin().map(|i| i.to_string()).as_deref(), Some(IIN));
        assert_eq!(
            code_of(Owner::parse("person", "A", Some(BIN), None)),
            "object-owner-invalid"
        );
        assert_eq!(
            code_of(Owner::parse("farmer", "A", Some(BIN), None)),
            "object-owner-invalid"
        );
        assert_eq!(
            code_of(Owner::parse("person", " ", None, Some(IIN))),
            "field-required"
        );
        assert_eq!(
            code_of(Owner::parse("person", "A", None, Some("900101300008"))),
            "iin-checksum"
        );
    }

    #[test]
    fn r_obj_1_file_columns_may_leave_the_kind_to_the_number() {
        let firm = Owner::from_columns(None, Some("ТОО"), Some(BIN), None).unwrap();
        assert_eq!(firm.map(|o| o.kind()), Some(OwnerKind::LegalEntity));
        let person = Owner::from_columns(None, Some("А."), None, Some(IIN)).unwrap();
        assert_eq!(person.map(|o| o.kind()), Some(OwnerKind::Person));
        assert_eq!(Owner::from_columns(None, None, None, None).unwrap(), None);
        for (kind, name, bin, iin) in [
            (None, Some("A"), None, None),
            (Some("person"), None, None, Some(IIN)),
            (Some("legal_entity"), Some("A"), Some(BIN), Some(IIN)),
            (None, Some("A"), Some(BIN), Some(IIN)),
            (Some("person"), Some("A"), None, None),
        ] {
            assert_eq!(
                code_of(Owner::from_columns(kind, name, bin, iin)),
                "object-owner-invalid",
                "{kind:?} {name:?} {bin:?} {iin:?}"
            );
        }
    }

    #[test]
    fn r_obj_1_a_description_is_trimmed_and_bounded() {
        let o =
            NewObject::parse("field", " Поле ", None, Some(" "), Some(" wheat "), None).unwrap();
        assert_eq!(
            (o.name.as_str(), o.kato, o.crop.as_deref()),
            ("Поле", None, Some("wheat"))
        );
        let long = "ә".repeat(NOTES_MAX + 1);
        assert_eq!(
            code_of(NewObject::parse(
                "field",
                "x",
                None,
                None,
                None,
                Some(&long)
            )),
            "field-too-long"
        );
        assert_eq!(
            code_of(NewObject::parse("field", "", None, None, None, None)),
            "field-required"
        );
    }
}
