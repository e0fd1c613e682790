//! Sign-in with e-mail and password, sessions, own profile, password change and
//! self-registration (R-AUTH-1, R-USER-2, R-USER-3), over `app::accounts`. The
//! session travels as a bearer token (mobile app) or as cookies (browser).

use super::views::UserView;
use crate::app::accounts::password::{self, ChangePasswordRequest};
use crate::app::accounts::registration::{self, RegisterRequest};
use crate::app::accounts::sessions::{self, LoginRequest, Opened};
use crate::app::accounts::users::{self, OwnProfileChange};
use crate::app::{AppError, RequestMeta};
use crate::config::Config;
use crate::http::extract::ApiJson;
use crate::http::session::{CSRF_COOKIE, CurrentUser, SESSION_COOKIE, SignedIn};
use crate::http::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use fito_store::sessions::Session;
use fito_store::time::to_datetime;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

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
    let opened = sessions::login(&state, &meta, body).await?;
    signed_in(&state.config, opened)
}

/// The answer to a sign-in: the session's cookies (HttpOnly token, readable CSRF
/// token) and the same tokens in the body.
pub(crate) fn signed_in(config: &Config, opened: Opened) -> Result<Response, AppError> {
    let max_age = opened.lifetime_secs;
    let secure = if config.cookie_secure { "; Secure" } else { "" };
    let (token, csrf) = (opened.token, opened.csrf);
    let headers = cookies([
        format!(
            "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}{secure}"
        ),
        format!("{CSRF_COOKIE}={csrf}; Path=/; SameSite=Strict; Max-Age={max_age}{secure}"),
    ])?;
    let body = LoginResponse {
        token,
        csrf_token: csrf,
        session_id: opened.session.id,
        expires_at: to_datetime(opened.session.expires_at),
        user: opened.user.into(),
    };
    Ok((headers, Json(body)).into_response())
}

fn cookies(values: [String; 2]) -> Result<HeaderMap, AppError> {
    let mut headers = HeaderMap::new();
    for cookie in values {
        headers.append(
            header::SET_COOKIE,
            HeaderValue::from_str(&cookie).map_err(|_| AppError::internal())?,
        );
    }
    Ok(headers)
}

/// End the current session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn logout(
    State(state): State<AppState>,
    SignedIn(me): SignedIn,
) -> Result<Response, AppError> {
    sessions::logout(&state, &me).await?;
    let secure = if state.config.cookie_secure {
        "; Secure"
    } else {
        ""
    };
    let headers = cookies(
        [SESSION_COOKIE, CSRF_COOKIE]
            .map(|name| format!("{name}=; Path=/; Max-Age=0; SameSite=Strict{secure}")),
    )?;
    Ok((StatusCode::NO_CONTENT, headers).into_response())
}

/// The signed-in person's own profile.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth", responses((status = 200, body = UserView)),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn me(SignedIn(me): SignedIn) -> Json<UserView> {
    Json(me.user.clone().into())
}

/// Correct my own phone and position (policy §14). Name, IIN and e-mail are
/// corrected by an administrator on a rectification request.
#[utoipa::path(patch, path = "/api/v1/me", tag = "auth", request_body = OwnProfileChange,
    responses((status = 200, body = UserView), (status = 422, description = "phone-invalid, field-too-long …")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("self"))))]
pub async fn update_me(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiJson(body): ApiJson<OwnProfileChange>,
) -> Result<Json<UserView>, AppError> {
    Ok(Json(users::update_own(&state, &me, body).await?.into()))
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
    let found = sessions::list(&state, &me).await?;
    let current = me.session.id;
    Ok(Json(
        found
            .into_iter()
            .map(|s| session_view(s, current))
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
    sessions::revoke(&state, &me, id).await?;
    Ok(StatusCode::NO_CONTENT)
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
    password::change(&state, &me, body).await?;
    Ok(StatusCode::NO_CONTENT)
}

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
    let user = registration::register(&state, &meta, body).await?;
    Ok((StatusCode::CREATED, Json(user.into())))
}
