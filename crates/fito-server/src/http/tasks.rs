//! Survey tasks (R-SURV-2): a Head assigns objects or an area to an inspector with
//! a basis and dates; the art. 18 monitoring limit is checked before assigning.

use super::views::optional_text;
use crate::app::Actor;
use crate::app::AppError;
use crate::app::EntryExt;
use crate::app::notify;
use crate::http::extract::{ApiJson, ApiQuery};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use fito_core::act::{VisitWarning, visit_warnings};
use fito_core::{Action, Role};
use fito_geo::ValidationOptions;
use fito_geo::formats::geojson::{geometry_from_json, geometry_to_json};
use fito_store::fieldwork::{self, Page, TASK_CANCELLED, TASK_DONE, TASK_OPEN, Task, TaskFilter};
use fito_store::time::{now_us, to_datetime};
use fito_store::users;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

pub const BASES: [&str; 3] = ["plan", "control_visit", "complaint"];

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskInput {
    /// A UUIDv7 the client made; the server makes one if absent.
    pub id: Option<Uuid>,
    /// An active inspector in the Head's subtree; the task belongs to their organisation.
    pub assignee_id: Uuid,
    /// plan, control_visit or complaint
    pub basis: String,
    /// Registered objects to survey (may be empty when an area is given).
    #[serde(default)]
    pub object_ids: Vec<Uuid>,
    /// An area to survey: RFC 7946 Polygon or MultiPolygon.
    #[schema(value_type = Option<Object>)]
    pub area: Option<Value>,
    /// First day of the visit (YYYY-MM-DD).
    pub starts_on: NaiveDate,
    /// Last day the work is due (YYYY-MM-DD).
    pub due_on: NaiveDate,
    pub note: Option<String>,
    /// The Head has seen the art. 18 warnings (from /check) and assigns anyway.
    #[serde(default)]
    pub confirm_warnings: bool,
}

#[derive(Serialize, ToSchema)]
pub struct TaskView {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub assignee_id: Uuid,
    pub basis: String,
    pub object_ids: Vec<Uuid>,
    #[schema(value_type = Option<Object>)]
    pub area: Option<Value>,
    pub starts_on: String,
    pub due_on: String,
    /// open, done or cancelled
    pub status: String,
    pub note: Option<String>,
    /// The art. 18 warnings the Head confirmed when assigning.
    #[schema(value_type = Vec<Object>)]
    pub warnings: Value,
    pub created_by: Uuid,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

pub(crate) fn view(t: Task, object_ids: Vec<Uuid>) -> TaskView {
    TaskView {
        id: t.id,
        organization_id: t.organization_id,
        assignee_id: t.assignee_id,
        basis: t.basis,
        object_ids,
        area: t.area.and_then(|a| serde_json::from_str(&a).ok()),
        starts_on: t.starts_on,
        due_on: t.due_on,
        status: t.status,
        note: t.note,
        warnings: serde_json::from_str(&t.warnings).unwrap_or(Value::Null),
        created_by: t.created_by,
        created_at: to_datetime(t.created_at),
        updated_at: to_datetime(t.updated_at),
    }
}

/// One art. 18 warning for one object.
#[derive(Serialize, ToSchema)]
pub struct ObjectWarning {
    pub object_id: Uuid,
    #[schema(value_type = Object)]
    pub warning: Value,
    /// The warning in the caller's language.
    pub message: String,
}

#[derive(Serialize, ToSchema)]
pub struct CheckView {
    pub warnings: Vec<ObjectWarning>,
}

struct CheckedTask {
    organization_id: Uuid,
    area: Option<String>,
    warnings: Vec<(Uuid, VisitWarning)>,
}

/// Everything about a task but writing it: the assignee, the objects, the area,
/// the dates and the art. 18 warnings.
async fn check_task(state: &AppState, me: &Actor, t: &TaskInput) -> Result<CheckedTask, AppError> {
    me.require(Action::TaskAssign)?;
    if !BASES.contains(&t.basis.as_str()) {
        return Err(AppError::unprocessable("task-basis-unknown"));
    }
    if t.due_on < t.starts_on {
        return Err(AppError::unprocessable("task-dates-reversed"));
    }
    if t.object_ids.is_empty() && t.area.is_none() {
        return Err(AppError::unprocessable("task-target-missing"));
    }
    let assignee = users::get(state.store.reader(), t.assignee_id)
        .await?
        .filter(|u| u.status == users::STATUS_ACTIVE)
        .filter(|u| u.role.as_deref() == Some(Role::Inspector.as_str()));
    let (assignee, org_path) = match assignee {
        Some(u) => {
            let org = u
                .organization_id
                .ok_or_else(|| AppError::unprocessable("task-assignee-invalid"))?;
            let path = state.org_path(org).await?;
            if !me.sees(path.as_deref()) {
                // Outside the Head's subtree the person does not exist for them.
                return Err(AppError::not_found("user-not-found"));
            }
            (u, path.unwrap_or_default())
        }
        None => return Err(AppError::unprocessable("task-assignee-invalid")),
    };
    let area = match &t.area {
        Some(a) => {
            let options = ValidationOptions {
                close_open_rings: false,
                kazakhstan_axes_check: true,
            };
            let g = fito_geo::validate(geometry_from_json(a.clone())?, &options)?.geometry;
            if g.as_point().is_some() {
                return Err(AppError::unprocessable("task-area-not-polygon"));
            }
            Some(geometry_to_json(&g).to_string())
        }
        None => None,
    };
    let mut warnings = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for id in &t.object_ids {
        if !seen.insert(*id) {
            continue;
        }
        let o = crate::app::objects::in_scope(state, me, *id, Action::ObjectRead).await?;
        // The inspector must be able to see the object too.
        let object_path = state.org_path(o.organization_id).await?.unwrap_or_default();
        if !fito_core::permission::in_subtree(&org_path, &object_path)
            && !fito_core::permission::in_subtree(&object_path, &org_path)
        {
            return Err(AppError::unprocessable("task-object-outside-assignee"));
        }
        let visits: Vec<(NaiveDate, NaiveDate)> =
            fieldwork::planned_visits(state.store.reader(), *id)
                .await?
                .into_iter()
                .filter_map(|(s, e)| Some((s.parse().ok()?, e.parse().ok()?)))
                .collect();
        for w in visit_warnings(&visits, t.starts_on, t.due_on) {
            warnings.push((*id, w));
        }
    }
    Ok(CheckedTask {
        organization_id: assignee.organization_id.unwrap_or_default(),
        area,
        warnings,
    })
}

fn warning_message(state: &AppState, me: &Actor, w: &VisitWarning) -> String {
    let (id, args) = match w {
        VisitWarning::TooManyVisits { year, visit } => (
            "task-warning-too-many-visits",
            vec![("year", year.to_string()), ("visit", visit.to_string())],
        ),
        VisitWarning::TooLong { days } => {
            ("task-warning-too-long", vec![("days", days.to_string())])
        }
    };
    state.i18n.message(me.meta.lang, id, &args)
}

fn warnings_view(state: &AppState, me: &Actor, w: &[(Uuid, VisitWarning)]) -> Vec<ObjectWarning> {
    w.iter()
        .map(|(object_id, warning)| ObjectWarning {
            object_id: *object_id,
            warning: serde_json::to_value(warning).unwrap_or(Value::Null),
            message: warning_message(state, me, warning),
        })
        .collect()
}

/// What assigning this task would break (art. 18: at most 3 monitoring visits a
/// year to one object, each at most 2 days). Writes nothing.
#[utoipa::path(post, path = "/api/v1/survey-tasks/check", tag = "field work", request_body = TaskInput,
    responses((status = 200, body = CheckView)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("task.assign"))))]
