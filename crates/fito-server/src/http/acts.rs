//! Inspection acts (R-ACT-1..3): made from a survey, edited as a draft by their
//! inspector, moved through draft → submitted → approved / returned → signed →
//! registered (fito-core's workflow), rendered to PDF by fito-acts (frozen from
//! approval on), signed by the inspector with the NCA RK e-signature over that PDF,
//! and never changed again.

use super::views::{Disposition, file_response, optional_text, required_text};
use crate::app::Actor;
use crate::app::EntryExt;
use crate::app::surveys::PointInput;
use crate::app::{AppError, Kind};
use crate::app::{files, notify};
use crate::http::extract::{ApiJson, ApiQuery};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use fito_acts::{ActDocument, ActLanguage, ActType};
use fito_core::{ActStatus, ActStep, Action};
use fito_store::esign::ActSignature;
use fito_store::fieldwork::{self, Act, ActEvent, ActFilter, Page};
use fito_store::time::{from_datetime, now_us, to_datetime};
use fito_store::{objects, orgs, reference, users};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureInput {
    pub text: String,
    pub deadline: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyInput {
    /// owner_representative or witness
    pub role: String,
    pub name: String,
    pub position: String,
}

/// What the inspector writes on the act; the rest comes from the register, the
/// survey and the people involved.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, ToSchema)]
pub struct ActContent {
    /// Free-text location: district, rural okrug, landmark.
    pub location: String,
    pub conclusions: String,
    pub measures: Vec<MeasureInput>,
    /// The owner's representative and witnesses present.
    pub parties: Vec<PartyInput>,
    /// The survey as it was when the act was made (or last refreshed from it).
    pub surveyed_at: DateTime<Utc>,
    pub crop: Option<String>,
    pub growth_phase: Option<String>,
    pub points: Vec<PointInput>,
}

#[derive(Serialize, ToSchema)]
pub struct ActView {
    pub id: Uuid,
    pub organization_id: Uuid,
    pub survey_id: Uuid,
    pub object_id: Option<Uuid>,
    pub inspector_id: Uuid,
    /// quarantine-survey, crop-monitoring, sampling or prescription
    pub act_type: String,
    /// kk, ru or kk-ru
    pub language: String,
    /// draft, submitted, approved, returned, signed or registered
    pub status: String,
    /// Given at approval: per organisation and year, without gaps.
    pub registry_number: Option<String>,
    pub content: ActContent,
    /// SHA-256 of the signed PDF, once signed.
    pub pdf_sha256: Option<String>,
    /// SHA-256 of the act's content, as in its QR code, once signed.
    pub content_sha256: Option<String>,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub(crate) fn view(a: &Act) -> Result<ActView, AppError> {
    Ok(ActView {
        id: a.id,
        organization_id: a.organization_id,
        survey_id: a.survey_id,
        object_id: a.object_id,
        inspector_id: a.inspector_id,
        act_type: a.act_type.clone(),
        language: a.language.clone(),
        status: a.status.clone(),
        registry_number: a.registry_number.clone(),
        content: serde_json::from_str(&a.content).map_err(|_| AppError::internal())?,
        pdf_sha256: a.pdf_sha256.clone(),
        content_sha256: a.content_sha256.clone(),
        version: a.version,
        created_at: to_datetime(a.created_at),
        updated_at: to_datetime(a.updated_at),
    })
}

fn parse_type(s: &str) -> Result<ActType, AppError> {
    serde_json::from_value(Value::String(s.to_string()))
        .map_err(|_| AppError::unprocessable("act-type-unknown"))
}

fn parse_language(s: &str) -> Result<ActLanguage, AppError> {
    serde_json::from_value(Value::String(s.to_string()))
        .map_err(|_| AppError::unprocessable("act-language-unknown"))
}

fn status_of(a: &Act) -> Result<ActStatus, AppError> {
    ActStatus::parse(&a.status).ok_or_else(AppError::internal)
}

fn check_content(c: &mut ActContent) -> Result<(), AppError> {
    c.location = optional_text("location", Some(&c.location), 500)?.unwrap_or_default();
    c.conclusions = optional_text("conclusions", Some(&c.conclusions), 20_000)?.unwrap_or_default();
    if c.measures.len() > 100 || c.parties.len() > 20 {
        return Err(AppError::unprocessable("act-too-many-entries"));
    }
    for m in &mut c.measures {
        m.text = required_text("measures.text", &m.text, 4000)?;
    }
    for p in &mut c.parties {
        if !matches!(p.role.as_str(), "owner_representative" | "witness") {
            return Err(AppError::unprocessable("act-party-role-unknown"));
        }
        p.name = required_text("parties.name", &p.name, 300)?;
        p.position = optional_text("parties.position", Some(&p.position), 300)?.unwrap_or_default();
    }
    Ok(())
}

fn content_from_survey(s: &fito_store::fieldwork::Survey, keep: Option<ActContent>) -> ActContent {
    let points: Vec<PointInput> = serde_json::from_str(&s.points).unwrap_or_default();
    let base = keep.unwrap_or(ActContent {
        location: String::new(),
        conclusions: String::new(),
        measures: Vec::new(),
        parties: Vec::new(),
        surveyed_at: to_datetime(s.surveyed_at),
        crop: None,
        growth_phase: None,
        points: Vec::new(),
    });
    ActContent {
        surveyed_at: to_datetime(s.surveyed_at),
        crop: s.crop_code.clone(),
        growth_phase: s.growth_phase.clone(),
        points,
        ..base
    }
}

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

/// Make an act from a survey (its inspector), pre-filled from the survey.
#[utoipa::path(post, path = "/api/v1/surveys/{id}/acts", tag = "acts", params(("id" = Uuid, Path)), request_body = NewAct,
    responses((status = 201, body = ActView)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("act.draft"))))]
