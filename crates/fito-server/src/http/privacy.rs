//! Personal data (R-PD-1, R-PD-2, R-PD-4): the published privacy policy and its
//! acceptance, withdrawal requests, a person's own data, and erasure of an account.
//! The policy's text is operator content: it is loaded and published, never written
//! here.

use super::views::{Disposition, UserView, file_response, optional_text, required_text};
use crate::app::Actor;
use crate::app::AppError;
use crate::app::EntryExt;
use crate::app::notify;
use crate::http::extract::{ApiJson, ApiQuery};
use crate::http::session::{CurrentUser, SignedIn};
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use fito_core::Action;
use fito_store::privacy::{self, Acceptance, PolicyVersion, Withdrawal};
use fito_store::time::{now_us, to_datetime};
use fito_store::users::{self, STATUS_ACTIVE, STATUS_DEACTIVATED, STATUS_DELETED};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

// ---------------------------------------------------------------- the policy

#[derive(Serialize, ToSchema)]
pub struct PolicyView {
    pub version: String,
    /// `YYYY-MM-DD`.
    pub effective_from: String,
    /// The Kazakh text prevails (R-PD-4).
    pub text_kk: String,
    pub text_ru: Option<String>,
    /// SHA-256 (hex) of the Kazakh text, a newline and the Russian text.
    pub sha256: String,
    pub published_at: DateTime<Utc>,
}

impl From<PolicyVersion> for PolicyView {
    fn from(p: PolicyVersion) -> Self {
        PolicyView {
            version: p.version,
            effective_from: p.effective_from,
            text_kk: p.text_kk,
            text_ru: p.text_ru,
            sha256: p.sha256,
            published_at: to_datetime(p.published_at),
        }
    }
}

/// The privacy policy in force, in Kazakh and Russian, with its version and
/// effective date (R-PD-4). No sign-in needed.
#[utoipa::path(get, path = "/api/v1/policy/current", tag = "privacy",
    responses((status = 200, body = PolicyView), (status = 404, description = "policy-none")),
    extensions(("x-fito-action" = json!("public"))))]
pub async fn current(State(state): State<AppState>) -> Result<Json<PolicyView>, AppError> {
    let policy = privacy::current_policy(state.store.reader(), &crate::app::privacy::today())
        .await?
        .ok_or_else(|| AppError::not_found("policy-none"))?;
    Ok(Json(policy.into()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublishPolicy {
    pub version: String,
    /// `YYYY-MM-DD`.
    pub effective_from: String,
    pub text_kk: String,
    pub text_ru: Option<String>,
}

/// Checks and publishes a policy version in its own transaction with its journal
/// line; shared by the API and `fito policy publish`.
pub async fn publish_version(
    store: &fito_store::Store,
    body: PublishPolicy,
    by: Option<Uuid>,
    entry: fito_store::audit::NewEntry,
) -> Result<PolicyVersion, AppError> {
    let version = required_text("version", &body.version, 50)?;
    let effective = NaiveDate::parse_from_str(body.effective_from.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::unprocessable("policy-date-invalid"))?;
    let text_kk = body.text_kk.trim().to_string();
    if text_kk.is_empty() {
        return Err(AppError::unprocessable("field-required").with("field", "text_kk"));
    }
    let text_ru = body
        .text_ru
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    let policy = PolicyVersion {
        id: fito_core::new_id(),
        sha256: privacy::policy_hash(&text_kk, text_ru.as_deref()),
        version,
        effective_from: effective.format("%Y-%m-%d").to_string(),
        text_kk,
        text_ru,
        published_by: by,
        published_at: now_us(),
    };
    let txn = store.begin().await?;
    match privacy::publish_policy(&txn, &policy).await {
        Err(fito_store::StoreError::Conflict(_)) => {
            return Err(
                AppError::conflict("policy-version-exists").with("version", policy.version.clone())
            );
        }
        other => other?,
    }
    let mut entry = entry.details(json!({
        "effective_from": policy.effective_from, "sha256": policy.sha256
    }));
    entry.target_type = Some("policy".into());
    entry.target_id = Some(policy.version.clone());
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok(policy)
}

/// Publish a new version of the privacy policy (administrators). Once it is in
/// force, every user is asked to accept it before anything else.
#[utoipa::path(post, path = "/api/v1/policy", tag = "privacy", request_body = PublishPolicy,
    responses((status = 201, body = PolicyView), (status = 409, description = "policy-version-exists")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("policy.publish"))))]
