//! Offline sync for the mobile app (R-MOB-1, R-MOB-2, R-MOB-4): `push` applies a batch
//! of records the app made offline, each through the same domain code as its normal
//! endpoint (`POST /objects`, `POST /surveys`, `POST /surveys/{id}/acts` + `PATCH
//! /acts/{id}`), each in its own transaction with its journal entry, and answers per
//! record; `pull` hands out what changed since a cursor, from the change log that the
//! database keeps in commit order (`fito_store::sync`). `outbox-import` applies an
//! outbox file the app exported, as its user, for an administrator.

use super::acts;
use super::objects::feature;
use super::surveys;
use super::tasks;
use crate::app::Actor;
use crate::app::AppError;
use crate::app::EntryExt;
use crate::app::SameRecord;
use crate::app::acts::drafts::{self, ActChange, NewAct};
use crate::app::acts::{MeasureInput, PartyInput};
use crate::app::objects::ObjectInput;
use crate::app::objects::sync::Pushed;
use crate::app::surveys::{Recorded, SurveyInput};
use crate::http::extract::{ApiQuery, parse_json};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use fito_core::Action;
use fito_store::fieldwork;
use fito_store::objects::Object;
use fito_store::sync as log;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use std::collections::HashSet;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

/// At most this many records in one push.
pub const MAX_RECORDS: usize = 500;
/// A push body may be this large (the app batches survey points with their findings).
pub const MAX_PUSH_BYTES: usize = 10 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Object,
    Survey,
    ActDraft,
}

/// One record the app made offline, under its own UUIDv7.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub kind: Kind,
    pub id: Uuid,
    /// The server version the record was made on; null for a new record.
    #[serde(default)]
    pub base_version: Option<i64>,
    /// The body the record's normal endpoint takes.
    #[schema(value_type = Object)]
    pub data: Value,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PushBody {
    pub records: Vec<Record>,
}

/// What an `act_draft` record carries: the act's survey and type, and the fields
/// `PATCH /acts/{id}` takes.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActDraftData {
    survey_id: Uuid,
    act_type: String,
    language: Option<String>,
    location: Option<String>,
    conclusions: Option<String>,
    measures: Option<Vec<MeasureInput>>,
    parties: Option<Vec<PartyInput>>,
    #[serde(default)]
    refresh_from_survey: bool,
}

/// A record whose data parsed into its endpoint's input.
enum Parsed {
    Object(Box<ObjectInput>),
    Survey(Box<SurveyInput>),
    ActDraft(Box<ActDraftData>),
}

#[derive(Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Applied,
    Unchanged,
    Conflict,
    Rejected,
}

impl Status {
    pub fn name(&self) -> &'static str {
        match self {
            Status::Applied => "applied",
            Status::Unchanged => "unchanged",
            Status::Conflict => "conflict",
            Status::Rejected => "rejected",
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct RecordResult {
    pub id: Uuid,
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

enum Outcome {
    Applied(i64),
    Unchanged(i64),
    Conflict(i64, Value),
}

/// Reads a JSON body up to the push limit (larger than the API's usual one).
fn json_body<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: &Bytes,
) -> Result<T, AppError> {
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            let v = v.trim();
            v.eq_ignore_ascii_case("application/json") || v.ends_with("+json")
        });
    if !is_json {
        return Err(AppError::new(
            crate::app::Kind::UnsupportedMediaType,
            "request-unsupported-media-type",
        ));
    }
    parse_json(body)
}

/// Checks a whole batch before anything is written: a malformed record refuses the
/// batch (4xx, naming the record), so nothing of it is applied.
fn parse_batch(records: &[Record]) -> Result<Vec<Parsed>, AppError> {
    if records.len() > MAX_RECORDS {
        return Err(AppError::unprocessable("sync-batch-too-large").with("max", MAX_RECORDS));
    }
    records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let bytes = serde_json::to_vec(&r.data).map_err(|_| AppError::internal())?;
            let named = |e: AppError| e.with("record", i + 1);
            Ok(match r.kind {
                Kind::Object => Parsed::Object(Box::new(parse_json(&bytes).map_err(named)?)),
                Kind::Survey => Parsed::Survey(Box::new(parse_json(&bytes).map_err(named)?)),
                Kind::ActDraft => Parsed::ActDraft(Box::new(parse_json(&bytes).map_err(named)?)),
            })
        })
        .collect()
}

