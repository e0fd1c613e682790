//! Field surveys (R-SURV-1): an inspector's visit to an object or an ad-hoc place,
//! with GPS points and per-point findings. A survey is written whole (the app keeps
//! it offline and sends it when it can), under the client's UUIDv7; sending the same
//! survey again changes nothing. A quarantine finding flags the object and tells the
//! Heads.

use super::objects::feature;
use super::views::optional_text;
use crate::app::Actor;
use crate::app::AppError;
use crate::app::EntryExt;
use crate::app::notify;
use crate::app::surveys::PointInput;
use crate::http::extract::{ApiJson, ApiQuery};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use fito_core::{Action, EppoCode};
use fito_store::fieldwork::{self, Finding, Page, Survey, SurveyFilter};
use fito_store::objects;
use fito_store::reference;
use fito_store::time::{from_datetime, now_us, to_datetime};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub const CATEGORIES: [&str; 3] = ["quarantine", "especially_dangerous", "ordinary"];
pub const INTENSITY_KINDS: [&str; 5] = [
    "per_square_metre",
    "per_plant",
    "per_trap",
    "prevalence_percent",
    "cover_percent",
];

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SurveyInput {
    /// The client's UUIDv7 (made offline); the server makes one if absent.
    pub id: Option<Uuid>,
    /// For an update: the version it was made on.
    pub version: Option<i64>,
    pub task_id: Option<Uuid>,
    /// The registered object surveyed; or give `place`.
    pub object_id: Option<Uuid>,
    /// An ad-hoc place (no registered object): RFC 7946 Point.
    #[schema(value_type = Option<Object>)]
    pub place: Option<Value>,
    pub surveyed_at: DateTime<Utc>,
    /// A code from /api/v1/reference/crops.
    pub crop: Option<String>,
    pub growth_phase: Option<String>,
    pub notes: Option<String>,
    #[serde(default)]
    pub points: Vec<PointInput>,
}