pub async fn publish(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiJson(body): ApiJson<PublishPolicy>,
) -> Result<(StatusCode, Json<PolicyView>), AppError> {
    me.require(Action::PolicyPublish)?;
    let entry = me.entry("policy.publish", Some("policy"), None);
    let policy = publish_version(&state.store, body, Some(me.user.id), entry).await?;
    Ok((StatusCode::CREATED, Json(policy.into())))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptPolicy {
    /// The version being accepted: it must be the one in force.
    pub version: String,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcceptPolicySigned {
    pub version: String,
    /// Base64 of a detached CMS over the policy's Kazakh text (UTF-8), made with the
    /// user's own NCA signing key.
    pub cms: String,
}

#[derive(Serialize, ToSchema)]
pub struct ConsentView {
    pub version: String,
    pub accepted_at: DateTime<Utc>,
    /// `electronic` or `signature`.
    pub method: String,
    pub ip: Option<String>,
    pub device_id: Option<String>,
    pub signed: bool,
}

impl From<Acceptance> for ConsentView {
    fn from(a: Acceptance) -> Self {
        ConsentView {
            version: a.version,
            accepted_at: to_datetime(a.accepted_at),
            method: a.method,
            ip: a.ip,
            device_id: a.device_id,
            signed: a.signature.is_some(),
        }
    }
}

/// The version a user may accept: the one in force, or one published to take
/// effect later (accepted ahead, so its day interrupts nobody). An older version is
/// refused with the current one named.
async fn policy_to_accept(state: &AppState, version: &str) -> Result<PolicyVersion, AppError> {
    let db = state.store.reader();
    let today = crate::app::privacy::today();
    let current = privacy::current_policy(db, &today).await?;
    let versions = privacy::policy_versions(db).await?;
    let asked = versions.into_iter().find(|p| p.version == version.trim());
    match (asked, current) {
        (Some(p), Some(c)) if p.id == c.id || p.effective_from > today => Ok(p),
        (Some(p), None) if p.effective_from > today => Ok(p),
        (_, Some(c)) => {
            Err(AppError::conflict("policy-version-not-current").with("version", c.version))
        }
        (_, None) => Err(AppError::not_found("policy-none")),
    }
}

async fn record_acceptance(
    state: &AppState,
    me: &Actor,
    policy: &PolicyVersion,
    method: &str,
    signature: Option<String>,
) -> Result<(StatusCode, Json<ConsentView>), AppError> {
    let acceptance = Acceptance {
        id: fito_core::new_id(),
        user_id: me.user.id,
        version: policy.version.clone(),
        accepted_at: now_us(),
        method: method.to_string(),
        ip: me.meta.ip.clone(),
        device_id: me.meta.device_id.clone(),
        signature,
    };
    let txn = state.store.begin().await?;
    privacy::insert_acceptance(&txn, &acceptance).await?;
    let entry = me
        .entry(
            "policy.accept",
            Some("policy"),
            Some(policy.version.clone()),
        )
        .details(json!({ "method": method, "sha256": policy.sha256 }));
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(acceptance.into())))
}

