//! Making an act from a survey and editing it while it is a draft or returned
//! (R-ACT-1). A signed act never changes: the attempt is refused and journalled
//! (R-ACT-3).

use super::workflow::refuse_frozen;
use super::{ActContent, MeasureInput, PartyInput, in_scope, parse_language, parse_type};
use crate::app::{Actor, App, AppError, EntryExt, SameRecord};
use fito_core::{ActStatus, Action};
use fito_store::StoreError;
use fito_store::acts::{self, Act};
use fito_store::fieldwork;
use fito_store::time::now_us;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewAct {
    /// The client's UUIDv7 (drafted offline); the server makes one if absent.
    pub id: Option<Uuid>,
    /// quarantine-survey, crop-monitoring, sampling or prescription
    pub act_type: String,
    /// kk (default), ru or kk-ru
    pub language: Option<String>,
    pub location: Option<String>,
    pub conclusions: Option<String>,
    #[serde(default)]
    pub measures: Vec<MeasureInput>,
    #[serde(default)]
    pub parties: Vec<PartyInput>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActChange {
    /// The version the change was made on.
    pub version: i64,
    pub language: Option<String>,
    pub location: Option<String>,
    pub conclusions: Option<String>,
    pub measures: Option<Vec<MeasureInput>>,
    pub parties: Option<Vec<PartyInput>>,
    /// Take the points and findings again from the survey (after correcting it).
    #[serde(default)]
    pub refresh_from_survey: bool,
}

/// A checked draft, not yet written: what [`create`] writes, and what a draft sent
/// again is compared with.
pub struct Draft(Act);

/// Makes an act from a survey (its inspector), pre-filled from the survey.
pub async fn create(
    app: &App,
    actor: &Actor,
    survey_id: Uuid,
    input: NewAct,
) -> Result<Act, AppError> {
    let Draft(act) = drafted(app, actor, survey_id, input).await?;
    let mut unit = app.begin().await?;
    let saved = match acts::insert_act(unit.tx(), act).await {
        Err(StoreError::Conflict(_)) => return Err(AppError::conflict("act-id-taken")),
        other => other?,
    };
    unit.journal(
        actor
            .entry("act.create", Some("act"), Some(saved.id.to_string()))
            .details(json!({ "survey": survey_id, "type": saved.act_type })),
    );
    unit.commit().await?;
    Ok(saved)
}

/// The checked, not yet written draft that `input` makes from the survey.
pub async fn drafted(
    app: &App,
    actor: &Actor,
    survey_id: Uuid,
    input: NewAct,
) -> Result<Draft, AppError> {
    let survey = crate::app::surveys::in_scope(app, actor, survey_id, Action::ActDraft).await?;
    if survey.inspector_id != actor.id() {
        return Err(AppError::refused("survey-not-yours"));
    }
    let act_type = parse_type(&input.act_type)?;
    let language = parse_language(input.language.as_deref().unwrap_or("kk"))?;
    let mut content = ActContent::from_survey(&survey, None);
    content.location = input.location.unwrap_or_default();
    content.conclusions = input.conclusions.unwrap_or_default();
    content.measures = input.measures;
    content.parties = input.parties;
    content.check()?;
    let now = now_us();
    Ok(Draft(Act {
        rid: 0,
        id: input.id.unwrap_or_else(fito_core::new_id),
        organization_id: survey.organization_id,
        survey_id,
        object_id: survey.object_id,
        inspector_id: actor.id(),
        act_type: act_type.slug().into(),
        language: language.tag().into(),
        status: ActStatus::Draft,
        registry_year: None,
        registry_seq: None,
        registry_number: None,
        content: content.stored()?,
        frozen: None,
        pdf_sha256: None,
        content_sha256: None,
        version: 1,
        created_at: now,
        updated_at: now,
    }))
}

/// Edits a draft or returned act (its inspector).
pub async fn update(
    app: &App,
    actor: &Actor,
    id: Uuid,
    change: ActChange,
) -> Result<Act, AppError> {
    let current = in_scope(app, actor, id, Action::ActDraft).await?;
    edit(app, actor, &current, change).await
}

/// Edits `current`, read in the actor's scope, as `change` says.
pub async fn edit(
    app: &App,
    actor: &Actor,
    current: &Act,
    change: ActChange,
) -> Result<Act, AppError> {
    let version = change.version;
    let changed = edited(app, actor, current, change).await?;
    let mut unit = app.begin().await?;
    let saved = match acts::update_act(unit.tx(), changed, version).await {
        Err(StoreError::Conflict(_)) => return Err(AppError::conflict("act-version-conflict")),
        other => other?,
    };
    unit.journal(actor.entry("act.update", Some("act"), Some(current.id.to_string())));
    unit.commit().await?;
    Ok(saved)
}

/// The act as `change` would leave it, after the checks that the actor may edit it.
async fn edited(app: &App, actor: &Actor, a: &Act, change: ActChange) -> Result<Act, AppError> {
    if a.status.frozen() {
        refuse_frozen(actor, a, "act.update").await?;
        return Err(AppError::conflict("act-frozen"));
    }
    if a.inspector_id != actor.id() {
        return Err(AppError::refused("act-not-yours"));
    }
    if !a.status.editable() {
        return Err(AppError::conflict("act-not-editable").with("status", a.status.as_str()));
    }
    let mut content = ActContent::of(a)?;
    if change.refresh_from_survey {
        let survey = fieldwork::survey(app.store.reader(), a.survey_id)
            .await?
            .ok_or_else(AppError::internal)?;
        content = ActContent::from_survey(&survey, Some(content));
    }
    content.apply(&change);
    content.check()?;
    let mut changed = a.clone();
    if let Some(l) = &change.language {
        changed.language = parse_language(l)?.tag().into();
    }
    changed.content = content.stored()?;
    changed.updated_at = now_us();
    Ok(changed)
}

impl ActContent {
    /// Takes the fields `change` gives.
    fn apply(&mut self, change: &ActChange) {
        if let Some(v) = &change.location {
            self.location = v.clone();
        }
        if let Some(v) = &change.conclusions {
            self.conclusions = v.clone();
        }
        if let Some(v) = &change.measures {
            self.measures = v.clone();
        }
        if let Some(v) = &change.parties {
            self.parties = v.clone();
        }
    }
}

/// An edit sent again: it would leave the act's editable fields as they are.
impl SameRecord<ActChange> for Act {
    fn same_record(&self, change: &ActChange) -> bool {
        let Ok(current) = ActContent::of(self) else {
            return false;
        };
        let mut content = current.clone();
        content.apply(change);
        if content.check().is_err() {
            return false;
        }
        let same_language = match &change.language {
            Some(l) => parse_language(l).is_ok_and(|l| l.tag() == self.language),
            None => true,
        };
        same_language && !change.refresh_from_survey && content == current
    }
}

/// A draft sent again: same survey, type and language, and the same in what its
/// inspector wrote.
impl SameRecord<Draft> for Act {
    fn same_record(&self, Draft(draft): &Draft) -> bool {
        let written = |x: &Act| {
            ActContent::of(x)
                .ok()
                .map(|c| (c.location, c.conclusions, c.measures, c.parties))
        };
        self.survey_id == draft.survey_id
            && self.act_type == draft.act_type
            && self.language == draft.language
            && written(draft).is_some()
            && written(draft) == written(self)
    }
}