#[derive(Serialize, ToSchema)]
pub struct SurveyView {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub inspector_id: Uuid,
    pub task_id: Option<Uuid>,
    pub object_id: Option<Uuid>,
    #[schema(value_type = Option<Object>)]
    pub place: Option<Value>,
    pub surveyed_at: DateTime<Utc>,
    pub crop: Option<String>,
    pub growth_phase: Option<String>,
    pub notes: Option<String>,
    pub points: Vec<PointInput>,
    /// Some finding is of a quarantine organism.
    pub quarantine_found: bool,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub(crate) fn view(s: &Survey) -> SurveyView {
    let points: Vec<PointInput> = serde_json::from_str(&s.points).unwrap_or_default();
    let quarantine_found = points
        .iter()
        .flat_map(|p| &p.findings)
        .any(|f| f.category.as_deref() == Some("quarantine"));
    SurveyView {
        id: s.id,
        organization_id: s.organization_id,
        inspector_id: s.inspector_id,
        task_id: s.task_id,
        object_id: s.object_id,
        place: s
            .place
            .as_deref()
            .and_then(|p| serde_json::from_str(p).ok()),
        surveyed_at: to_datetime(s.surveyed_at),
        crop: s.crop_code.clone(),
        growth_phase: s.growth_phase.clone(),
        notes: s.notes.clone(),
        points,
        quarantine_found,
        version: s.version,
        created_at: to_datetime(s.created_at),
        updated_at: to_datetime(s.updated_at),
    }
}

fn non_negative(field: &'static str, v: Option<f64>) -> Result<Option<f64>, AppError> {
    match v {
        Some(x) if !x.is_finite() || x < 0.0 => {
            Err(AppError::unprocessable("field-not-non-negative").with("field", field))
        }
        other => Ok(other),
    }
}

/// The checked survey: points with normalised findings (category filled in) and
/// the finding rows for search and export.
struct Checked {
    organization_id: Uuid,
    object_id: Option<Uuid>,
    place: Option<String>,
    crop: Option<String>,
    points: Vec<PointInput>,
    findings: Vec<Finding>,
    quarantine: Vec<String>,
}

async fn check(
    state: &AppState,
    me: &Actor,
    id: Uuid,
    input: &SurveyInput,
) -> Result<Checked, AppError> {
    let now = Utc::now();
    if input.surveyed_at > now + chrono::Duration::minutes(10) {
        return Err(AppError::unprocessable("survey-in-future"));
    }
    let (organization_id, object_id, place) = match (&input.object_id, &input.place) {
        (Some(oid), None) => {
            let o = crate::app::objects::in_scope(state, me, *oid, Action::ObjectRead).await?;
            (o.organization_id, Some(o.id), None)
        }
        (None, Some(p)) => {
            let options = fito_geo::ValidationOptions {
                close_open_rings: false,
                kazakhstan_axes_check: true,
            };
            let g = fito_geo::validate(
                fito_geo::formats::geojson::geometry_from_json(p.clone())?,
                &options,
            )?
            .geometry;
            if g.as_point().is_none() {
                return Err(AppError::unprocessable("survey-place-not-point"));
            }
            let org = me.user.organization_id.ok_or_else(AppError::forbidden)?;
            let json = fito_geo::formats::geojson::geometry_to_json(&g).to_string();
            (org, None, Some(json))
        }
        _ => return Err(AppError::unprocessable("survey-object-or-place")),
    };
    if let Some(task_id) = input.task_id {
        let task = fieldwork::task(state.store.reader(), task_id)
            .await?
            .filter(|t| t.assignee_id == me.user.id)
            .ok_or_else(|| AppError::unprocessable("survey-task-invalid"))?;
        let _ = task;
    }
    let crop = match input
        .crop
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(c) => {
            let crops = reference::crops(state.store.reader()).await?;
            if !crops.iter().any(|x| x.code == c && x.active) {
                return Err(AppError::unprocessable("object-crop-unknown"));
            }
            Some(c.to_string())
        }
        None => None,
    };
    if input.points.len() > 1000 {
        return Err(AppError::unprocessable("survey-too-many-points"));
    }
    let organisms = reference::organisms(state.store.reader()).await?;
    let kazakhstan = fito_geo::ValidationOptions {
        close_open_rings: false,
        kazakhstan_axes_check: true,
    };
    let surveyed_at = from_datetime(input.surveyed_at);
    let mut points = input.points.clone();
    let mut findings = Vec::new();
    let mut quarantine = Vec::new();
    for (pi, point) in points.iter_mut().enumerate() {
        let g = json!({ "type": "Point", "coordinates": [point.lon, point.lat] });
        fito_geo::validate(
            fito_geo::formats::geojson::geometry_from_json(g)?,
            &kazakhstan,
        )
        .map_err(|e| AppError::from(e).with("point", pi + 1))?;
        non_negative("accuracy_m", point.accuracy_m)?;
        if point.fixed_at > now + chrono::Duration::minutes(10) {
            return Err(AppError::unprocessable("survey-in-future"));
        }
        for f in point.findings.iter_mut() {
            let code = EppoCode::parse(&f.organism)?;
            let organism = organisms
                .iter()
                .find(|o| o.eppo_code == code.as_str() && o.active)
                .ok_or_else(|| {
                    AppError::unprocessable("finding-organism-unknown").with("code", code.as_str())
                })?;
            f.organism = organism.eppo_code.clone();
            let category = match f.category.as_deref() {
                Some(c) if CATEGORIES.contains(&c) => c.to_string(),
                Some(_) => return Err(AppError::unprocessable("finding-category-unknown")),
                // EAEU list: A1 (absent) and A2 (limited spread) are quarantine organisms.
                None if matches!(organism.category.as_str(), "absent" | "limited") => {
                    "quarantine".into()
                }
                None => "ordinary".into(),
            };
            f.category = Some(category.clone());
            if let Some(i) = &f.intensity {
                if !INTENSITY_KINDS.contains(&i.kind.as_str()) {
                    return Err(AppError::unprocessable("finding-intensity-kind-unknown"));
                }
                let percent = i.kind.ends_with("_percent");
                if !i.value.is_finite() || i.value < 0.0 || (percent && i.value > 100.0) {
                    return Err(AppError::unprocessable("finding-intensity-out-of-range"));
                }
            }
            let surveyed = non_negative("area_surveyed_ha", f.area_surveyed_ha)?;
            let infested = non_negative("area_infested_ha", f.area_infested_ha)?;
            let above = non_negative("area_above_threshold_ha", f.area_above_threshold_ha)?;
            if matches!((surveyed, infested), (Some(s), Some(i)) if i > s)
                || matches!((infested, above), (Some(i), Some(a)) if a > i)
            {
                return Err(AppError::unprocessable("finding-areas-inconsistent"));
            }
            f.development_stage =
                optional_text("development_stage", f.development_stage.as_deref(), 200)?;
            f.notes = optional_text("notes", f.notes.as_deref(), 4000)?;
            for s in &f.samples {
                super::views::required_text("sample_number", &s.sample_number, 100)?;
                super::views::required_text("lab_referral_number", &s.lab_referral_number, 100)?;
            }
            if category == "quarantine" {
                quarantine.push(f.organism.clone());
            }
            findings.push(Finding {
                survey_id: id,
                seq: findings.len() as i32 + 1,
                organization_id,
                object_id,
                point_seq: pi as i32 + 1,
                lat: point.lat,
                lon: point.lon,
                surveyed_at,
                eppo_code: f.organism.clone(),
                category,
                development_stage: f.development_stage.clone(),
                intensity_kind: f.intensity.as_ref().map(|i| i.kind.clone()),
                intensity_value: f.intensity.as_ref().map(|i| i.value),
                area_surveyed_ha: surveyed,
                area_infested_ha: infested,
                area_above_threshold_ha: above,
                samples: serde_json::to_string(&f.samples).unwrap_or_else(|_| "[]".into()),
                notes: f.notes.clone(),
            });
        }
    }
    quarantine.sort();
    quarantine.dedup();
    Ok(Checked {
        organization_id,
        object_id,
        place,
        crop,
        points,
        findings,
        quarantine,
    })
}

