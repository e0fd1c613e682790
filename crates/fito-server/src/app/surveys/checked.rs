//! A survey checked against the world around it: where it was made (a registered
//! object the actor sees, or a point in Kazakhstan), the task it serves, the crop
//! and organisms of the reference lists. What is left to check is fito-core's
//! (`NewSurvey`).

use super::input::{PointInput, SampleInput, SurveyInput};
use crate::app::notify::{self, Target};
use crate::app::{Actor, App, AppError, SameRecord, Unit};

use chrono::Utc;
use fito_core::survey::{NewSurvey, Surroundings};
use fito_core::{Action, EppoCode, Invalid};
use fito_geo::ValidationOptions;
use fito_geo::formats::geojson::{geometry_from_json, geometry_to_json};
use fito_store::fieldwork::{self, Finding, Survey};
use fito_store::reference::{self, Organism};
use fito_store::time::from_datetime;
use fito_store::{Conn, objects};
use serde_json::json;
use uuid::Uuid;

const IN_KAZAKHSTAN: ValidationOptions = ValidationOptions {
    close_open_rings: false,
    kazakhstan_axes_check: true,
};

/// A survey ready to be written by `inspector_id`.
pub struct CheckedSurvey {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub inspector_id: Uuid,
    pub task_id: Option<Uuid>,
    pub object_id: Option<Uuid>,
    /// The ad-hoc place, GeoJSON Point text.
    pub place: Option<String>,
    pub crop: Option<String>,
    pub survey: NewSurvey,
    /// The points as stored and answered.
    points: Vec<PointInput>,
}

/// Checks `input` as the survey `id` of `actor`.
pub async fn check(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: &SurveyInput,
) -> Result<CheckedSurvey, AppError> {
    let (organization_id, object_id, place) = surveyed_where(app, actor, input).await?;
    if let Some(task) = input.task_id {
        task_of(app, actor, task).await?;
    }
    let crop = known_crop(app, input.crop.as_deref()).await?;
    let organisms = reference::organisms(app.store.reader()).await?;
    let survey = NewSurvey::parse(&input.draft(), Utc::now(), &Reference(&organisms))?;
    let points = survey.points.iter().map(PointInput::from).collect();
    Ok(CheckedSurvey {
        id,
        organization_id,
        inspector_id: actor.id(),
        task_id: input.task_id,
        object_id,
        place,
        crop,
        survey,
        points,
    })
}

/// The organisation, object and place of a survey: a registered object the actor
/// sees, or a point in Kazakhstan (then the actor's organisation).
async fn surveyed_where(
    app: &App,
    actor: &Actor,
    input: &SurveyInput,
) -> Result<(Uuid, Option<Uuid>, Option<String>), AppError> {
    match (&input.object_id, &input.place) {
        (Some(id), None) => {
            let o = crate::app::objects::in_scope(app, actor, *id, Action::ObjectRead).await?;
            Ok((o.organization_id, Some(o.id), None))
        }
        (None, Some(place)) => {
            let g = fito_geo::validate(geometry_from_json(place.clone())?, &IN_KAZAKHSTAN)?;
            if g.geometry.as_point().is_none() {
                return Err(AppError::unprocessable("survey-place-not-point"));
            }
            let org = actor.user.organization_id.ok_or_else(AppError::forbidden)?;
            Ok((org, None, Some(geometry_to_json(&g.geometry).to_string())))
        }
        _ => Err(AppError::unprocessable("survey-object-or-place")),
    }
}

/// A survey serves a task only of the actor's: one assigned to them, in the part of
/// the tree they see. Any other, or none by that id, is refused alike (R-SURV-2).
async fn task_of(app: &App, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    let mine = match fieldwork::task(app.store.reader(), id).await? {
        Some(t) if t.assignee_id == actor.id() => {
            actor.sees(app.org_path(t.organization_id).await?.as_deref())
        }
        _ => false,
    };
    if mine {
        Ok(())
    } else {
        Err(AppError::unprocessable("survey-task-invalid"))
    }
}

/// An active crop of the reference list, when one is named.
async fn known_crop(app: &App, crop: Option<&str>) -> Result<Option<String>, AppError> {
    let Some(code) = crop.map(str::trim).filter(|c| !c.is_empty()) else {
        return Ok(None);
    };
    let crops = reference::crops(app.store.reader()).await?;
    if !crops.iter().any(|c| c.code == code && c.active) {
        return Err(AppError::unprocessable("object-crop-unknown"));
    }
    Ok(Some(code.to_string()))
}

/// The reference list of organisms, and the map, as a survey's surroundings.
struct Reference<'a>(&'a [Organism]);

impl Surroundings for Reference<'_> {
    fn listing(&self, organism: &EppoCode) -> Option<&str> {
        self.0
            .iter()
            .find(|o| o.eppo_code == organism.as_str() && o.active)
            .map(|o| o.category.as_str())
    }

    fn locate(&self, lat: f64, lon: f64) -> Result<(), Invalid> {
        let point = json!({ "type": "Point", "coordinates": [lon, lat] });
        geometry_from_json(point)
            .and_then(|g| fito_geo::validate(g, &IN_KAZAKHSTAN))
            .map(|_| ())
            .map_err(|e| Invalid {
                code: e.code(),
                args: e.fluent_args(),
            })
    }
}

