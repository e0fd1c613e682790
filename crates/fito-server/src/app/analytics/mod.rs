//! The Head's analytics (issue 13, R-ROLE-1: the Head views reports): the dashboard
//! of an organisation subtree for a period with filters, made by ONE store query
//! (`fito_store::analytics`), with names in the reader's language; the same report
//! as XLSX (`xlsx`) and PDF (`pdf`), and made monthly by a job (`monthly`).
//! A Head sees their subtree, an administrator the country; every number is bound
//! to that subtree.

pub mod monthly;
pub(crate) mod names;
pub mod pdf;
pub mod regions;
pub mod report;
pub mod xlsx;

use crate::app::{Actor, App, AppError, EntryExt};
use crate::i18n::Lang;
use chrono::{Datelike, NaiveDate, Utc};
use fito_core::Action;
use fito_core::codes::{EppoCode, KatoCode};
use fito_store::analytics::Query;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub use report::Report;

/// The longest period one report covers.
const MAX_DAYS: i64 = 5 * 366;
/// How many of the newest quarantine findings a report lists.
const NEWEST: u64 = 50;

/// What a report is asked: the period (this season by default) and filters.
#[derive(Debug, Clone, Default, Deserialize, Serialize, IntoParams, ToSchema)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    /// First day (UTC); by default 1 January of this year.
    pub from: Option<NaiveDate>,
    /// Last day, included (UTC); by default today.
    pub to: Option<NaiveDate>,
    /// EPPO code of the organism.
    pub organism: Option<String>,
    /// quarantine, especially_dangerous or ordinary
    pub category: Option<String>,
    /// Crop code (/api/v1/reference/crops).
    pub crop: Option<String>,
    /// Object type code (/api/v1/reference/object-types).
    pub object_type: Option<String>,
    /// KATO code of a region or district: only objects in it.
    pub kato: Option<String>,
    /// Only this organisation's subtree (within the caller's).
    pub organization_id: Option<Uuid>,
}

/// The filters checked, in the store's terms.
pub(crate) struct Checked {
    pub query: Query,
    pub organization_id: Uuid,
    pub asked: ReportQuery,
}

const CATEGORIES: [&str; 3] = ["quarantine", "especially_dangerous", "ordinary"];

fn code(field: &'static str, v: Option<&str>) -> Result<Option<String>, AppError> {
    match v.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) if v.len() <= 64 && v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') => {
            Ok(Some(v.to_string()))
        }
        Some(_) => Err(AppError::bad_request("report-filter-invalid").with("field", field)),
    }
}

/// Checks `q` and finds the subtree it covers for `actor`.
pub(crate) async fn check(app: &App, actor: &Actor, q: ReportQuery) -> Result<Checked, AppError> {
    let org_path = actor
        .scope_path(app, Action::ReportRead, q.organization_id)
        .await?;
    let today = Utc::now().date_naive();
    let to = q.to.unwrap_or(today);
    let from = q
        .from
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(to.year(), 1, 1).unwrap_or(to));
    if from > to {
        return Err(AppError::bad_request("report-period-invalid"));
    }
    if (to - from).num_days() > MAX_DAYS {
        return Err(AppError::bad_request("report-period-too-long").with("years", 5));
    }
    let organism = match q
        .organism
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        Some(o) => Some(EppoCode::parse(o)?.as_str().to_string()),
        None => None,
    };
    let category = code("category", q.category.as_deref())?;
    if let Some(c) = &category
        && !CATEGORIES.contains(&c.as_str())
    {
        return Err(AppError::bad_request("report-category-unknown").with("category", c));
    }
    let kato = match q.kato.as_deref().map(str::trim).filter(|k| !k.is_empty()) {
        Some(k) => Some(KatoCode::parse(k)?.subtree_prefix().to_string()),
        None => None,
    };
    let organization_id = org_path
        .trim_end_matches('/')
        .rsplit('/')
        .next()
        .and_then(|id| id.parse().ok())
        .ok_or_else(AppError::internal)?;
    let query = Query {
        org_path,
        from,
        to,
        organism,
        category,
        crop: code("crop", q.crop.as_deref())?,
        object_type: code("object_type", q.object_type.as_deref())?,
        kato,
        today,
        newest: NEWEST,
    };
    let asked = ReportQuery {
        from: Some(from),
        to: Some(to),
        ..q
    };
    Ok(Checked {
        query,
        organization_id,
        asked,
    })
}

/// The dashboard: every number of the report for the actor's subtree (or the
/// organisation asked inside it), in the actor's language. The read is journalled.
pub async fn dashboard(app: &App, actor: &Actor, q: ReportQuery) -> Result<Report, AppError> {
    let checked = check(app, actor, q).await?;
    let report = report::build(app, actor.meta.lang, &checked).await?;
    journal(actor, "report.dashboard", &checked).await?;
    Ok(report)
}

/// The report's journal entry: what was asked, in which subtree.
pub(crate) async fn journal(actor: &Actor, action: &str, c: &Checked) -> Result<(), AppError> {
    let details = serde_json::to_value(&c.asked).map_err(|_| AppError::internal())?;
    actor
        .record(
            actor
                .entry(
                    action,
                    Some("organization"),
                    Some(c.organization_id.to_string()),
                )
                .details(details),
        )
        .await
}

/// A name in `lang`, falling back to Russian (every reference name has one).
pub(crate) fn pick(lang: Lang, kk: Option<&str>, ru: Option<&str>, en: Option<&str>) -> String {
    let non_empty = |s: Option<&str>| s.filter(|s| !s.trim().is_empty()).map(str::to_string);
    let first = match lang {
        Lang::Kk => non_empty(kk),
        Lang::Ru => non_empty(ru),
        Lang::En => non_empty(en),
    };
    first
        .or_else(|| non_empty(ru))
        .or_else(|| non_empty(kk))
        .unwrap_or_default()
}
