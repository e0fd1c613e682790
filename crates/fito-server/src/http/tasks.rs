//! `/api/v1/survey-tasks`: survey tasks (R-SURV-2), over `app::tasks`.

use crate::app::tasks::{self, TaskInput, TaskQuery, TaskRecord};
use crate::app::{Actor, AppError};
use crate::http::extract::{ApiJson, ApiQuery};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use fito_core::act::VisitWarning;
use fito_store::fieldwork::Task;
use fito_store::time::to_datetime;
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

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

impl From<TaskRecord> for TaskView {
    fn from(r: TaskRecord) -> Self {
        view(r.task, r.object_ids)
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
    let warnings = tasks::check(&state, &me, &body).await?;
    let warnings = warnings
        .iter()
        .map(|w| ObjectWarning {
            object_id: w.object_id,
            warning: serde_json::to_value(&w.warning).unwrap_or(Value::Null),
            message: warning_message(&state, &me, &w.warning),
        })
        .collect();
    Ok(Json(CheckView { warnings }))
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
    let task = tasks::assign(&state, &me, body).await?;
    Ok((StatusCode::CREATED, Json(task.into())))
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
    let found = tasks::list(&state, &me, q).await?;
    Ok(Json(found.into_iter().map(TaskView::from).collect()))
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
    Ok(Json(tasks::get(&state, &me, id).await?.into()))
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
    Ok(Json(tasks::cancel(&state, &me, id).await?.into()))
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
    Ok(Json(tasks::done(&state, &me, id).await?.into()))
}
