//! The report as an Excel workbook (issue 13): one sheet per breakdown, names with
//! KATO and EPPO codes, column titles in the reader's language (kk/ru/en).

use super::report::{AreasView, Report};
use super::{ReportQuery, check, journal, report};
use crate::app::sheets::{Cell, Sheet, add_sheet, xlsx_failed};
use crate::app::{Actor, App, AppError};
use crate::i18n::Lang;
use rust_xlsxwriter::Workbook;

/// The report of the actor's subtree as XLSX; journalled like the dashboard.
pub async fn xlsx(app: &App, actor: &Actor, q: ReportQuery) -> Result<Sheet, AppError> {
    let checked = check(app, actor, q).await?;
    let lang = actor.meta.lang;
    let r = report::build(app, lang, &checked).await?;
    let bytes = workbook(app, lang, &r)?;
    journal(actor, "report.xlsx", &checked).await?;
    Ok(Sheet {
        name: "report",
        bytes,
    })
}

fn areas(a: &AreasView) -> [Cell; 3] {
    [
        Cell::Number(a.surveyed_ha),
        Cell::Number(a.infested_ha),
        Cell::Number(a.foci as f64),
    ]
}

/// The filters as (title, value) pairs, the period first.
pub(crate) fn filters(app: &App, lang: Lang, q: &ReportQuery) -> Vec<(String, String)> {
    let t = |id: &str| app.i18n.message(lang, id, &[]);
    let mut out = vec![
        (
            t("report-col-from"),
            q.from.map(|d| d.to_string()).unwrap_or_default(),
        ),
        (
            t("report-col-to"),
            q.to.map(|d| d.to_string()).unwrap_or_default(),
        ),
    ];
    for (id, v) in [
        ("report-col-eppo", &q.organism),
        ("report-col-category", &q.category),
        ("report-col-crop", &q.crop),
        ("report-col-object-type", &q.object_type),
        ("report-col-kato", &q.kato),
    ] {
        if let Some(v) = v {
            out.push((t(id), v.clone()));
        }
    }
    out
}

