//! Web Push storage (R-NOTIF-1): subscriptions per person, the outbox of deliveries
//! enqueued with their notification, and keys shared by every instance (VAPID).

use crate::Result;
use crate::conn::Conn;
use crate::sql::stmt;
use sea_orm::Value;
use uuid::Uuid;

pub const PENDING: &str = "pending";
pub const FAILED: &str = "failed";

/// A device's push subscription, as it is saved.
pub struct Subscription<'a> {
    pub user_id: Uuid,
    pub endpoint: &'a str,
    pub p256dh: &'a str,
    pub auth: &'a str,
    /// The language its notifications are written in.
    pub lang: &'a str,
    /// The kinds of notification it is pushed; `None`: every kind.
    pub kinds: Option<&'a [String]>,
}

/// Saves a subscription for its person; the same endpoint subscribed again (new keys,
/// another person on the same device) replaces the old one.
pub async fn subscribe<C: Conn>(conn: &C, sub: Subscription<'_>, now: i64) -> Result<()> {
    let Subscription {
        user_id,
        endpoint,
        p256dh,
        auth,
        lang,
        kinds,
    } = sub;
    // `,a,b,`: a kind is found with LIKE '%,kind,%' on both engines.
    let kinds: Option<String> = kinds.map(|k| format!(",{},", k.join(",")));
    conn.execute_raw(stmt(
        conn,
        "INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, lang, kinds, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (endpoint) DO UPDATE SET \
         user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth, \
         lang = excluded.lang, kinds = excluded.kinds",
        vec![
            Uuid::now_v7().into(),
            user_id.into(),
            endpoint.into(),
            p256dh.into(),
            auth.into(),
            lang.into(),
            crate::sql::opt_str(kinds),
            now.into(),
        ],
    ))
    .await?;
    Ok(())
}

/// Removes one of the person's subscriptions; false if they had none at `endpoint`.
pub async fn unsubscribe<C: Conn>(conn: &C, user_id: Uuid, endpoint: &str) -> Result<bool> {
    let done = conn
        .execute_raw(stmt(
            conn,
            "DELETE FROM push_subscriptions WHERE user_id = ? AND endpoint = ?",
            vec![user_id.into(), endpoint.into()],
        ))
        .await?;
    Ok(done.rows_affected() > 0)
}

/// The push service said the subscription is gone (404/410): forget it, and its
/// pending deliveries with it.
pub async fn drop_subscription<C: Conn>(conn: &C, id: Uuid) -> Result<()> {
    conn.execute_raw(stmt(
        conn,
        "DELETE FROM push_outbox WHERE subscription_id = ?",
        vec![id.into()],
    ))
    .await?;
    conn.execute_raw(stmt(
        conn,
        "DELETE FROM push_subscriptions WHERE id = ?",
        vec![id.into()],
    ))
    .await?;
    Ok(())
}

/// How many subscriptions a person has.
pub async fn count_of_user<C: Conn>(conn: &C, user_id: Uuid) -> Result<i64> {
    let row = conn
        .query_one_raw(stmt(
            conn,
            "SELECT COUNT(*) AS n FROM push_subscriptions WHERE user_id = ?",
            vec![user_id.into()],
        ))
        .await?;
    Ok(row
        .map(|r| r.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0))
}

/// Enqueues one delivery per subscription of each notification's reader. Runs in
/// the notification's transaction: a rolled-back event pushes nothing.
pub async fn enqueue<C: Conn>(conn: &C, notifications: &[Uuid], now: i64) -> Result<u64> {
    let mut enqueued = 0;
    for chunk in notifications.chunks(200) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let mut values: Vec<Value> = vec![now.into(), now.into()];
        values.extend(chunk.iter().map(|id| Value::from(*id)));
        let done = conn
            .execute_raw(stmt(
                conn,
                &format!(
                    "INSERT INTO push_outbox (subscription_id, notification_id, attempts, next_at, state, created_at) \
                     SELECT s.id, n.id, 0, ?, 'pending', ? FROM notifications n \
                     JOIN push_subscriptions s ON s.user_id = n.user_id WHERE n.id IN ({marks}) \
                     AND (s.kinds IS NULL OR s.kinds LIKE '%,' || n.kind || ',%')"
                ),
                values,
            ))
            .await?;
        enqueued += done.rows_affected();
    }
    Ok(enqueued)
}

