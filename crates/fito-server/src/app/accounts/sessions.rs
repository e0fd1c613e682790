//! Signing in with e-mail and password, the sessions a sign-in opens, and signing
//! out (R-AUTH-1). The lockout counts failed attempts per e-mail address.

use crate::app::accounts::{anonymous_entry, check_can_sign_in};
use crate::app::passwords::{random_token, sha256_hex};
use crate::app::{Actor, App, AppError, EntryExt, Kind, RequestMeta};
use crate::config::AuthConfig;
use fito_core::Email;
use fito_store::accounts::UserChanges;
use fito_store::sessions::{self, NewSession, Session};
use fito_store::time::now_us;
use fito_store::users::{self, User};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
}

/// A session just opened: the only time its token and CSRF token exist in clear.
pub struct Opened {
    pub session: Session,
    pub token: String,
    pub csrf: String,
    /// How long the session lives, in seconds.
    pub lifetime_secs: i64,
    pub user: User,
}

/// How a person proved who they are, and what that changes on their account.
pub(crate) struct Proof {
    /// The journal's action: `auth.login` or `auth.login.signature`.
    pub action: &'static str,
    /// The failed attempts to forget (key, window start) after a good password.
    pub clear_failures: Option<(String, i64)>,
    /// Changes to the user that come with the sign-in, and the journal's details.
    pub changes: Option<(UserChanges, serde_json::Value)>,
}

fn invalid_credentials() -> AppError {
    AppError::new(Kind::Unauthenticated, "auth-invalid-credentials")
}

fn locked(config: &AuthConfig, latest_failure: i64, now: i64) -> AppError {
    let until = latest_failure + config.lockout_minutes * 60_000_000;
    let minutes = ((until - now).max(0) + 59_999_999) / 60_000_000;
    AppError::new(Kind::TooManyRequests, "auth-locked").with("minutes", minutes.max(1))
}

/// Signs in with e-mail and password. Too many failures for one address within the
/// window lock it for a while; each failure is journalled.
pub async fn login(app: &App, meta: &RequestMeta, input: LoginRequest) -> Result<Opened, AppError> {
    let config = &app.config.auth;
    let email = Email::parse(&input.email).map_err(|_| invalid_credentials())?;
    let key = sha256_hex(email.as_str());
    let now = now_us();
    let window_start = now - config.lockout_window_minutes * 60_000_000;
    let (failures, latest) =
        sessions::failures_since(app.store.reader(), &key, window_start).await?;
    if failures >= config.lockout_failures {
        return Err(locked(config, latest.unwrap_or(now), now));
    }
    let user = users::find_by_email(app.store.reader(), email.as_str()).await?;
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    if !app.passwords.verify(input.password, hash).await {
        let mut unit = app.begin().await?;
        sessions::record_failure(unit.tx(), &key, now).await?;
        unit.journal(
            anonymous_entry(meta, "auth.login", user.as_ref().map(|u| u.id))
                .outcome("auth-invalid-credentials"),
        );
        unit.commit().await?;
        if failures + 1 >= config.lockout_failures {
            return Err(locked(config, now, now));
        }
        return Err(invalid_credentials());
    }
    let user = user.expect("a verified password belongs to a user");
    check_can_sign_in(&user)?;
    let proof = Proof {
        action: "auth.login",
        clear_failures: Some((key, window_start)),
        changes: None,
    };
    open(app, meta, user, proof).await
}

