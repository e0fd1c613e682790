//! Sign-in with e-mail and password, sessions, own profile, password change and
//! self-registration (R-AUTH-1, R-USER-2, R-USER-3).

use super::people::{checked_person, person_request};
use super::views::UserView;
use crate::app::passwords::{check_password_policy, random_token, sha256_hex};
use crate::app::{AppError, EntryExt, Kind, RequestMeta};
use crate::http::extract::ApiJson;
use crate::http::session::{CSRF_COOKIE, CurrentUser, SESSION_COOKIE, SignedIn};
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use fito_core::Email;
use fito_store::audit::NewEntry;
use fito_store::sessions::{NewSession, Session};
use fito_store::time::{now_us, to_datetime};
use fito_store::users::{self, NewUser, STATUS_ACTIVE, STATUS_PENDING};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

#[derive(Serialize, ToSchema)]
pub struct LoginResponse {
    /// Send as `Authorization: Bearer <token>` (mobile app); the browser gets it as
    /// an HttpOnly cookie instead.
    pub token: String,
    /// Echo in the `X-CSRF-Token` header on state-changing requests that use the cookie.
    pub csrf_token: String,
    pub session_id: Uuid,
    pub expires_at: DateTime<Utc>,
    pub user: UserView,
}

/// Sign in with e-mail and password.
#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = LoginResponse), (status = 401, description = "auth-invalid-credentials"),
        (status = 429, description = "auth-locked")),
    extensions(("x-fito-action" = json!("public"))))]
pub async fn login(
    State(state): State<AppState>,
    meta: RequestMeta,
    ApiJson(body): ApiJson<LoginRequest>,
) -> Result<Response, AppError> {
    let config = &state.config.auth;
    let email = Email::parse(&body.email)
        .map_err(|_| AppError::new(Kind::Unauthenticated, "auth-invalid-credentials"))?;
    let key = sha256_hex(email.as_str());
    let now = now_us();
    let window_start = now - config.lockout_window_minutes * 60_000_000;
    let (failures, latest) =
        fito_store::sessions::failures_since(state.store.reader(), &key, window_start).await?;
    if failures >= config.lockout_failures {
        return Err(locked(config, latest.unwrap_or(now), now));
    }
    let user = users::find_by_email(state.store.reader(), email.as_str()).await?;
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    if !state.passwords.verify(body.password, hash).await {
        let txn = state.store.begin().await?;
        fito_store::sessions::record_failure(&txn, &key, now).await?;
        let entry = anonymous_entry(&meta, "auth.login", user.as_ref().map(|u| u.id))
            .outcome("auth-invalid-credentials");
        fito_store::audit::append(&txn, vec![entry]).await?;
        txn.commit().await?;
        if failures + 1 >= config.lockout_failures {
            return Err(locked(config, now, now));
        }
        return Err(AppError::new(
            Kind::Unauthenticated,
            "auth-invalid-credentials",
        ));
    }
    let user = user.expect("a verified password belongs to a user");
    check_can_sign_in(&user)?;
    let clear = Some((key, window_start));
    open_session(&state, &meta, user, "auth.login", clear, |_| Ok(None)).await
}

/// Only active accounts sign in; pending and deactivated ones are told which.
pub(crate) fn check_can_sign_in(user: &users::User) -> Result<(), AppError> {
    match user.status.as_str() {
        STATUS_ACTIVE => Ok(()),
        STATUS_PENDING => Err(AppError::refused("auth-account-pending")),
        _ => Err(AppError::refused("auth-account-deactivated")),
    }
}

