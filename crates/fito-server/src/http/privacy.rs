//! Personal data (R-PD-1, R-PD-2, R-PD-4) over `app::privacy`: the published privacy
//! policy and its acceptance, withdrawal requests, a person's own data, and erasure
//! of an account.

use super::views::{Disposition, UserView, file_response};
use crate::app::AppError;
use crate::app::privacy::erasure;
use crate::app::privacy::my_data::{self, OwnData};
use crate::app::privacy::policy::{self, AcceptPolicy, AcceptPolicySigned, PublishPolicy};
use crate::app::privacy::rectifications::{
    self, FileRectification, FiledRectification, RectificationQuery, ResolveRectification,
};
use crate::app::privacy::withdrawals::{
    self, FileWithdrawal, Filed, ResolveWithdrawal, WithdrawalQuery,
};
use crate::http::extract::{ApiJson, ApiQuery};
use crate::http::session::{CurrentUser, SignedIn};
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use fito_store::privacy::{Acceptance, PolicyVersion, Rectification, Withdrawal};
use fito_store::time::to_datetime;
use serde::Serialize;
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
    Ok(Json(policy::current(&state).await?.into()))
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
    let published = policy::publish(&state, &me, body).await?;
    Ok((StatusCode::CREATED, Json(published.into())))
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
    let accepted = policy::accept(&state, &me, body).await?;
    Ok((StatusCode::CREATED, Json(accepted.into())))
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
    let accepted = policy::accept_signed(&state, &me, body).await?;
    Ok((StatusCode::CREATED, Json(accepted.into())))
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

impl From<Filed> for WithdrawalView {
    fn from(f: Filed) -> Self {
        WithdrawalView {
            user: f.user.map(UserView::from),
            ..WithdrawalView::from(f.withdrawal)
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

impl From<OwnData> for MyData {
    fn from(d: OwnData) -> Self {
        let sessions = d.sessions.into_iter().map(|s| SessionRecord {
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
        });
        let devices = d.devices.into_iter().map(|d| DeviceRecord {
            device_id: d.device_id,
            os: d.os,
            app_version: d.app_version,
            last_seen_at: to_datetime(d.last_seen_at),
        });
        MyData {
            generated_at: Utc::now(),
            profile: d.profile.into(),
            sessions: sessions.collect(),
            devices: devices.collect(),
            consents: d.consents.into_iter().map(ConsentView::from).collect(),
            withdrawals: d
                .withdrawals
                .into_iter()
                .map(WithdrawalView::from)
                .collect(),
        }
    }
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
    Ok(Json(my_data::read(&state, &me).await?.into()))
}

/// The same as a JSON file to keep.
#[utoipa::path(get, path = "/api/v1/me/data/export", tag = "privacy",
    responses((status = 200, description = "application/json attachment", body = MyData)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn export(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> Result<Response, AppError> {
    let data = MyData::from(my_data::export(&state, &me).await?);
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
    let filed = withdrawals::file(&state, &me, body).await?;
    Ok((StatusCode::CREATED, Json(filed.into())))
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
    let found = withdrawals::list(&state, &me, q).await?;
    Ok(Json(found.into_iter().map(WithdrawalView::from).collect()))
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
    Ok(Json(
        withdrawals::resolve(&state, &me, id, body).await?.into(),
    ))
}

// ---------------------------------------------------------------- rectification

#[derive(Serialize, ToSchema)]
pub struct RectificationView {
    pub id: Uuid,
    pub user_id: Uuid,
    pub details: String,
    pub filed_at: DateTime<Utc>,
    /// `open`, `corrected` or `rejected`.
    pub status: String,
    pub resolved_by: Option<Uuid>,
    pub resolved_at: Option<DateTime<Utc>>,
    pub comment: Option<String>,
    /// For administrators' lists: who filed it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub user: Option<UserView>,
}

impl From<Rectification> for RectificationView {
    fn from(r: Rectification) -> Self {
        RectificationView {
            id: r.id,
            user_id: r.user_id,
            details: r.details,
            filed_at: to_datetime(r.filed_at),
            status: r.status,
            resolved_by: r.resolved_by,
            resolved_at: r.resolved_at.map(to_datetime),
            comment: r.comment,
            user: None,
        }
    }
}

impl From<FiledRectification> for RectificationView {
    fn from(f: FiledRectification) -> Self {
        RectificationView {
            user: f.user.map(UserView::from),
            ..RectificationView::from(f.rectification)
        }
    }
}

/// Ask an administrator to correct my personal data that I cannot change myself
/// (R-PD-1, policy §14). The administrators are notified.
#[utoipa::path(post, path = "/api/v1/privacy/rectifications", tag = "privacy", request_body = FileRectification,
    responses((status = 201, body = RectificationView), (status = 422, description = "field-required")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn file_rectification(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiJson(body): ApiJson<FileRectification>,
) -> Result<(StatusCode, Json<RectificationView>), AppError> {
    let filed = rectifications::file(&state, &me, body).await?;
    Ok((StatusCode::CREATED, Json(filed.into())))
}

/// Rectification requests, newest first (administrators). A read of personal data.
#[utoipa::path(get, path = "/api/v1/privacy/rectifications", tag = "privacy", params(RectificationQuery),
    responses((status = 200, body = Vec<RectificationView>)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("privacy.withdrawal.manage"))))]
pub async fn list_rectifications(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<RectificationQuery>,
) -> Result<Json<Vec<RectificationView>>, AppError> {
    let found = rectifications::list(&state, &me, q).await?;
    Ok(Json(
        found.into_iter().map(RectificationView::from).collect(),
    ))
}

/// Resolve a rectification request (administrators): `corrected` once the record is
/// corrected (`PATCH /users/{id}`), or `rejected` with a comment. The person is
/// notified.
#[utoipa::path(post, path = "/api/v1/privacy/rectifications/{id}/resolve", tag = "privacy", params(("id" = Uuid, Path)),
    request_body = ResolveRectification,
    responses((status = 200, body = RectificationView), (status = 404, description = "rectification-not-found"),
        (status = 409, description = "rectification-not-open")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("privacy.withdrawal.manage"))))]
pub async fn resolve_rectification(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
    ApiJson(body): ApiJson<ResolveRectification>,
) -> Result<Json<RectificationView>, AppError> {
    Ok(Json(
        rectifications::resolve(&state, &me, id, body).await?.into(),
    ))
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
    erasure::erase(&state, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
