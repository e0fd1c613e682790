//! A batch of records made offline (R-MOB-2). The whole batch is checked before
//! anything is written; then each record answers on its own: applied, unchanged (a
//! replay), conflict (changed on the server since the version it was made on) or
//! rejected. Nothing is lost by sending a batch twice.

use crate::app::acts::drafts::{self, ActChange, NewAct};
use crate::app::acts::{MeasureInput, PartyInput};
use crate::app::json::parse_json;
use crate::app::objects::ObjectInput;
use crate::app::objects::sync::Pushed;
use crate::app::samples::TakeInput;
use crate::app::surveys::{Recorded, SurveyInput};
use crate::app::{Actor, App, AppError, SameRecord};
use fito_core::Action;
use fito_store::acts::Act;
use fito_store::fieldwork::{self, Survey};
use fito_store::objects::Object;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;
use uuid::Uuid;

/// At most this many records in one push.
pub const MAX_RECORDS: usize = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Object,
    Survey,
    ActDraft,
    /// A laboratory sample taken with a finding (issue 14).
    Sample,
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
    Sample(Box<TakeInput>),
}

/// A batch whose every record parsed.
pub struct Batch(Vec<(Record, Parsed)>);

/// The server's copy of a record in conflict.
pub enum ServerCopy {
    Object(Box<Object>),
    Survey(Box<Survey>),
    Act(Box<Act>),
}

impl ServerCopy {
    pub fn version(&self) -> i64 {
        match self {
            ServerCopy::Object(o) => o.version,
            ServerCopy::Survey(s) => s.version,
            ServerCopy::Act(a) => a.version,
        }
    }
}

/// What a record came to; the version is the server's after it.
pub enum Outcome {
    Applied(i64),
    Unchanged(i64),
    Conflict(ServerCopy),
}

/// One record's answer: its outcome, or why it was refused.
pub struct Answer {
    pub id: Uuid,
    pub kind: Kind,
    pub result: Result<Outcome, AppError>,
}

impl Answer {
    /// applied, unchanged, conflict or rejected.
    pub fn status(&self) -> &'static str {
        match &self.result {
            Ok(Outcome::Applied(_)) => "applied",
            Ok(Outcome::Unchanged(_)) => "unchanged",
            Ok(Outcome::Conflict(_)) => "conflict",
            Err(_) => "rejected",
        }
    }
}

/// Checks a whole batch before anything is written: a malformed record refuses the
/// batch, naming the record, so nothing of it is applied.
pub fn check(records: Vec<Record>) -> Result<Batch, AppError> {
    if records.len() > MAX_RECORDS {
        return Err(AppError::unprocessable("sync-batch-too-large").with("max", MAX_RECORDS));
    }
    let mut checked = Vec::with_capacity(records.len());
    for (i, r) in records.into_iter().enumerate() {
        let bytes = serde_json::to_vec(&r.data).map_err(|_| AppError::internal())?;
        let named = |e: AppError| e.with("record", i + 1);
        let parsed = match r.kind {
            Kind::Object => Parsed::Object(Box::new(parse_json(&bytes).map_err(named)?)),
            Kind::Survey => Parsed::Survey(Box::new(parse_json(&bytes).map_err(named)?)),
            Kind::ActDraft => Parsed::ActDraft(Box::new(parse_json(&bytes).map_err(named)?)),
            Kind::Sample => Parsed::Sample(Box::new(parse_json(&bytes).map_err(named)?)),
        };
        checked.push((r, parsed));
    }
    Ok(Batch(checked))
}

/// Send records made offline, as `actor`: each in its own unit of work. A failure of
/// the server (not of a record) stops the batch; the app sends it again later, and
/// what was applied then answers `unchanged`.
pub async fn push(app: &App, actor: &Actor, batch: Batch) -> Result<Vec<Answer>, AppError> {
    let mut answers = Vec::with_capacity(batch.0.len());
    for (r, parsed) in batch.0 {
        let result = match parsed {
            Parsed::Object(data) => object(app, actor, r.id, r.base_version, *data).await,
            Parsed::Survey(data) => survey(app, actor, r.id, r.base_version, *data).await,
            Parsed::ActDraft(data) => act(app, actor, r.id, r.base_version, *data).await,
            Parsed::Sample(data) => sample(app, actor, r.id, *data).await,
        };
        let result = match result {
            Err(e) if e.is_server_error() => return Err(e),
            result => result,
        };
        let answer = Answer {
            id: r.id,
            kind: r.kind,
            result,
        };
        app.metrics.sync_record(answer.status());
        answers.push(answer);
    }
    Ok(answers)
}

fn id_matches(given: Option<Uuid>, id: Uuid) -> Result<(), AppError> {
    match given {
        Some(g) if g != id => Err(AppError::unprocessable("sync-record-id-mismatch")),
        _ => Ok(()),
    }
}

async fn object(
    app: &App,
    actor: &Actor,
    id: Uuid,
    base: Option<i64>,
    data: ObjectInput,
) -> Result<Outcome, AppError> {
    id_matches(data.id, id)?;
    Ok(
        match crate::app::objects::sync::push(app, actor, id, base, data).await? {
            Pushed::Applied(version) => Outcome::Applied(version),
            Pushed::Unchanged(version) => Outcome::Unchanged(version),
            Pushed::Conflict(current) => Outcome::Conflict(ServerCopy::Object(current)),
        },
    )
}

