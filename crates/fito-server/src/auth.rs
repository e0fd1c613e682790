//! Who is calling (R-AUTH-1): password hashing, session tokens, and the
//! `CurrentUser` extractor that every protected handler takes.

use crate::config::AuthConfig;
use crate::error::ApiError;
use crate::extract::{RequestMeta, request_meta};
use crate::state::AppState;
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{Method, StatusCode, header};
use base64::Engine as _;
use fito_core::{Action, Role, permission};
use fito_store::audit::NewEntry;
use fito_store::sessions::Session;
use fito_store::users::{STATUS_ACTIVE, User};
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::sync::Arc;

pub const SESSION_COOKIE: &str = "fito_session";
pub const CSRF_COOKIE: &str = "fito_csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

/// argon2id hashing; the work runs on the blocking pool so sign-ins do not stall
/// other requests.
#[derive(Clone)]
pub struct Passwords {
    argon2: Arc<Argon2<'static>>,
    /// A hash of a random password, verified against when the account is unknown so
    /// that the answer takes as long as for a known one.
    dummy_hash: Arc<String>,
}

impl Passwords {
    pub fn new(config: &AuthConfig) -> Passwords {
        let params = Params::new(
            config.argon2_memory_kib,
            config.argon2_iterations,
            config.argon2_lanes,
            None,
        )
        .expect("argon2 parameters");
        let argon2 = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let dummy_hash = argon2
            .hash_password(random_token().as_bytes())
            .expect("argon2 hash")
            .to_string();
        Passwords {
            argon2: Arc::new(argon2),
            dummy_hash: Arc::new(dummy_hash),
        }
    }

    pub async fn hash(&self, password: String) -> Result<String, ApiError> {
        let this = self.clone();
        tokio::task::spawn_blocking(move || this.hash_now(&password))
            .await
            .map_err(|_| ApiError::internal())
    }

    /// Hashes on the current thread (for the command line and first start).
    pub fn hash_now(&self, password: &str) -> String {
        // Hashing fails only for inputs far beyond the 256-character policy limit.
        self.argon2
            .hash_password(password.as_bytes())
            .expect("argon2 hash")
            .to_string()
    }

    /// Checks a password against a stored hash, or against the dummy when there is none.
    pub async fn verify(&self, password: String, hash: Option<String>) -> bool {
        let argon2 = self.argon2.clone();
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.dummy_hash.to_string());
        let ok = tokio::task::spawn_blocking(move || {
            argon2
                .verify_password(password.as_bytes(), hash.as_str())
                .is_ok()
        })
        .await
        .unwrap_or(false);
        ok && known
    }
}

/// 256 random bits, URL-safe base64.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// A one-time password that is easy to type: 16 characters without look-alikes.
pub fn one_time_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()]))
        .collect()
}

pub fn sha256_hex(value: &str) -> String {
    hex::encode(Sha256::digest(value.as_bytes()))
}

/// Checks a new password against the policy.
pub fn check_password_policy(
    password: &str,
    email: &str,
    config: &AuthConfig,
) -> Result<(), ApiError> {
    let length = password.chars().count();
    if length < config.password_min_length {
        return Err(
            ApiError::unprocessable("password-too-short").with("min", config.password_min_length)
        );
    }
    // argon2 cost grows with the input: cap it.
    if length > 256 {
        return Err(ApiError::unprocessable("password-too-long").with("max", 256));
    }
    if password.trim().eq_ignore_ascii_case(email.trim()) {
        return Err(ApiError::unprocessable("password-same-as-email"));
    }
    Ok(())
}

/// The signed-in caller of a request.
pub struct CurrentUser {
    pub user: User,
    pub session: Session,
    pub role: Option<Role>,
    /// Materialised path of the caller's organisation; `None` for no organisation.
    pub org_path: Option<String>,
    pub meta: RequestMeta,
    state: AppState,
}

impl FromRequestParts<AppState> for CurrentUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let (token, via_cookie) = session_token(parts).ok_or_else(ApiError::unauthenticated)?;
        let now = fito_store::time::now_us();
        let (session, user) =
            fito_store::sessions::find_live(state.store.reader(), &sha256_hex(&token), now)
                .await?
                .ok_or_else(ApiError::unauthenticated)?;
        if user.status != STATUS_ACTIVE {
            return Err(ApiError::unauthenticated());
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
                return Err(ApiError::new(StatusCode::FORBIDDEN, "auth-csrf-failed"));
            }
        }
        if now - session.last_seen_at > 60_000_000 {
            // Best effort: a lost "last seen" update is harmless.
            let _ = fito_store::sessions::touch(state.store.writer(), session.id, now).await;
        }
        let org_path = match user.organization_id {
            Some(id) => state.org_path(id).await?,
            None => None,
        };
        let role = user.role.as_deref().and_then(|r| r.parse().ok());
        Ok(CurrentUser {
            user,
            session,
            role,
            org_path,
            meta: request_meta(parts, state.config.trust_proxy),
            state: state.clone(),
        })
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