pub async fn create(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(survey_id): Path<Uuid>,
    ApiJson(body): ApiJson<NewAct>,
) -> Result<(StatusCode, Json<ActView>), AppError> {
    let act = drafted(&state, &me, survey_id, body).await?;
    let saved = insert_draft(&state, &me, act).await?;
    Ok((StatusCode::CREATED, Json(view(&saved)?)))
}

/// The checked, not yet written draft that `body` makes from the survey.
pub(crate) async fn drafted(
    state: &AppState,
    me: &Actor,
    survey_id: Uuid,
    body: NewAct,
) -> Result<Act, AppError> {
    let survey = crate::app::surveys::in_scope(state, me, survey_id, Action::ActDraft).await?;
    if survey.inspector_id != me.user.id {
        return Err(AppError::refused("survey-not-yours"));
    }
    let act_type = parse_type(&body.act_type)?;
    let language = parse_language(body.language.as_deref().unwrap_or("kk"))?;
    let mut content = content_from_survey(&survey, None);
    content.location = body.location.unwrap_or_default();
    content.conclusions = body.conclusions.unwrap_or_default();
    content.measures = body.measures;
    content.parties = body.parties;
    check_content(&mut content)?;
    let now = now_us();
    let act = Act {
        rid: 0,
        id: body.id.unwrap_or_else(fito_core::new_id),
        organization_id: survey.organization_id,
        survey_id,
        object_id: survey.object_id,
        inspector_id: me.user.id,
        act_type: act_type.slug().into(),
        language: language.tag().into(),
        status: ActStatus::Draft.as_str().into(),
        registry_year: None,
        registry_seq: None,
        registry_number: None,
        content: serde_json::to_string(&content).map_err(|_| AppError::internal())?,
        frozen: None,
        pdf_sha256: None,
        content_sha256: None,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    Ok(act)
}

/// Writes a new draft with its history line and journal entry.
pub(crate) async fn insert_draft(state: &AppState, me: &Actor, act: Act) -> Result<Act, AppError> {
    let now = act.created_at;
    let survey_id = act.survey_id;
    let txn = state.store.begin().await?;
    let saved = match fieldwork::insert_act(&txn, act).await {
        Err(fito_store::StoreError::Conflict(_)) => return Err(AppError::conflict("act-id-taken")),
        other => other?,
    };
    fieldwork::add_event(
        &txn,
        ActEvent {
            rid: 0,
            act_id: saved.id,
            step: "create".into(),
            from_status: None,
            to_status: saved.status.clone(),
            actor_id: me.user.id,
            comment: None,
            at: now,
        },
    )
    .await?;
    let entry = me
        .entry("act.create", Some("act"), Some(saved.id.to_string()))
        .details(json!({ "survey": survey_id, "type": saved.act_type }));
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok(saved)
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

/// Edit a draft or returned act (its inspector). A signed act never changes: the
/// attempt is refused (409 act-frozen) and journalled.
#[utoipa::path(patch, path = "/api/v1/acts/{id}", tag = "acts", params(("id" = Uuid, Path)), request_body = ActChange,
    responses((status = 200, body = ActView), (status = 409, description = "act-frozen, act-not-editable, act-version-conflict")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("act.draft"))))]
pub async fn update(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ActChange>,
) -> Result<Json<ActView>, AppError> {
    let a = crate::app::acts::in_scope(&state, &me, id, Action::ActDraft).await?;
    let version = body.version;
    let changed = edited(&state, &me, &a, body).await?;
    let saved = save_edit(&state, &me, changed, version).await?;
    Ok(Json(view(&saved)?))
}

/// The act as `body` would leave it, after the checks that it may be edited by `me`.
pub(crate) async fn edited(
    state: &AppState,
    me: &Actor,
    a: &Act,
    body: ActChange,
) -> Result<Act, AppError> {
    let status = status_of(a)?;
    if status.frozen() {
        refuse_frozen(state, me, a, "act.update").await?;
        return Err(AppError::conflict("act-frozen"));
    }
    if a.inspector_id != me.user.id {
        return Err(AppError::refused("act-not-yours"));
    }
    if !status.editable() {
        return Err(AppError::conflict("act-not-editable").with("status", status.as_str()));
    }
    let mut content: ActContent =
        serde_json::from_str(&a.content).map_err(|_| AppError::internal())?;
    if body.refresh_from_survey {
        let survey = fieldwork::survey(state.store.reader(), a.survey_id)
            .await?
            .ok_or_else(AppError::internal)?;
        content = content_from_survey(&survey, Some(content));
    }
    if let Some(v) = body.location {
        content.location = v;
    }
    if let Some(v) = body.conclusions {
        content.conclusions = v;
    }
    if let Some(v) = body.measures {
        content.measures = v;
    }
    if let Some(v) = body.parties {
        content.parties = v;
    }
    check_content(&mut content)?;
    let mut changed = a.clone();
    if let Some(l) = &body.language {
        changed.language = parse_language(l)?.tag().into();
    }
    changed.content = serde_json::to_string(&content).map_err(|_| AppError::internal())?;
    changed.updated_at = now_us();
    Ok(changed)
}

