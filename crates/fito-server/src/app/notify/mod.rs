//! Service notifications (R-NOTIF-1): written in the same transaction as the event
//! they tell of, so a rolled-back change never notifies anybody. The text is made
//! from the Fluent message `notification-<kind>` in the reader's language.

pub mod fcm;
pub mod feed;
pub mod live;
pub mod push_outbox;

pub use live::Sent;

use crate::app::{App, AppError};
use crate::i18n::{I18n, Lang};
use fito_store::Conn;
use fito_store::notifications::{self, Notification};
use uuid::Uuid;

/// What a notification is about, for the link in the notification centre.
pub struct Target<'a> {
    pub kind: &'a str,
    pub id: Uuid,
}

/// The kinds of notification there are: service events only (R-NOTIF-1).
pub const KINDS: &[&str] = &[
    "task-assigned",
    "quarantine-found",
    "act-submitted",
    "act-approved",
    "act-returned",
    "act-signed",
    "act-registered",
    // Quarantine zones and laboratory results (issue 14).
    "zone-proposed",
    "zone-established",
    "zone-lifted",
    "zone-withdrawn",
    "sample-confirmed",
    "sample-negative",
    "account-activated",
    // An account event too: the answer to a consent withdrawal request (R-PD-1).
    "withdrawal-resolved",
    // Privacy requests for the administrators, and the answer to a rectification
    // request (R-PD-1, issue 15).
    "withdrawal-filed",
    "rectification-filed",
    "rectification-resolved",
    // The previous month's report is ready (issue 13).
    "report-monthly",
];

/// Writes one notification of `kind` to each of `users` (duplicates dropped) and
/// enqueues a push delivery to each of their subscriptions, in the caller's
/// transaction. Publish the answer with `state.live.notified` after the commit.
pub async fn send<C: Conn>(
    conn: &C,
    users: &[Uuid],
    kind: &str,
    args: &[(&str, String)],
    target: Target<'_>,
) -> Result<Sent, AppError> {
    debug_assert!(KINDS.contains(&kind), "not a service notification: {kind}");
    let now = fito_store::time::now_us();
    let args: serde_json::Map<String, serde_json::Value> = args
        .iter()
        .map(|(k, v)| ((*k).to_string(), serde_json::Value::String(v.clone())))
        .collect();
    let args = serde_json::Value::Object(args).to_string();
    let mut seen = std::collections::HashSet::new();
    let rows: Vec<Notification> = users
        .iter()
        .filter(|u| seen.insert(**u))
        .map(|user_id| Notification {
            rid: 0,
            id: fito_core::new_id(),
            user_id: *user_id,
            kind: kind.to_string(),
            args: args.clone(),
            target_kind: Some(target.kind.to_string()),
            target_id: Some(target.id),
            created_at: now,
            read_at: None,
        })
        .collect();
    let ids: Vec<Uuid> = rows.iter().map(|n: &Notification| n.id).collect();
    notifications::insert_many(conn, rows).await?;
    fito_store::push::enqueue(conn, &ids, now).await?;
    Ok(Sent {
        rows: notifications::rows_of(conn, &ids).await?,
    })
}

/// The active Heads who see a record of the organisation at `org_path`: those of
/// that organisation and of every organisation above it (R-ORG-1).
pub async fn heads_over(app: &App, org_path: &str) -> Result<Vec<Uuid>, AppError> {
    Ok(fito_store::heads::over(app.store.reader(), org_path).await?)
}

/// A notification's text in `lang`: the Fluent message `notification-<kind>` with the
/// arguments stored with it (a JSON object of strings).
pub fn message(i18n: &I18n, lang: Lang, kind: &str, args: &str) -> String {
    let args: Vec<(String, String)> = serde_json::from_str::<serde_json::Value>(args)
        .ok()
        .and_then(|v| v.as_object().cloned())
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| (k, v.as_str().unwrap_or_default().to_string()))
        .collect();
    let args: Vec<(&str, String)> = args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    i18n.message(lang, &format!("notification-{kind}"), &args)
}

#[cfg(test)]
mod tests {
    use super::KINDS;
    use crate::i18n::{I18n, Lang};

    #[test]
    fn r_notif_1_every_service_notification_is_written_in_every_language() {
        let i18n = I18n::load();
        for kind in KINDS {
            for lang in Lang::ALL {
                assert!(
                    i18n.has(lang, &format!("notification-{kind}")),
                    "{kind} in {lang:?}"
                );
            }
        }
    }
}
