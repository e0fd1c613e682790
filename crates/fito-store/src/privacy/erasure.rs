//! Erasure (R-PD-2): the person's key is destroyed and their row blanked, so a copy
//! of the row anywhere (a backup) is unreadable once the key is gone there too;
//! [`apply_erasures`] re-applies recorded erasures to a restored backup.

use super::sealing::reveal;
use crate::Result;
use crate::conn::Conn;
use crate::entity::user;
use crate::sql::{exec, stmt};
use sea_orm::{ConnectionTrait, EntityTrait};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// Erases a person for good (R-PD-2): destroys their data key, blanks the personal
/// columns of their row and its satellites (sessions' device data, sign-in failures,
/// signature copies of their signed acts' signer, their consent signatures, their
/// withdrawal and rectification texts, their notifications), takes their name out of frozen act
/// documents, ends their sessions and records the erasure (id and time only). The
/// signed acts' PDF and CMS in the file store and the audit journal stay.
/// Running it again changes nothing more.
pub async fn erase<C: Conn>(conn: &C, person: Uuid, now: i64) -> Result<()> {
    // What to look for elsewhere, while the key still opens the row.
    let mut needles: Vec<String> = Vec::new();
    let mut email = None;
    if let Some(u) = user::Entity::find_by_id(person).one(conn).await? {
        let u = reveal(conn, u).await?;
        let full = [
            Some(u.surname.as_str()),
            Some(u.first_name.as_str()),
            u.patronymic.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
        needles.push(full);
        needles.extend([u.surname.clone(), u.first_name.clone()]);
        needles.extend(
            [
                u.patronymic,
                u.iin,
                u.phone,
                u.cert_subject,
                Some(u.email.clone()),
            ]
            .into_iter()
            .flatten(),
        );
        if !u.email.starts_with("erased:") {
            email = Some(u.email);
        }
    }
    needles.retain(|n| n.chars().count() >= 2);
    needles.sort_by_key(|n| std::cmp::Reverse(n.len()));
    needles.dedup();
    if !needles.is_empty() {
        redact_frozen_acts(conn, &needles).await?;
    }
    if let Some(email) = email {
        let key = hex::encode(Sha256::digest(email.trim().to_lowercase().as_bytes()));
        exec(
            conn,
            "DELETE FROM login_failures WHERE email_key = ?",
            vec![key.into()],
        )
        .await?;
    }
    exec(
        conn,
        "DELETE FROM person_keys WHERE person_id = ?",
        vec![person.into()],
    )
    .await?;
    exec(
        conn,
        "UPDATE users SET status = 'deleted', surname = '', first_name = '', patronymic = NULL, \
         phone = NULL, email = ?, iin = NULL, position = '', password_hash = NULL, \
         must_change_password = ?, cert_subject = NULL, cert_serial = NULL, cert_issuer = NULL, \
         cert_valid_from = NULL, cert_valid_to = NULL, cert_bin = NULL, email_bix = NULL, \
         iin_bix = NULL, updated_at = ? WHERE id = ?",
        vec![
            format!("erased:{person}").into(),
            false.into(),
            now.into(),
            person.into(),
        ],
    )
    .await?;
    exec(
        conn,
        "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
        vec![now.into(), person.into()],
    )
    .await?;
    exec(
        conn,
        "UPDATE sessions SET ip = NULL, device_id = NULL, os = NULL, app_version = NULL \
         WHERE user_id = ?",
        vec![person.into()],
    )
    .await?;
    exec(
        conn,
        "UPDATE act_signatures SET signer_name = NULL, signer_iin = NULL WHERE signed_by = ?",
        vec![person.into()],
    )
    .await?;
    exec(
        conn,
        "UPDATE policy_acceptances SET signature = NULL, ip = NULL, device_id = NULL \
         WHERE user_id = ?",
        vec![person.into()],
    )
    .await?;
    exec(
        conn,
        "UPDATE withdrawal_requests SET reason = '', comment = NULL WHERE user_id = ?",
        vec![person.into()],
    )
    .await?;
    exec(
        conn,
        "UPDATE rectification_requests SET details = '', comment = NULL WHERE user_id = ?",
        vec![person.into()],
    )
    .await?;
    exec(
        conn,
        "DELETE FROM notifications WHERE user_id = ?",
        vec![person.into()],
    )
    .await?;
    let recorded = conn
        .query_one_raw(stmt(
            conn,
            "SELECT erased_at FROM person_erasures WHERE person_id = ?",
            vec![person.into()],
        ))
        .await?
        .is_some();
    if !recorded {
        exec(
            conn,
            "INSERT INTO person_erasures (person_id, erased_at) VALUES (?, ?)",
            vec![person.into(), now.into()],
        )
        .await?;
    }
    Ok(())
}

/// After an erasure on SQLite, moves the WAL into the database file and empties it,
/// so no copy of the erased rows' old pages is left in the WAL (the file itself uses
/// `secure_delete`). Best effort; nothing to do on PostgreSQL.
pub async fn flush_erased(store: &crate::Store) {
    if store.engine() == crate::Engine::Sqlite
        && let Err(e) = store
            .writer()
            .execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
            .await
    {
        tracing::warn!(error = %e, "checkpoint after erasure failed");
    }
}

/// Re-applies erasures (R-PD-2) to a database — e.g. a restored backup taken before
/// they happened — so that the people erased since stay erased. Idempotent.
pub async fn apply_erasures<C: Conn>(conn: &C, people: &[Uuid]) -> Result<()> {
    let now = crate::time::now_us();
    for person in people {
        erase(conn, *person, now).await?;
    }
    Ok(())
}

/// The recorded erasures, oldest first: `(person id, erased at)`.
pub async fn erasures<C: Conn>(conn: &C) -> Result<Vec<(Uuid, i64)>> {
    recorded_in(conn).await
}

/// [`erasures`] of any database, also one no store has opened (a backup's snapshot).
pub(crate) async fn recorded_in<C: ConnectionTrait>(conn: &C) -> Result<Vec<(Uuid, i64)>> {
    let rows = conn
        .query_all_raw(stmt(
            conn,
            "SELECT person_id, erased_at FROM person_erasures ORDER BY erased_at, person_id",
            vec![],
        ))
        .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("", "person_id")?, r.try_get("", "erased_at")?)))
        .collect()
}

