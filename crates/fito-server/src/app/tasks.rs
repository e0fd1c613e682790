//! Survey tasks (R-SURV-2): a Head assigns objects or an area to an inspector with
//! a basis and dates; the art. 18 monitoring limit is checked before assigning.

use crate::app::notify::Target;
use crate::app::{Actor, App, AppError, EntryExt};
use chrono::NaiveDate;
use fito_core::act::{VisitWarning, visit_warnings};
use fito_core::text::optional;
use fito_core::{Action, Role};
use fito_geo::ValidationOptions;
use fito_geo::formats::geojson::{geometry_from_json, geometry_to_json};
use fito_store::StoreError;
use fito_store::fieldwork::{self, Page, TASK_CANCELLED, TASK_DONE, TASK_OPEN, Task, TaskFilter};
use fito_store::time::now_us;
use fito_store::users::{self, User};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::HashSet;
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

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
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

/// A task with the objects it names.
pub struct TaskRecord {
    pub task: Task,
    pub object_ids: Vec<Uuid>,
}

/// An art. 18 warning about one object.
#[derive(Serialize)]
pub struct Warning {
    pub object_id: Uuid,
    pub warning: VisitWarning,
}

struct CheckedTask {
    organization_id: Uuid,
    area: Option<String>,
    object_ids: Vec<Uuid>,
    warnings: Vec<Warning>,
}

/// What assigning this task would break (art. 18: at most 3 monitoring visits a
/// year to one object, each at most 2 days). Writes nothing.
pub async fn check(app: &App, actor: &Actor, input: &TaskInput) -> Result<Vec<Warning>, AppError> {
    Ok(checked(app, actor, input).await?.warnings)
}

/// Everything about a task but writing it: the assignee, the objects, the area,
/// the dates and the art. 18 warnings.
async fn checked(app: &App, actor: &Actor, t: &TaskInput) -> Result<CheckedTask, AppError> {
    actor.require(Action::TaskAssign)?;
    if !BASES.contains(&t.basis.as_str()) {
        return Err(AppError::unprocessable("task-basis-unknown"));
    }
    if t.due_on < t.starts_on {
        return Err(AppError::unprocessable("task-dates-reversed"));
    }
    if t.object_ids.is_empty() && t.area.is_none() {
        return Err(AppError::unprocessable("task-target-missing"));
    }
    let (assignee, org_path) = assignee(app, actor, t.assignee_id).await?;
    let area = t.area.as_ref().map(area).transpose()?;
    let mut warnings = Vec::new();
    let mut object_ids = Vec::new();
    let mut seen = HashSet::new();
    for id in t.object_ids.iter().filter(|id| seen.insert(**id)) {
        let o = crate::app::objects::in_scope(app, actor, *id, Action::ObjectRead).await?;
        // The inspector must be able to see the object too.
        let object_path = app.org_path(o.organization_id).await?.unwrap_or_default();
        if !fito_core::permission::in_subtree(&org_path, &object_path)
            && !fito_core::permission::in_subtree(&object_path, &org_path)
        {
            return Err(AppError::unprocessable("task-object-outside-assignee"));
        }
        let visits: Vec<(NaiveDate, NaiveDate)> =
            fieldwork::planned_visits(app.store.reader(), *id)
                .await?
                .into_iter()
                .filter_map(|(s, e)| Some((s.parse().ok()?, e.parse().ok()?)))
                .collect();
        for warning in visit_warnings(&visits, t.starts_on, t.due_on) {
            warnings.push(Warning {
                object_id: *id,
                warning,
            });
        }
        object_ids.push(*id);
    }
    object_ids.sort();
    Ok(CheckedTask {
        organization_id: assignee.organization_id.unwrap_or_default(),
        area,
        object_ids,
        warnings,
    })
}

/// An active inspector in the actor's subtree, with the path of their organisation.
async fn assignee(app: &App, actor: &Actor, id: Uuid) -> Result<(User, String), AppError> {
    let found = users::get(app.store.reader(), id)
        .await?
        .filter(|u| u.status == users::STATUS_ACTIVE)
        .filter(|u| u.role.as_deref() == Some(Role::Inspector.as_str()))
        .ok_or_else(|| AppError::unprocessable("task-assignee-invalid"))?;
    let org = found
        .organization_id
        .ok_or_else(|| AppError::unprocessable("task-assignee-invalid"))?;
    let path = app.org_path(org).await?;
    if !actor.sees(path.as_deref()) {
        // Outside the Head's subtree the person does not exist for them.
        return Err(AppError::not_found("user-not-found"));
    }
    Ok((found, path.unwrap_or_default()))
}

/// The area to survey: a polygon in Kazakhstan, as GeoJSON text.
fn area(a: &Value) -> Result<String, AppError> {
    let options = ValidationOptions {
        close_open_rings: false,
        kazakhstan_axes_check: true,
    };
    let g = fito_geo::validate(geometry_from_json(a.clone())?, &options)?.geometry;
    if g.as_point().is_some() {
        return Err(AppError::unprocessable("task-area-not-polygon"));
    }
    Ok(geometry_to_json(&g).to_string())
}