/// Opens a session for a user who proved who they are (password or e-signature):
/// the session row, the journal line (with `details` from `extra`, which may also
/// change the user in the same transaction), the cookies and the token.
pub(crate) async fn open_session(
    state: &AppState,
    meta: &RequestMeta,
    user: users::User,
    action: &str,
    clear_failures: Option<(String, i64)>,
    extra: impl FnOnce(
        &users::User,
    ) -> Result<
        Option<(fito_store::entity::user::ActiveModel, serde_json::Value)>,
        AppError,
    >,
) -> Result<Response, AppError> {
    let config = &state.config.auth;
    let now = now_us();
    // The mobile app identifies itself with a device id and keeps longer sessions.
    let (kind, ttl_us) = match &meta.device_id {
        Some(_) => ("app", config.app_session_days * 86_400_000_000),
        None => ("browser", config.browser_session_hours * 3_600_000_000),
    };
    let token = random_token();
    let csrf = random_token();
    let txn = state.store.begin().await?;
    let session = fito_store::sessions::insert(
        &txn,
        NewSession {
            id: fito_core::new_id(),
            user_id: user.id,
            token_hash: sha256_hex(&token),
            csrf_hash: Some(sha256_hex(&csrf)),
            kind,
            expires_at: now + ttl_us,
            ip: meta.ip.clone(),
            device_id: meta.device_id.clone(),
            os: meta.os.clone(),
            app_version: meta.app_version.clone(),
        },
        now,
    )
    .await?;
    if let Some((key, window_start)) = clear_failures {
        fito_store::sessions::clear_failures(&txn, &key, window_start).await?;
    }
    let mut entry = anonymous_entry(meta, action, Some(user.id));
    entry.actor_id = Some(user.id);
    entry.actor_role = user.role.clone();
    entry.target_type = Some("session".into());
    entry.target_id = Some(session.id.to_string());
    let user = match extra(&user)? {
        Some((changed, details)) => {
            entry.details = details;
            users::save(&txn, changed, now).await?
        }
        None => user,
    };
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;

    let max_age = ttl_us / 1_000_000;
    let secure = if state.config.cookie_secure {
        "; Secure"
    } else {
        ""
    };
    let mut headers = HeaderMap::new();
    let cookies = [
        format!(
            "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
        ),
        format!("{CSRF_COOKIE}={csrf}; Path=/; SameSite=Strict; Max-Age={max_age}{secure}"),
    ];
    for cookie in cookies {
        headers.append(
            header::SET_COOKIE,
            HeaderValue::from_str(&cookie).map_err(|_| AppError::internal())?,
        );
    }
    let body = LoginResponse {
        token,
        csrf_token: csrf,
        session_id: session.id,
        expires_at: to_datetime(session.expires_at),
        user: user.into(),
    };
    Ok((headers, Json(body)).into_response())
}

fn locked(config: &crate::config::AuthConfig, latest_failure: i64, now: i64) -> AppError {
    let until = latest_failure + config.lockout_minutes * 60_000_000;
    let minutes = ((until - now).max(0) + 59_999_999) / 60_000_000;
    AppError::new(Kind::TooManyRequests, "auth-locked").with("minutes", minutes.max(1))
}

/// A journal entry for a request whose caller is not (yet) signed in.
pub(crate) fn anonymous_entry(
    meta: &RequestMeta,
    action: &str,
    target_user: Option<Uuid>,
) -> NewEntry {
    NewEntry {
        at: now_us(),
        action: action.to_string(),
        target_type: target_user.map(|_| "user".to_string()),
        target_id: target_user.map(|id| id.to_string()),
        outcome: "ok".to_string(),
        ip: meta.ip.clone(),
        device_id: meta.device_id.clone(),
        os: meta.os.clone(),
        app_version: meta.app_version.clone(),
        details: json!({}),
        ..NewEntry::default()
    }
}

/// End the current session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn logout(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> Result<Response, AppError> {
    let txn = state.store.begin().await?;
    fito_store::sessions::revoke(&txn, me.session.id, now_us()).await?;
    fito_store::audit::append(
        &txn,
        vec![me.entry(
            "auth.logout",
            Some("session"),
            Some(me.session.id.to_string()),
        )],
    )
    .await?;
    txn.commit().await?;
    let secure = if state.config.cookie_secure {
        "; Secure"
    } else {
        ""
    };
    let mut headers = HeaderMap::new();
    for name in [SESSION_COOKIE, CSRF_COOKIE] {
        let cookie = format!("{name}=; Path=/; Max-Age=0; SameSite=Strict{secure}");
        headers.append(
            header::SET_COOKIE,
            HeaderValue::from_str(&cookie).map_err(|_| AppError::internal())?,
        );
    }
    Ok((StatusCode::NO_CONTENT, headers).into_response())
}

/// The signed-in person's own profile.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = UserView)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn me(SignedIn(me): SignedIn) -> Json<UserView> {
    Json(me.user.clone().into())
}

#[derive(Serialize, ToSchema)]
pub struct SessionView {
    pub id: Uuid,
    /// browser or app
    pub kind: String,
    pub current: bool,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub ip: Option<String>,
    pub device_id: Option<String>,
    pub os: Option<String>,
    pub app_version: Option<String>,
}

fn session_view(s: Session, current: Uuid) -> SessionView {
    SessionView {
        current: s.id == current,
        id: s.id,
        kind: s.kind,
        created_at: to_datetime(s.created_at),
        last_seen_at: to_datetime(s.last_seen_at),
        expires_at: to_datetime(s.expires_at),
        ip: s.ip,
        device_id: s.device_id,
        os: s.os,
        app_version: s.app_version,
    }
}

