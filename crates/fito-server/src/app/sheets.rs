//! Excel (XLSX) exports of survey findings and act lists (R-SURV-1, R-ACT-2) with
//! the filters of the screen they come from; column titles in the actor's language.
//! Each export is journalled with the number of rows it held.

use crate::app::acts::search::{self, ActQuery};
use crate::app::analytics::names::Names;
use crate::app::{Actor, App, AppError, EntryExt};
use crate::i18n::Lang;
use chrono::NaiveDate;
use fito_core::Action;
use fito_store::acts::Act;
use fito_store::analytics::labels;
use fito_store::fieldwork::{self, FindingFilter};
use fito_store::reference::{self, Organism};
use fito_store::time::to_datetime;
use rust_xlsxwriter::{Format, Workbook};
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;
use uuid::Uuid;

/// The most rows one export holds; a wider question should be narrowed by filters.
pub const MAX_ROWS: u64 = 100_000;

/// A workbook and the stem of its file name.
pub struct Sheet {
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct FindingQuery {
    /// EPPO code of the organism.
    pub organism: Option<String>,
    /// quarantine, especially_dangerous or ordinary
    pub category: Option<String>,
    pub object_id: Option<Uuid>,
    /// Surveyed on or after this day (UTC).
    pub from: Option<NaiveDate>,
    /// Surveyed before this day (UTC).
    pub to: Option<NaiveDate>,
    /// Only this organisation's subtree (within the caller's).
    pub organization_id: Option<Uuid>,
}

/// Survey findings of the actor's subtree.
pub async fn findings(app: &App, actor: &Actor, q: FindingQuery) -> Result<Sheet, AppError> {
    let filter = FindingFilter {
        org_path: actor
            .scope_path(app, Action::SurveyRead, q.organization_id)
            .await?,
        organism: q.organism.map(|o| o.trim().to_uppercase()),
        category: q.category,
        object: q.object_id,
        from: q.from.map(day_us),
        to: q.to.map(day_us),
    };
    let rows = fieldwork::findings(app.store.reader(), &filter, MAX_ROWS).await?;
    let organisms = reference::organisms(app.store.reader()).await?;
    let lang = actor.meta.lang;
    let count = rows.len();
    let inspectors =
        labels::survey_inspectors(app.store.reader(), rows.iter().map(|f| f.survey_id)).await?;
    let names = Names::load(
        app,
        lang,
        rows.iter().filter_map(|f| f.object_id),
        inspectors.values().copied(),
    )
    .await?;
    let cells = rows
        .into_iter()
        .map(|f| {
            let inspector = inspectors
                .get(&f.survey_id)
                .and_then(|id| names.person(*id));
            finding_row(app, lang, &organisms, &names, inspector, f)
        })
        .collect();
    let bytes = workbook(app, lang, "xlsx-sheet-findings", &FINDING_COLUMNS, cells)?;
    actor
        .record(
            actor
                .entry("survey.export", Some("finding"), None)
                .details(json!({ "rows": count })),
        )
        .await?;
    Ok(Sheet {
        name: "findings",
        bytes,
    })
}

/// Acts of the actor's subtree, with the list's filters.
pub async fn acts(app: &App, actor: &Actor, q: &ActQuery) -> Result<Sheet, AppError> {
    let found = search::search(app, actor, q, MAX_ROWS).await?;
    let lang = actor.meta.lang;
    let count = found.len();
    let names = Names::load(
        app,
        lang,
        found.iter().filter_map(|a| a.object_id),
        found.iter().map(|a| a.inspector_id),
    )
    .await?;
    let cells = found
        .into_iter()
        .map(|a| act_row(app, lang, &names, a))
        .collect();
    let bytes = workbook(app, lang, "xlsx-sheet-acts", &ACT_COLUMNS, cells)?;
    actor
        .record(
            actor
                .entry("act.export", Some("act"), None)
                .details(json!({ "rows": count })),
        )
        .await?;
    Ok(Sheet {
        name: "acts",
        bytes,
    })
}

/// The object and inspector columns show names; their ids, KATO code, region and
/// district follow at the end (issue 13, issue 15).
const FINDING_COLUMNS: [&str; 23] = [
    "surveyed-at",
    "survey",
    "object",
    "point",
    "lat",
    "lon",
    "eppo-code",
    "organism",
    "category",
    "stage",
    "intensity-kind",
    "intensity",
    "area-surveyed",
    "area-infested",
    "area-above-threshold",
    "samples",
    "notes",
    "inspector",
    "kato",
    "region",
    "district",
    "object-id",
    "survey-id",
];

fn finding_row(
    app: &App,
    lang: Lang,
    organisms: &[Organism],
    names: &Names,
    inspector: Option<String>,
    f: fieldwork::Finding,
) -> Vec<Cell> {
    let name = organisms
        .iter()
        .find(|o| o.eppo_code == f.eppo_code)
        .map(|o| match lang {
            Lang::Kk => o.name_kk.clone().unwrap_or_else(|| o.name_ru.clone()),
            Lang::Ru => o.name_ru.clone(),
            Lang::En => o.name_en.clone().unwrap_or_else(|| o.name_la.clone()),
        });
    let samples: Vec<serde_json::Value> = serde_json::from_str(&f.samples).unwrap_or_default();
    let samples = samples
        .iter()
        .map(|s| {
            format!(
                "{} ({})",
                s["sample_number"].as_str().unwrap_or_default(),
                s["lab_referral_number"].as_str().unwrap_or_default()
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let message = |id: String| app.i18n.message(lang, &id, &[]);
    vec![
        Cell::Text(minute(f.surveyed_at)),
        Cell::Text(f.survey_id.to_string()),
        Cell::text(names.object(f.object_id)),
        Cell::Number(f64::from(f.point_seq)),
        Cell::Number(f.lat),
        Cell::Number(f.lon),
        Cell::Text(f.eppo_code),
        Cell::text(name),
        Cell::Text(message(format!("finding-category-{}", f.category))),
        Cell::text(f.development_stage),
        Cell::text(
            f.intensity_kind
                .map(|k| message(format!("finding-intensity-{k}"))),
        ),
        Cell::number(f.intensity_value),
        Cell::number(f.area_surveyed_ha),
        Cell::number(f.area_infested_ha),
        Cell::number(f.area_above_threshold_ha),
        Cell::Text(samples),
        Cell::text(f.notes),
        Cell::text(inspector),
        Cell::text(names.kato(f.object_id)),
        Cell::text(names.region(f.object_id)),
        Cell::text(names.district(f.object_id)),
        Cell::text(f.object_id.map(|o| o.to_string())),
        Cell::Text(f.survey_id.to_string()),
    ]
}

const ACT_COLUMNS: [&str; 15] = [
    "registry-number",
    "act-type",
    "status",
    "language",
    "act",
    "survey",
    "object",
    "inspector",
    "created-at",
    "updated-at",
    "kato",
    "region",
    "district",
    "object-id",
    "inspector-id",
];

fn act_row(app: &App, lang: Lang, names: &Names, a: Act) -> Vec<Cell> {
    let message = |id: String| app.i18n.message(lang, &id, &[]);
    vec![
        Cell::text(a.registry_number),
        Cell::Text(message(format!("act-kind-{}", a.act_type))),
        Cell::Text(message(format!("act-state-{}", a.status.as_str()))),
        Cell::Text(a.language),
        Cell::Text(a.id.to_string()),
        Cell::Text(a.survey_id.to_string()),
        Cell::text(names.object(a.object_id)),
        Cell::text(names.person(a.inspector_id)),
        Cell::Text(minute(a.created_at)),
        Cell::Text(minute(a.updated_at)),
        Cell::text(names.kato(a.object_id)),
        Cell::text(names.region(a.object_id)),
        Cell::text(names.district(a.object_id)),
        Cell::text(a.object_id.map(|o| o.to_string())),
        Cell::Text(a.inspector_id.to_string()),
    ]
}

pub(crate) enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

impl Cell {
    pub(crate) fn text(s: Option<String>) -> Cell {
        s.map(Cell::Text).unwrap_or(Cell::Empty)
    }

    pub(crate) fn number(n: Option<f64>) -> Cell {
        n.map(Cell::Number).unwrap_or(Cell::Empty)
    }
}

fn minute(us: i64) -> String {
    to_datetime(us).format("%Y-%m-%d %H:%M").to_string()
}

fn day_us(d: NaiveDate) -> i64 {
    d.and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp_micros())
        .unwrap_or_default()
}

/// One sheet: a bold title row of Fluent messages `xlsx-<column>`, then the rows.
fn workbook(
    app: &App,
    lang: Lang,
    sheet: &str,
    columns: &[&str],
    rows: Vec<Vec<Cell>>,
) -> Result<Vec<u8>, AppError> {
    let mut book = Workbook::new();
    let titles: Vec<String> = columns
        .iter()
        .map(|id| app.i18n.message(lang, &format!("xlsx-{id}"), &[]))
        .collect();
    add_sheet(
        &mut book,
        &app.i18n.message(lang, sheet, &[]),
        &titles,
        rows,
    )?;
    book.save_to_buffer().map_err(xlsx_failed)
}

pub(crate) fn xlsx_failed(e: rust_xlsxwriter::XlsxError) -> AppError {
    tracing::error!(error = %e, "xlsx export failed");
    AppError::internal()
}

/// Adds a sheet named `name`: a bold row of `titles`, then the rows, the title row
/// frozen.
pub(crate) fn add_sheet(
    book: &mut Workbook,
    name: &str,
    titles: &[String],
    rows: Vec<Vec<Cell>>,
) -> Result<(), AppError> {
    let ws = book.add_worksheet();
    // Sheet names are at most 31 characters.
    let name: String = name.chars().take(31).collect();
    ws.set_name(name).map_err(xlsx_failed)?;
    let bold = Format::new().set_bold();
    for (c, title) in titles.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, title, &bold)
            .map_err(xlsx_failed)?;
    }
    for (r, row) in rows.into_iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.into_iter().enumerate() {
            let c = c as u16;
            match cell {
                Cell::Text(s) => ws.write_string(r, c, s).map(|_| ()),
                Cell::Number(n) => ws.write_number(r, c, n).map(|_| ()),
                Cell::Empty => Ok(()),
            }
            .map_err(xlsx_failed)?;
        }
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_failed)?;
    Ok(())
}