/// Assigns a survey task and tells the inspector. With art. 18 warnings it is
/// refused (`task-visit-limit`) unless `confirm_warnings` is set; the confirmed
/// warnings stay on the task and in the journal.
pub async fn assign(app: &App, actor: &Actor, input: TaskInput) -> Result<TaskRecord, AppError> {
    let c = checked(app, actor, &input).await?;
    if !c.warnings.is_empty() && !input.confirm_warnings {
        return Err(AppError::conflict("task-visit-limit").with("count", c.warnings.len()));
    }
    let warnings = serde_json::to_value(&c.warnings).map_err(|_| AppError::internal())?;
    let now = now_us();
    let task = Task {
        rid: 0,
        id: input.id.unwrap_or_else(fito_core::new_id),
        organization_id: c.organization_id,
        assignee_id: input.assignee_id,
        basis: input.basis,
        area: c.area,
        starts_on: input.starts_on.to_string(),
        due_on: input.due_on.to_string(),
        status: TASK_OPEN.into(),
        note: optional("note", input.note.as_deref(), 4000)?,
        warnings: warnings.to_string(),
        created_by: actor.id(),
        created_at: now,
        updated_at: now,
    };
    let mut unit = app.begin().await?;
    let saved = match fieldwork::insert_task(unit.tx(), task, &c.object_ids).await {
        Err(StoreError::Conflict(_)) => return Err(AppError::conflict("task-id-taken")),
        other => other?,
    };
    let target = Target {
        kind: "survey_task",
        id: saved.id,
    };
    let due = [("due", saved.due_on.clone())];
    unit.notify(&[saved.assignee_id], "task-assigned", &due, target)
        .await?;
    unit.journal(
        actor
            .entry("task.assign", Some("survey_task"), Some(saved.id.to_string()))
            .details(json!({ "assignee": saved.assignee_id, "objects": c.object_ids, "warnings": warnings })),
    );
    unit.commit().await?;
    Ok(TaskRecord {
        task: saved,
        object_ids: c.object_ids,
    })
}

/// A task the actor may act on with `action`.
pub async fn in_scope(
    app: &App,
    actor: &Actor,
    id: Uuid,
    action: Action,
) -> Result<Task, AppError> {
    actor.require(action)?;
    let t = fieldwork::task(app.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("task-not-found"))?;
    app.check_scope(actor, action, t.organization_id, "task-not-found")
        .await?;
    Ok(t)
}

async fn with_objects(app: &App, task: Task) -> Result<TaskRecord, AppError> {
    let object_ids = fieldwork::task_objects(app.store.reader(), task.id).await?;
    Ok(TaskRecord { task, object_ids })
}

/// One task of the actor's subtree.
pub async fn get(app: &App, actor: &Actor, id: Uuid) -> Result<TaskRecord, AppError> {
    let t = in_scope(app, actor, id, Action::TaskRead).await?;
    with_objects(app, t).await
}

/// Survey tasks of the actor's subtree, oldest first.
pub async fn list(app: &App, actor: &Actor, q: TaskQuery) -> Result<Vec<TaskRecord>, AppError> {
    actor.require(Action::TaskRead)?;
    let org_path = actor.org_path.clone().ok_or_else(AppError::forbidden)?;
    let after_rid = match q.after {
        Some(id) => fieldwork::task(app.store.reader(), id)
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
            Some(actor.id())
        } else {
            q.assignee_id
        },
        status: q.status,
    };
    let mut out = Vec::new();
    for t in fieldwork::tasks(app.store.reader(), &page, &filter).await? {
        out.push(with_objects(app, t).await?);
    }
    Ok(out)
}

/// Cancels an open task (a Head); its visits no longer count against art. 18.
pub async fn cancel(app: &App, actor: &Actor, id: Uuid) -> Result<TaskRecord, AppError> {
    let t = in_scope(app, actor, id, Action::TaskAssign).await?;
    finish(app, actor, t, TASK_CANCELLED, "task.cancel").await
}

/// Marks an open task done (its inspector).
pub async fn done(app: &App, actor: &Actor, id: Uuid) -> Result<TaskRecord, AppError> {
    let t = in_scope(app, actor, id, Action::SurveyRecord).await?;
    if t.assignee_id != actor.id() {
        return Err(AppError::refused("task-not-yours"));
    }
    finish(app, actor, t, TASK_DONE, "task.done").await
}

async fn finish(
    app: &App,
    actor: &Actor,
    t: Task,
    status: &str,
    action: &str,
) -> Result<TaskRecord, AppError> {
    if t.status != TASK_OPEN {
        return Err(AppError::conflict("task-not-open"));
    }
    let mut unit = app.begin().await?;
    fieldwork::set_task_status(unit.tx(), t.id, status, now_us()).await?;
    unit.journal(actor.entry(action, Some("survey_task"), Some(t.id.to_string())));
    unit.commit().await?;
    let t = fieldwork::task(app.store.reader(), t.id)
        .await?
        .ok_or_else(|| AppError::not_found("task-not-found"))?;
    with_objects(app, t).await
}
