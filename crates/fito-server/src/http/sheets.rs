//! Excel (XLSX) exports of survey findings and act lists with the filters of the
//! screen they come from; column titles in the caller's language.

use super::acts::{ActQuery, search as search_acts};
use super::views::{Disposition, file_response};
use crate::app::AppError;
use crate::app::EntryExt;
use crate::http::extract::ApiQuery;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use crate::i18n::Lang;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use fito_core::Action;
use fito_store::fieldwork::{self, FindingFilter};
use fito_store::reference;
use fito_store::time::to_datetime;
use rust_xlsxwriter::{Format, Workbook};
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;
use uuid::Uuid;

/// The most rows one export holds; a wider question should be narrowed by filters.
pub const MAX_ROWS: u64 = 100_000;

enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn opt_text(s: Option<String>) -> Cell {
    s.map(Cell::Text).unwrap_or(Cell::Empty)
}

fn opt_number(n: Option<f64>) -> Cell {
    n.map(Cell::Number).unwrap_or(Cell::Empty)
}

/// One sheet: a bold title row of Fluent messages `xlsx-<column>`, then the rows.
fn workbook(
    state: &AppState,
    lang: Lang,
    sheet: &str,
    columns: &[&str],
    rows: Vec<Vec<Cell>>,
) -> Result<Vec<u8>, AppError> {
    let fail = |e: rust_xlsxwriter::XlsxError| {
        tracing::error!(error = %e, "xlsx export failed");
        AppError::internal()
    };
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(state.i18n.message(lang, sheet, &[]))
        .map_err(fail)?;
    let bold = Format::new().set_bold();
    for (c, id) in columns.iter().enumerate() {
        let title = state.i18n.message(lang, &format!("xlsx-{id}"), &[]);
        ws.write_string_with_format(0, c as u16, title, &bold)
            .map_err(fail)?;
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
            .map_err(fail)?;
        }
    }
    ws.set_freeze_panes(1, 0).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

fn xlsx_response(bytes: Vec<u8>, name: &str) -> Response {
    file_response(
        bytes.into_response(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &format!("{name}.xlsx"),
        Disposition::Attachment,
    )
}

#[derive(Deserialize, IntoParams)]
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

fn day_us(d: NaiveDate) -> i64 {
    d.and_hms_opt(0, 0, 0)
        .map(|t| t.and_utc().timestamp_micros())
        .unwrap_or_default()
}

/// Survey findings of the caller's subtree as an Excel workbook.
#[utoipa::path(get, path = "/api/v1/findings/export", tag = "field work", params(FindingQuery),
    responses((status = 200, description = "XLSX workbook")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("survey.read"))))]
pub async fn findings(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<FindingQuery>,
) -> Result<Response, AppError> {
    let filter = FindingFilter {
        org_path: me
            .scope_path(&state, Action::SurveyRead, q.organization_id)
            .await?,
        organism: q.organism.map(|o| o.trim().to_uppercase()),
        category: q.category,
        object: q.object_id,
        from: q.from.map(day_us),
        to: q.to.map(day_us),
    };
    let rows = fieldwork::findings(state.store.reader(), &filter, MAX_ROWS).await?;
    let organisms = reference::organisms(state.store.reader()).await?;
    let lang = me.meta.lang;
    let name = |code: &str| {
        organisms
            .iter()
            .find(|o| o.eppo_code == code)
            .map(|o| match lang {
                Lang::Kk => o.name_kk.clone().unwrap_or_else(|| o.name_ru.clone()),
                Lang::Ru => o.name_ru.clone(),
                Lang::En => o.name_en.clone().unwrap_or_else(|| o.name_la.clone()),
            })
    };
    let count = rows.len();
    let cells = rows
        .into_iter()
        .map(|f| {
            let samples: Vec<serde_json::Value> =
                serde_json::from_str(&f.samples).unwrap_or_default();
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
            vec![
                text(
                    to_datetime(f.surveyed_at)
                        .format("%Y-%m-%d %H:%M")
                        .to_string(),
                ),
                text(f.survey_id.to_string()),
                opt_text(f.object_id.map(|o| o.to_string())),
                Cell::Number(f64::from(f.point_seq)),
                Cell::Number(f.lat),
                Cell::Number(f.lon),
                text(f.eppo_code.clone()),
                opt_text(name(&f.eppo_code)),
                text(
                    state
                        .i18n
                        .message(lang, &format!("finding-category-{}", f.category), &[]),
                ),
                opt_text(f.development_stage),
                opt_text(f.intensity_kind.map(|k| {
                    state
                        .i18n
                        .message(lang, &format!("finding-intensity-{k}"), &[])
                })),
                opt_number(f.intensity_value),
                opt_number(f.area_surveyed_ha),
                opt_number(f.area_infested_ha),
                opt_number(f.area_above_threshold_ha),
                text(samples),
                opt_text(f.notes),
            ]
        })
        .collect();
    let columns = [
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
    ];
    let bytes = workbook(&state, lang, "xlsx-sheet-findings", &columns, cells)?;
    state
        .audit
        .record(
            me.entry("survey.export", Some("finding"), None)
                .details(json!({ "rows": count })),
        )
        .await?;
    Ok(xlsx_response(bytes, "findings"))
}

/// Acts of the caller's subtree, with the list's filters, as an Excel workbook.
#[utoipa::path(get, path = "/api/v1/acts/export", tag = "acts", params(ActQuery),
    responses((status = 200, description = "XLSX workbook")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("act.read"))))]
pub async fn acts(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ActQuery>,
) -> Result<Response, AppError> {
    let found = search_acts(&state, &me, &q, MAX_ROWS).await?;
    let lang = me.meta.lang;
    let count = found.len();
    let cells = found
        .into_iter()
        .map(|a| {
            vec![
                opt_text(a.registry_number),
                text(
                    state
                        .i18n
                        .message(lang, &format!("act-kind-{}", a.act_type), &[]),
                ),
                text(
                    state
                        .i18n
                        .message(lang, &format!("act-state-{}", a.status), &[]),
                ),
                text(a.language),
                text(a.id.to_string()),
                text(a.survey_id.to_string()),
                opt_text(a.object_id.map(|o| o.to_string())),
                text(a.inspector_id.to_string()),
                text(
                    to_datetime(a.created_at)
                        .format("%Y-%m-%d %H:%M")
                        .to_string(),
                ),
                text(
                    to_datetime(a.updated_at)
                        .format("%Y-%m-%d %H:%M")
                        .to_string(),
                ),
            ]
        })
        .collect();
    let columns = [
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
    ];
    let bytes = workbook(&state, lang, "xlsx-sheet-acts", &columns, cells)?;
    state
        .audit
        .record(
            me.entry("act.export", Some("act"), None)
                .details(json!({ "rows": count })),
        )
        .await?;
    Ok(xlsx_response(bytes, "acts"))
}