/// Accept the policy in force (or a published later version) electronically
/// (R-PD-1).
#[utoipa::path(post, path = "/api/v1/policy/accept", tag = "privacy", request_body = AcceptPolicy,
    responses((status = 201, body = ConsentView), (status = 409, description = "policy-version-not-current")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn accept(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiJson(body): ApiJson<AcceptPolicy>,
) -> Result<(StatusCode, Json<ConsentView>), AppError> {
    let policy = policy_to_accept(&state, &body.version).await?;
    record_acceptance(&state, &me, &policy, "electronic", None).await
}

/// Accept the policy in force with the NCA e-signature (R-PD-1): a detached CMS over
/// its Kazakh text, verified like an act's signature; the signer's IIN must be the
/// user's.
#[utoipa::path(post, path = "/api/v1/policy/accept/signature", tag = "privacy", request_body = AcceptPolicySigned,
    responses((status = 201, body = ConsentView), (status = 409, description = "policy-version-not-current"),
        (status = 422, description = "signature-not-the-user, sign-…")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn accept_signed(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiJson(body): ApiJson<AcceptPolicySigned>,
) -> Result<(StatusCode, Json<ConsentView>), AppError> {
    use base64::Engine as _;
    let policy = policy_to_accept(&state, &body.version).await?;
    let refuse = |error: AppError| {
        let entry = me
            .entry(
                "policy.accept",
                Some("policy"),
                Some(policy.version.clone()),
            )
            .outcome(error.code)
            .details(json!({ "method": "signature" }));
        let state = state.clone();
        async move {
            state.audit.record(entry).await?;
            Err::<(StatusCode, Json<ConsentView>), AppError>(error)
        }
    };
    let Ok(cms) = base64::engine::general_purpose::STANDARD.decode(body.cms.trim()) else {
        return refuse(AppError::unprocessable("sign-malformed-input")).await;
    };
    let verifiers = state.signatures.current()?;
    let text = policy.text_kk.as_bytes();
    let now = now_us();
    let evidence = state.signatures.ocsp_evidence(&cms, Some(text)).await;
    let verified =
        match verifiers
            .act_signing
            .verify_cms_with(&cms, Some(text), to_datetime(now), &evidence)
        {
            Ok(v) => v,
            Err(r) => return refuse(crate::app::esign::refused(&r)).await,
        };
    let [signer] = verified.signers.as_slice() else {
        return refuse(AppError::unprocessable("signature-one-signer")).await;
    };
    let iin = signer.certificate.iin.as_deref();
    if iin.is_none() || iin != me.user.iin.as_deref() {
        return refuse(AppError::unprocessable("signature-not-the-user")).await;
    }
    let encoded = base64::engine::general_purpose::STANDARD.encode(&cms);
    record_acceptance(&state, &me, &policy, "signature", Some(encoded)).await
}

// ---------------------------------------------------------------- own data

#[derive(Serialize, ToSchema)]
pub struct SessionRecord {
    pub id: Uuid,
    /// `browser` or `app`.
    pub kind: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub ip: Option<String>,
    pub device_id: Option<String>,
    pub os: Option<String>,
    pub app_version: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct DeviceRecord {
    pub device_id: String,
    pub os: Option<String>,
    pub app_version: Option<String>,
    pub last_seen_at: DateTime<Utc>,
}

#[derive(Serialize, ToSchema)]
pub struct WithdrawalView {
    pub id: Uuid,
    pub user_id: Uuid,
    pub reason: String,
    pub filed_at: DateTime<Utc>,
    /// `open`, `account-deleted`, `account-deactivated` or `rejected`.
    pub status: String,
    pub resolved_by: Option<Uuid>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub comment: Option<String>,
    /// For administrators' lists: who filed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<UserView>,
}

impl From<Withdrawal> for WithdrawalView {
    fn from(w: Withdrawal) -> Self {
        WithdrawalView {
            id: w.id,
            user_id: w.user_id,
            reason: w.reason,
            filed_at: to_datetime(w.filed_at),
            status: w.status,
            resolved_by: w.resolved_by,
            resolved_at: w.resolved_at.map(to_datetime),
            comment: w.comment,
            user: None,
        }
    }
}

/// Everything the system holds about the signed-in person (R-PD-1, R-TECH-1).
#[derive(Serialize, ToSchema)]
pub struct MyData {
    pub generated_at: DateTime<Utc>,
    pub profile: UserView,
    pub sessions: Vec<SessionRecord>,
    pub devices: Vec<DeviceRecord>,
    pub consents: Vec<ConsentView>,
    pub withdrawals: Vec<WithdrawalView>,
}

async fn my_data(state: &AppState, me: &Actor) -> Result<MyData, AppError> {
    let db = state.store.reader();
    let sessions = fito_store::sessions::sessions_of(db, me.user.id).await?;
    let mut devices: Vec<DeviceRecord> = Vec::new();
    for s in &sessions {
        let Some(device) = &s.device_id else { continue };
        match devices.iter_mut().find(|d| &d.device_id == device) {
            Some(d) if to_datetime(s.last_seen_at) > d.last_seen_at => {
                d.os = s.os.clone();
                d.app_version = s.app_version.clone();
                d.last_seen_at = to_datetime(s.last_seen_at);
            }
            Some(_) => {}
            None => devices.push(DeviceRecord {
                device_id: device.clone(),
                os: s.os.clone(),
                app_version: s.app_version.clone(),
                last_seen_at: to_datetime(s.last_seen_at),
            }),
        }
    }
    let sessions = sessions
        .into_iter()
        .map(|s| SessionRecord {
            id: s.id,
            kind: s.kind,
            created_at: to_datetime(s.created_at),
            last_seen_at: to_datetime(s.last_seen_at),
            expires_at: to_datetime(s.expires_at),
            revoked_at: s.revoked_at.map(to_datetime),
            ip: s.ip,
            device_id: s.device_id,
            os: s.os,
            app_version: s.app_version,
        })
        .collect();
    let consents = privacy::acceptances(db, me.user.id)
        .await?
        .into_iter()
        .map(ConsentView::from)
        .collect();
    let withdrawals = privacy::withdrawals(db, None, Some(me.user.id))
        .await?
        .into_iter()
        .map(WithdrawalView::from)
        .collect();
    Ok(MyData {
        generated_at: Utc::now(),
        profile: me.user.clone().into(),
        sessions,
        devices,
        consents,
        withdrawals,
    })
}

/// What the system holds about me: profile, sessions, devices, consents, withdrawal
/// requests. Journalled as a read of personal data.
#[utoipa::path(get, path = "/api/v1/me/data", tag = "privacy",
    responses((status = 200, body = MyData)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn data(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> Result<Json<MyData>, AppError> {
    let data = my_data(&state, &me).await?;
    state
        .audit
        .record(me.entry(
            "privacy.data.read",
            Some("user"),
            Some(me.user.id.to_string()),
        ))
        .await?;
    Ok(Json(data))
}

/// The same as a JSON file to keep.
#[utoipa::path(get, path = "/api/v1/me/data/export", tag = "privacy",
    responses((status = 200, description = "application/json attachment", body = MyData)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn export(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> Result<Response, AppError> {
    let data = my_data(&state, &me).await?;
    state
        .audit
        .record(me.entry(
            "privacy.data.export",
            Some("user"),
            Some(me.user.id.to_string()),
        ))
        .await?;
    let body = serde_json::to_vec_pretty(&data).map_err(|_| AppError::internal())?;
    let name = format!("fito-my-data-{}.json", Utc::now().format("%Y-%m-%d"));
    Ok(file_response(
        body.into_response(),
        "application/json",
        &name,
        Disposition::Attachment,
    ))
}

// ---------------------------------------------------------------- withdrawals

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FileWithdrawal {
    pub reason: String,
}

/// Ask to withdraw consent to the processing of my personal data (R-PD-1, policy
/// §14). An administrator resolves it.
#[utoipa::path(post, path = "/api/v1/privacy/withdrawals", tag = "privacy", request_body = FileWithdrawal,
    responses((status = 201, body = WithdrawalView), (status = 409, description = "withdrawal-already-open")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn file_withdrawal(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiJson(body): ApiJson<FileWithdrawal>,
) -> Result<(StatusCode, Json<WithdrawalView>), AppError> {
    let reason = required_text("reason", &body.reason, 2000)?;
    let open = privacy::withdrawals(
        state.store.reader(),
        Some(privacy::WITHDRAWAL_OPEN),
        Some(me.user.id),
    )
    .await?;
    if !open.is_empty() {
        return Err(AppError::conflict("withdrawal-already-open"));
    }
    let w = Withdrawal {
        id: fito_core::new_id(),
        user_id: me.user.id,
        reason,
        filed_at: now_us(),
        status: privacy::WITHDRAWAL_OPEN.into(),
        resolved_by: None,
        resolved_at: None,
        comment: None,
    };
    let txn = state.store.begin().await?;
    privacy::insert_withdrawal(&txn, &w).await?;
    let entry = me.entry(
        "privacy.withdrawal.file",
        Some("withdrawal"),
        Some(w.id.to_string()),
    );
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(w.into())))
}

#[derive(Deserialize, ToSchema, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct WithdrawalQuery {
    /// `open` (the default), `all`, or a resolution.
    pub status: Option<String>,
}

/// Withdrawal requests, newest first (administrators). A read of personal data.
#[utoipa::path(get, path = "/api/v1/privacy/withdrawals", tag = "privacy", params(WithdrawalQuery),
    responses((status = 200, body = Vec<WithdrawalView>)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("privacy.withdrawal.manage"))))]
pub async fn list_withdrawals(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<WithdrawalQuery>,
) -> Result<Json<Vec<WithdrawalView>>, AppError> {
    me.require(Action::WithdrawalManage)?;
    let status = q.status.unwrap_or_else(|| privacy::WITHDRAWAL_OPEN.into());
    let filter = (status != "all").then_some(status.as_str());
    let db = state.store.reader();
    let found = privacy::withdrawals(db, filter, None).await?;
    let mut views = Vec::with_capacity(found.len());
    for w in found {
        let user = users::get(db, w.user_id).await?;
        let mut view = WithdrawalView::from(w);
        view.user = user.map(UserView::from);
        views.push(view);
    }
    let ids: Vec<String> = views.iter().map(|v| v.id.to_string()).collect();
    state
        .audit
        .record(
            me.entry("privacy.withdrawal.list", Some("withdrawal"), None)
                .details(json!({ "ids": ids })),
        )
        .await?;
    Ok(Json(views))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResolveWithdrawal {
    /// `account-deleted`, `account-deactivated` or `rejected`.
    pub outcome: String,
    /// Required when rejecting.
    pub comment: Option<String>,
}

/// Resolve a withdrawal request (administrators): erase the account, deactivate it,
/// or reject the request with a comment. The person is notified in the app (except
/// after erasure, which leaves nobody to tell).
#[utoipa::path(post, path = "/api/v1/privacy/withdrawals/{id}/resolve", tag = "privacy", params(("id" = Uuid, Path)),
    request_body = ResolveWithdrawal,
    responses((status = 200, body = WithdrawalView), (status = 404, description = "withdrawal-not-found"),
        (status = 409, description = "withdrawal-not-open")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("privacy.withdrawal.manage"))))]
