//! The typed input of a rendering: everything an act shows, already validated upstream.
//!
//! Identifiers such as BIN/IIN, KATO and EPPO codes arrive here as strings: the domain
//! crates own their parsing, and an act prints exactly what the register holds.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The kinds of act the phytosanitary service issues.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActType {
    /// Quarantine phytosanitary survey act.
    QuarantineSurvey,
    /// Crop survey / phytosanitary monitoring act.
    CropMonitoring,
    /// Act of taking samples for laboratory expertise.
    Sampling,
    /// Prescription to eliminate violations / carry out quarantine measures.
    Prescription,
}

impl ActType {
    pub const ALL: [ActType; 4] = [
        ActType::QuarantineSurvey,
        ActType::CropMonitoring,
        ActType::Sampling,
        ActType::Prescription,
    ];

    /// The template's file stem; also the suffix of the act's Fluent title id.
    pub fn slug(self) -> &'static str {
        match self {
            ActType::QuarantineSurvey => "quarantine-survey",
            ActType::CropMonitoring => "crop-monitoring",
            ActType::Sampling => "sampling",
            ActType::Prescription => "prescription",
        }
    }
}

/// Which language(s) the act is printed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActLanguage {
    Kk,
    Ru,
    /// Kazakh first, Russian beside it, as the language law asks of official forms.
    KkRu,
}

impl ActLanguage {
    /// The tag used in template file names (`sampling.kk-ru.typ`).
    pub fn tag(self) -> &'static str {
        match self {
            ActLanguage::Kk => "kk",
            ActLanguage::Ru => "ru",
            ActLanguage::KkRu => "kk-ru",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActDocument {
    pub id: Uuid,
    pub act_type: ActType,
    pub language: ActLanguage,
    /// Registry number per organisation and year, e.g. `01-2026/000123`.
    pub registry_number: String,
    /// When the act was drawn up; also the PDF's creation date.
    pub issued_at: DateTime<Utc>,
    /// When the survey or inspection itself took place.
    pub surveyed_at: DateTime<Utc>,
    pub organisation: Organisation,
    pub inspector: Inspector,
    pub object: InspectedObject,
    pub survey: SurveyData,
    pub conclusions: String,
    pub measures: Vec<PrescribedMeasure>,
    pub signatures: Vec<Signatory>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    pub name: String,
    pub bin: String,
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Inspector {
    pub name: String,
    pub position: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InspectedObject {
    pub name: String,
    /// Kind of object as the register names it (field, warehouse, elevator …).
    pub object_type: String,
    pub kato_code: String,
    pub kato_name: String,
    pub owner: Owner,
    /// Free-text location (district, rural okrug, landmark).
    pub location: String,
    pub coordinates: Option<Coordinates>,
    pub area_ha: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Owner {
    pub name: String,
    /// BIN for a legal entity, IIN for a person; both are 12 digits.
    pub bin_or_iin: String,
}

/// WGS 84, decimal degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Coordinates {
    pub lat: f64,
    pub lon: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SurveyData {
    pub crop: String,
    pub growth_phase: String,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub organism: Organism,
    pub development_stage: String,
    pub intensity: Option<Intensity>,
    pub area_surveyed_ha: f64,
    pub area_infested_ha: f64,
    pub area_above_threshold_ha: f64,
    pub samples: Vec<Sample>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organism {
    pub eppo_code: String,
    pub name_kk: String,
    pub name_ru: String,
    /// Latin name; printed in both languages.
    pub name_latin: String,
    pub category: OrganismCategory,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrganismCategory {
    Quarantine,
    EspeciallyDangerous,
    Ordinary,
}

impl OrganismCategory {
    pub(crate) fn label_id(self) -> &'static str {
        match self {
            OrganismCategory::Quarantine => "act-category-quarantine",
            OrganismCategory::EspeciallyDangerous => "act-category-especially-dangerous",
            OrganismCategory::Ordinary => "act-category-ordinary",
        }
    }
}

/// How much of the organism was found: pests are counted, diseases and weeds are rated.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum Intensity {
    PerSquareMetre { value: f64 },
    PerPlant { value: f64 },
    PerTrap { value: f64 },
    PrevalencePercent { value: f64 },
    CoverPercent { value: f64 },
}

impl Intensity {
    pub(crate) fn value(self) -> f64 {
        match self {
            Intensity::PerSquareMetre { value }
            | Intensity::PerPlant { value }
            | Intensity::PerTrap { value }
            | Intensity::PrevalencePercent { value }
            | Intensity::CoverPercent { value } => value,
        }
    }

    pub(crate) fn unit_label_id(self) -> &'static str {
        match self {
            Intensity::PerSquareMetre { .. } => "act-unit-per-square-metre",
            Intensity::PerPlant { .. } => "act-unit-per-plant",
            Intensity::PerTrap { .. } => "act-unit-per-trap",
            Intensity::PrevalencePercent { .. } => "act-unit-prevalence-percent",
            Intensity::CoverPercent { .. } => "act-unit-cover-percent",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sample {
    pub sample_number: String,
    pub lab_referral_number: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PrescribedMeasure {
    pub text: String,
    pub deadline: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signatory {
    pub role: SignatoryRole,
    pub name: String,
    pub position: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SignatoryRole {
    Inspector,
    Head,
    OwnerRepresentative,
    Witness,
}

impl SignatoryRole {
    pub(crate) fn label_id(self) -> &'static str {
        match self {
            SignatoryRole::Inspector => "act-signatory-inspector",
            SignatoryRole::Head => "act-signatory-head",
            SignatoryRole::OwnerRepresentative => "act-signatory-owner-representative",
            SignatoryRole::Witness => "act-signatory-witness",
        }
    }
}