/// Takes the erased person's name, IIN and contacts out of the frozen documents of
/// acts (the rendering input kept beside an approved act's PDF). The PDF and its
/// signature, in the file store, are the act and stay as signed.
async fn redact_frozen_acts<C: Conn>(conn: &C, needles: &[String]) -> Result<()> {
    let rows = conn
        .query_all_raw(stmt(
            conn,
            "SELECT id, frozen FROM acts WHERE frozen IS NOT NULL",
            vec![],
        ))
        .await?;
    for row in rows {
        let id: Uuid = row.try_get("", "id")?;
        let frozen: String = row.try_get("", "frozen")?;
        if !needles.iter().any(|n| frozen.contains(n.as_str())) {
            continue;
        }
        let Ok(mut doc) = serde_json::from_str::<serde_json::Value>(&frozen) else {
            continue;
        };
        redact_value(&mut doc, needles);
        exec(
            conn,
            "UPDATE acts SET frozen = ? WHERE id = ?",
            vec![doc.to_string().into(), id.into()],
        )
        .await?;
    }
    Ok(())
}

fn redact_value(v: &mut serde_json::Value, needles: &[String]) {
    match v {
        serde_json::Value::String(s) => {
            for n in needles {
                if s.contains(n.as_str()) {
                    *s = s.replace(n.as_str(), "");
                }
            }
            *s = s.trim().to_string();
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|i| redact_value(i, needles)),
        serde_json::Value::Object(map) => map.values_mut().for_each(|i| redact_value(i, needles)),
        _ => {}
    }
}