/// Writes an edited draft made on `version`, with its journal entry.
pub(crate) async fn save_edit(
    state: &AppState,
    me: &Actor,
    changed: Act,
    version: i64,
) -> Result<Act, AppError> {
    let id = changed.id;
    let txn = state.store.begin().await?;
    let saved = save(&txn, changed, version).await?;
    fito_store::audit::append(
        &txn,
        vec![me.entry("act.update", Some("act"), Some(id.to_string()))],
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

async fn save<C: fito_store::Conn>(txn: &C, a: Act, expected: i64) -> Result<Act, AppError> {
    match fieldwork::update_act(txn, a, expected).await {
        Err(fito_store::StoreError::Conflict(_)) => Err(AppError::conflict("act-version-conflict")),
        other => Ok(other?),
    }
}

/// R-ACT-3: a refused attempt to change a signed act is kept in the journal.
async fn refuse_frozen(
    state: &AppState,
    me: &Actor,
    a: &Act,
    action: &str,
) -> Result<(), AppError> {
    state
        .audit
        .record(
            me.entry(action, Some("act"), Some(a.id.to_string()))
                .outcome("refused")
                .details(json!({ "reason": "act-frozen", "status": a.status })),
        )
        .await?;
    Ok(())
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepInput {
    /// The version the step was decided on.
    pub version: i64,
    /// Required when returning an act: what to correct.
    pub comment: Option<String>,
}

macro_rules! step_endpoint {
    ($name:ident, $path:literal, $action:literal, $step:expr, $doc:literal) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $path, tag = "acts", params(("id" = Uuid, Path)), request_body = StepInput,
            responses((status = 200, body = ActView), (status = 409, description = "act-step-not-allowed, act-version-conflict")),
            security(("bearer" = [])), extensions(("x-fito-action" = json!($action))))]
        pub async fn $name(
            State(state): State<AppState>,
            me: CurrentUser,
            Path(id): Path<Uuid>,
            ApiJson(body): ApiJson<StepInput>,
        ) -> Result<Json<ActView>, AppError> {
            take_step(&state, &me, id, $step, body).await
        }
    };
}

step_endpoint!(
    submit,
    "/api/v1/acts/{id}/submit",
    "act.submit",
    ActStep::Submit,
    "Hand a draft (or a returned act) to the Head (its inspector)."
);
step_endpoint!(
    approve,
    "/api/v1/acts/{id}/approve",
    "act.review",
    ActStep::Approve,
    "Approve a submitted act (a Head); it gets its registry number."
);
step_endpoint!(
    return_act,
    "/api/v1/acts/{id}/return",
    "act.review",
    ActStep::Return,
    "Return a submitted act to its inspector with comments (a Head)."
);
step_endpoint!(
    register,
    "/api/v1/acts/{id}/register",
    "act.register",
    ActStep::Register,
    "Register a signed act (an operator)."
);

async fn take_step(
    state: &AppState,
    me: &Actor,
    id: Uuid,
    step: ActStep,
    body: StepInput,
) -> Result<Json<ActView>, AppError> {
    let a = crate::app::acts::in_scope(state, me, id, step.action()).await?;
    take_step_on(state, me, a, step, body, None).await
}

/// Checks that `step` may be taken on `a` by `me` now: the author rule, the workflow
/// and the version. A refused move on a signed act is journalled (R-ACT-3).
async fn check_step(
    state: &AppState,
    me: &Actor,
    a: &Act,
    step: ActStep,
    version: i64,
) -> Result<(ActStatus, ActStatus), AppError> {
    let from = status_of(a)?;
    if step.authors_only() && a.inspector_id != me.user.id {
        return Err(AppError::refused("act-not-yours"));
    }
    let Some(to) = step.from(from) else {
        if from.frozen() {
            refuse_frozen(state, me, a, &format!("act.{}", step.as_str())).await?;
        }
        return Err(AppError::conflict("act-step-not-allowed")
            .with("step", step.as_str())
            .with("status", from.as_str()));
    };
    if a.version != version {
        return Err(AppError::conflict("act-version-conflict"));
    }
    Ok((from, to))
}

