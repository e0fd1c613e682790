//! Field surveys (R-SURV-1): what an inspector records at each GPS point — the
//! organisms found, how many, over which area, which samples went to the laboratory.
//! A survey is parsed here once; what parsing needs from outside (is the organism in
//! the reference list, does a fix lie in Kazakhstan) it asks of [`Surroundings`].

mod finding;
#[cfg(test)]
mod tests;

pub use finding::{
    Areas, Finding, FindingCategory, FindingDraft, Intensity, IntensityKind, Sample, non_negative,
};

use crate::text::optional;
use crate::{EppoCode, Invalid};
use chrono::{DateTime, Duration, Utc};

/// At most this many GPS points in one survey.
pub const MAX_POINTS: usize = 1000;

/// A phone's clock may run this far ahead; a later time is refused as future.
const CLOCK_SKEW: Duration = Duration::minutes(10);

/// What parsing a survey asks of the world around it.
pub trait Surroundings {
    /// The organism's status in the EAEU list (`absent`, `limited`, …), when it is
    /// an active organism of the reference list; `None` when it is not.
    fn listing(&self, organism: &EppoCode) -> Option<&str>;
    /// Whether a GPS fix lies in Kazakhstan, its coordinates the right way round.
    fn locate(&self, lat: f64, lon: f64) -> Result<(), Invalid>;
}

/// A GPS point as sent, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct PointDraft<'a> {
    pub lat: f64,
    pub lon: f64,
    pub accuracy_m: Option<f64>,
    pub fixed_at: DateTime<Utc>,
    pub findings: Vec<FindingDraft<'a>>,
}

/// A GPS point of a survey with what was found there.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Point {
    pub lat: f64,
    pub lon: f64,
    /// Horizontal accuracy of the fix, metres.
    pub accuracy_m: Option<f64>,
    /// When the device got the fix.
    pub fixed_at: DateTime<Utc>,
    pub findings: Vec<Finding>,
}

impl Point {
    /// The point numbered `number` (from 1, as the refusals name it).
    pub fn parse(
        d: &PointDraft<'_>,
        number: usize,
        now: DateTime<Utc>,
        world: &impl Surroundings,
    ) -> Result<Point, Invalid> {
        world
            .locate(d.lat, d.lon)
            .map_err(|e| e.with("point", number))?;
        let accuracy_m = non_negative("accuracy_m", d.accuracy_m)?;
        not_in_future(d.fixed_at, now)?;
        let findings = d
            .findings
            .iter()
            .map(|f| Finding::parse(f, world))
            .collect::<Result<_, _>>()?;
        Ok(Point {
            lat: d.lat,
            lon: d.lon,
            accuracy_m,
            fixed_at: d.fixed_at,
            findings,
        })
    }
}

fn not_in_future(at: DateTime<Utc>, now: DateTime<Utc>) -> Result<(), Invalid> {
    if at > now + CLOCK_SKEW {
        return Err(Invalid::new("survey-in-future"));
    }
    Ok(())
}

/// A survey as sent, before it is checked.
#[derive(Debug, Clone, Default)]
pub struct SurveyDraft<'a> {
    pub surveyed_at: DateTime<Utc>,
    pub growth_phase: Option<&'a str>,
    pub notes: Option<&'a str>,
    pub points: Vec<PointDraft<'a>>,
}

/// What an inspector saw on a survey. Where it was (object or place), which task
/// it serves and the crop are checked against the register by the server.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct NewSurvey {
    pub surveyed_at: DateTime<Utc>,
    pub growth_phase: Option<String>,
    pub notes: Option<String>,
    pub points: Vec<Point>,
}

impl NewSurvey {
    pub fn parse(
        d: &SurveyDraft<'_>,
        now: DateTime<Utc>,
        world: &impl Surroundings,
    ) -> Result<NewSurvey, Invalid> {
        not_in_future(d.surveyed_at, now)?;
        if d.points.len() > MAX_POINTS {
            return Err(Invalid::new("survey-too-many-points"));
        }
        let points = d
            .points
            .iter()
            .enumerate()
            .map(|(i, p)| Point::parse(p, i + 1, now, world))
            .collect::<Result<_, _>>()?;
        Ok(NewSurvey {
            surveyed_at: d.surveyed_at,
            growth_phase: optional("growth_phase", d.growth_phase, 200)?,
            notes: optional("notes", d.notes, 4000)?,
            points,
        })
    }

    /// Every finding with the number of its point (from 1), in order.
    pub fn findings(&self) -> impl Iterator<Item = (usize, &Point, &Finding)> {
        self.points
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.findings.iter().map(move |f| (i + 1, p, f)))
    }

    /// The quarantine organisms found, each once, in code order.
    pub fn quarantine(&self) -> Vec<String> {
        let mut found: Vec<String> = self
            .findings()
            .filter(|(_, _, f)| f.category == FindingCategory::Quarantine)
            .map(|(_, _, f)| f.organism.as_str().to_string())
            .collect();
        found.sort();
        found.dedup();
        found
    }
}
