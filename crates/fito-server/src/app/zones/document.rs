//! Zone documents (issue 14): the proposal and the decision annex as PDF, made by
//! fito-acts' typst machinery in Kazakh or Russian: the boundary as a vector
//! outline, the objects inside (of the reader's subtree) numbered on the map and in
//! the table, and the regime.

use super::{boundary, box_of, in_scope, objects_meeting};
use crate::app::{Actor, App, AppError, EntryExt, Kind};
use crate::i18n::Lang;
use fito_acts::{Marker, ReportSection, ZoneDocument};
use fito_core::Action;
use fito_geo::formats::geojson::geometry_to_json;
use fito_store::time::to_datetime;
use fito_store::zones::Zone;
use fito_store::{orgs, reference, samples};
use serde_json::{Value, json};
use uuid::Uuid;

/// Which document: the proposal, or the annex to the establishing decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    Proposal,
    Decision,
}

impl DocumentKind {
    pub fn parse(text: &str) -> Result<DocumentKind, AppError> {
        match text {
            "proposal" => Ok(DocumentKind::Proposal),
            "decision" => Ok(DocumentKind::Decision),
            _ => Err(AppError::bad_request("zone-document-unknown").with("kind", text)),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            DocumentKind::Proposal => "proposal",
            DocumentKind::Decision => "decision",
        }
    }
}

/// The document's language: kk or ru (the reader's, when it is one of them).
fn language(actor: &Actor, asked: Option<&str>) -> Result<Lang, AppError> {
    match asked {
        None if actor.meta.lang == Lang::Ru => Ok(Lang::Ru),
        None | Some("kk") => Ok(Lang::Kk),
        Some("ru") => Ok(Lang::Ru),
        Some(other) => Err(AppError::bad_request("zone-document-lang-unknown").with("lang", other)),
    }
}

/// The zone's document as PDF bytes; the read is journalled.
pub async fn document(
    app: &App,
    actor: &Actor,
    id: Uuid,
    kind: DocumentKind,
    lang: Option<&str>,
) -> Result<Vec<u8>, AppError> {
    let z = in_scope(app, actor, id, Action::ZoneRead).await?;
    let lang = language(actor, lang)?;
    if kind == DocumentKind::Decision && z.decision_number.is_none() {
        return Err(
            AppError::conflict("zone-document-no-decision").with("status", z.status.clone())
        );
    }
    let doc = build(app, actor, &z, kind, lang).await?;
    let renderer = app.acts().await?;
    let pdf = tokio::task::spawn_blocking(move || renderer.render_zone(&doc))
        .await
        .map_err(|_| AppError::internal())?
        .map_err(|e| {
            tracing::error!(error = %e, "zone document rendering failed");
            AppError::new(Kind::Unavailable, "act-render-failed")
        })?;
    actor
        .record(
            actor
                .entry("zone.document", Some("zone"), Some(id.to_string()))
                .details(json!({ "kind": kind.name(), "lang": lang.code() })),
        )
        .await?;
    Ok(pdf)
}

/// The boundary's rings as `[lon, lat]` lists, polygon by polygon.
fn rings(z: &Zone) -> Result<Vec<Vec<Vec<[f64; 2]>>>, AppError> {
    let g = geometry_to_json(&boundary(z)?);
    let polygons = match g["type"].as_str() {
        Some("Polygon") => vec![g["coordinates"].clone()],
        _ => g["coordinates"].as_array().cloned().unwrap_or_default(),
    };
    let point = |p: &Value| [p[0].as_f64().unwrap_or(0.0), p[1].as_f64().unwrap_or(0.0)];
    Ok(polygons
        .iter()
        .map(|poly| {
            let rings = poly.as_array().cloned().unwrap_or_default();
            rings
                .iter()
                .map(|r| r.as_array().into_iter().flatten().map(point).collect())
                .collect()
        })
        .collect())
}

async fn build(
    app: &App,
    actor: &Actor,
    z: &Zone,
    kind: DocumentKind,
    lang: Lang,
) -> Result<ZoneDocument, AppError> {
    let t = |id: &str| app.i18n.message(lang, id, &[]);
    let db = app.store.reader();
    let organization = orgs::get(db, z.organization_id)
        .await?
        .map(|o| match lang {
            Lang::Kk => o.name_kk,
            _ => o.name_ru,
        })
        .unwrap_or_default();
    let codes: Vec<String> = serde_json::from_str(&z.organisms).unwrap_or_default();
    let mut organisms = Vec::new();
    for code in &codes {
        let name = samples::organism(db, code).await?.map(|o| match lang {
            Lang::Kk => o.name_kk.unwrap_or(o.name_ru),
            _ => o.name_ru,
        });
        organisms.push(match name {
            Some(n) => format!("{n} ({code})"),
            None => code.clone(),
        });
    }
    let date = |us: i64| to_datetime(us).format("%Y-%m-%d").to_string();
    let mut lines = vec![
        (
            t("zone-doc-status"),
            t(&format!("zone-status-{}", z.status)),
        ),
        (t("zone-doc-organisms"), organisms.join("; ")),
        (t("zone-doc-area"), format!("{:.2}", z.area_ha)),
    ];
    if let Some(r) = z.radius_km {
        lines.push((t("zone-doc-radius"), format!("{r}")));
    }
    lines.push((t("zone-doc-proposed"), date(z.created_at)));
    if kind == DocumentKind::Decision {
        let mut put = |id: &str, v: &Option<String>| {
            lines.push((t(id), v.clone().unwrap_or_default()));
        };
        put("zone-doc-decision-number", &z.decision_number);
        put("zone-doc-decision-date", &z.decision_date);
        put("zone-doc-decision-authority", &z.decision_authority);
    }
    let inside = match actor.org_path.as_deref() {
        Some(path) => objects_meeting(app, path, &boundary(z)?, box_of(z)).await?,
        None => Vec::new(),
    };
    let types = reference::object_types(db).await?;
    let type_name = |code: &str| {
        types
            .iter()
            .find(|t| t.code == code)
            .map(|t| match lang {
                Lang::Kk => t.name_kk.clone(),
                _ => t.name_ru.clone(),
            })
            .unwrap_or_else(|| code.to_string())
    };
    let rows = inside
        .iter()
        .enumerate()
        .map(|(i, o)| {
            vec![
                (i + 1).to_string(),
                o.name.clone(),
                type_name(&o.type_code),
                o.kato.clone().unwrap_or_default(),
                format!("{:.2}", o.area_ha),
                o.owner_name.clone().unwrap_or_default(),
            ]
        })
        .collect();
    let markers = inside
        .iter()
        .enumerate()
        .map(|(i, o)| Marker {
            lon: (o.min_lon + o.max_lon) / 2.0,
            lat: (o.min_lat + o.max_lat) / 2.0,
            label: (i + 1).to_string(),
        })
        .collect();
    let columns = ["number", "name", "type", "kato", "area", "owner"]
        .iter()
        .map(|c| t(&format!("zone-doc-col-{c}")))
        .collect();
    Ok(ZoneDocument {
        lang: lang.code().into(),
        organization,
        title: t(&format!("zone-doc-title-{}", kind.name())),
        name: z.name.clone(),
        lines,
        outline_title: t("zone-doc-outline"),
        boundary: rings(z)?,
        markers,
        objects: ReportSection {
            title: t("zone-doc-objects"),
            columns,
            rows,
        },
        regime_title: t("zone-doc-regime"),
        regime: match lang {
            Lang::Kk => z.regime_kk.clone(),
            _ => z.regime_ru.clone(),
        },
        made_at: chrono::Utc::now(),
    })
}
