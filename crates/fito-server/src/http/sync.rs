//! Offline sync for the mobile app over HTTP (R-MOB-1, R-MOB-2, R-MOB-4): the routes
//! parse, call `app::sync`, and shape what goes to a device — records as their normal
//! endpoints show them, minus other people's personal data.

use super::acts;
use super::objects::feature;
use super::surveys;
use super::tasks;
use crate::app::json::parse_json;
use crate::app::sync::outbox::{self, OutboxFile};
use crate::app::sync::pull::{self, Change};
use crate::app::sync::{self as sync_app, Answer, Kind, Outcome, Record, ServerCopy};
use crate::app::{Actor, AppError};
use crate::http::extract::{ApiQuery, require_json};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use fito_store::objects::Object;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};

/// A push body may be this large (the app batches survey points with their findings).
pub const MAX_PUSH_BYTES: usize = 10 * 1024 * 1024;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PushBody {
    pub records: Vec<Record>,
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Applied,
    Unchanged,
    Conflict,
    Rejected,
}

#[derive(Serialize, ToSchema)]
pub struct RecordResult {
    pub id: uuid::Uuid,
    pub kind: Kind,
    pub status: Status,
    /// The server's version of the record after this answer.
    pub version: Option<i64>,
    /// For `rejected`: the problem+json body.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub problem: Option<Value>,
    /// For `conflict`: the server's copy.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub server: Option<Value>,
}

#[derive(Serialize, ToSchema)]
pub struct PushAnswer {
    pub results: Vec<RecordResult>,
}

/// Reads a JSON body up to the push limit (larger than the API's usual one).
fn json_body<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<T, AppError> {
    require_json(headers)?;
    parse_json(body)
}

/// An object as the app may keep it (R-MOB-4): a person-owner's name and IIN left out.
fn object_for_device(o: &Object) -> Value {
    let mut f = feature(o, None);
    if o.owner_kind.as_deref() == Some("person") {
        f["properties"]["owner"] = json!({ "kind": "person" });
    }
    f
}

/// An act as the app may keep it (R-MOB-4): the parties' names left out.
fn act_for_device(a: &fito_store::acts::Act, me: &Actor) -> Result<Value, AppError> {
    let mut v = to_value(acts::view(a, me)?)?;
    if let Some(parties) = v["content"]["parties"].as_array_mut() {
        for p in parties {
            if let Some(p) = p.as_object_mut() {
                p.remove("name");
            }
        }
    }
    Ok(v)
}

fn to_value(v: impl Serialize) -> Result<Value, AppError> {
    serde_json::to_value(v).map_err(|_| AppError::internal())
}

/// One record's answer as the app reads it.
fn result_of(state: &AppState, me: &Actor, answer: Answer) -> Result<RecordResult, AppError> {
    let result = |status, version, problem, server| RecordResult {
        id: answer.id,
        kind: answer.kind,
        status,
        version,
        problem,
        server,
    };
    Ok(match answer.result {
        Ok(Outcome::Applied(v)) => result(Status::Applied, Some(v), None, None),
        Ok(Outcome::Unchanged(v)) => result(Status::Unchanged, Some(v), None, None),
        Ok(Outcome::Conflict(copy)) => {
            let version = copy.version();
            let server = match copy {
                ServerCopy::Object(o) => object_for_device(&o),
                ServerCopy::Survey(s) => to_value(surveys::view(&s))?,
                ServerCopy::Act(a) => act_for_device(&a, me)?,
            };
            result(Status::Conflict, Some(version), None, Some(server))
        }
        Err(e) => {
            let problem = crate::http::problem::problem_body(&e, &state.i18n, me.meta.lang);
            result(Status::Rejected, None, Some(problem), None)
        }
    })
}

fn answer(state: &AppState, me: &Actor, answers: Vec<Answer>) -> Result<PushAnswer, AppError> {
    let results = answers
        .into_iter()
        .map(|a| result_of(state, me, a))
        .collect::<Result<_, _>>()?;
    Ok(PushAnswer { results })
}