pub async fn resolve_withdrawal(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ResolveWithdrawal>,
) -> Result<Json<WithdrawalView>, AppError> {
    me.require(Action::WithdrawalManage)?;
    let outcome = match body.outcome.as_str() {
        "account-deleted" => {
            me.require(Action::UserDelete)?;
            "account-deleted"
        }
        "account-deactivated" => {
            me.require(Action::UserDeactivate)?;
            "account-deactivated"
        }
        "rejected" => "rejected",
        _ => {
            return Err(AppError::unprocessable("reference-value-invalid")
                .with("field", "outcome")
                .with("allowed", "account-deleted, account-deactivated, rejected"));
        }
    };
    let comment = optional_text("comment", body.comment.as_deref(), 2000)?;
    if outcome == "rejected" && comment.is_none() {
        return Err(AppError::unprocessable("withdrawal-comment-required"));
    }
    let w = privacy::withdrawal(state.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("withdrawal-not-found"))?;
    if w.status != privacy::WITHDRAWAL_OPEN {
        return Err(AppError::conflict("withdrawal-not-open"));
    }
    if w.user_id == me.user.id && outcome != "rejected" {
        return Err(AppError::conflict("user-cannot-delete-self"));
    }
    let now = now_us();
    let txn = state.store.begin().await?;
    if !privacy::resolve_withdrawal(&txn, id, outcome, me.user.id, comment.clone(), now).await? {
        return Err(AppError::conflict("withdrawal-not-open"));
    }
    let mut entries = vec![
        me.entry(
            "privacy.withdrawal.resolve",
            Some("withdrawal"),
            Some(id.to_string()),
        )
        .details(json!({ "outcome": outcome, "user_id": w.user_id })),
    ];
    match outcome {
        "account-deleted" => {
            privacy::erase(&txn, w.user_id, now).await?;
            entries.push(
                me.entry("user.delete", Some("user"), Some(w.user_id.to_string()))
                    .details(json!({ "withdrawal": id })),
            );
        }
        "account-deactivated" => {
            let user = users::get(&txn, w.user_id).await?;
            if let Some(u) = user.filter(|u| u.status == STATUS_ACTIVE) {
                let mut model: fito_store::entity::user::ActiveModel = u.into();
                model.status = fito_store::ActiveValue::Set(STATUS_DEACTIVATED.to_string());
                users::save(&txn, model, now).await?;
                let ended = fito_store::sessions::revoke_all_for_user(&txn, w.user_id, now).await?;
                entries.push(
                    me.entry("user.deactivate", Some("user"), Some(w.user_id.to_string()))
                        .details(json!({ "sessions_ended": ended, "withdrawal": id })),
                );
            }
        }
        _ => {}
    }
    let sent = if outcome != "account-deleted" {
        Some(
            notify::send(
                &txn,
                &[w.user_id],
                "withdrawal-resolved",
                &[("outcome", outcome.to_string())],
                notify::Target {
                    kind: "withdrawal",
                    id,
                },
            )
            .await?,
        )
    } else {
        None
    };
    fito_store::audit::append(&txn, entries).await?;
    txn.commit().await?;
    // Live to the open portal once committed (the notify branch's pattern).
    if let Some(sent) = sent {
        state.live.notified(sent).await;
    }
    if outcome == "account-deleted" {
        privacy::flush_erased(&state.store).await;
    }
    let w = privacy::withdrawal(state.store.reader(), id)
        .await?
        .ok_or_else(AppError::internal)?;
    Ok(Json(w.into()))
}

