//! Accounts (R-AUTH-1..4, R-USER-1..3, R-ROLE-1): signing in and out, sessions,
//! passwords, self-registration, people managed by administrators, and the
//! administrators the system itself makes (first start, `fito admin`).

pub mod admins;
pub(crate) mod esign;
pub mod password;
pub(crate) mod people;
pub(crate) mod registration;
pub(crate) mod sessions;
pub(crate) mod users;

use crate::app::{AppError, RequestMeta};
use fito_store::audit::NewEntry;
use fito_store::time::now_us;
use fito_store::users::{STATUS_ACTIVE, STATUS_PENDING, User};
use uuid::Uuid;

/// Only active accounts sign in; pending and deactivated ones are told which.
pub(crate) fn check_can_sign_in(user: &User) -> Result<(), AppError> {
    match user.status.as_str() {
        STATUS_ACTIVE => Ok(()),
        STATUS_PENDING => Err(AppError::refused("auth-account-pending")),
        _ => Err(AppError::refused("auth-account-deactivated")),
    }
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
        details: serde_json::json!({}),
        ..NewEntry::default()
    }
}

/// A journal entry for what the system itself does (first start, the command line).
pub(crate) fn system_entry(
    action: &str,
    target_type: &str,
    target_id: String,
    details: serde_json::Value,
) -> NewEntry {
    NewEntry {
        at: now_us(),
        actor_role: Some("system".into()),
        action: action.into(),
        target_type: Some(target_type.into()),
        target_id: Some(target_id),
        outcome: "ok".into(),
        details,
        ..NewEntry::default()
    }
}