async fn take_step_on(
    state: &AppState,
    me: &Actor,
    a: Act,
    step: ActStep,
    body: StepInput,
    signature: Option<ActSignature>,
) -> Result<Json<ActView>, AppError> {
    let id = a.id;
    let (from, to) = check_step(state, me, &a, step, body.version).await?;
    let comment = optional_text("comment", body.comment.as_deref(), 4000)?;
    if step == ActStep::Return && comment.is_none() {
        return Err(AppError::unprocessable("act-return-comment-required"));
    }
    let now = now_us();
    let mut changed = a.clone();
    changed.status = to.as_str().into();
    changed.updated_at = now;
    let txn = state.store.begin().await?;
    if let Some(sig) = signature {
        fito_store::esign::insert_act_signature(&txn, sig).await?;
    }
    if step == ActStep::Approve {
        let year = to_datetime(now).with_timezone(&almaty()).year();
        let seq = fieldwork::next_registry_seq(&txn, a.organization_id, year).await?;
        changed.registry_year = Some(year);
        changed.registry_seq = Some(seq);
        changed.registry_number = Some(format!("{year}/{seq:06}"));
    }
    let saved = save(&txn, changed, body.version).await?;
    fieldwork::add_event(
        &txn,
        ActEvent {
            rid: 0,
            act_id: id,
            step: step.as_str().into(),
            from_status: Some(from.as_str().into()),
            to_status: to.as_str().into(),
            actor_id: me.user.id,
            comment: comment.clone(),
            at: now,
        },
    )
    .await?;
    let number = saved.registry_number.clone().unwrap_or_default();
    let target = || notify::Target { kind: "act", id };
    let path = state.org_path(a.organization_id).await?.unwrap_or_default();
    let heads = notify::heads_over(state, &path).await?;
    let sent = match step {
        ActStep::Submit | ActStep::Sign => {
            let kind = if step == ActStep::Submit {
                "act-submitted"
            } else {
                "act-signed"
            };
            notify::send(&txn, &heads, kind, &[("number", number)], target()).await?
        }
        ActStep::Approve | ActStep::Return | ActStep::Register => {
            let kind = format!("act-{}", to.as_str());
            notify::send(
                &txn,
                &[a.inspector_id],
                &kind,
                &[("number", number)],
                target(),
            )
            .await?
        }
    };
    let entry = me
        .entry(&format!("act.{}", step.as_str()), Some("act"), Some(id.to_string()))
        .details(json!({ "from": from.as_str(), "to": to.as_str(), "registry_number": saved.registry_number, "signed": step == ActStep::Sign }));
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    state.live.notified(sent).await;
    // Everyone the act concerns sees its new status live: its inspector, the
    // Heads who review it, and whoever took the step.
    let mut concerned = heads;
    concerned.extend([a.inspector_id, me.user.id]);
    state.live.act(id, &concerned).await;
    if step == ActStep::Approve {
        // The PDF the inspector will sign is made now, once; if this fails it is
        // made on the first download instead.
        match frozen_pdf(state, &saved).await {
            Ok((frozen, _)) => return Ok(Json(view(&frozen)?)),
            Err(e) => tracing::warn!(act = %id, code = e.code, "act PDF not frozen at approval"),
        }
    }
    Ok(Json(view(&saved)?))
}

/// The act's PDF and the act as it now is. From approval on, the PDF is made once,
/// stored by its SHA-256 with the rendering input frozen beside it, and served from
/// the store: what the inspector downloads is what they sign and what is archived.
/// Before approval it is a preview rendered on request.
async fn frozen_pdf(state: &AppState, a: &Act) -> Result<(Act, Vec<u8>), AppError> {
    if let Some(sha) = &a.pdf_sha256 {
        return Ok((a.clone(), files::read_all(state, sha).await?));
    }
    let status = status_of(a)?;
    let document = act_document(state, a, a.updated_at).await?;
    let pdf = render(state, document.clone()).await?;
    if !matches!(
        status,
        ActStatus::Approved | ActStatus::Signed | ActStatus::Registered
    ) {
        return Ok((a.clone(), pdf));
    }
    let sha = files::store_bytes(state, pdf.clone()).await?;
    let frozen = serde_json::to_string(&document).map_err(|_| AppError::internal())?;
    let content = hex::encode(fito_acts::content_hash(&document));
    // Rendering is deterministic: a request racing this one stores the same bytes,
    // and only the first write is kept.
    fieldwork::freeze_act_pdf(state.store.writer(), a.id, &frozen, &sha, &content).await?;
    let a = fieldwork::act(state.store.reader(), a.id)
        .await?
        .ok_or_else(|| AppError::not_found("act-not-found"))?;
    let bytes = match &a.pdf_sha256 {
        Some(stored) if *stored != sha => files::read_all(state, stored).await?,
        _ => pdf,
    };
    Ok((a, bytes))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignInput {
    /// The version the act was signed on.
    pub version: i64,
    /// Base64 of the detached CMS NCALayer made over the act's PDF (from
    /// `GET /api/v1/acts/{id}/pdf`).
    pub cms: String,
}

/// Sign an approved act (its inspector) with the NCA e-signature: a detached CMS
/// over the act's PDF by the inspector's own legal-entity signing key. The CMS is
/// stored beside the PDF and the act is signed for good (R-ACT-2, R-ACT-3).
#[utoipa::path(post, path = "/api/v1/acts/{id}/sign", tag = "acts", params(("id" = Uuid, Path)), request_body = SignInput,
    responses((status = 200, body = ActView),
        (status = 422, description = "signature-not-the-inspector, sign-individual-certificate, sign-digest-mismatch, sign-certificate-revoked …"),
        (status = 409, description = "act-step-not-allowed, act-version-conflict")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("act.sign"))))]