pub async fn check(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<TaskInput>,
) -> Result<Json<CheckView>, AppError> {
    let checked = check_task(&state, &me, &body).await?;
    Ok(Json(CheckView {
        warnings: warnings_view(&state, &me, &checked.warnings),
    }))
}

/// Assign a survey task. With art. 18 warnings it is refused (409
/// task-visit-limit) unless `confirm_warnings` is set; the confirmed warnings stay
/// on the task and in the journal.
#[utoipa::path(post, path = "/api/v1/survey-tasks", tag = "field work", request_body = TaskInput,
    responses((status = 201, body = TaskView), (status = 409, description = "task-visit-limit")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("task.assign"))))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<TaskInput>,
) -> Result<(StatusCode, Json<TaskView>), AppError> {
    let checked = check_task(&state, &me, &body).await?;
    if !checked.warnings.is_empty() && !body.confirm_warnings {
        return Err(AppError::conflict("task-visit-limit").with("count", checked.warnings.len()));
    }
    let warnings: Vec<Value> = checked
        .warnings
        .iter()
        .map(|(o, w)| json!({ "object_id": o, "warning": w }))
        .collect();
    let now = now_us();
    let task = Task {
        rid: 0,
        id: body.id.unwrap_or_else(fito_core::new_id),
        organization_id: checked.organization_id,
        assignee_id: body.assignee_id,
        basis: body.basis.clone(),
        area: checked.area,
        starts_on: body.starts_on.to_string(),
        due_on: body.due_on.to_string(),
        status: TASK_OPEN.into(),
        note: optional_text("note", body.note.as_deref(), 4000)?,
        warnings: Value::Array(warnings.clone()).to_string(),
        created_by: me.user.id,
        created_at: now,
        updated_at: now,
    };
    let mut object_ids = body.object_ids.clone();
    object_ids.sort();
    object_ids.dedup();
    let txn = state.store.begin().await?;
    let saved = fieldwork::insert_task(&txn, task, &object_ids)
        .await
        .map_err(|e| match e {
            fito_store::StoreError::Conflict(_) => AppError::conflict("task-id-taken"),
            other => other.into(),
        })?;
    let sent = notify::send(
        &txn,
        &[saved.assignee_id],
        "task-assigned",
        &[("due", saved.due_on.clone())],
        notify::Target {
            kind: "survey_task",
            id: saved.id,
        },
    )
    .await?;
    let entry = me
        .entry(
            "task.assign",
            Some("survey_task"),
            Some(saved.id.to_string()),
        )
        .details(
            json!({ "assignee": saved.assignee_id, "objects": object_ids, "warnings": warnings }),
        );
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    state.live.notified(sent).await;
    Ok((StatusCode::CREATED, Json(view(saved, object_ids))))
}

