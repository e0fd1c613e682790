//! The report as the API, the XLSX and the PDF show it: numbers with names (in the
//! reader's language) and KATO codes, never bare ids alone.

use super::{Checked, ReportQuery, pick};
use crate::app::{App, AppError};
use crate::i18n::Lang;
use chrono::{DateTime, NaiveDate, Utc};
use fito_store::analytics::{self, Areas, UnitRow};
use fito_store::time::to_datetime;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct AreasView {
    pub surveyed_ha: f64,
    pub infested_ha: f64,
    /// Findings (foci) of organisms.
    pub foci: i64,
}

impl From<Areas> for AreasView {
    fn from(a: Areas) -> Self {
        AreasView {
            surveyed_ha: a.surveyed_ha,
            infested_ha: a.infested_ha,
            foci: a.foci,
        }
    }
}

/// A region or district (KATO); no code for findings outside any registered object.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitView {
    pub kato: Option<String>,
    /// The region a district lies in.
    pub region_kato: Option<String>,
    pub name: String,
    #[serde(flatten)]
    pub areas: AreasView,
}

/// Named apart from the reference list's `OrganismView` in the API document.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = OrganismTotals)]
pub struct OrganismView {
    pub eppo_code: String,
    pub name: String,
    pub name_la: Option<String>,
    #[serde(flatten)]
    pub areas: AreasView,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MonthView {
    /// `YYYY-MM`
    pub month: String,
    pub current: AreasView,
    /// The same month a year before.
    pub previous: AreasView,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QuarantineView {
    pub survey_id: Uuid,
    pub seq: i32,
    pub surveyed_at: DateTime<Utc>,
    pub eppo_code: String,
    pub organism: String,
    /// quarantine or especially_dangerous
    pub category: String,
    pub object_id: Option<Uuid>,
    pub object_name: Option<String>,
    pub kato: Option<String>,
    /// The district's (or unit's) name.
    pub place: Option<String>,
    pub infested_ha: Option<f64>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ActCountView {
    pub act_type: String,
    pub status: String,
    pub count: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct OverdueView {
    pub act_id: Uuid,
    pub registry_number: Option<String>,
    pub object_id: Option<Uuid>,
    pub object_name: Option<String>,
    pub kato: Option<String>,
    pub measure: String,
    pub deadline: NaiveDate,
    pub days_overdue: i64,
}

#[derive(Debug, Clone, Copy, Serialize, ToSchema)]
pub struct TasksView {
    pub planned: i64,
    pub done: i64,
    /// Still open after their due day.
    pub late: i64,
    /// Assigned over confirmed art. 18 warnings.
    pub warnings_confirmed: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorkloadView {
    pub inspector_id: Uuid,
    /// Surname, first name and patronymic.
    pub name: String,
    pub surveys: i64,
    pub acts: i64,
    /// Days with at least one survey.
    pub field_days: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReportOrganization {
    pub id: Uuid,
    pub name: String,
}

/// The dashboard and the reports: the subtree, the period and filters, and the
/// numbers.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(as = AnalyticsReport)]
pub struct Report {
    pub organization: ReportOrganization,
    /// The period and filters as applied.
    pub query: ReportQuery,
    pub totals: AreasView,
    pub regions: Vec<UnitView>,
    pub districts: Vec<UnitView>,
    pub organisms: Vec<OrganismView>,
    pub trend: Vec<MonthView>,
    /// Quarantine and especially dangerous findings, the newest first.
    pub quarantine: Vec<QuarantineView>,
    pub acts: Vec<ActCountView>,
    pub overdue: Vec<OverdueView>,
    pub tasks: TasksView,
    pub inspectors: Vec<WorkloadView>,
}

pub(crate) fn unit(lang: Lang, u: UnitRow) -> UnitView {
    let name = match &u.kato {
        Some(_) => pick(
            lang,
            u.name_kk.as_deref(),
            u.name_ru.as_deref(),
            u.name_en.as_deref(),
        ),
        None => String::new(),
    };
    UnitView {
        name,
        kato: u.kato,
        region_kato: u.region,
        areas: u.areas.into(),
    }
}

/// Runs the store's one query and names what it found.
pub(crate) async fn build(app: &App, lang: Lang, c: &Checked) -> Result<Report, AppError> {
    let db = app.store.reader();
    let d = analytics::dashboard(db, &c.query).await?;
    let org = fito_store::orgs::get(db, c.organization_id)
        .await?
        .ok_or_else(|| AppError::not_found("organization-not-found"))?;
    let regions: Vec<UnitView> = d.regions.into_iter().map(|u| unit(lang, u)).collect();
    let districts: Vec<UnitView> = d.districts.into_iter().map(|u| unit(lang, u)).collect();
    let organisms: Vec<OrganismView> = d
        .organisms
        .into_iter()
        .map(|o| OrganismView {
            name: pick(
                lang,
                o.name_kk.as_deref(),
                o.name_ru.as_deref(),
                o.name_en.as_deref(),
            ),
            eppo_code: o.eppo_code,
            name_la: o.name_la,
            areas: o.areas.into(),
        })
        .collect();
    let organism_names: std::collections::HashMap<String, String> =
        fito_store::reference::organisms(db)
            .await?
            .into_iter()
            .map(|o| {
                let name = pick(
                    lang,
                    o.name_kk.as_deref(),
                    Some(&o.name_ru),
                    o.name_en.as_deref(),
                );
                (o.eppo_code, name)
            })
            .collect();
    let units: std::collections::HashMap<String, String> = fito_store::reference::admin_units(db)
        .await?
        .into_iter()
        .map(|u| {
            let name = pick(
                lang,
                Some(&u.name_kk),
                Some(&u.name_ru),
                u.name_en.as_deref(),
            );
            (u.kato, name)
        })
        .collect();
    let place = |kato: &Option<String>| {
        kato.as_deref().and_then(|k| {
            units
                .get(k)
                .or_else(|| units.get(&analytics::district_of(k)))
                .cloned()
        })
    };
    let quarantine = d
        .quarantine
        .into_iter()
        .map(|f| QuarantineView {
            organism: organism_names
                .get(&f.eppo_code)
                .cloned()
                .unwrap_or_default(),
            place: place(&f.kato),
            survey_id: f.survey_id,
            seq: f.seq,
            surveyed_at: to_datetime(f.surveyed_at),
            eppo_code: f.eppo_code,
            category: f.category,
            object_id: f.object_id,
            object_name: f.object_name,
            kato: f.kato,
            infested_ha: f.infested_ha,
        })
        .collect();
    Ok(Report {
        organization: ReportOrganization {
            id: org.id,
            name: pick(
                lang,
                Some(&org.name_kk),
                Some(&org.name_ru),
                org.name_en.as_deref(),
            ),
        },
        query: c.asked.clone(),
        totals: d.totals.into(),
        regions,
        districts,
        organisms,
        trend: d
            .trend
            .into_iter()
            .map(|m| MonthView {
                month: m.month,
                current: m.current.into(),
                previous: m.previous.into(),
            })
            .collect(),
        quarantine,
        acts: d
            .acts
            .into_iter()
            .map(|a| ActCountView {
                act_type: a.act_type,
                status: a.status,
                count: a.count,
            })
            .collect(),
        overdue: d
            .overdue
            .into_iter()
            .map(|o| OverdueView {
                act_id: o.act_id,
                registry_number: o.registry_number,
                object_id: o.object_id,
                object_name: o.object_name,
                kato: o.kato,
                measure: o.measure,
                deadline: o.deadline,
                days_overdue: o.days_overdue,
            })
            .collect(),
        tasks: TasksView {
            planned: d.tasks.planned,
            done: d.tasks.done,
            late: d.tasks.late,
            warnings_confirmed: d.tasks.warnings_confirmed,
        },
        inspectors: d
            .inspectors
            .into_iter()
            .map(|w| WorkloadView {
                name: [
                    Some(w.surname.as_str()),
                    Some(w.first_name.as_str()),
                    w.patronymic.as_deref(),
                ]
                .into_iter()
                .flatten()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
                inspector_id: w.inspector_id,
                surveys: w.surveys,
                acts: w.acts,
                field_days: w.field_days,
            })
            .collect(),
    })
}
