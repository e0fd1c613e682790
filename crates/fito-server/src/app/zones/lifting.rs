//! The basis for lifting a zone (issue 14): surveys of the zone's objects since it
//! was established, with no finding of its organisms inside it. The evidence is
//! listed, and what is missing named, before a Head confirms; a lifting without it
//! is refused.

use super::{FindingRef, boundary, box_of, in_scope, objects_meeting};
use crate::app::{Actor, App, AppError, EntryExt};
use chrono::{DateTime, Utc};
use fito_core::{Action, ZoneStatus};
use fito_geo::Wgs84Point;
use fito_store::time::{now_us, to_datetime};
use fito_store::zones::{self, Zone};
use serde::Serialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

/// One object inside the zone and its surveys in the period.
#[derive(Serialize, ToSchema)]
pub struct SurveyedObject {
    pub object_id: Uuid,
    pub name: String,
    pub organization_id: Uuid,
    /// The surveys of the object in the period, oldest first; none is a gap.
    pub surveys: Vec<Uuid>,
}

/// A finding of one of the zone's organisms inside it during the period.
#[derive(Serialize, ToSchema)]
pub struct FoundAgain {
    #[serde(flatten)]
    pub finding: FindingRef,
    pub organism: String,
    pub surveyed_at: DateTime<Utc>,
    pub object_id: Option<Uuid>,
}

#[derive(Serialize, ToSchema)]
pub struct LiftingBasis {
    pub zone_id: Uuid,
    pub organisms: Vec<String>,
    /// From the establishment to now.
    pub period_from: Option<DateTime<Utc>>,
    pub period_to: DateTime<Utc>,
    /// The objects inside the zone and their surveys in the period.
    pub objects: Vec<SurveyedObject>,
    /// Findings of the zone's organisms inside it during the period.
    pub findings: Vec<FoundAgain>,
    /// What is missing, as message codes: zone-lift-not-established,
    /// zone-lift-no-objects, zone-lift-unsurveyed, zone-lift-organism-found.
    pub missing: Vec<String>,
    /// Objects inside the zone with no survey in the period.
    pub unsurveyed: Vec<Uuid>,
    /// Whether the evidence is enough to lift the zone.
    pub sufficient: bool,
}

/// The evidence for lifting `z` now.
pub(crate) async fn evidence(app: &App, z: &Zone) -> Result<LiftingBasis, AppError> {
    let now = now_us();
    let organisms: Vec<String> = serde_json::from_str(&z.organisms).unwrap_or_default();
    let mut basis = LiftingBasis {
        zone_id: z.id,
        organisms: organisms.clone(),
        period_from: z.established_at.map(to_datetime),
        period_to: to_datetime(now),
        objects: Vec::new(),
        findings: Vec::new(),
        missing: Vec::new(),
        unsurveyed: Vec::new(),
        sufficient: false,
    };
    let Some(from) = z
        .established_at
        .filter(|_| z.status == ZoneStatus::Established.as_str())
    else {
        basis.missing.push("zone-lift-not-established".into());
        return Ok(basis);
    };
    let shape = boundary(z)?;
    let inside = objects_meeting(app, "/", &shape, box_of(z)).await?;
    let ids: Vec<Uuid> = inside.iter().map(|o| o.id).collect();
    let surveys = zones::surveys_of(app.store.reader(), &ids, from, now + 1).await?;
    for o in inside {
        let of: Vec<Uuid> = surveys
            .iter()
            .filter(|s| s.object_id == Some(o.id))
            .map(|s| s.id)
            .collect();
        if of.is_empty() {
            basis.unsurveyed.push(o.id);
        }
        basis.objects.push(SurveyedObject {
            object_id: o.id,
            name: o.name,
            organization_id: o.organization_id,
            surveys: of,
        });
    }
    for f in zones::findings_in(app.store.reader(), &organisms, box_of(z), from, now + 1).await? {
        let at = Wgs84Point::parse(f.lon, f.lat)?;
        if shape.contains(at) || f.object_id.is_some_and(|id| ids.contains(&id)) {
            basis.findings.push(FoundAgain {
                finding: FindingRef {
                    survey_id: f.survey_id,
                    seq: f.seq,
                },
                organism: f.eppo_code,
                surveyed_at: to_datetime(f.surveyed_at),
                object_id: f.object_id,
            });
        }
    }
    if basis.objects.is_empty() {
        basis.missing.push("zone-lift-no-objects".into());
    }
    if !basis.unsurveyed.is_empty() {
        basis.missing.push("zone-lift-unsurveyed".into());
    }
    if !basis.findings.is_empty() {
        basis.missing.push("zone-lift-organism-found".into());
    }
    basis.sufficient = basis.missing.is_empty();
    Ok(basis)
}

/// The evidence for lifting the zone, for the Head who decides; journalled.
pub async fn lifting_basis(app: &App, actor: &Actor, id: Uuid) -> Result<LiftingBasis, AppError> {
    let z = in_scope(app, actor, id, Action::ZoneRead).await?;
    let basis = evidence(app, &z).await?;
    actor
        .record(
            actor
                .entry("zone.lifting_basis", Some("zone"), Some(id.to_string()))
                .details(json!({ "sufficient": basis.sufficient, "missing": basis.missing })),
        )
        .await?;
    Ok(basis)
}