/// One delivery that is due, with what the worker needs to send it.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub rid: i64,
    pub attempts: i64,
    pub subscription_id: Uuid,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
    pub lang: String,
    pub notification_id: Uuid,
    pub kind: String,
    pub args: String,
    pub target_kind: Option<String>,
    pub target_id: Option<Uuid>,
}

/// Pending deliveries due at `now`, oldest first.
pub async fn due<C: Conn>(conn: &C, now: i64, limit: u64) -> Result<Vec<Delivery>> {
    let rows = conn
        .query_all_raw(stmt(
            conn,
            "SELECT o.rid, o.attempts, s.id AS sid, s.endpoint, s.p256dh, s.auth, s.lang, \
             n.id AS nid, n.kind, n.args, n.target_kind, n.target_id \
             FROM push_outbox o JOIN push_subscriptions s ON s.id = o.subscription_id \
             JOIN notifications n ON n.id = o.notification_id \
             WHERE o.state = 'pending' AND o.next_at <= ? ORDER BY o.rid LIMIT ?",
            vec![now.into(), (limit as i64).into()],
        ))
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Delivery {
                rid: r.try_get("", "rid")?,
                attempts: r.try_get("", "attempts")?,
                subscription_id: r.try_get("", "sid")?,
                endpoint: r.try_get("", "endpoint")?,
                p256dh: r.try_get("", "p256dh")?,
                auth: r.try_get("", "auth")?,
                lang: r.try_get("", "lang")?,
                notification_id: r.try_get("", "nid")?,
                kind: r.try_get("", "kind")?,
                args: r.try_get("", "args")?,
                target_kind: r.try_get("", "target_kind")?,
                target_id: r.try_get("", "target_id")?,
            })
        })
        .collect()
}

/// Delivered: the row goes.
pub async fn delivered<C: Conn>(conn: &C, rid: i64) -> Result<()> {
    conn.execute_raw(stmt(
        conn,
        "DELETE FROM push_outbox WHERE rid = ?",
        vec![rid.into()],
    ))
    .await?;
    Ok(())
}

/// Not delivered this time: try again at `next_at`.
pub async fn retry_later<C: Conn>(conn: &C, rid: i64, next_at: i64, error: &str) -> Result<()> {
    conn.execute_raw(stmt(
        conn,
        "UPDATE push_outbox SET attempts = attempts + 1, next_at = ?, last_error = ? WHERE rid = ?",
        vec![next_at.into(), error.into(), rid.into()],
    ))
    .await?;
    Ok(())
}

/// Given up: kept with its last error for the operator, never tried again.
pub async fn give_up<C: Conn>(conn: &C, rid: i64, error: &str) -> Result<()> {
    conn.execute_raw(stmt(
        conn,
        "UPDATE push_outbox SET attempts = attempts + 1, state = 'failed', last_error = ? WHERE rid = ?",
        vec![error.into(), rid.into()],
    ))
    .await?;
    Ok(())
}

/// Counts outbox rows in `state` (`PENDING` or `FAILED`).
pub async fn count<C: Conn>(conn: &C, state: &str) -> Result<i64> {
    let row = conn
        .query_one_raw(stmt(
            conn,
            "SELECT COUNT(*) AS n FROM push_outbox WHERE state = ?",
            vec![state.into()],
        ))
        .await?;
    Ok(row
        .map(|r| r.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0))
}

/// The shared key called `name`, made by `make` if no instance has made it yet. When
/// two instances start at once both may make one; the first written is the one
/// both use.
pub async fn shared_key<C: Conn>(
    conn: &C,
    name: &str,
    make: impl FnOnce() -> String,
    now: i64,
) -> Result<String> {
    let read = || {
        stmt(
            conn,
            "SELECT value FROM server_keys WHERE name = ?",
            vec![name.into()],
        )
    };
    if let Some(row) = conn.query_one_raw(read()).await? {
        return Ok(row.try_get("", "value")?);
    }
    conn.execute_raw(stmt(
        conn,
        "INSERT INTO server_keys (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
        vec![name.into(), make().into(), now.into()],
    ))
    .await?;
    let row = conn
        .query_one_raw(read())
        .await?
        .ok_or(crate::StoreError::NotFound)?;
    Ok(row.try_get("", "value")?)
}