pub async fn sign(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<SignInput>,
) -> Result<Json<ActView>, AppError> {
    use base64::Engine;
    let a = crate::app::acts::in_scope(&state, &me, id, Action::ActSign).await?;
    check_step(&state, &me, &a, ActStep::Sign, body.version).await?;
    let verifiers = state.signatures.current()?;
    let (a, pdf) = frozen_pdf(&state, &a).await?;
    let refuse = |error: AppError| {
        let entry = me
            .entry("act.sign", Some("act"), Some(id.to_string()))
            .outcome(error.code);
        let state = state.clone();
        async move {
            state.audit.record(entry).await?;
            Err::<Json<ActView>, AppError>(error)
        }
    };
    let Ok(cms) = base64::engine::general_purpose::STANDARD.decode(body.cms.trim()) else {
        return refuse(AppError::unprocessable("sign-malformed-input")).await;
    };
    let now = now_us();
    let evidence = state.signatures.ocsp_evidence(&cms, Some(&pdf)).await;
    let verified =
        match verifiers
            .act_signing
            .verify_cms_with(&cms, Some(&pdf), to_datetime(now), &evidence)
        {
            Ok(v) => v,
            Err(r) => return refuse(crate::app::esign::refused(&r)).await,
        };
    let [signer] = verified.signers.as_slice() else {
        return refuse(AppError::unprocessable("signature-one-signer")).await;
    };
    let inspector = users::get(state.store.reader(), a.inspector_id)
        .await?
        .ok_or_else(AppError::internal)?;
    let cert = &signer.certificate;
    if cert.iin.is_none() || cert.iin != inspector.iin {
        return refuse(AppError::unprocessable("signature-not-the-inspector")).await;
    }
    let cms_sha = files::store_bytes(&state, cms).await?;
    let name = [cert.surname.as_deref(), cert.given_name.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let signature = ActSignature {
        act_id: id,
        cms_sha256: cms_sha,
        pdf_sha256: a.pdf_sha256.clone().ok_or_else(AppError::internal)?,
        signer_iin: cert.iin.clone(),
        signer_bin: cert.bin.clone(),
        signer_name: Some(name)
            .filter(|n| !n.is_empty())
            .or(cert.common_name.clone()),
        organization: cert.organization.clone(),
        serial: cert.serial.to_string(),
        issuer: cert.issuer.clone(),
        algorithm: algorithm_name(signer.algorithm).into(),
        valid_from: from_datetime(cert.not_before),
        valid_to: from_datetime(cert.not_after),
        signing_time: signer.signing_time.map(from_datetime),
        signed_at: now,
        signed_by: me.user.id,
    };
    let step = StepInput {
        version: body.version,
        comment: None,
    };
    take_step_on(&state, &me, a, ActStep::Sign, step, Some(signature)).await
}

fn algorithm_name(a: fito_sign::SignatureAlgorithm) -> &'static str {
    match a {
        fito_sign::SignatureAlgorithm::Gost2015_512 => "GOST R 34.10-2015 512 / Streebog-512",
        fito_sign::SignatureAlgorithm::RsaPkcs1v15(_) => "RSA PKCS#1 v1.5 / SHA-2",
    }
}

#[derive(Serialize, ToSchema)]
pub struct SignatureView {
    pub signer_name: Option<String>,
    pub signer_iin: Option<String>,
    pub signer_bin: Option<String>,
    pub organization: Option<String>,
    /// Certificate serial (hex) and issuer.
    pub serial: String,
    pub issuer: String,
    pub algorithm: String,
    pub valid_from: DateTime<Utc>,
    pub valid_to: DateTime<Utc>,
    /// The signing time the signer's software put in the CMS.
    pub signing_time: Option<DateTime<Utc>>,
    /// When the server accepted the signature.
    pub signed_at: DateTime<Utc>,
    pub pdf_sha256: String,
    pub cms_sha256: String,
    /// Whether the stored CMS still verifies over the stored PDF, as of its signing
    /// time, against today's NCA certificates and CRLs.
    pub verifies: bool,
    /// Why not, when it does not: the code and the message in the caller's language.
    pub problem: Option<String>,
    pub problem_message: Option<String>,
}

/// Who signed the act, with which certificate, when, and whether it still verifies.
#[utoipa::path(get, path = "/api/v1/acts/{id}/signature", tag = "acts", params(("id" = Uuid, Path)),
    responses((status = 200, body = SignatureView), (status = 404, description = "act-not-signed")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("act.read"))))]
pub async fn signature(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<SignatureView>, AppError> {
    crate::app::acts::in_scope(&state, &me, id, Action::ActRead).await?;
    let s = fito_store::esign::act_signature(state.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("act-not-signed"))?;
    let cms = files::read_all(&state, &s.cms_sha256).await?;
    let pdf = files::read_all(&state, &s.pdf_sha256).await?;
    let verdict = match state.signatures.current() {
        Ok(v) => v
            .archive
            .verify_cms(&cms, Some(&pdf), to_datetime(s.signed_at))
            .map(|_| ())
            .map_err(|r| r.code()),
        Err(e) => Err(e.code),
    };
    let problem = verdict.err();
    Ok(Json(SignatureView {
        signer_name: s.signer_name,
        signer_iin: s.signer_iin,
        signer_bin: s.signer_bin,
        organization: s.organization,
        serial: s.serial,
        issuer: s.issuer,
        algorithm: s.algorithm,
        valid_from: to_datetime(s.valid_from),
        valid_to: to_datetime(s.valid_to),
        signing_time: s.signing_time.map(to_datetime),
        signed_at: to_datetime(s.signed_at),
        pdf_sha256: s.pdf_sha256,
        cms_sha256: s.cms_sha256,
        verifies: problem.is_none(),
        problem_message: problem.map(|c| state.i18n.message(me.meta.lang, c, &[])),
        problem: problem.map(str::to_string),
    }))
}

/// The act's detached signature (`.p7s`), to check with any CMS tool beside the PDF
/// (`openssl cms -verify -binary -inform DER -content act.pdf …`).
#[utoipa::path(get, path = "/api/v1/acts/{id}/signature.p7s", tag = "acts", params(("id" = Uuid, Path)),
    responses((status = 200, description = "application/pkcs7-signature"), (status = 404, description = "act-not-signed")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("act.read"))))]
