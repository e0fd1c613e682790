//! The Head's analytics (issue 13, R-ROLE-1): ONE aggregate query over an
//! organisation subtree, a period and optional filters, answered the same by both
//! engines. The sums of findings by district, organism and month come from rollup
//! rows kept as findings are written (`rollup`), the days of a period outside whole
//! months and the filters the rollup does not keep from the findings themselves; the
//! rest is computed on the fly: see docs/architecture/decisions.md. Hectares are
//! summed as whole micro-hectares and every list has a total order, so SQLite and
//! PostgreSQL give equal answers.

mod findings;
pub mod labels;
pub mod rollup;
mod work;

use crate::Result;
use crate::conn::Conn;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use uuid::Uuid;

/// What the dashboard is asked.
#[derive(Debug, Clone)]
pub struct Query {
    /// Only records of organisations whose path starts with this (R-ORG-1).
    pub org_path: String,
    /// First day of the period (UTC), included.
    pub from: NaiveDate,
    /// Last day of the period (UTC), included.
    pub to: NaiveDate,
    /// EPPO code of the organism.
    pub organism: Option<String>,
    /// Finding category: quarantine, especially_dangerous or ordinary.
    pub category: Option<String>,
    /// Crop code of the survey.
    pub crop: Option<String>,
    /// Object type code.
    pub object_type: Option<String>,
    /// KATO prefix of the object (`11` a region, `1110` a district …).
    pub kato: Option<String>,
    /// The day overdue prescriptions and tasks are counted against.
    pub today: NaiveDate,
    /// How many of the newest quarantine findings to list.
    pub newest: u64,
}

/// Surveyed and infested hectares and the number of foci (findings).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Areas {
    pub surveyed_ha: f64,
    pub infested_ha: f64,
    pub foci: i64,
}

impl Areas {
    fn add(&mut self, other: Areas) {
        self.surveyed_ha = round(self.surveyed_ha + other.surveyed_ha);
        self.infested_ha = round(self.infested_ha + other.infested_ha);
        self.foci += other.foci;
    }
}

/// A KATO unit's numbers; `kato` is `None` for findings of no registered object or
/// of an object with no KATO code.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitRow {
    pub kato: Option<String>,
    /// The region a district lies in (`None` for regions themselves).
    pub region: Option<String>,
    pub name_kk: Option<String>,
    pub name_ru: Option<String>,
    pub name_en: Option<String>,
    pub areas: Areas,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrganismRow {
    pub eppo_code: String,
    pub name_la: Option<String>,
    pub name_kk: Option<String>,
    pub name_ru: Option<String>,
    pub name_en: Option<String>,
    pub areas: Areas,
}

/// A month of the period (`YYYY-MM`) and the same month a year before.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthRow {
    pub month: String,
    pub current: Areas,
    pub previous: Areas,
}

/// One finding of a quarantine or especially dangerous organism.
#[derive(Debug, Clone, PartialEq)]
pub struct QuarantineFinding {
    pub survey_id: Uuid,
    pub seq: i32,
    pub surveyed_at: i64,
    pub eppo_code: String,
    pub category: String,
    pub object_id: Option<Uuid>,
    pub object_name: Option<String>,
    pub kato: Option<String>,
    pub infested_ha: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ActCount {
    pub act_type: String,
    pub status: String,
    pub count: i64,
}

/// A measure prescribed by an act, with its deadline past.
#[derive(Debug, Clone, PartialEq)]
pub struct Overdue {
    pub act_id: Uuid,
    pub registry_number: Option<String>,
    pub object_id: Option<Uuid>,
    pub object_name: Option<String>,
    pub kato: Option<String>,
    pub measure: String,
    pub deadline: NaiveDate,
    pub days_overdue: i64,
}

/// Survey tasks due in the period.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tasks {
    /// Not cancelled.
    pub planned: i64,
    pub done: i64,
    /// Still open after their due day.
    pub late: i64,
    /// Assigned over art. 18 warnings the Head confirmed.
    pub warnings_confirmed: i64,
}

/// One inspector's work in the period; the name is the decrypted one (R-PD-2).
#[derive(Debug, Clone, PartialEq)]
pub struct Workload {
    pub inspector_id: Uuid,
    pub surname: String,
    pub first_name: String,
    pub patronymic: Option<String>,
    pub surveys: i64,
    pub acts: i64,
    pub field_days: i64,
}