/// The caller's live sessions, newest first.
#[utoipa::path(get, path = "/api/v1/auth/sessions", tag = "auth", responses((status = 200, body = Vec<SessionView>)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn list_sessions(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<Vec<SessionView>>, AppError> {
    let sessions =
        fito_store::sessions::list_live_for_user(state.store.reader(), me.user.id, now_us())
            .await?;
    Ok(Json(
        sessions
            .into_iter()
            .map(|s| session_view(s, me.session.id))
            .collect(),
    ))
}

/// Revoke one of the caller's own sessions (e.g. a lost phone).
#[utoipa::path(delete, path = "/api/v1/auth/sessions/{id}", tag = "auth", params(("id" = Uuid, Path)),
    responses((status = 204), (status = 404, description = "session-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn revoke_session(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, AppError> {
    let session = fito_store::sessions::get(state.store.reader(), id).await?;
    if session.is_none_or(|s| s.user_id != me.user.id) {
        return Err(AppError::not_found("session-not-found"));
    }
    let txn = state.store.begin().await?;
    fito_store::sessions::revoke(&txn, id, now_us()).await?;
    fito_store::audit::append(
        &txn,
        vec![me.entry("session.revoke", Some("session"), Some(id.to_string()))],
    )
    .await?;
    txn.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// Change the caller's password (required after a one-time password). Other
/// sessions of the user end.
#[utoipa::path(post, path = "/api/v1/auth/password", tag = "auth", request_body = ChangePasswordRequest,
    responses((status = 204), (status = 422, description = "auth-wrong-current-password, password-too-short …")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn change_password(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
    ApiJson(body): ApiJson<ChangePasswordRequest>,
) -> Result<StatusCode, AppError> {
    if !state
        .passwords
        .verify(body.current_password, me.user.password_hash.clone())
        .await
    {
        return Err(AppError::unprocessable("auth-wrong-current-password"));
    }
    check_password_policy(&body.new_password, &me.user.email, &state.config.auth)?;
    let hash = state.passwords.hash(body.new_password).await?;
    let now = now_us();
    let txn = state.store.begin().await?;
    let mut model: fito_store::entity::user::ActiveModel = me.user.clone().into();
    model.password_hash = sea_orm_set(Some(hash));
    model.must_change_password = sea_orm_set(false);
    users::save(&txn, model, now).await?;
    revoke_other_sessions(&txn, me.user.id, me.session.id, now).await?;
    fito_store::audit::append(
        &txn,
        vec![me.entry(
            "auth.password_change",
            Some("user"),
            Some(me.user.id.to_string()),
        )],
    )
    .await?;
    txn.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn revoke_other_sessions<C: fito_store::Conn>(
    conn: &C,
    user_id: Uuid,
    keep: Uuid,
    now: i64,
) -> Result<(), AppError> {
    for s in fito_store::sessions::list_live_for_user(conn, user_id, now).await? {
        if s.id != keep {
            fito_store::sessions::revoke(conn, s.id, now).await?;
        }
    }
    Ok(())
}

pub(crate) fn sea_orm_set<T: Into<fito_store::Value>>(value: T) -> fito_store::ActiveValue<T> {
    fito_store::ActiveValue::Set(value)
}

person_request!(RegisterRequest {
    password: String,
    /// The organisation the person works for, when they know it.
    organization_id: Option<Uuid>,
});

/// Self-registration (R-USER-2): the account stays pending until an administrator
/// activates it. The IIN must be valid and show an age of 18 or more (R-USER-3).
#[utoipa::path(post, path = "/api/v1/register", tag = "auth", request_body = RegisterRequest,
    responses((status = 201, body = UserView), (status = 422, description = "iin-checksum, iin-underage …"),
        (status = 409, description = "email-taken, iin-taken")),
    extensions(("x-fito-action" = json!("public"))))]
pub async fn register(
    State(state): State<AppState>,
    meta: RequestMeta,
    ApiJson(body): ApiJson<RegisterRequest>,
) -> Result<(StatusCode, Json<UserView>), AppError> {
    let person = checked_person(body.person())?;
    check_password_policy(&body.password, person.email.as_str(), &state.config.auth)?;
    if let Some(org) = body.organization_id {
        state
            .org_path(org)
            .await?
            .ok_or_else(|| AppError::unprocessable("organization-not-found"))?;
    }
    let hash = state.passwords.hash(body.password).await?;
    let now = now_us();
    let txn = state.store.begin().await?;
    let user = users::insert(
        &txn,
        NewUser {
            id: fito_core::new_id(),
            organization_id: body.organization_id,
            role: None,
            status: STATUS_PENDING,
            password_hash: Some(hash),
            must_change_password: false,
            ..person.into_new_user()
        },
        now,
    )
    .await?;
    fito_store::audit::append(
        &txn,
        vec![anonymous_entry(&meta, "user.register", Some(user.id))],
    )
    .await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(user.into())))
}