pub async fn signature_file(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let a = crate::app::acts::in_scope(&state, &me, id, Action::ActRead).await?;
    let s = fito_store::esign::act_signature(state.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("act-not-signed"))?;
    let cms = files::read_all(&state, &s.cms_sha256).await?;
    Ok(file_response(
        cms.into_response(),
        "application/pkcs7-signature",
        &format!("{}.pdf.p7s", file_stem(&a)),
        Disposition::Attachment,
    ))
}

pub(crate) fn almaty() -> chrono::FixedOffset {
    // Kazakhstan keeps one zone, UTC+5, since March 2024.
    chrono::FixedOffset::east_opt(5 * 3600).expect("valid offset")
}

/// One act.
#[utoipa::path(get, path = "/api/v1/acts/{id}", tag = "acts", params(("id" = Uuid, Path)),
    responses((status = 200, body = ActView), (status = 404, description = "act-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("act.read"))))]
pub async fn get(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<ActView>, AppError> {
    let a = crate::app::acts::in_scope(&state, &me, id, Action::ActRead).await?;
    Ok(Json(view(&a)?))
}

#[derive(Serialize, ToSchema)]
pub struct EventView {
    /// create, submit, approve, return, sign or register
    pub step: String,
    pub from_status: Option<String>,
    pub to_status: String,
    pub actor_id: Uuid,
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
}

/// Every step the act went through, oldest first (R-ACT-2).
#[utoipa::path(get, path = "/api/v1/acts/{id}/history", tag = "acts", params(("id" = Uuid, Path)),
    responses((status = 200, body = Vec<EventView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("act.read"))))]
pub async fn history(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<Vec<EventView>>, AppError> {
    crate::app::acts::in_scope(&state, &me, id, Action::ActRead).await?;
    let events = fieldwork::events(state.store.reader(), id).await?;
    Ok(Json(
        events
            .into_iter()
            .map(|e| EventView {
                step: e.step,
                from_status: e.from_status,
                to_status: e.to_status,
                actor_id: e.actor_id,
                comment: e.comment,
                at: to_datetime(e.at),
            })
            .collect(),
    ))
}

/// The act's PDF: from approval on, the stored bytes the inspector signs; before, a
/// preview rendered now (without a registry number).
#[utoipa::path(get, path = "/api/v1/acts/{id}/pdf", tag = "acts", params(("id" = Uuid, Path)),
    responses((status = 200, description = "application/pdf")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("act.read"))))]
pub async fn pdf(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let a = crate::app::acts::in_scope(&state, &me, id, Action::ActRead).await?;
    let (a, bytes) = frozen_pdf(&state, &a).await?;
    state
        .audit
        .record(me.entry("act.pdf", Some("act"), Some(id.to_string())))
        .await?;
    let mut response = file_response(
        bytes.into_response(),
        "application/pdf",
        &format!("{}.pdf", file_stem(&a)),
        Disposition::Inline,
    );
    // The portal previews the act in a frame of its own pages (same origin only); the
    // security layer's defaults (DENY, frame-ancestors 'none') stay for everything else.
    let headers = response.headers_mut();
    headers.insert(
        axum::http::header::X_FRAME_OPTIONS,
        axum::http::HeaderValue::from_static("SAMEORIGIN"),
    );
    headers.insert(
        axum::http::header::CONTENT_SECURITY_POLICY,
        axum::http::HeaderValue::from_static("default-src 'none'; frame-ancestors 'self'"),
    );
    Ok(response)
}

/// An act's file name: its registry number once it has one, else its id.
fn file_stem(a: &Act) -> String {
    match &a.registry_number {
        Some(n) => format!("act-{}", n.replace('/', "-")),
        None => format!("act-{}", a.id),
    }
}

async fn render(state: &AppState, document: ActDocument) -> Result<Vec<u8>, AppError> {
    let renderer = state.acts().await?;
    tokio::task::spawn_blocking(move || renderer.render(&document))
        .await
        .map_err(|_| AppError::internal())?
        .map_err(|e| {
            tracing::error!(error = %e, "act rendering failed");
            AppError::new(Kind::Unavailable, "act-render-failed")
        })
}