/// Applies a checked batch record by record, each in its own transaction.
async fn apply_batch(
    state: &AppState,
    me: &Actor,
    records: Vec<Record>,
    parsed: Vec<Parsed>,
) -> Result<Vec<RecordResult>, AppError> {
    let mut results = Vec::with_capacity(records.len());
    for (r, p) in records.into_iter().zip(parsed) {
        let outcome = match p {
            Parsed::Object(data) => push_object(state, me, r.id, r.base_version, *data).await,
            Parsed::Survey(data) => push_survey(state, me, r.id, r.base_version, *data).await,
            Parsed::ActDraft(data) => push_act(state, me, r.id, r.base_version, *data).await,
        };
        let result = |status, version, problem, server| RecordResult {
            id: r.id,
            kind: r.kind,
            status,
            version,
            problem,
            server,
        };
        results.push(match outcome {
            Ok(Outcome::Applied(v)) => result(Status::Applied, Some(v), None, None),
            Ok(Outcome::Unchanged(v)) => result(Status::Unchanged, Some(v), None, None),
            Ok(Outcome::Conflict(v, server)) => {
                result(Status::Conflict, Some(v), None, Some(server))
            }
            // The server failed, not the record: the batch stops here and the app
            // sends it again later (what was applied answers `unchanged` then).
            Err(e) if e.is_server_error() => return Err(e),
            Err(e) => result(
                Status::Rejected,
                None,
                Some(crate::http::problem::problem_body(
                    &e,
                    &state.i18n,
                    me.meta.lang,
                )),
                None,
            ),
        });
        if let Some(last) = results.last() {
            state.metrics.sync_record(last.status.name());
        }
    }
    Ok(results)
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
    let parsed = parse_batch(&body.records)?;
    let results = apply_batch(&state, &me, body.records, parsed).await?;
    Ok(Json(PushAnswer { results }))
}

fn id_matches(given: Option<Uuid>, id: Uuid) -> Result<(), AppError> {
    match given {
        Some(g) if g != id => Err(AppError::unprocessable("sync-record-id-mismatch")),
        _ => Ok(()),
    }
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
    let mut v = serde_json::to_value(acts::view(a, me)?).map_err(|_| AppError::internal())?;
    if let Some(parties) = v["content"]["parties"].as_array_mut() {
        for p in parties {
            if let Some(p) = p.as_object_mut() {
                p.remove("name");
            }
        }
    }
    Ok(v)
}

async fn push_object(
    state: &AppState,
    me: &Actor,
    id: Uuid,
    base: Option<i64>,
    data: ObjectInput,
) -> Result<Outcome, AppError> {
    id_matches(data.id, id)?;
    Ok(
        match crate::app::objects::sync::push(state, me, id, base, data).await? {
            Pushed::Applied(version) => Outcome::Applied(version),
            Pushed::Unchanged(version) => Outcome::Unchanged(version),
            Pushed::Conflict(current) => {
                Outcome::Conflict(current.version, object_for_device(&current))
            }
        },
    )
}