// ---------------------------------------------------------------- erasure

/// Erase an account (administrators only; there is no self-deletion): the person's
/// data key is destroyed and their personal fields blanked, their sessions end
/// (R-PD-2). Signed acts, the audit journal and logs stay, still verifiable.
#[utoipa::path(delete, path = "/api/v1/users/{id}", tag = "users", params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, description = "user-not-found"),
        (status = 409, description = "user-cannot-delete-self")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("user.delete"))))]
pub async fn delete_user(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    me.require(Action::UserDelete)?;
    let user = users::get(state.store.reader(), id)
        .await?
        .filter(|u| u.status != STATUS_DELETED)
        .ok_or_else(|| AppError::not_found("user-not-found"))?;
    let path = match user.organization_id {
        Some(org) => state.org_path(org).await?,
        None => None,
    };
    me.require_in(Action::UserDelete, path.as_deref(), "user-not-found")?;
    if id == me.user.id {
        return Err(AppError::conflict("user-cannot-delete-self"));
    }
    let now = now_us();
    let txn = state.store.begin().await?;
    privacy::erase(&txn, id, now).await?;
    fito_store::audit::append(
        &txn,
        vec![me.entry("user.delete", Some("user"), Some(id.to_string()))],
    )
    .await?;
    txn.commit().await?;
    privacy::flush_erased(&state.store).await;
    Ok(StatusCode::NO_CONTENT)
}