fn full_name(u: &fito_store::users::User) -> String {
    [
        Some(u.surname.as_str()),
        Some(u.first_name.as_str()),
        u.patronymic.as_deref(),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
}

/// Picks the name for the act's language: Kazakh, Russian, or both.
fn bilingual(language: ActLanguage, kk: Option<&str>, ru: &str) -> String {
    let kk = kk.filter(|k| !k.is_empty());
    match (language, kk) {
        (ActLanguage::Ru, _) | (_, None) => ru.to_string(),
        (ActLanguage::Kk, Some(k)) => k.to_string(),
        (ActLanguage::KkRu, Some(k)) if k == ru => k.to_string(),
        (ActLanguage::KkRu, Some(k)) => format!("{k} / {ru}"),
    }
}

/// Everything the act shows, gathered from the act, its survey snapshot, the
/// register, the reference lists and the people involved. A signed act is not
/// gathered again: its frozen document is what it shows for good.
async fn act_document(state: &AppState, a: &Act, issued_at: i64) -> Result<ActDocument, AppError> {
    if let Some(frozen) = &a.frozen {
        return serde_json::from_str(frozen).map_err(|_| AppError::internal());
    }
    let db = state.store.reader();
    let language = parse_language(&a.language)?;
    let content: ActContent = serde_json::from_str(&a.content).map_err(|_| AppError::internal())?;
    let org = orgs::get(db, a.organization_id)
        .await?
        .ok_or_else(AppError::internal)?;
    let inspector = users::get(db, a.inspector_id)
        .await?
        .ok_or_else(AppError::internal)?;
    let events = fieldwork::events(db, a.id).await?;
    let approver = match events.iter().rev().find(|e| e.step == "approve") {
        Some(e) => users::get(db, e.actor_id).await?,
        None => None,
    };
    let object = match a.object_id {
        Some(id) => objects::get(db, id).await?,
        None => None,
    };
    let organisms = reference::organisms(db).await?;
    let crops = reference::crops(db).await?;
    let types = reference::object_types(db).await?;
    let first_point = content.points.first();
    let inspected = match &object {
        Some(o) => {
            let t = types.iter().find(|t| t.code == o.type_code);
            let unit = match &o.kato {
                Some(k) => reference::admin_unit(db, k).await?,
                None => None,
            };
            let centre = super::objects::stored_geometry(o)?.bbox();
            fito_acts::InspectedObject {
                name: o.name.clone(),
                object_type: t
                    .map(|t| bilingual(language, Some(&t.name_kk), &t.name_ru))
                    .unwrap_or_else(|| o.type_code.clone()),
                kato_code: o.kato.clone().unwrap_or_default(),
                kato_name: unit
                    .map(|u| bilingual(language, Some(&u.name_kk), &u.name_ru))
                    .unwrap_or_default(),
                owner: fito_acts::Owner {
                    name: o.owner_name.clone().unwrap_or_default(),
                    bin_or_iin: o
                        .owner_bin
                        .clone()
                        .or(o.owner_iin.clone())
                        .unwrap_or_default(),
                },
                location: content.location.clone(),
                coordinates: Some(fito_acts::Coordinates {
                    lat: (centre.min_lat() + centre.max_lat()) / 2.0,
                    lon: (centre.min_lon() + centre.max_lon()) / 2.0,
                }),
                area_ha: Some((o.area_ha * 100.0).round() / 100.0).filter(|a| *a > 0.0),
            }
        }
        None => fito_acts::InspectedObject {
            name: content.location.clone(),
            object_type: String::new(),
            kato_code: String::new(),
            kato_name: String::new(),
            owner: fito_acts::Owner {
                name: String::new(),
                bin_or_iin: String::new(),
            },
            location: content.location.clone(),
            coordinates: first_point.map(|p| fito_acts::Coordinates {
                lat: p.lat,
                lon: p.lon,
            }),
            area_ha: None,
        },
    };
    let mut findings = Vec::new();
    for p in &content.points {
        for f in &p.findings {
            let o = organisms.iter().find(|o| o.eppo_code == f.organism);
            findings.push(fito_acts::Finding {
                organism: fito_acts::Organism {
                    eppo_code: f.organism.clone(),
                    name_kk: o.and_then(|o| o.name_kk.clone()).unwrap_or_default(),
                    name_ru: o.map(|o| o.name_ru.clone()).unwrap_or_default(),
                    name_latin: o.map(|o| o.name_la.clone()).unwrap_or_default(),
                    category: match f.category.as_deref() {
                        Some("quarantine") => fito_acts::OrganismCategory::Quarantine,
                        Some("especially_dangerous") => {
                            fito_acts::OrganismCategory::EspeciallyDangerous
                        }
                        _ => fito_acts::OrganismCategory::Ordinary,
                    },
                },
                development_stage: f.development_stage.clone().unwrap_or_default(),
                intensity: f.intensity.as_ref().map(|i| {
                    let value = i.value;
                    match i.kind.as_str() {
                        "per_square_metre" => fito_acts::Intensity::PerSquareMetre { value },
                        "per_plant" => fito_acts::Intensity::PerPlant { value },
                        "per_trap" => fito_acts::Intensity::PerTrap { value },
                        "prevalence_percent" => fito_acts::Intensity::PrevalencePercent { value },
                        _ => fito_acts::Intensity::CoverPercent { value },
                    }
                }),
                area_surveyed_ha: f.area_surveyed_ha.unwrap_or(0.0),
                area_infested_ha: f.area_infested_ha.unwrap_or(0.0),
                area_above_threshold_ha: f.area_above_threshold_ha.unwrap_or(0.0),
                samples: f
                    .samples
                    .iter()
                    .map(|s| fito_acts::Sample {
                        sample_number: s.sample_number.clone(),
                        lab_referral_number: s.lab_referral_number.clone(),
                    })
                    .collect(),
            });
        }
    }
    let crop = content
        .crop
        .as_deref()
        .map(|c| {
            crops
                .iter()
                .find(|x| x.code == c)
                .map(|x| bilingual(language, Some(&x.name_kk), &x.name_ru))
                .unwrap_or_else(|| c.to_string())
        })
        .unwrap_or_default();
    let mut signatures = vec![fito_acts::Signatory {
        role: fito_acts::SignatoryRole::Inspector,
        name: full_name(&inspector),
        position: inspector.position.clone(),
    }];
    if let Some(h) = &approver {
        signatures.push(fito_acts::Signatory {
            role: fito_acts::SignatoryRole::Head,
            name: full_name(h),
            position: h.position.clone(),
        });
    }
    for p in &content.parties {
        signatures.push(fito_acts::Signatory {
            role: if p.role == "witness" {
                fito_acts::SignatoryRole::Witness
            } else {
                fito_acts::SignatoryRole::OwnerRepresentative
            },
            name: p.name.clone(),
            position: p.position.clone(),
        });
    }
    Ok(ActDocument {
        id: a.id,
        act_type: parse_type(&a.act_type)?,
        language,
        registry_number: a.registry_number.clone().unwrap_or_else(|| "—".into()),
        issued_at: to_datetime(issued_at),
        surveyed_at: content.surveyed_at,
        organisation: fito_acts::Organisation {
            name: bilingual(language, Some(&org.name_kk), &org.name_ru),
            bin: org.bin.clone().unwrap_or_default(),
            address: org.address.clone().unwrap_or_default(),
        },
        inspector: fito_acts::Inspector {
            name: full_name(&inspector),
            position: inspector.position.clone(),
        },
        object: inspected,
        survey: fito_acts::SurveyData {
            crop,
            growth_phase: content.growth_phase.clone().unwrap_or_default(),
            findings,
        },
        conclusions: content.conclusions.clone(),
        measures: content
            .measures
            .iter()
            .map(|m| fito_acts::PrescribedMeasure {
                text: m.text.clone(),
                deadline: m.deadline,
            })
            .collect(),
        signatures,
    })
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ActQuery {
    /// Only my acts (as inspector).
    #[serde(default)]
    pub mine: bool,
    /// draft, submitted, approved, returned, signed or registered
    pub status: Option<String>,
    pub act_type: Option<String>,
    pub survey_id: Option<Uuid>,
    pub object_id: Option<Uuid>,
    /// Registry year.
    pub year: Option<i32>,
    /// Only this organisation's subtree (within the caller's).
    pub organization_id: Option<Uuid>,
    /// Acts after this one (the last id of the previous page).
    pub after: Option<Uuid>,
    pub limit: Option<u64>,
}

pub(crate) async fn search(
    state: &AppState,
    me: &Actor,
    q: &ActQuery,
    limit: u64,
) -> Result<Vec<Act>, AppError> {
    let org_path = me
        .scope_path(&state, Action::ActRead, q.organization_id)
        .await?;
    let after_rid = match q.after {
        Some(id) => fieldwork::act(state.store.reader(), id)
            .await?
            .map(|a| a.rid),
        None => None,
    };
    let page = Page {
        org_path,
        after_rid,
        limit,
    };
    let filter = ActFilter {
        status: q.status.clone(),
        act_type: q.act_type.clone(),
        inspector: q.mine.then_some(me.user.id),
        survey: q.survey_id,
        object: q.object_id,
        year: q.year,
    };
    Ok(fieldwork::acts(state.store.reader(), &page, &filter).await?)
}

/// Acts of the caller's subtree, oldest first.
#[utoipa::path(get, path = "/api/v1/acts", tag = "acts", params(ActQuery),
    responses((status = 200, body = Vec<ActView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("act.read"))))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ActQuery>,
) -> Result<Json<Vec<ActView>>, AppError> {
    let limit = q.limit.unwrap_or(100).clamp(1, 500);
    let found = search(&state, &me, &q, limit).await?;
    Ok(Json(found.iter().map(view).collect::<Result<_, _>>()?))
}