async fn push_survey(
    state: &AppState,
    me: &Actor,
    id: Uuid,
    base: Option<i64>,
    mut data: SurveyInput,
) -> Result<Outcome, AppError> {
    id_matches(data.id, id)?;
    data.id = Some(id);
    me.require(Action::SurveyRecord)?;
    let existing = fieldwork::survey(state.store.reader(), id).await?;
    let Some(current) = existing else {
        if base.is_some() {
            return Err(AppError::not_found("survey-not-found"));
        }
        return match crate::app::surveys::record(state, me, data.clone()).await {
            Ok(Recorded::Created(saved)) => Ok(Outcome::Applied(saved.version)),
            Ok(Recorded::AlreadyThere(saved)) => Ok(Outcome::Unchanged(saved.version)),
            // Written meanwhile by a parallel request: answer as for a stored one.
            Err(e) if e.code == "survey-id-taken" => {
                Box::pin(push_survey(state, me, id, base, data)).await
            }
            Err(e) => Err(e),
        };
    };
    let current =
        crate::app::surveys::in_scope(state, me, current.id, Action::SurveyRecord).await?;
    if current.inspector_id != me.user.id {
        return Err(AppError::conflict("survey-id-taken"));
    }
    if current.same_record(&crate::app::surveys::check(state, me, id, &data).await?) {
        return Ok(Outcome::Unchanged(current.version));
    }
    let server = || serde_json::to_value(surveys::view(&current)).map_err(|_| AppError::internal());
    let Some(base) = base.filter(|b| *b == current.version) else {
        return Ok(Outcome::Conflict(current.version, server()?));
    };
    data.version = Some(base);
    match crate::app::surveys::replace(state, me, id, data).await {
        Ok(saved) => Ok(Outcome::Applied(saved.version)),
        Err(e) if e.code == "survey-version-conflict" => {
            let now = fieldwork::survey(state.store.reader(), id)
                .await?
                .ok_or_else(AppError::internal)?;
            let view =
                serde_json::to_value(surveys::view(&now)).map_err(|_| AppError::internal())?;
            Ok(Outcome::Conflict(now.version, view))
        }
        Err(e) => Err(e),
    }
}

async fn push_act(
    state: &AppState,
    me: &Actor,
    id: Uuid,
    base: Option<i64>,
    data: ActDraftData,
) -> Result<Outcome, AppError> {
    me.require(Action::ActDraft)?;
    let existing = fito_store::acts::act(state.store.reader(), id).await?;
    let new_act = |d: &ActDraftData| NewAct {
        id: Some(id),
        act_type: d.act_type.clone(),
        language: d.language.clone(),
        location: d.location.clone(),
        conclusions: d.conclusions.clone(),
        measures: d.measures.clone().unwrap_or_default(),
        parties: d.parties.clone().unwrap_or_default(),
    };
    let Some(current) = existing else {
        if base.is_some() {
            return Err(AppError::not_found("act-not-found"));
        }
        return match drafts::create(state, me, data.survey_id, new_act(&data)).await {
            Ok(saved) => Ok(Outcome::Applied(saved.version)),
            Err(e) if e.code == "act-id-taken" => {
                Box::pin(push_act(state, me, id, base, data)).await
            }
            Err(e) => Err(e),
        };
    };
    let current = crate::app::acts::in_scope(state, me, current.id, Action::ActDraft).await?;
    if current.inspector_id != me.user.id {
        return Err(AppError::conflict("act-id-taken"));
    }
    let change = ActChange {
        version: base.unwrap_or(current.version),
        language: data.language.clone(),
        location: data.location.clone(),
        conclusions: data.conclusions.clone(),
        measures: data.measures.clone(),
        parties: data.parties.clone(),
        refresh_from_survey: data.refresh_from_survey,
    };
    let same = if base.is_none() {
        let wanted = drafts::drafted(state, me, data.survey_id, new_act(&data)).await?;
        current.same_record(&wanted)
    } else {
        current.survey_id == data.survey_id && current.same_record(&change)
    };
    if same {
        return Ok(Outcome::Unchanged(current.version));
    }
    if current.survey_id != data.survey_id {
        return Err(AppError::unprocessable("sync-act-survey-fixed"));
    }
    let Some(base) = base.filter(|b| *b == current.version) else {
        return Ok(Outcome::Conflict(
            current.version,
            act_for_device(&current, me)?,
        ));
    };
    debug_assert_eq!(change.version, base);
    match drafts::edit(state, me, &current, change).await {
        Ok(saved) => Ok(Outcome::Applied(saved.version)),
        Err(e) if e.code == "act-version-conflict" => {
            let now = fito_store::acts::act(state.store.reader(), id)
                .await?
                .ok_or_else(AppError::internal)?;
            Ok(Outcome::Conflict(now.version, act_for_device(&now, me)?))
        }
        Err(e) => Err(e),
    }
}

