//! One finding at a survey point: the organism, its category, counts, areas and
//! samples (R-SURV-1).

use super::Surroundings;
use crate::text::{optional, required};
use crate::{EppoCode, Invalid};

/// The category of an organism found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FindingCategory {
    Quarantine,
    EspeciallyDangerous,
    Ordinary,
}

impl FindingCategory {
    pub const ALL: [FindingCategory; 3] = [
        FindingCategory::Quarantine,
        FindingCategory::EspeciallyDangerous,
        FindingCategory::Ordinary,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            FindingCategory::Quarantine => "quarantine",
            FindingCategory::EspeciallyDangerous => "especially_dangerous",
            FindingCategory::Ordinary => "ordinary",
        }
    }

    pub fn parse(s: &str) -> Result<FindingCategory, Invalid> {
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| Invalid::new("finding-category-unknown"))
    }

    /// The category an organism has unless the inspector says otherwise, from its
    /// place in the EAEU unified list: A1 (`absent`) and A2 (`limited` spread) are
    /// quarantine organisms.
    pub fn listed_as(eaeu_status: &str) -> FindingCategory {
        match eaeu_status {
            "absent" | "limited" => FindingCategory::Quarantine,
            _ => FindingCategory::Ordinary,
        }
    }
}

/// How a finding's count or rating was taken: counts of pests, prevalence of a
/// disease, cover of a weed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntensityKind {
    PerSquareMetre,
    PerPlant,
    PerTrap,
    PrevalencePercent,
    CoverPercent,
}

impl IntensityKind {
    pub const ALL: [IntensityKind; 5] = [
        IntensityKind::PerSquareMetre,
        IntensityKind::PerPlant,
        IntensityKind::PerTrap,
        IntensityKind::PrevalencePercent,
        IntensityKind::CoverPercent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            IntensityKind::PerSquareMetre => "per_square_metre",
            IntensityKind::PerPlant => "per_plant",
            IntensityKind::PerTrap => "per_trap",
            IntensityKind::PrevalencePercent => "prevalence_percent",
            IntensityKind::CoverPercent => "cover_percent",
        }
    }

    pub fn parse(s: &str) -> Result<IntensityKind, Invalid> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| Invalid::new("finding-intensity-kind-unknown"))
    }

    /// A percentage: at most 100.
    pub fn is_percent(self) -> bool {
        matches!(
            self,
            IntensityKind::PrevalencePercent | IntensityKind::CoverPercent
        )
    }
}

/// A count or rating: never negative, a percentage at most 100.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Intensity {
    pub kind: IntensityKind,
    pub value: f64,
}

impl Intensity {
    pub fn parse(kind: &str, value: f64) -> Result<Intensity, Invalid> {
        let kind = IntensityKind::parse(kind)?;
        if !value.is_finite() || value < 0.0 || (kind.is_percent() && value > 100.0) {
            return Err(Invalid::new("finding-intensity-out-of-range"));
        }
        Ok(Intensity { kind, value })
    }
}

/// A measure that cannot be negative (hectares, metres), when given.
pub fn non_negative(field: &'static str, value: Option<f64>) -> Result<Option<f64>, Invalid> {
    match value {
        Some(x) if !x.is_finite() || x < 0.0 => {
            Err(Invalid::new("field-not-non-negative").with("field", field))
        }
        other => Ok(other),
    }
}

/// The areas of a finding, hectares: the infested area lies within the surveyed
/// one, the area above the harm threshold within the infested one.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[non_exhaustive]
pub struct Areas {
    pub surveyed_ha: Option<f64>,
    pub infested_ha: Option<f64>,
    pub above_threshold_ha: Option<f64>,
}

impl Areas {
    pub fn parse(
        surveyed: Option<f64>,
        infested: Option<f64>,
        above_threshold: Option<f64>,
    ) -> Result<Areas, Invalid> {
        let surveyed = non_negative("area_surveyed_ha", surveyed)?;
        let infested = non_negative("area_infested_ha", infested)?;
        let above = non_negative("area_above_threshold_ha", above_threshold)?;
        if matches!((surveyed, infested), (Some(s), Some(i)) if i > s)
            || matches!((infested, above), (Some(i), Some(a)) if a > i)
        {
            return Err(Invalid::new("finding-areas-inconsistent"));
        }
        Ok(Areas {
            surveyed_ha: surveyed,
            infested_ha: infested,
            above_threshold_ha: above,
        })
    }
}

/// A sample sent to the laboratory: its number and the referral's number.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Sample {
    pub sample_number: String,
    pub lab_referral_number: String,
}

impl Sample {
    pub fn parse(sample_number: &str, lab_referral_number: &str) -> Result<Sample, Invalid> {
        Ok(Sample {
            sample_number: required("sample_number", sample_number, 100)?,
            lab_referral_number: required("lab_referral_number", lab_referral_number, 100)?,
        })
    }
}

/// A finding as typed, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct FindingDraft<'a> {
    pub organism: &'a str,
    /// By default from the organism's listing.
    pub category: Option<&'a str>,
    pub development_stage: Option<&'a str>,
    /// Kind and value.
    pub intensity: Option<(&'a str, f64)>,
    pub area_surveyed_ha: Option<f64>,
    pub area_infested_ha: Option<f64>,
    pub area_above_threshold_ha: Option<f64>,
    /// Sample number and lab referral number.
    pub samples: Vec<(&'a str, &'a str)>,
    pub notes: Option<&'a str>,
}

/// One organism found at a point.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Finding {
    pub organism: EppoCode,
    pub category: FindingCategory,
    pub development_stage: Option<String>,
    pub intensity: Option<Intensity>,
    pub areas: Areas,
    pub samples: Vec<Sample>,
    pub notes: Option<String>,
}

impl Finding {
    pub fn parse(d: &FindingDraft<'_>, world: &impl Surroundings) -> Result<Finding, Invalid> {
        let organism = EppoCode::parse(d.organism)?;
        let listing = world.listing(&organism).ok_or_else(|| {
            Invalid::new("finding-organism-unknown").with("code", organism.as_str())
        })?;
        let category = match d.category {
            Some(c) => FindingCategory::parse(c)?,
            None => FindingCategory::listed_as(listing),
        };
        let intensity = d
            .intensity
            .map(|(kind, value)| Intensity::parse(kind, value))
            .transpose()?;
        let areas = Areas::parse(
            d.area_surveyed_ha,
            d.area_infested_ha,
            d.area_above_threshold_ha,
        )?;
        let development_stage = optional("development_stage", d.development_stage, 200)?;
        let notes = optional("notes", d.notes, 4000)?;
        let samples = d
            .samples
            .iter()
            .map(|(number, referral)| Sample::parse(number, referral))
            .collect::<Result<_, _>>()?;
        Ok(Finding {
            organism,
            category,
            development_stage,
            intensity,
            areas,
            samples,
            notes,
        })
    }
}
