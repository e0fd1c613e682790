//! The report as PDF (issue 13): rendered by fito-acts' typst machinery with the
//! organisation header, the period and the filters used, in the reader's language.

use super::report::{AreasView, Report, UnitView};
use super::xlsx::filters;
use super::{ReportQuery, check, journal, report};
use crate::app::{Actor, App, AppError, Kind};
use crate::i18n::Lang;
use fito_acts::{ReportDocument, ReportSection};

/// The report of the actor's subtree as PDF; journalled like the dashboard.
pub async fn pdf(app: &App, actor: &Actor, q: ReportQuery) -> Result<Vec<u8>, AppError> {
    let checked = check(app, actor, q).await?;
    let lang = actor.meta.lang;
    let r = report::build(app, lang, &checked).await?;
    let bytes = render(app, document(app, lang, &r)).await?;
    journal(actor, "report.pdf", &checked).await?;
    Ok(bytes)
}

pub(crate) async fn render(app: &App, document: ReportDocument) -> Result<Vec<u8>, AppError> {
    let renderer = app.acts().await?;
    tokio::task::spawn_blocking(move || renderer.render_report(&document))
        .await
        .map_err(|_| AppError::internal())?
        .map_err(|e| {
            tracing::error!(error = %e, "report rendering failed");
            AppError::new(Kind::Unavailable, "act-render-failed")
        })
}

/// Hectares with two decimals, counts as they are.
fn ha(n: f64) -> String {
    format!("{n:.2}")
}

fn areas(a: &AreasView) -> [String; 3] {
    [ha(a.surveyed_ha), ha(a.infested_ha), a.foci.to_string()]
}

pub(crate) fn document(app: &App, lang: Lang, r: &Report) -> ReportDocument {
    let t = |id: &str| app.i18n.message(lang, id, &[]);
    let cols = |ids: &[&str]| -> Vec<String> {
        ids.iter()
            .map(|id| t(&format!("report-col-{id}")))
            .collect()
    };
    let mut lines = Vec::new();
    let period = format!(
        "{} — {}",
        r.query.from.map(|d| d.to_string()).unwrap_or_default(),
        r.query.to.map(|d| d.to_string()).unwrap_or_default()
    );
    lines.push((t("report-period"), period));
    let used: Vec<String> = filters(app, lang, &r.query)
        .into_iter()
        .skip(2)
        .map(|(k, v)| format!("{k}: {v}"))
        .collect();
    let used = if used.is_empty() {
        t("report-no-filters")
    } else {
        used.join("; ")
    };
    lines.push((t("report-filters"), used));
    let units = |list: &[UnitView]| -> Vec<Vec<String>> {
        list.iter()
            .map(|u| {
                let name = if u.kato.is_some() {
                    u.name.clone()
                } else {
                    t("report-no-kato")
                };
                let mut row = vec![u.kato.clone().unwrap_or_default(), name];
                row.extend(areas(&u.areas));
                row
            })
            .collect()
    };
    let sums = ["surveyed", "infested", "foci"];
    let mut sections = vec![
        ReportSection {
            title: t("report-totals"),
            columns: cols(&sums),
            rows: vec![areas(&r.totals).to_vec()],
        },
        ReportSection {
            title: t("report-sheet-regions"),
            columns: cols(&[&["kato", "name"][..], &sums[..]].concat()),
            rows: units(&r.regions),
        },
        ReportSection {
            title: t("report-sheet-districts"),
            columns: cols(&[&["kato", "name"][..], &sums[..]].concat()),
            rows: units(&r.districts),
        },
        ReportSection {
            title: t("report-sheet-organisms"),
            columns: cols(&[&["eppo", "organism"][..], &sums[..]].concat()),
            rows: r
                .organisms
                .iter()
                .map(|o| {
                    let mut row = vec![o.eppo_code.clone(), o.name.clone()];
                    row.extend(areas(&o.areas));
                    row
                })
                .collect(),
        },
        ReportSection {
            title: t("report-sheet-trend"),
            columns: cols(&["month", "infested", "foci", "prev-infested", "prev-foci"]),
            rows: r
                .trend
                .iter()
                .map(|m| {
                    vec![
                        m.month.clone(),
                        ha(m.current.infested_ha),
                        m.current.foci.to_string(),
                        ha(m.previous.infested_ha),
                        m.previous.foci.to_string(),
                    ]
                })
                .collect(),
        },
        ReportSection {
            title: t("report-sheet-quarantine"),
            columns: cols(&[
                "surveyed-at",
                "eppo",
                "organism",
                "object",
                "kato",
                "infested",
            ]),
            rows: r
                .quarantine
                .iter()
                .map(|f| {
                    vec![
                        f.surveyed_at.format("%Y-%m-%d").to_string(),
                        f.eppo_code.clone(),
                        f.organism.clone(),
                        f.object_name.clone().unwrap_or_default(),
                        f.kato.clone().unwrap_or_default(),
                        f.infested_ha.map(ha).unwrap_or_default(),
                    ]
                })
                .collect(),
        },
        ReportSection {
            title: t("report-sheet-acts"),
            columns: cols(&["act-type", "status", "count"]),
            rows: r
                .acts
                .iter()
                .map(|a| {
                    vec![
                        t(&format!("act-kind-{}", a.act_type)),
                        t(&format!("act-state-{}", a.status)),
                        a.count.to_string(),
                    ]
                })
                .collect(),
        },
        ReportSection {
            title: t("report-sheet-overdue"),
            columns: cols(&[
                "registry-number",
                "object",
                "measure",
                "deadline",
                "days-overdue",
            ]),
            rows: r
                .overdue
                .iter()
                .map(|o| {
                    vec![
                        o.registry_number.clone().unwrap_or_default(),
                        o.object_name.clone().unwrap_or_default(),
                        o.measure.clone(),
                        o.deadline.to_string(),
                        o.days_overdue.to_string(),
                    ]
                })
                .collect(),
        },
    ];
    let k = &r.tasks;
    sections.push(ReportSection {
        title: t("report-sheet-tasks"),
        columns: cols(&["planned", "done", "late", "warnings"]),
        rows: vec![vec![
            k.planned.to_string(),
            k.done.to_string(),
            k.late.to_string(),
            k.warnings_confirmed.to_string(),
        ]],
    });
    sections.push(ReportSection {
        title: t("report-sheet-inspectors"),
        columns: cols(&["inspector", "surveys", "acts", "field-days"]),
        rows: r
            .inspectors
            .iter()
            .map(|w| {
                vec![
                    w.name.clone(),
                    w.surveys.to_string(),
                    w.acts.to_string(),
                    w.field_days.to_string(),
                ]
            })
            .collect(),
    });
    ReportDocument {
        lang: lang.code().to_string(),
        organization: r.organization.name.clone(),
        title: t("report-title"),
        lines,
        sections,
        made_at: chrono::Utc::now(),
    }
}