/// Whether `body` would leave the act's editable fields as they are: a replayed edit.
pub(crate) fn says_the_same(a: &Act, body: &ActChange) -> bool {
    let Ok(current) = serde_json::from_str::<ActContent>(&a.content) else {
        return false;
    };
    let mut content = current.clone();
    if let Some(v) = &body.location {
        content.location = v.clone();
    }
    if let Some(v) = &body.conclusions {
        content.conclusions = v.clone();
    }
    if let Some(v) = &body.measures {
        content.measures = v.clone();
    }
    if let Some(v) = &body.parties {
        content.parties = v.clone();
    }
    if check_content(&mut content).is_err() {
        return false;
    }
    let same_language = match &body.language {
        Some(l) => parse_language(l).is_ok_and(|l| l.tag() == a.language),
        None => true,
    };
    same_language && !body.refresh_from_survey && content == current
}

/// Whether two drafts of one survey say the same in what their inspector wrote.
pub(crate) fn same_draft(a: &Act, b: &Act) -> bool {
    let written = |x: &Act| {
        serde_json::from_str::<ActContent>(&x.content)
            .ok()
            .map(|c| (c.location, c.conclusions, c.measures, c.parties))
    };
    a.survey_id == b.survey_id
        && a.act_type == b.act_type
        && a.language == b.language
        && written(a).is_some()
        && written(a) == written(b)
}