// ---------------------------------------------------------------- pull

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct PullQuery {
    /// The cursor of the previous answer; absent for everything from the start.
    pub cursor: Option<String>,
    /// 1..1000, default 500.
    pub limit: Option<u64>,
}

#[derive(Serialize, ToSchema)]
pub struct PulledChange {
    /// object, task, act or reference
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

/// Change-log rows looked at per answer at most (rows outside the caller's scope
/// are skipped, and the cursor moves past them).
const MAX_SCANNED: usize = 5000;

fn encode_cursor(seq: i64) -> String {
    format!("c1.{seq}")
}

fn decode_cursor(c: Option<&str>) -> Result<i64, AppError> {
    match c {
        None | Some("") => Ok(0),
        Some(c) => c
            .strip_prefix("c1.")
            .and_then(|n| n.parse::<i64>().ok())
            .filter(|n| *n >= 0)
            .ok_or_else(|| AppError::bad_request("sync-cursor-invalid")),
    }
}

/// What the caller keeps in the field: objects on their open tasks or made by them.
struct Scope {
    task_objects: HashSet<Uuid>,
    /// On any of the caller's tasks, open or not.
    assigned: HashSet<Uuid>,
}

impl Scope {
    async fn object(&self, state: &AppState, me: &Actor, o: &Object) -> Result<bool, AppError> {
        if !(self.task_objects.contains(&o.id) || o.created_by == Some(me.user.id)) {
            return Ok(false);
        }
        let path = state.org_path(o.organization_id).await?;
        Ok(me.sees(path.as_deref()))
    }
}

async fn changes_of(
    state: &AppState,
    me: &Actor,
    scope: &Scope,
    c: &log::Change,
    out: &mut Vec<PulledChange>,
) -> Result<(), AppError> {
    let reader = state.store.reader();
    match c.kind.as_str() {
        "object" => {
            let Some(id) = c.uuid() else { return Ok(()) };
            let Some(o) = fito_store::objects::get(reader, id).await? else {
                return Ok(());
            };
            if scope.object(state, me, &o).await? {
                out.push(PulledChange {
                    kind: "object",
                    id: id.to_string(),
                    version: o.version,
                    data: Some(object_for_device(&o)),
                });
            } else if scope.assigned.contains(&id) {
                // On a task of the caller's no longer open: the app drops it.
                out.push(PulledChange {
                    kind: "object",
                    id: id.to_string(),
                    version: o.version,
                    data: None,
                });
            }
        }
        "task" => {
            let Some(id) = c.uuid() else { return Ok(()) };
            let Some(t) = fieldwork::task(reader, id).await? else {
                return Ok(());
            };
            if t.assignee_id != me.user.id {
                return Ok(());
            }
            // Its objects come as their own changes: the log moves them along with
            // every change of the task, so they enter or leave the scope with it.
            let object_ids = fieldwork::task_objects(reader, id).await?;
            let view = serde_json::to_value(tasks::view(t, object_ids))
                .map_err(|_| AppError::internal())?;
            out.push(PulledChange {
                kind: "task",
                id: id.to_string(),
                version: c.seq,
                data: Some(view),
            });
        }
        "act" => {
            let Some(id) = c.uuid() else { return Ok(()) };
            if let Some(a) = fito_store::acts::act(reader, id).await?
                && a.inspector_id == me.user.id
            {
                out.push(PulledChange {
                    kind: "act",
                    id: id.to_string(),
                    version: a.version,
                    data: Some(act_for_device(&a, me)?),
                });
            }
        }
        list if log::REFERENCE_LISTS.contains(&list) => {
            if let Some(entry) = log::reference_entry(reader, list, &c.key).await? {
                out.push(PulledChange {
                    kind: "reference",
                    id: c.key.clone(),
                    version: c.seq,
                    data: Some(json!({ "list": list, "entry": entry })),
                });
            }
        }
        _ => {}
    }
    Ok(())
}

/// What changed since `cursor` that the caller keeps offline: reference data, own
/// survey tasks, the objects on open ones (and those the caller registered), own
/// acts. Pulling again with the answer's cursor never repeats or skips a change.
/// No other person's personal data is in it (R-MOB-4).
#[utoipa::path(get, path = "/api/v1/sync/pull", tag = "sync", params(PullQuery),
    responses((status = 200, body = PullAnswer), (status = 400, description = "sync-cursor-invalid")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn pull(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<PullQuery>,
) -> Result<Json<PullAnswer>, AppError> {
    let limit = match q.limit {
        None => 500,
        Some(n @ 1..=1000) => n as usize,
        Some(_) => {
            return Err(AppError::unprocessable("sync-limit-out-of-range")
                .with("min", 1)
                .with("max", 1000));
        }
    };
    me.require(Action::ReferenceRead)?;
    let mut cursor = decode_cursor(q.cursor.as_deref())?;
    let scope = Scope {
        task_objects: log::open_task_objects(state.store.reader(), me.user.id).await?,
        assigned: log::assigned_objects(state.store.reader(), me.user.id).await?,
    };
    let mut changes = Vec::new();
    let mut scanned = 0;
    let mut more = false;
    'scan: loop {
        let batch = log::changes_after(state.store.reader(), cursor, 500).await?;
        if batch.is_empty() {
            break;
        }
        for c in &batch {
            if changes.len() >= limit || scanned >= MAX_SCANNED {
                more = true;
                break 'scan;
            }
            changes_of(&state, &me, &scope, c, &mut changes).await?;
            cursor = c.seq;
            scanned += 1;
        }
    }
    Ok(Json(PullAnswer {
        cursor: encode_cursor(cursor),
        more,
        changes,
    }))
}

// ---------------------------------------------------------------- outbox import

/// The file the app exports when it cannot sync (last resort).
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutboxFile {
    /// Always `fito-outbox`.
    pub format: String,
    /// Always 1.
    pub version: i64,
    pub device_id: Option<String>,
    pub exported_at: Option<chrono::DateTime<chrono::Utc>>,
    pub user_id: Uuid,
    pub records: Vec<Record>,
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
    me.require(Action::SyncOutboxImport)?;
    let file: OutboxFile = json_body(&headers, &body)?;
    if file.format != "fito-outbox" || file.version != 1 {
        return Err(AppError::unprocessable("sync-outbox-format"));
    }
    let user = fito_store::users::get(state.store.reader(), file.user_id)
        .await?
        .ok_or_else(|| AppError::not_found("user-not-found"))?;
    let path = match user.organization_id {
        Some(id) => state.org_path(id).await?,
        None => None,
    };
    me.require_in(Action::SyncOutboxImport, path.as_deref(), "user-not-found")?;
    if user.status != fito_store::users::STATUS_ACTIVE {
        return Err(AppError::unprocessable("sync-outbox-user-inactive"));
    }
    let parsed = parse_batch(&file.records)?;
    let device = file
        .device_id
        .as_deref()
        .map(|d| d.chars().take(200).collect::<String>());
    let actor = me.acting_as(&state, user, device.clone()).await?;
    let results = apply_batch(&state, &actor, file.records, parsed).await?;
    let count = |s: fn(&Status) -> bool| results.iter().filter(|r| s(&r.status)).count();
    let entry = me
        .entry(
            "sync.outbox_import",
            Some("user"),
            Some(file.user_id.to_string()),
        )
        .details(json!({
            "device_id": device,
            "exported_at": file.exported_at,
            "records": results.len(),
            "applied": count(|s| matches!(s, Status::Applied)),
            "unchanged": count(|s| matches!(s, Status::Unchanged)),
            "conflict": count(|s| matches!(s, Status::Conflict)),
            "rejected": count(|s| matches!(s, Status::Rejected)),
        }));
    let txn = state.store.begin().await?;
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok(Json(PushAnswer { results }))
}
