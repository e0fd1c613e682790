//! Who is calling (R-AUTH-1): the session from the bearer token or cookie, the CSRF
//! check for cookie requests, and the two extractors protected handlers take:
//! [`CurrentUser`] (the policy in force accepted, R-PD-1) and [`SignedIn`] (for the
//! few routes a person needs before accepting it: reading the policy, accepting it,
//! their own data, signing out). Which one a route takes is its consent exemption.

use crate::app::passwords::sha256_hex;
use crate::app::{Actor, AppError};
use crate::http::extract::request_meta;
use crate::http::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, header};
use fito_store::sessions::Session;
use fito_store::users::STATUS_ACTIVE;

pub const SESSION_COOKIE: &str = "fito_session";
pub const CSRF_COOKIE: &str = "fito_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// The signed-in caller of a request who has accepted the policy in force.
pub struct CurrentUser {
    pub actor: Actor,
    pub session: Session,
    /// The version of the policy in force the caller has not accepted yet, if any.
    policy_pending: Option<String>,
}

/// The signed-in caller, whether or not they have accepted the policy in force.
pub struct SignedIn(pub CurrentUser);

impl std::ops::Deref for CurrentUser {
    type Target = Actor;
    fn deref(&self) -> &Actor {
        &self.actor
    }
}

impl std::ops::Deref for SignedIn {
    type Target = CurrentUser;
    fn deref(&self) -> &CurrentUser {
        &self.0
    }
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let SignedIn(me) = SignedIn::from_request_parts(parts, state).await?;
        // R-PD-1: the policy in force must be accepted before anything else.
        if let Some(version) = &me.policy_pending {
            return Err(AppError::refused("consent-required").with("version", version));
        }
        Ok(me)
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let (token, via_cookie) = session_token(parts).ok_or_else(AppError::unauthenticated)?;
        let now = fito_store::time::now_us();
        let today = crate::app::privacy::today();
        let fito_store::sessions::Live {
            session,
            user,
            policy_pending,
        } = crate::app::accounts::sessions::live(state, &sha256_hex(&token), now, &today)
            .await?
            .ok_or_else(AppError::unauthenticated)?;
        if user.status != STATUS_ACTIVE {
            return Err(AppError::unauthenticated());
        }
        // Cookies ride along with any request the browser makes, even one a hostile
        // page triggers: state-changing cookie requests must prove they read our
        // CSRF cookie. Bearer tokens are never sent by the browser on its own.
        if via_cookie && !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
            let sent = parts
                .headers
                .get(CSRF_HEADER)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            if session.csrf_hash.as_deref() != Some(sha256_hex(sent).as_str()) || sent.is_empty() {
                return Err(AppError::refused("auth-csrf-failed"));
            }
        }
        // The access log names the caller (R-TECH-1).
        if let Some(logged) = parts.extensions.get::<crate::http::security::LoggedUser>() {
            let _ = logged.0.set(user.id);
        }
        let meta = request_meta(
            parts,
            crate::http::tls::forwarded_trusted(&state.config, parts),
        );
        let actor = Actor::of(state, user, meta, Some(session.id)).await?;
        Ok(SignedIn(CurrentUser {
            actor,
            session,
            policy_pending,
        }))
    }
}

/// The session token from `Authorization: Bearer …` or, failing that, the cookie.
fn session_token(parts: &Parts) -> Option<(String, bool)> {
    if let Some(bearer) = parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        return Some((bearer.trim().to_string(), false));
    }
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            c.trim()
                .strip_prefix(SESSION_COOKIE)
                .and_then(|r| r.strip_prefix('='))
        })
        .map(|t| (t.to_string(), true))
}