/// Send records made offline. Each answers on its own: applied, unchanged (already
/// there: a replay), conflict (changed on the server since `base_version`; `server`
/// holds its copy) or rejected (`problem`). Nothing is lost by sending a batch twice.
#[utoipa::path(post, path = "/api/v1/sync/push", tag = "sync", request_body = PushBody,
    responses((status = 200, body = PushAnswer), (status = 422, description = "sync-batch-too-large, a malformed record")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn push(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<PushAnswer>, AppError> {
    let body: PushBody = json_body(&headers, &body)?;
    let batch = sync_app::push::check(body.records)?;
    let answers = sync_app::push::push(&state, &me, batch).await?;
    Ok(Json(answer(&state, &me, answers)?))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PullQuery {
    /// The cursor of the previous answer; absent for everything from the start.
    pub cursor: Option<String>,
    /// 1..1000, default 500.
    pub limit: Option<u64>,
}

#[derive(Serialize, ToSchema)]
pub struct PulledChange {
    /// object, task, act, zone or reference
    pub kind: &'static str,
    pub id: String,
    pub version: i64,
    /// The record now; null when it left the caller's scope.
    #[schema(value_type = Option<Object>)]
    pub data: Option<Value>,
}

#[derive(Serialize, ToSchema)]
pub struct PullAnswer {
    pub cursor: String,
    pub more: bool,
    pub changes: Vec<PulledChange>,
}

/// A change as the app keeps it.
fn pulled(me: &Actor, change: Change) -> Result<PulledChange, AppError> {
    let (kind, id, version, data) = match change {
        Change::Object(o) => ("object", o.id, o.version, Some(object_for_device(&o))),
        Change::ObjectLeft { id, version } => ("object", id, version, None),
        Change::Task {
            task,
            object_ids,
            seq,
        } => {
            let id = task.id;
            (
                "task",
                id,
                seq,
                Some(to_value(tasks::view(*task, object_ids))?),
            )
        }
        Change::Act(a) => ("act", a.id, a.version, Some(act_for_device(&a, me)?)),
        Change::ZoneLeft { id, version } => ("zone", id, version, None),
        Change::Zone(z) => (
            "zone",
            z.id,
            z.version,
            Some(to_value(crate::app::zones::ZoneView::from(&*z))?),
        ),
        Change::Reference {
            list,
            key,
            entry,
            seq,
        } => {
            let data = json!({ "list": list, "entry": entry });
            return Ok(PulledChange {
                kind: "reference",
                id: key,
                version: seq,
                data: Some(data),
            });
        }
    };
    Ok(PulledChange {
        kind,
        id: id.to_string(),
        version,
        data,
    })
}

/// What changed since `cursor` that the caller keeps offline: reference data, own
/// survey tasks, the objects on open ones (and those the caller registered), own
/// acts, the quarantine zones of the caller's assigned area (the places of their
/// open tasks; with no open task, their subtree's). Pulling again with the answer's cursor never repeats or skips a change.
/// No other person's personal data is in it (R-MOB-4).
#[utoipa::path(get, path = "/api/v1/sync/pull", tag = "sync", params(PullQuery),
    responses((status = 200, body = PullAnswer), (status = 400, description = "sync-cursor-invalid")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn pull(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<PullQuery>,
) -> Result<Json<PullAnswer>, AppError> {
    let pulled_now = pull::pull(&state, &me, q.cursor.as_deref(), q.limit).await?;
    let changes = pulled_now
        .changes
        .into_iter()
        .map(|c| pulled(&me, c))
        .collect::<Result<_, _>>()?;
    Ok(Json(PullAnswer {
        cursor: pulled_now.cursor,
        more: pulled_now.more,
        changes,
    }))
}

/// Apply an app's exported outbox as the user named in it would have (an
/// administrator, for a user of their subtree). Answers as push does; journalled.
#[utoipa::path(post, path = "/api/v1/sync/outbox-import", tag = "sync", request_body = OutboxFile,
    responses((status = 200, body = PushAnswer), (status = 404, description = "user-not-found"),
        (status = 422, description = "sync-outbox-format")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("sync.outbox_import"))))]
pub async fn outbox_import(
    State(state): State<AppState>,
    me: CurrentUser,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<PushAnswer>, AppError> {
    // Refused before the body is read, as every other administrator route.
    me.require(fito_core::Action::SyncOutboxImport)?;
    let file: OutboxFile = json_body(&headers, &body)?;
    let answers = outbox::import(&state, &me, file).await?;
    Ok(Json(answer(&state, &me, answers)?))
}