/// After a quarantine finding: the object carries the flag (as a new version of it)
/// and the Heads who see it are told, in the same transaction as the survey.
async fn flag_quarantine<C: fito_store::ConnectionTrait>(
    state: &AppState,
    me: &Actor,
    txn: &C,
    c: &Checked,
    survey_id: Uuid,
    now: i64,
) -> Result<crate::app::notify::live::Sent, AppError> {
    if c.quarantine.is_empty() {
        return Ok(crate::app::notify::live::Sent::default());
    }
    if let Some(oid) = c.object_id
        && let Some(mut o) = objects::get(txn, oid).await?
    {
        let expected = o.version;
        o.quarantine_found_at = Some(now);
        o.updated_at = now;
        o.updated_by = Some(me.user.id);
        let mut snapshot = o.clone();
        snapshot.version = expected + 1;
        objects::update(
            txn,
            o,
            expected,
            "quarantine-found",
            feature(&snapshot, None).to_string(),
        )
        .await?;
    }
    let path = state.org_path(c.organization_id).await?.unwrap_or_default();
    let heads = notify::heads_over(state, &path).await?;
    notify::send(
        txn,
        &heads,
        "quarantine-found",
        &[("organisms", c.quarantine.join(", "))],
        notify::Target {
            kind: "survey",
            id: survey_id,
        },
    )
    .await
}

fn same_content(s: &Survey, c: &Checked, input: &SurveyInput) -> bool {
    s.object_id == c.object_id
        && s.place == c.place
        && s.task_id == input.task_id
        && s.surveyed_at == from_datetime(input.surveyed_at)
        && s.crop_code == c.crop
        && serde_json::from_str::<Vec<PointInput>>(&s.points)
            .ok()
            .as_ref()
            == Some(&c.points)
}

/// Record a survey. Sent again with the same id and content (a retried upload), it
/// answers 200 with the stored survey and changes nothing; with other content it is
/// refused (409 survey-id-taken): use PUT to change a survey.
#[utoipa::path(post, path = "/api/v1/surveys", tag = "field work", request_body = SurveyInput,
    responses((status = 201, body = SurveyView), (status = 200, body = SurveyView, description = "the same survey was already stored")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("survey.record"))))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<SurveyInput>,
) -> Result<Response, AppError> {
    let (created, saved) = record(&state, &me, body).await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(view(&saved))).into_response())
}

/// Whether `body` says what the stored survey `s` says (a replay of it).
pub(crate) async fn is_replay(
    state: &AppState,
    me: &Actor,
    s: &Survey,
    body: &SurveyInput,
) -> Result<bool, AppError> {
    let c = check(state, me, s.id, body).await?;
    Ok(s.inspector_id == me.user.id
        && same_content(s, &c, body)
        && s.growth_phase == optional_text("growth_phase", body.growth_phase.as_deref(), 200)?
        && s.notes == optional_text("notes", body.notes.as_deref(), 4000)?)
}

/// Writes a new survey; `false` with the stored one when this very survey was
/// already there (a retried upload): nothing is written then.
pub(crate) async fn record(
    state: &AppState,
    me: &Actor,
    body: SurveyInput,
) -> Result<(bool, Survey), AppError> {
    me.require(Action::SurveyRecord)?;
    let id = body.id.unwrap_or_else(fito_core::new_id);
    let c = check(state, me, id, &body).await?;
    if let Some(existing) = fieldwork::survey(state.store.reader(), id).await? {
        if existing.inspector_id == me.user.id && same_content(&existing, &c, &body) {
            return Ok((false, existing));
        }
        return Err(AppError::conflict("survey-id-taken"));
    }
    let now = now_us();
    let survey = Survey {
        rid: 0,
        id,
        organization_id: c.organization_id,
        inspector_id: me.user.id,
        task_id: body.task_id,
        object_id: c.object_id,
        place: c.place.clone(),
        surveyed_at: from_datetime(body.surveyed_at),
        crop_code: c.crop.clone(),
        growth_phase: optional_text("growth_phase", body.growth_phase.as_deref(), 200)?,
        notes: optional_text("notes", body.notes.as_deref(), 4000)?,
        points: serde_json::to_string(&c.points).map_err(|_| AppError::internal())?,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    let txn = state.store.begin().await?;
    let saved = match fieldwork::insert_survey(&txn, survey, c.findings.clone()).await {
        Err(fito_store::StoreError::Conflict(_)) => {
            return Err(AppError::conflict("survey-id-taken"));
        }
        other => other?,
    };
    let sent = flag_quarantine(state, me, &txn, &c, saved.id, now).await?;
    let entry = me
        .entry("survey.record", Some("survey"), Some(saved.id.to_string()))
        .details(json!({ "findings": c.findings.len(), "quarantine": c.quarantine }));
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    state.live.notified(sent).await;
    Ok((true, saved))
}

/// Replace a survey (its inspector), if nobody changed it since `version`.
#[utoipa::path(put, path = "/api/v1/surveys/{id}", tag = "field work", params(("id" = Uuid, Path)), request_body = SurveyInput,
    responses((status = 200, body = SurveyView), (status = 409, description = "survey-version-conflict")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("survey.record"))))]