/// Opens a session for a user who proved who they are (password or e-signature):
/// the session row, the changes the proof brings and its journal line, together.
pub(crate) async fn open(
    app: &App,
    meta: &RequestMeta,
    user: User,
    proof: Proof,
) -> Result<Opened, AppError> {
    let config = &app.config.auth;
    let now = now_us();
    // The mobile app identifies itself with a device id and keeps longer sessions.
    let (kind, ttl_us) = match &meta.device_id {
        Some(_) => ("app", config.app_session_days * 86_400_000_000),
        None => ("browser", config.browser_session_hours * 3_600_000_000),
    };
    let token = random_token();
    let csrf = random_token();
    let mut unit = app.begin().await?;
    let new = NewSession {
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
    };
    let session = sessions::insert(unit.tx(), new, now).await?;
    if let Some((key, window_start)) = &proof.clear_failures {
        sessions::clear_failures(unit.tx(), key, *window_start).await?;
    }
    let mut entry = anonymous_entry(meta, proof.action, Some(user.id));
    entry.actor_id = Some(user.id);
    entry.actor_role = user.role.clone();
    entry.target_type = Some("session".into());
    entry.target_id = Some(session.id.to_string());
    let user = match proof.changes {
        Some((changes, details)) => {
            entry.details = details;
            fito_store::accounts::update(unit.tx(), user, changes, now).await?
        }
        None => user,
    };
    unit.journal(entry);
    unit.commit().await?;
    Ok(Opened {
        session,
        token,
        csrf,
        lifetime_secs: ttl_us / 1_000_000,
        user,
    })
}

/// Ends the actor's current session.
pub async fn logout(app: &App, actor: &Actor) -> Result<(), AppError> {
    let session = actor.session_id.ok_or_else(AppError::unauthenticated)?;
    let mut unit = app.begin().await?;
    sessions::revoke(unit.tx(), session, now_us()).await?;
    unit.journal(actor.entry("auth.logout", Some("session"), Some(session.to_string())));
    unit.commit().await
}

/// The actor's live sessions, newest first.
pub async fn list(app: &App, actor: &Actor) -> Result<Vec<Session>, AppError> {
    Ok(sessions::list_live_for_user(app.store.reader(), actor.id(), now_us()).await?)
}

/// Ends one of the actor's own sessions (e.g. a lost phone).
pub async fn revoke(app: &App, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    let session = sessions::get(app.store.reader(), id).await?;
    if session.is_none_or(|s| s.user_id != actor.id()) {
        return Err(AppError::not_found("session-not-found"));
    }
    let mut unit = app.begin().await?;
    sessions::revoke(unit.tx(), id, now_us()).await?;
    unit.journal(actor.entry("session.revoke", Some("session"), Some(id.to_string())));
    unit.commit().await
}

/// Live sessions by token hash and the day their pending policy was read for (a
/// policy comes into force at midnight without a commit).
pub type KeptSessions = crate::app::kept::Kept<(String, String), sessions::Live>;

/// How many live sessions an instance keeps in memory.
pub const KEPT_SESSIONS: usize = 10_000;

/// The live session of a token hash at `now`, with its user and the policy they
/// still have to accept on `today`; `None` when unknown, revoked or expired. Read on
/// every request, except while this instance is told of every commit (PostgreSQL,
/// `app::kept`): then kept in memory, and forgotten when a session, a user, a
/// person's key or the policies change (migration 0026) or this instance commits.
/// Notes the session seen at most once a minute.
pub async fn live(
    app: &App,
    token_hash: &str,
    now: i64,
    today: &str,
) -> Result<Option<sessions::Live>, AppError> {
    let key = (token_hash.to_string(), today.to_string());
    let mut live = match app.sessions.get(&key) {
        Ok(live) => live,
        Err(since) => {
            let read = sessions::find_live(app.store.reader(), token_hash, now, today).await?;
            let Some(live) = read else { return Ok(None) };
            app.sessions.keep(&key, &live, since);
            live
        }
    };
    if live.session.expires_at <= now {
        return Ok(None);
    }
    if now - live.session.last_seen_at > 60_000_000 {
        // Best effort: a lost "last seen" update is harmless.
        let _ = sessions::touch(app.store.writer(), live.session.id, now).await;
        live.session.last_seen_at = now;
        app.sessions
            .update(&key, |kept| kept.session.last_seen_at = now);
    }
    Ok(Some(live))
}
