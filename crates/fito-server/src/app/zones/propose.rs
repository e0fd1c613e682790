//! Proposing a quarantine zone (issue 14): organisms by EPPO code, a boundary (a
//! buffer of R km around foci, drawn, or imported), the basis (findings and acts)
//! and the regime in Kazakh and Russian.

use super::tell;
use super::view::snapshot;
use crate::app::objects::{bbox_of, stored_geometry};
use crate::app::{Actor, App, AppError, EntryExt};
use fito_core::text::required;
use fito_core::{Action, EppoCode, ZoneStatus};
use fito_geo::formats::geojson::{geometry_from_json, geometry_to_json};
use fito_geo::{Geometry, ValidationOptions, Wgs84Point};
use fito_store::StoreError;
use fito_store::time::now_us;
use fito_store::zones::{self, Zone};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::ToSchema;
use uuid::Uuid;

/// One finding of a survey: the survey and the finding's number in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FindingRef {
    pub survey_id: Uuid,
    pub seq: i32,
}

/// Where the zone's boundary comes from.
#[derive(Deserialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BoundaryInput {
    /// R km around the foci: registered objects and/or the points of findings.
    Buffer {
        radius_km: f64,
        #[serde(default)]
        objects: Vec<Uuid>,
        #[serde(default)]
        findings: Vec<FindingRef>,
    },
    /// Drawn on the map: an RFC 7946 Polygon or MultiPolygon.
    Drawn {
        #[schema(value_type = Object)]
        geometry: Value,
    },
    /// Read from a file (GeoJSON/KML/Shapefile converted by the client): the
    /// geometry and the file's name.
    Imported {
        #[schema(value_type = Object)]
        geometry: Value,
        source: String,
    },
}

/// What the zone rests on: findings and acts.
#[derive(Deserialize, Serialize, ToSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct Basis {
    #[serde(default)]
    pub findings: Vec<FindingRef>,
    #[serde(default)]
    pub acts: Vec<Uuid>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposeInput {
    /// The client's id (UUIDv7); made by the server when absent.
    pub id: Option<Uuid>,
    /// The organisation the zone belongs to, in the caller's subtree.
    pub organization_id: Uuid,
    pub name: String,
    /// EPPO codes of the organisms the zone is against.
    pub organisms: Vec<String>,
    pub boundary: BoundaryInput,
    pub basis: Basis,
    /// The regime (measures) in Kazakh.
    pub regime_kk: String,
    /// The regime (measures) in Russian.
    pub regime_ru: String,
}

fn checked_polygon(geometry: Value) -> Result<Geometry, AppError> {
    let options = ValidationOptions {
        close_open_rings: true,
        kazakhstan_axes_check: true,
    };
    let g = fito_geo::validate(geometry_from_json(geometry)?, &options)?.geometry;
    if g.as_point().is_some() {
        return Err(AppError::unprocessable("zone-boundary-not-polygon"));
    }
    Ok(g)
}

/// The findings the actor sees, each checked to exist.
async fn seen_findings(
    app: &App,
    actor: &Actor,
    refs: &[FindingRef],
) -> Result<Vec<fito_store::fieldwork::Finding>, AppError> {
    let mut found = Vec::with_capacity(refs.len());
    for r in refs {
        let f = zones::finding(app.store.reader(), r.survey_id, r.seq).await?;
        let seen = match &f {
            Some(f) => actor.sees(app.org_path(f.organization_id).await?.as_deref()),
            None => false,
        };
        match f {
            Some(f) if seen => found.push(f),
            _ => {
                return Err(AppError::unprocessable("zone-finding-unknown")
                    .with("survey_id", r.survey_id)
                    .with("seq", r.seq));
            }
        }
    }
    Ok(found)
}

async fn checked_organisms(app: &App, codes: &[String]) -> Result<Vec<String>, AppError> {
    if codes.is_empty() {
        return Err(AppError::unprocessable("zone-organisms-empty"));
    }
    let mut out: Vec<String> = Vec::new();
    for c in codes {
        let code = EppoCode::parse(c)?;
        if fito_store::samples::organism(app.store.reader(), code.as_str())
            .await?
            .is_none()
        {
            return Err(
                AppError::unprocessable("zone-organism-unknown").with("code", code.as_str())
            );
        }
        if !out.iter().any(|o| o == code.as_str()) {
            out.push(code.as_str().to_string());
        }
    }
    Ok(out)
}