pub async fn replace(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<SurveyInput>,
) -> Result<Json<SurveyView>, AppError> {
    Ok(Json(view(&replace_survey(&state, &me, id, body).await?)))
}

/// Writes a survey's next version, if nobody changed it since `body.version`.
pub(crate) async fn replace_survey(
    state: &AppState,
    me: &Actor,
    id: Uuid,
    body: SurveyInput,
) -> Result<Survey, AppError> {
    let existing = crate::app::surveys::in_scope(state, me, id, Action::SurveyRecord).await?;
    if existing.inspector_id != me.user.id {
        return Err(AppError::refused("survey-not-yours"));
    }
    let version = body
        .version
        .ok_or_else(|| AppError::unprocessable("field-required").with("field", "version"))?;
    let c = check(state, me, id, &body).await?;
    let now = now_us();
    let changed = Survey {
        task_id: body.task_id,
        object_id: c.object_id,
        place: c.place.clone(),
        surveyed_at: from_datetime(body.surveyed_at),
        crop_code: c.crop.clone(),
        growth_phase: optional_text("growth_phase", body.growth_phase.as_deref(), 200)?,
        notes: optional_text("notes", body.notes.as_deref(), 4000)?,
        points: serde_json::to_string(&c.points).map_err(|_| AppError::internal())?,
        updated_at: now,
        ..existing
    };
    let txn = state.store.begin().await?;
    let saved = match fieldwork::update_survey(&txn, changed, version, c.findings.clone()).await {
        Err(fito_store::StoreError::Conflict(_)) => {
            return Err(AppError::conflict("survey-version-conflict"));
        }
        other => other?,
    };
    let sent = flag_quarantine(state, me, &txn, &c, saved.id, now).await?;
    let entry = me
        .entry("survey.update", Some("survey"), Some(saved.id.to_string()))
        .details(json!({ "findings": c.findings.len(), "quarantine": c.quarantine }));
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    state.live.notified(sent).await;
    Ok(saved)
}

/// One survey.
#[utoipa::path(get, path = "/api/v1/surveys/{id}", tag = "field work", params(("id" = Uuid, Path)),
    responses((status = 200, body = SurveyView), (status = 404, description = "survey-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("survey.read"))))]
pub async fn get(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<SurveyView>, AppError> {
    let s = crate::app::surveys::in_scope(&state, &me, id, Action::SurveyRead).await?;
    Ok(Json(view(&s)))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SurveyQuery {
    /// Only my surveys.
    #[serde(default)]
    pub mine: bool,
    pub object_id: Option<Uuid>,
    pub task_id: Option<Uuid>,
    /// Surveys after this one (the last id of the previous page).
    pub after: Option<Uuid>,
    pub limit: Option<u64>,
}

/// Surveys of the caller's subtree, oldest first.
#[utoipa::path(get, path = "/api/v1/surveys", tag = "field work", params(SurveyQuery),
    responses((status = 200, body = Vec<SurveyView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("survey.read"))))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<SurveyQuery>,
) -> Result<Json<Vec<SurveyView>>, AppError> {
    me.require(Action::SurveyRead)?;
    let org_path = me.org_path.clone().ok_or_else(AppError::forbidden)?;
    let after_rid = match q.after {
        Some(id) => fieldwork::survey(state.store.reader(), id)
            .await?
            .map(|s| s.rid),
        None => None,
    };
    let page = Page {
        org_path,
        after_rid,
        limit: q.limit.unwrap_or(100).clamp(1, 500),
    };
    let filter = SurveyFilter {
        inspector: q.mine.then_some(me.user.id),
        object: q.object_id,
        task: q.task_id,
    };
    let found = fieldwork::surveys(state.store.reader(), &page, &filter).await?;
    Ok(Json(found.iter().map(view).collect()))
}