async fn task_in_scope(
    state: &AppState,
    me: &Actor,
    id: Uuid,
    action: Action,
) -> Result<Task, AppError> {
    me.require(action)?;
    let t = fieldwork::task(state.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("task-not-found"))?;
    let path = state.org_path(t.organization_id).await?;
    me.require_in(action, path.as_deref(), "task-not-found")?;
    Ok(t)
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct TaskQuery {
    /// Only tasks assigned to me.
    #[serde(default)]
    pub mine: bool,
    pub assignee_id: Option<Uuid>,
    /// open, done or cancelled
    pub status: Option<String>,
    /// Tasks after this one (the last id of the previous page).
    pub after: Option<Uuid>,
    pub limit: Option<u64>,
}

/// Survey tasks of the caller's subtree.
#[utoipa::path(get, path = "/api/v1/survey-tasks", tag = "field work", params(TaskQuery),
    responses((status = 200, body = Vec<TaskView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("task.read"))))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<TaskQuery>,
) -> Result<Json<Vec<TaskView>>, AppError> {
    me.require(Action::TaskRead)?;
    let org_path = me.org_path.clone().ok_or_else(AppError::forbidden)?;
    let after_rid = match q.after {
        Some(id) => fieldwork::task(state.store.reader(), id)
            .await?
            .map(|t| t.rid),
        None => None,
    };
    let page = Page {
        org_path,
        after_rid,
        limit: q.limit.unwrap_or(100).clamp(1, 500),
    };
    let filter = TaskFilter {
        assignee: if q.mine {
            Some(me.user.id)
        } else {
            q.assignee_id
        },
        status: q.status,
    };
    let found = fieldwork::tasks(state.store.reader(), &page, &filter).await?;
    let mut out = Vec::with_capacity(found.len());
    for t in found {
        let objects = fieldwork::task_objects(state.store.reader(), t.id).await?;
        out.push(view(t, objects));
    }
    Ok(Json(out))
}

/// One survey task.
#[utoipa::path(get, path = "/api/v1/survey-tasks/{id}", tag = "field work", params(("id" = Uuid, Path)),
    responses((status = 200, body = TaskView), (status = 404, description = "task-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("task.read"))))]
pub async fn get(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<TaskView>, AppError> {
    let t = task_in_scope(&state, &me, id, Action::TaskRead).await?;
    let objects = fieldwork::task_objects(state.store.reader(), id).await?;
    Ok(Json(view(t, objects)))
}

/// Cancel an open task (the Head); its visits no longer count against art. 18.
#[utoipa::path(post, path = "/api/v1/survey-tasks/{id}/cancel", tag = "field work", params(("id" = Uuid, Path)),
    responses((status = 200, body = TaskView), (status = 409, description = "task-not-open")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("task.assign"))))]
pub async fn cancel(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<TaskView>, AppError> {
    let t = task_in_scope(&state, &me, id, Action::TaskAssign).await?;
    finish(&state, &me, t, TASK_CANCELLED, "task.cancel").await
}

/// Mark an open task done (its inspector).
#[utoipa::path(post, path = "/api/v1/survey-tasks/{id}/done", tag = "field work", params(("id" = Uuid, Path)),
    responses((status = 200, body = TaskView), (status = 409, description = "task-not-open")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("survey.record"))))]
pub async fn done(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<TaskView>, AppError> {
    let t = task_in_scope(&state, &me, id, Action::SurveyRecord).await?;
    if t.assignee_id != me.user.id {
        return Err(AppError::refused("task-not-yours"));
    }
    finish(&state, &me, t, TASK_DONE, "task.done").await
}

async fn finish(
    state: &AppState,
    me: &Actor,
    t: Task,
    status: &str,
    action: &str,
) -> Result<Json<TaskView>, AppError> {
    if t.status != TASK_OPEN {
        return Err(AppError::conflict("task-not-open"));
    }
    let txn = state.store.begin().await?;
    fieldwork::set_task_status(&txn, t.id, status, now_us()).await?;
    fito_store::audit::append(
        &txn,
        vec![me.entry(action, Some("survey_task"), Some(t.id.to_string()))],
    )
    .await?;
    txn.commit().await?;
    let t = fieldwork::task(state.store.reader(), t.id)
        .await?
        .ok_or_else(|| AppError::not_found("task-not-found"))?;
    let objects = fieldwork::task_objects(state.store.reader(), t.id).await?;
    Ok(Json(view(t, objects)))
}