impl CheckedSurvey {
    /// `base` with this survey's content, changed at `now`.
    pub(super) fn written(&self, base: Survey, now: i64) -> Result<Survey, AppError> {
        Ok(Survey {
            task_id: self.task_id,
            object_id: self.object_id,
            place: self.place.clone(),
            surveyed_at: from_datetime(self.survey.surveyed_at),
            crop_code: self.crop.clone(),
            growth_phase: self.survey.growth_phase.clone(),
            notes: self.survey.notes.clone(),
            points: serde_json::to_string(&self.points).map_err(|_| AppError::internal())?,
            updated_at: now,
            ..base
        })
    }

    /// A new survey (version 1) made at `now`.
    pub(super) fn new_row(&self, now: i64) -> Result<Survey, AppError> {
        let base = Survey {
            rid: 0,
            id: self.id,
            organization_id: self.organization_id,
            inspector_id: self.inspector_id,
            task_id: None,
            object_id: None,
            place: None,
            surveyed_at: 0,
            crop_code: None,
            growth_phase: None,
            notes: None,
            points: String::new(),
            version: 1,
            created_at: now,
            updated_at: now,
        };
        self.written(base, now)
    }

    /// The finding rows, for search and export.
    pub(super) fn finding_rows(&self) -> Vec<Finding> {
        let surveyed_at = from_datetime(self.survey.surveyed_at);
        self.survey
            .findings()
            .enumerate()
            .map(|(i, (point, p, f))| Finding {
                survey_id: self.id,
                seq: i as i32 + 1,
                organization_id: self.organization_id,
                object_id: self.object_id,
                point_seq: point as i32,
                lat: p.lat,
                lon: p.lon,
                surveyed_at,
                eppo_code: f.organism.as_str().to_string(),
                category: f.category.as_str().to_string(),
                development_stage: f.development_stage.clone(),
                intensity_kind: f.intensity.map(|i| i.kind.as_str().to_string()),
                intensity_value: f.intensity.map(|i| i.value),
                area_surveyed_ha: f.areas.surveyed_ha,
                area_infested_ha: f.areas.infested_ha,
                area_above_threshold_ha: f.areas.above_threshold_ha,
                samples: samples_json(f),
                notes: f.notes.clone(),
            })
            .collect()
    }

    /// After a quarantine finding the object carries the flag (as a new version of
    /// it) and the Heads who see it are told, in the survey's unit of work.
    pub(super) async fn flag_quarantine(
        &self,
        app: &App,
        actor: &Actor,
        unit: &mut Unit<'_>,
        now: i64,
    ) -> Result<(), AppError> {
        let quarantine = self.survey.quarantine();
        if quarantine.is_empty() {
            return Ok(());
        }
        if let Some(id) = self.object_id {
            flag_object(unit.tx(), actor, id, now).await?;
        }
        let path = app
            .org_path(self.organization_id)
            .await?
            .unwrap_or_default();
        let heads = notify::heads_over(app, &path).await?;
        let target = Target {
            kind: "survey",
            id: self.id,
        };
        unit.notify(
            &heads,
            "quarantine-found",
            &[("organisms", quarantine.join(", "))],
            target,
        )
        .await
    }
}

/// The samples of a finding as stored with it, in the wire form.
fn samples_json(f: &fito_core::survey::Finding) -> String {
    let samples: Vec<SampleInput> = f.samples.iter().map(SampleInput::from).collect();
    serde_json::to_string(&samples).unwrap_or_else(|_| "[]".into())
}

async fn flag_object<C: Conn>(txn: &C, actor: &Actor, id: Uuid, now: i64) -> Result<(), AppError> {
    let Some(mut o) = objects::get(txn, id).await? else {
        return Ok(());
    };
    let expected = o.version;
    o.quarantine_found_at = Some(now);
    o.updated_at = now;
    o.updated_by = Some(actor.id());
    let mut snapshot = o.clone();
    snapshot.version = expected + 1;
    let snapshot = crate::app::objects::snapshot(&snapshot);
    objects::update(txn, o, expected, "quarantine-found", snapshot).await?;
    Ok(())
}

/// One equality for "the same survey sent again": what it says, and who says it.
impl SameRecord<CheckedSurvey> for Survey {
    fn same_record(&self, sent: &CheckedSurvey) -> bool {
        let stored: Option<Vec<PointInput>> = serde_json::from_str(&self.points).ok();
        self.inspector_id == sent.inspector_id
            && self.task_id == sent.task_id
            && self.object_id == sent.object_id
            && self.place == sent.place
            && self.surveyed_at == from_datetime(sent.survey.surveyed_at)
            && self.crop_code == sent.crop
            && self.growth_phase == sent.survey.growth_phase
            && self.notes == sent.survey.notes
            && stored.as_ref() == Some(&sent.points)
    }
}
