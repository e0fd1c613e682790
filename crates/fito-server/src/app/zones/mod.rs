//! Quarantine zones from proposal to lifting (issue 14): a zone names its
//! organisms, boundary, basis, decision and regime; it is proposed by an inspector,
//! established, lifted or withdrawn by a Head, each step versioned, journalled and
//! told to the Heads and inspectors of the organisations it touches. Objects inside
//! a zone are found as the register finds them: the index prefilters by box,
//! fito-geo decides exactly, so both engines answer alike.

pub mod document;
pub mod export;
pub mod lifting;
pub mod propose;
pub mod steps;
pub mod view;

pub use document::{DocumentKind, document};
pub use export::{ZoneFile, export};
pub use lifting::{LiftingBasis, lifting_basis};
pub use propose::{Basis, BoundaryInput, FindingRef, ProposeInput, propose};
pub use steps::{EstablishInput, StepInput, attach_decision, establish, lift, withdraw};
pub use view::{ZoneVersionView, ZoneView, feature};

use crate::app::notify::{self, Target};
use crate::app::objects::{parse_stored, stored_geometry};
use crate::app::{Actor, App, AppError, EntryExt, Unit};
use fito_core::{Action, ZoneStatus};
use fito_geo::Geometry;
use fito_store::objects::{self, BoxDeg, Object, STATUS_ACTIVE, Search};
use fito_store::zones::{self, Zone, ZoneFilter};
use serde_json::json;
use uuid::Uuid;

/// A zone the actor may act on with `action` (R-ORG-1: outside the subtree it does
/// not exist for them).
pub async fn in_scope(
    app: &App,
    actor: &Actor,
    id: Uuid,
    action: Action,
) -> Result<Zone, AppError> {
    actor.require(action)?;
    let z = zones::get(app.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("zone-not-found"))?;
    app.check_scope(actor, action, z.organization_id, "zone-not-found")
        .await?;
    Ok(z)
}

/// The zone's boundary, as stored (checked when written).
pub fn boundary(z: &Zone) -> Result<Geometry, AppError> {
    parse_stored(&z.geometry)
}

pub fn box_of(z: &Zone) -> BoxDeg {
    BoxDeg {
        min_lon: z.min_lon,
        min_lat: z.min_lat,
        max_lon: z.max_lon,
        max_lat: z.max_lat,
    }
}

/// Active objects of the subtree at `org_path` that meet the boundary.
pub async fn objects_meeting(
    app: &App,
    org_path: &str,
    shape: &Geometry,
    b: BoxDeg,
) -> Result<Vec<Object>, AppError> {
    let search = Search {
        org_path: org_path.to_string(),
        bbox: Some(b),
        status: Some(STATUS_ACTIVE.into()),
        limit: 1_000_000,
        ..Search::default()
    };
    let mut inside = Vec::new();
    for o in objects::search_unordered(app.store.reader(), app.store.engine(), &search).await? {
        if o.type_code == "quarantine_zone" {
            continue;
        }
        if shape.intersects(&stored_geometry(&o)?) {
            inside.push(o);
        }
    }
    inside.sort_by_key(|o| o.rid);
    Ok(inside)
}

/// Zones of the actor's subtree, of one status if asked, meeting a box if given.
pub async fn list(
    app: &App,
    actor: &Actor,
    status: Option<&str>,
    bbox: Option<&str>,
) -> Result<Vec<Zone>, AppError> {
    actor.require(Action::ZoneRead)?;
    let Some(org_path) = actor.org_path.clone() else {
        return Ok(Vec::new());
    };
    let status = status.map(ZoneStatus::parse).transpose()?;
    let filter = ZoneFilter {
        org_path,
        status: status.map(|s| s.as_str().to_string()),
        bbox: bbox
            .map(crate::app::objects::geometry::parse_bbox)
            .transpose()?,
        limit: 10_000,
    };
    let found = zones::list(app.store.reader(), &filter).await?;
    actor
        .record(
            actor
                .entry("zone.list", Some("zone"), None)
                .details(json!({ "returned": found.len() })),
        )
        .await?;
    Ok(found)
}

/// One zone; the read is journalled.
pub async fn get(app: &App, actor: &Actor, id: Uuid) -> Result<Zone, AppError> {
    let z = in_scope(app, actor, id, Action::ZoneRead).await?;
    actor
        .record(actor.entry("zone.read", Some("zone"), Some(id.to_string())))
        .await?;
    Ok(z)
}

/// Every version of a zone, oldest first: a lifted zone keeps its whole history.
pub async fn history(
    app: &App,
    actor: &Actor,
    id: Uuid,
) -> Result<Vec<zones::ZoneVersion>, AppError> {
    in_scope(app, actor, id, Action::ZoneRead).await?;
    let versions = zones::history(app.store.reader(), id).await?;
    actor
        .record(actor.entry("zone.history", Some("zone"), Some(id.to_string())))
        .await?;
    Ok(versions)
}