/// The boundary, its kind, radius and source.
async fn checked_boundary(
    app: &App,
    actor: &Actor,
    input: BoundaryInput,
) -> Result<(Geometry, &'static str, Option<f64>, Option<String>), AppError> {
    Ok(match input {
        BoundaryInput::Buffer {
            radius_km,
            objects,
            findings,
        } => {
            if !(radius_km > 0.0 && radius_km <= fito_geo::MAX_BUFFER_KM) {
                return Err(AppError::unprocessable("zone-radius-invalid")
                    .with("max", fito_geo::MAX_BUFFER_KM));
            }
            let mut foci = Vec::new();
            for id in objects {
                let o = crate::app::objects::in_scope(app, actor, id, Action::ObjectRead).await?;
                foci.push(stored_geometry(&o)?);
            }
            for f in seen_findings(app, actor, &findings).await? {
                foci.push(Geometry::point(Wgs84Point::parse(f.lon, f.lat)?));
            }
            if foci.is_empty() {
                return Err(AppError::unprocessable("zone-foci-empty"));
            }
            (
                fito_geo::buffer_all(&foci, radius_km)?,
                "buffer",
                Some(radius_km),
                None,
            )
        }
        BoundaryInput::Drawn { geometry } => (checked_polygon(geometry)?, "drawn", None, None),
        BoundaryInput::Imported { geometry, source } => (
            checked_polygon(geometry)?,
            "imported",
            None,
            Some(required("source", &source, 300)?),
        ),
    })
}

/// Proposes a zone; the Heads and inspectors of the organisations it touches hear.
pub async fn propose(app: &App, actor: &Actor, input: ProposeInput) -> Result<Zone, AppError> {
    actor.require(Action::ZonePropose)?;
    let org_path = app.org_path(input.organization_id).await?;
    if org_path.is_none() || !actor.sees(org_path.as_deref()) {
        return Err(AppError::unprocessable("organization-not-found"));
    }
    let name = required("name", &input.name, 300)?;
    let regime_kk = required("regime_kk", &input.regime_kk, 20_000)?;
    let regime_ru = required("regime_ru", &input.regime_ru, 20_000)?;
    let organisms = checked_organisms(app, &input.organisms).await?;
    if input.basis.findings.is_empty() && input.basis.acts.is_empty() {
        return Err(AppError::unprocessable("zone-basis-empty"));
    }
    seen_findings(app, actor, &input.basis.findings).await?;
    for act in &input.basis.acts {
        crate::app::acts::in_scope(app, actor, *act, Action::ActRead)
            .await
            .map_err(|_| AppError::unprocessable("zone-act-unknown").with("id", act))?;
    }
    let (shape, kind, radius_km, source) = checked_boundary(app, actor, input.boundary).await?;
    let now = now_us();
    let b = bbox_of(&shape);
    let zone = Zone {
        rid: 0,
        id: input.id.unwrap_or_else(fito_core::new_id),
        organization_id: input.organization_id,
        name,
        status: ZoneStatus::Proposed.as_str().into(),
        organisms: json!(organisms).to_string(),
        boundary_kind: kind.into(),
        radius_km,
        boundary_source: source,
        geometry: geometry_to_json(&shape).to_string(),
        area_ha: shape.area().value(),
        min_lon: b.min_lon,
        min_lat: b.min_lat,
        max_lon: b.max_lon,
        max_lat: b.max_lat,
        basis: json!(input.basis).to_string(),
        regime_kk,
        regime_ru,
        decision_number: None,
        decision_date: None,
        decision_authority: None,
        decision_document_id: None,
        established_at: None,
        closed_at: None,
        closing_note: None,
        closing_evidence: None,
        version: 1,
        created_at: now,
        updated_at: now,
        created_by: actor.id(),
        updated_by: actor.id(),
    };
    let mut unit = app.begin().await?;
    let saved = match zones::insert(unit.tx(), zone.clone(), snapshot(&zone)).await {
        Ok(z) => z,
        Err(StoreError::Conflict(_)) => return Err(AppError::conflict("zone-id-taken")),
        Err(e) => return Err(e.into()),
    };
    unit.journal(
        actor
            .entry("zone.propose", Some("zone"), Some(saved.id.to_string()))
            .details(json!({ "organisms": organisms, "boundary": kind, "area_ha": saved.area_ha })),
    );
    tell(app, &mut unit, &saved, "zone-proposed").await?;
    unit.commit().await?;
    Ok(saved)
}