/// The whole answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub totals: Areas,
    pub regions: Vec<UnitRow>,
    pub districts: Vec<UnitRow>,
    pub organisms: Vec<OrganismRow>,
    pub trend: Vec<MonthRow>,
    pub quarantine: Vec<QuarantineFinding>,
    pub acts: Vec<ActCount>,
    pub overdue: Vec<Overdue>,
    pub tasks: Tasks,
    pub inspectors: Vec<Workload>,
}

/// The dashboard for `q`, read with `conn` (one consistent connection is not
/// needed: each part is a complete answer of its own). The parts are asked at once,
/// so a pool answers them on several connections side by side.
pub async fn dashboard<C: Conn>(conn: &C, q: &Query) -> Result<Dashboard> {
    let ((regions, districts), organisms, trend, quarantine, acts, overdue, tasks, inspectors) = tokio::try_join!(
        units(conn, q),
        findings::by_organism(conn, q),
        findings::trend(conn, q),
        findings::quarantine(conn, q),
        work::acts(conn, q),
        work::overdue(conn, q),
        work::tasks(conn, q),
        work::workload(conn, q),
    )?;
    let mut totals = Areas::default();
    for o in &organisms {
        totals.add(o.areas);
    }
    Ok(Dashboard {
        totals,
        regions,
        districts,
        organisms,
        trend,
        quarantine,
        acts,
        overdue,
        tasks,
        inspectors,
    })
}

/// Hectares and foci by region and by district, named: the dashboard's breakdown
/// by KATO unit alone, for the region summary on the map.
pub async fn units<C: Conn>(conn: &C, q: &Query) -> Result<(Vec<UnitRow>, Vec<UnitRow>)> {
    let districts = findings::by_district(conn, q).await?;
    let units: BTreeMap<String, crate::reference::AdminUnit> = crate::reference::admin_units(conn)
        .await?
        .into_iter()
        .map(|u| (u.kato.clone(), u))
        .collect();
    Ok(units_of(districts, &units))
}

/// The mean position of each region's (`district == false`) or district's findings,
/// by KATO code: where a unit's symbol goes when no boundary of it is loaded.
pub async fn centres<C: Conn>(
    conn: &C,
    q: &Query,
    district: bool,
) -> Result<BTreeMap<String, [f64; 2]>> {
    findings::centres(conn, q, if district { 4 } else { 2 }).await
}

/// Regions summed from the district rows, both named from the KATO reference.
fn units_of(
    rows: Vec<(Option<String>, Areas)>,
    units: &BTreeMap<String, crate::reference::AdminUnit>,
) -> (Vec<UnitRow>, Vec<UnitRow>) {
    let named = |kato: Option<String>, region: Option<String>, areas: Areas| {
        let unit = kato.as_ref().and_then(|k| units.get(k));
        UnitRow {
            name_kk: unit.map(|u| u.name_kk.clone()),
            name_ru: unit.map(|u| u.name_ru.clone()),
            name_en: unit.and_then(|u| u.name_en.clone()),
            kato,
            region,
            areas,
        }
    };
    let mut regions: BTreeMap<Option<String>, Areas> = BTreeMap::new();
    let mut districts = Vec::new();
    for (district, areas) in rows {
        let region = district.as_deref().map(region_of);
        regions.entry(region.clone()).or_default().add(areas);
        if district.is_some() {
            districts.push(named(district, region, areas));
        }
    }
    let regions = regions
        .into_iter()
        .map(|(kato, areas)| named(kato, None, areas))
        .collect();
    (regions, districts)
}

/// `AABB00000` → `AA0000000`: the region of a district's KATO code.
pub fn region_of(kato: &str) -> String {
    format!("{:0<9}", kato.get(..2).unwrap_or(kato))
}

/// `AABBCCDDD` → `AABB00000`: the district of any KATO code.
pub fn district_of(kato: &str) -> String {
    format!("{:0<9}", kato.get(..4).unwrap_or(kato))
}

/// Hectares to the micro-hectare the sums are made in.
fn round(ha: f64) -> f64 {
    (ha * 1_000_000.0).round() / 1_000_000.0
}

/// Midnight (UTC) of `day`, in µs.
pub(crate) fn day_us(day: NaiveDate) -> i64 {
    day.and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp_micros())
        .unwrap_or_default()
}

/// The µs bounds `[from, to)` of a period of whole days.
pub(crate) fn bounds(from: NaiveDate, to: NaiveDate) -> (i64, i64) {
    (day_us(from), day_us(to.succ_opt().unwrap_or(to)))
}

/// The `LIKE` pattern of a prefix (the characters `%`, `_` and `\` are not in
/// organisation paths or KATO codes, which are checked before they get here).
pub(crate) fn prefix(p: &str) -> String {
    format!("{p}%")
}