async fn survey(
    app: &App,
    actor: &Actor,
    id: Uuid,
    base: Option<i64>,
    mut data: SurveyInput,
) -> Result<Outcome, AppError> {
    use crate::app::surveys;
    id_matches(data.id, id)?;
    data.id = Some(id);
    actor.require(Action::SurveyRecord)?;
    let Some(current) = fieldwork::survey(app.store.reader(), id).await? else {
        if base.is_some() {
            return Err(AppError::not_found("survey-not-found"));
        }
        return match surveys::record(app, actor, data.clone()).await {
            Ok(Recorded::Created(saved)) => Ok(Outcome::Applied(saved.version)),
            Ok(Recorded::AlreadyThere(saved)) => Ok(Outcome::Unchanged(saved.version)),
            // Written meanwhile by a parallel request: answer as for a stored one.
            Err(e) if e.code == "survey-id-taken" => {
                Box::pin(survey(app, actor, id, base, data)).await
            }
            Err(e) => Err(e),
        };
    };
    let current = surveys::in_scope(app, actor, current.id, Action::SurveyRecord).await?;
    if current.inspector_id != actor.user.id {
        return Err(AppError::conflict("survey-id-taken"));
    }
    if current.same_record(&surveys::check(app, actor, id, &data).await?) {
        return Ok(Outcome::Unchanged(current.version));
    }
    let Some(base) = base.filter(|b| *b == current.version) else {
        return Ok(Outcome::Conflict(ServerCopy::Survey(Box::new(current))));
    };
    data.version = Some(base);
    match surveys::replace(app, actor, id, data).await {
        Ok(saved) => Ok(Outcome::Applied(saved.version)),
        Err(e) if e.code == "survey-version-conflict" => {
            let now = fieldwork::survey(app.store.reader(), id)
                .await?
                .ok_or_else(AppError::internal)?;
            Ok(Outcome::Conflict(ServerCopy::Survey(Box::new(now))))
        }
        Err(e) => Err(e),
    }
}

async fn act(
    app: &App,
    actor: &Actor,
    id: Uuid,
    base: Option<i64>,
    data: ActDraftData,
) -> Result<Outcome, AppError> {
    actor.require(Action::ActDraft)?;
    let new_act = |d: &ActDraftData| NewAct {
        id: Some(id),
        act_type: d.act_type.clone(),
        language: d.language.clone(),
        location: d.location.clone(),
        conclusions: d.conclusions.clone(),
        measures: d.measures.clone().unwrap_or_default(),
        parties: d.parties.clone().unwrap_or_default(),
    };
    let Some(current) = fito_store::acts::act(app.store.reader(), id).await? else {
        if base.is_some() {
            return Err(AppError::not_found("act-not-found"));
        }
        return match drafts::create(app, actor, data.survey_id, new_act(&data)).await {
            Ok(saved) => Ok(Outcome::Applied(saved.version)),
            Err(e) if e.code == "act-id-taken" => Box::pin(act(app, actor, id, base, data)).await,
            Err(e) => Err(e),
        };
    };
    let current = crate::app::acts::in_scope(app, actor, current.id, Action::ActDraft).await?;
    if current.inspector_id != actor.user.id {
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
        let wanted = drafts::drafted(app, actor, data.survey_id, new_act(&data)).await?;
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
    if base != Some(current.version) {
        return Ok(Outcome::Conflict(ServerCopy::Act(Box::new(current))));
    }
    match drafts::edit(app, actor, &current, change).await {
        Ok(saved) => Ok(Outcome::Applied(saved.version)),
        Err(e) if e.code == "act-version-conflict" => {
            let now = fito_store::acts::act(app.store.reader(), id)
                .await?
                .ok_or_else(AppError::internal)?;
            Ok(Outcome::Conflict(ServerCopy::Act(Box::new(now))))
        }
        Err(e) => Err(e),
    }
}

/// A sample is only ever taken offline, never edited there: a stored one (the same
/// number on the same survey) answers `unchanged`.
async fn sample(app: &App, actor: &Actor, id: Uuid, data: TakeInput) -> Result<Outcome, AppError> {
    id_matches(Some(data.id), id)?;
    let before = fito_store::samples::get(app.store.reader(), id).await?;
    let (number, survey_id) = (data.number.clone(), data.survey_id);
    match crate::app::samples::take(app, actor, data).await {
        Ok(s) if before.is_some() => Ok(Outcome::Unchanged(s.version)),
        Ok(s) => Ok(Outcome::Applied(s.version)),
        // Written meanwhile by a parallel request: answer as for a stored one.
        Err(e) if e.code == "sample-id-taken" => {
            match fito_store::samples::get(app.store.reader(), id).await? {
                Some(s) if s.number == number.trim() && s.survey_id == survey_id => {
                    Ok(Outcome::Unchanged(s.version))
                }
                _ => Err(e),
            }
        }
        Err(e) => Err(e),
    }
}