/// The objects of the actor's subtree inside the zone.
pub async fn objects_inside(app: &App, actor: &Actor, id: Uuid) -> Result<Vec<Object>, AppError> {
    let z = in_scope(app, actor, id, Action::ZoneRead).await?;
    let Some(org_path) = actor.org_path.clone() else {
        return Ok(Vec::new());
    };
    actor.require(Action::ObjectRead)?;
    let inside = objects_meeting(app, &org_path, &boundary(&z)?, box_of(&z)).await?;
    actor
        .record(
            actor
                .entry("zone.objects", Some("zone"), Some(id.to_string()))
                .details(json!({ "returned": inside.len() })),
        )
        .await?;
    Ok(inside)
}

/// The zones of the subtree at `org_path` that meet any of `shapes`, any status.
async fn meeting(app: &App, org_path: String, shapes: &[Geometry]) -> Result<Vec<Zone>, AppError> {
    let Some(b) = shapes.iter().map(Geometry::bbox).reduce(|a, b| {
        fito_geo::Bbox::parse(
            a.min_lon().min(b.min_lon()),
            a.min_lat().min(b.min_lat()),
            a.max_lon().max(b.max_lon()),
            a.max_lat().max(b.max_lat()),
        )
        .unwrap_or(a)
    }) else {
        return Ok(Vec::new());
    };
    let filter = ZoneFilter {
        org_path,
        bbox: Some(BoxDeg {
            min_lon: b.min_lon(),
            min_lat: b.min_lat(),
            max_lon: b.max_lon(),
            max_lat: b.max_lat(),
        }),
        limit: 10_000,
        ..ZoneFilter::default()
    };
    let mut found = Vec::new();
    for z in zones::list(app.store.reader(), &filter).await? {
        let shape = boundary(&z)?;
        if shapes.iter().any(|g| shape.intersects(g)) {
            found.push(z);
        }
    }
    Ok(found)
}

/// The zones of the actor's subtree an object lies in (or meets), any status.
pub async fn of_object(app: &App, actor: &Actor, object_id: Uuid) -> Result<Vec<Zone>, AppError> {
    let o = crate::app::objects::in_scope(app, actor, object_id, Action::ObjectRead).await?;
    actor.require(Action::ZoneRead)?;
    let Some(org_path) = actor.org_path.clone() else {
        return Ok(Vec::new());
    };
    let found = meeting(app, org_path, &[stored_geometry(&o)?]).await?;
    actor
        .record(
            actor
                .entry(
                    "zone.of_object",
                    Some("object"),
                    Some(object_id.to_string()),
                )
                .details(json!({ "returned": found.len() })),
        )
        .await?;
    Ok(found)
}

/// The zones of the actor's subtree a survey was made in: those meeting one of its
/// points, or its object. Any status.
pub async fn of_survey(app: &App, actor: &Actor, survey_id: Uuid) -> Result<Vec<Zone>, AppError> {
    let s = crate::app::surveys::in_scope(app, actor, survey_id, Action::SurveyRead).await?;
    actor.require(Action::ZoneRead)?;
    let Some(org_path) = actor.org_path.clone() else {
        return Ok(Vec::new());
    };
    let points: Vec<serde_json::Value> = serde_json::from_str(&s.points).unwrap_or_default();
    let mut shapes: Vec<Geometry> = points
        .iter()
        .filter_map(|p| fito_geo::Wgs84Point::parse(p["lon"].as_f64()?, p["lat"].as_f64()?).ok())
        .map(Geometry::point)
        .collect();
    if let Some(id) = s.object_id
        && let Some(o) = objects::get(app.store.reader(), id).await?
    {
        shapes.push(stored_geometry(&o)?);
    }
    let found = meeting(app, org_path, &shapes).await?;
    actor
        .record(
            actor
                .entry(
                    "zone.of_survey",
                    Some("survey"),
                    Some(survey_id.to_string()),
                )
                .details(json!({ "returned": found.len() })),
        )
        .await?;
    Ok(found)
}

/// Tells the Heads (of the organisations the zone touches and above them) and the
/// inspectors of those organisations of a zone's step, in the unit's transaction.
pub(crate) async fn tell(
    app: &App,
    unit: &mut Unit<'_>,
    z: &Zone,
    kind: &str,
) -> Result<(), AppError> {
    let shape = boundary(z)?;
    let mut touched = vec![z.organization_id];
    for o in objects_meeting(app, "/", &shape, box_of(z)).await? {
        if !touched.contains(&o.organization_id) {
            touched.push(o.organization_id);
        }
    }
    let mut users = Vec::new();
    for org in &touched {
        if let Some(path) = app.org_path(*org).await? {
            users.extend(notify::heads_over(app, &path).await?);
        }
    }
    users.extend(zones::inspectors_of(unit.tx(), &touched).await?);
    let organisms: Vec<String> = serde_json::from_str(&z.organisms).unwrap_or_default();
    unit.notify(
        &users,
        kind,
        &[
            ("name", z.name.clone()),
            ("organisms", organisms.join(", ")),
        ],
        Target {
            kind: "zone",
            id: z.id,
        },
    )
    .await
}