pub(crate) fn workbook(app: &App, lang: Lang, r: &Report) -> Result<Vec<u8>, AppError> {
    let t = |id: &str| app.i18n.message(lang, id, &[]);
    let titles = |ids: &[&str]| -> Vec<String> {
        ids.iter()
            .map(|id| t(&format!("report-col-{id}")))
            .collect()
    };
    let mut book = Workbook::new();

    let mut summary = vec![vec![
        Cell::Text(t("report-col-organization")),
        Cell::Text(r.organization.name.clone()),
    ]];
    for (title, value) in filters(app, lang, &r.query) {
        summary.push(vec![Cell::Text(title), Cell::Text(value)]);
    }
    for (id, n) in [
        ("report-col-surveyed", r.totals.surveyed_ha),
        ("report-col-infested", r.totals.infested_ha),
        ("report-col-foci", r.totals.foci as f64),
    ] {
        summary.push(vec![Cell::Text(t(id)), Cell::Number(n)]);
    }
    add_sheet(
        &mut book,
        &t("report-sheet-summary"),
        &titles(&["filter", "value"]),
        summary,
    )?;

    let unit_rows = |units: &[super::report::UnitView], with_region: bool| -> Vec<Vec<Cell>> {
        units
            .iter()
            .map(|u| {
                let mut row = vec![Cell::text(u.kato.clone())];
                if with_region {
                    row.push(Cell::text(u.region_kato.clone()));
                }
                let name = if u.kato.is_some() {
                    u.name.clone()
                } else {
                    t("report-no-kato")
                };
                row.push(Cell::Text(name));
                row.extend(areas(&u.areas));
                row
            })
            .collect()
    };
    let sums = ["surveyed", "infested", "foci"];
    let cols = |head: &[&str]| -> Vec<String> { titles(&[head, &sums[..]].concat()) };
    add_sheet(
        &mut book,
        &t("report-sheet-regions"),
        &cols(&["kato", "name"]),
        unit_rows(&r.regions, false),
    )?;
    add_sheet(
        &mut book,
        &t("report-sheet-districts"),
        &cols(&["kato", "region-kato", "name"]),
        unit_rows(&r.districts, true),
    )?;
    let organisms = r
        .organisms
        .iter()
        .map(|o| {
            let mut row = vec![
                Cell::Text(o.eppo_code.clone()),
                Cell::Text(o.name.clone()),
                Cell::text(o.name_la.clone()),
            ];
            row.extend(areas(&o.areas));
            row
        })
        .collect();
    add_sheet(
        &mut book,
        &t("report-sheet-organisms"),
        &cols(&["eppo", "organism", "latin"]),
        organisms,
    )?;
    let trend = r
        .trend
        .iter()
        .map(|m| {
            let mut row = vec![Cell::Text(m.month.clone())];
            row.extend(areas(&m.current));
            row.extend(areas(&m.previous));
            row
        })
        .collect();
    add_sheet(
        &mut book,
        &t("report-sheet-trend"),
        &titles(&[
            "month",
            "surveyed",
            "infested",
            "foci",
            "prev-surveyed",
            "prev-infested",
            "prev-foci",
        ]),
        trend,
    )?;
    let quarantine = r
        .quarantine
        .iter()
        .map(|f| {
            vec![
                Cell::Text(f.surveyed_at.format("%Y-%m-%d %H:%M").to_string()),
                Cell::Text(f.eppo_code.clone()),
                Cell::Text(f.organism.clone()),
                Cell::Text(t(&format!("finding-category-{}", f.category))),
                Cell::text(f.object_name.clone()),
                Cell::text(f.kato.clone()),
                Cell::text(f.place.clone()),
                Cell::number(f.infested_ha),
            ]
        })
        .collect();
    add_sheet(
        &mut book,
        &t("report-sheet-quarantine"),
        &titles(&[
            "surveyed-at",
            "eppo",
            "organism",
            "category",
            "object",
            "kato",
            "place",
            "infested",
        ]),
        quarantine,
    )?;
    let acts = r
        .acts
        .iter()
        .map(|a| {
            vec![
                Cell::Text(t(&format!("act-kind-{}", a.act_type))),
                Cell::Text(t(&format!("act-state-{}", a.status))),
                Cell::Number(a.count as f64),
            ]
        })
        .collect();
    add_sheet(
        &mut book,
        &t("report-sheet-acts"),
        &titles(&["act-type", "status", "count"]),
        acts,
    )?;
    let overdue = r
        .overdue
        .iter()
        .map(|o| {
            vec![
                Cell::text(o.registry_number.clone()),
                Cell::text(o.object_name.clone()),
                Cell::text(o.kato.clone()),
                Cell::Text(o.measure.clone()),
                Cell::Text(o.deadline.to_string()),
                Cell::Number(o.days_overdue as f64),
            ]
        })
        .collect();
    add_sheet(
        &mut book,
        &t("report-sheet-overdue"),
        &titles(&[
            "registry-number",
            "object",
            "kato",
            "measure",
            "deadline",
            "days-overdue",
        ]),
        overdue,
    )?;
    let k = &r.tasks;
    add_sheet(
        &mut book,
        &t("report-sheet-tasks"),
        &titles(&["planned", "done", "late", "warnings"]),
        vec![vec![
            Cell::Number(k.planned as f64),
            Cell::Number(k.done as f64),
            Cell::Number(k.late as f64),
            Cell::Number(k.warnings_confirmed as f64),
        ]],
    )?;
    let inspectors = r
        .inspectors
        .iter()
        .map(|w| {
            vec![
                Cell::Text(w.name.clone()),
                Cell::Number(w.surveys as f64),
                Cell::Number(w.acts as f64),
                Cell::Number(w.field_days as f64),
            ]
        })
        .collect();
    add_sheet(
        &mut book,
        &t("report-sheet-inspectors"),
        &titles(&["inspector", "surveys", "acts", "field-days"]),
        inspectors,
    )?;
    book.save_to_buffer().map_err(xlsx_failed)
}