impl CurrentUser {
    /// The permission check: the one table decides (R-ROLE-1). A refusal is
    /// answered 403 and recorded in the audit journal.
    pub fn require(&self, action: Action) -> Result<(), ApiError> {
        if self.user.must_change_password {
            return Err(ApiError::new(
                StatusCode::FORBIDDEN,
                "auth-password-change-required",
            ));
        }
        match self.role {
            Some(role) if permission::allowed(role, action) => Ok(()),
            _ => {
                self.state
                    .audit
                    .enqueue(self.entry(action.as_str(), None, None).outcome("forbidden"));
                Err(ApiError::forbidden())
            }
        }
    }

    /// As [`require`](Self::require), for a record of the organisation at
    /// `target_path`: outside the caller's subtree (R-ORG-1) the record does not
    /// exist for them, so the answer is the record's `not_found` code.
    pub fn require_in(
        &self,
        action: Action,
        target_path: Option<&str>,
        not_found: &'static str,
    ) -> Result<(), ApiError> {
        self.require(action)?;
        if self.sees(target_path) {
            Ok(())
        } else {
            Err(ApiError::not_found(not_found))
        }
    }

    /// The subtree a list or export covers: the caller's own, or the organisation
    /// they `asked` for when it lies inside it (else it does not exist for them).
    pub async fn scope_path(
        &self,
        action: Action,
        asked: Option<uuid::Uuid>,
    ) -> Result<String, ApiError> {
        self.require(action)?;
        match asked {
            Some(id) => {
                let path = self.state.org_path(id).await?;
                self.require_in(action, path.as_deref(), "organization-not-found")?;
                path.ok_or_else(|| ApiError::not_found("organization-not-found"))
            }
            None => self.org_path.clone().ok_or_else(ApiError::forbidden),
        }
    }

    /// Whether a record of the organisation at `target_path` lies in the caller's
    /// subtree. Records of no organisation are seen only from the root.
    pub fn sees(&self, target_path: Option<&str>) -> bool {
        match (&self.org_path, target_path) {
            (Some(mine), Some(target)) => permission::in_subtree(mine, target),
            (Some(mine), None) => mine.matches('/').count() == 2,
            (None, _) => false,
        }
    }

    /// A journal entry for something this user did.
    pub fn entry(
        &self,
        action: &str,
        target_type: Option<&str>,
        target_id: Option<String>,
    ) -> NewEntry {
        NewEntry {
            at: fito_store::time::now_us(),
            actor_id: Some(self.user.id),
            actor_role: self.user.role.clone(),
            action: action.to_string(),
            target_type: target_type.map(str::to_string),
            target_id,
            outcome: "ok".to_string(),
            ip: self.meta.ip.clone(),
            device_id: self.meta.device_id.clone(),
            os: self.meta.os.clone(),
            app_version: self.meta.app_version.clone(),
            details: serde_json::Value::Object(Default::default()),
        }
    }
}

/// Small builder helpers on journal entries.
pub trait EntryExt {
    fn outcome(self, outcome: &str) -> Self;
    fn details(self, details: serde_json::Value) -> Self;
}

impl EntryExt for NewEntry {
    fn outcome(mut self, outcome: &str) -> Self {
        self.outcome = outcome.to_string();
        self
    }
    fn details(mut self, details: serde_json::Value) -> Self {
        self.details = details;
        self
    }
}

impl CurrentUser {
    /// Another active user, acting through this caller's request: an administrator
    /// applying that user's exported outbox (R-MOB-2). The permission table then
    /// decides for `user`, and journal entries name `user` with `device_id`.
    pub(crate) async fn acting_as(
        &self,
        user: User,
        device_id: Option<String>,
    ) -> Result<CurrentUser, ApiError> {
        let org_path = match user.organization_id {
            Some(id) => self.state.org_path(id).await?,
            None => None,
        };
        let role = user.role.as_deref().and_then(|r| r.parse().ok());
        let mut meta = self.meta.clone();
        meta.device_id = device_id;
        Ok(CurrentUser {
            user,
            session: self.session.clone(),
            role,
            org_path,
            meta,
            state: self.state.clone(),
        })
    }
}
