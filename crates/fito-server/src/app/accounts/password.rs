//! Passwords (R-AUTH-1): a person changes their own (required after a one-time
//! password); an administrator, or the operator on the command line, issues a new
//! one-time password. Either way the other sessions end.

use crate::app::accounts::{system_entry, users};
use crate::app::passwords::{check_password_policy, one_time_password, sha256_hex};
use crate::app::{Actor, App, AppError, Unit};
use fito_core::{Action, Email};
use fito_store::accounts::{PasswordChange, UserChanges};
use fito_store::sessions;
use fito_store::time::now_us;
use fito_store::users::User;
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;
use uuid::Uuid;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// Changes the actor's password; their other sessions end.
pub async fn change(
    app: &App,
    actor: &Actor,
    input: ChangePasswordRequest,
) -> Result<(), AppError> {
    let user = &actor.user;
    if !app
        .passwords
        .verify(input.current_password, user.password_hash.clone())
        .await
    {
        return Err(AppError::unprocessable("auth-wrong-current-password"));
    }
    check_password_policy(&input.new_password, &user.email, &app.config.auth)?;
    let hash = app.passwords.hash(input.new_password).await?;
    let now = now_us();
    let change = PasswordChange {
        hash,
        must_change: false,
    };
    let mut unit = app.begin().await?;
    set_password(&unit, user.clone(), change, now).await?;
    for s in sessions::list_live_for_user(unit.tx(), user.id, now).await? {
        if Some(s.id) != actor.session_id {
            sessions::revoke(unit.tx(), s.id, now).await?;
        }
    }
    unit.journal(actor.entry(
        "auth.password_change",
        Some("user"),
        Some(user.id.to_string()),
    ));
    unit.commit().await
}

/// Issues a new one-time password to user `id`; their sessions end.
pub async fn reset(app: &App, actor: &Actor, id: Uuid) -> Result<String, AppError> {
    let current = users::in_scope(app, actor, id, Action::UserResetPassword).await?;
    let password = one_time_password();
    check_password_policy(&password, &current.email, &app.config.auth)?;
    let hash = app.passwords.hash(password.clone()).await?;
    let mut unit = app.begin().await?;
    issue_one_time(&unit, current, hash).await?;
    unit.journal(actor.entry("user.reset_password", Some("user"), Some(id.to_string())));
    unit.commit().await?;
    Ok(password)
}

/// `fito admin reset`: a new one-time password for the user with this e-mail, their
/// sessions ended and their failed sign-ins forgotten, journalled as the system.
/// `None` when nobody has that e-mail.
pub async fn reset_by_email(app: &App, email: &Email) -> Result<Option<String>, AppError> {
    let Some(user) = fito_store::users::find_by_email(app.store.reader(), email.as_str()).await?
    else {
        return Ok(None);
    };
    let password = one_time_password();
    let id = user.id;
    let hash = app.passwords.hash(password.clone()).await?;
    let mut unit = app.begin().await?;
    let now = issue_one_time(&unit, user, hash).await?;
    sessions::clear_failures(unit.tx(), &sha256_hex(email.as_str()), now - 86_400_000_000).await?;
    unit.journal(system_entry(
        "user.reset_password",
        "user",
        id.to_string(),
        json!({ "via": "cli" }),
    ));
    unit.commit().await?;
    Ok(Some(password))
}

/// Sets a one-time password (its `hash`) on `user` and ends all their sessions;
/// answers the time it did so.
async fn issue_one_time(unit: &Unit<'_>, user: User, hash: String) -> Result<i64, AppError> {
    let now = now_us();
    let id = user.id;
    let change = PasswordChange {
        hash,
        must_change: true,
    };
    set_password(unit, user, change, now).await?;
    sessions::revoke_all_for_user(unit.tx(), id, now).await?;
    Ok(now)
}

async fn set_password(
    unit: &Unit<'_>,
    user: User,
    change: PasswordChange,
    now: i64,
) -> Result<User, AppError> {
    let changes = UserChanges {
        password: Some(change),
        ..UserChanges::default()
    };
    Ok(fito_store::accounts::update(unit.tx(), user, changes, now).await?)
}
