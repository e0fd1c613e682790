//! Person keys (R-PD-2): each person has a data key (`person_keys`), wrapped with
//! AES-256-GCM by a master key from the connection's keyring; and the binding of a
//! database to one master key, by the key's id.

use super::keyring::{Keyring, MasterKey};
use crate::conn::{Conn, keyring};
use crate::sql::stmt;
use crate::{Result, StoreError};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use sea_orm::{QueryResult, Value};
use std::collections::HashMap;
use std::sync::Arc;
use uuid::Uuid;

/// Binds the database to `key` on first use; refuses another key later.
pub(crate) async fn bind_key<C: Conn>(conn: &C, key: &MasterKey) -> Result<()> {
    // Instances starting together: the first one's key wins, the others compare.
    conn.execute_raw(stmt(
        conn,
        "INSERT INTO privacy_master (id, key_id) VALUES (1, ?) ON CONFLICT (id) DO NOTHING",
        vec![key.id.clone().into()],
    ))
    .await?;
    let row = conn
        .query_one_raw(stmt(
            conn,
            "SELECT key_id FROM privacy_master WHERE id = 1",
            vec![],
        ))
        .await?
        .ok_or(StoreError::NotFound)?;
    let id: String = row.try_get("", "key_id")?;
    if id != key.id {
        return Err(StoreError::Privacy(
            "the master key file does not match this database (privacy.master_key_file)",
        ));
    }
    Ok(())
}

/// The master key of this database, from the connection's keyring.
pub(crate) async fn db_master<C: Conn>(conn: &C) -> Result<Arc<MasterKey>> {
    let row = conn
        .query_one_raw(stmt(
            conn,
            "SELECT key_id FROM privacy_master WHERE id = 1",
            vec![],
        ))
        .await?
        .ok_or(StoreError::Privacy(
            "no master key is bound to this database",
        ))?;
    let id: String = row.try_get("", "key_id")?;
    keyring(conn).get(&id).ok_or(StoreError::Privacy(
        "this database's master key is not loaded",
    ))
}

/// A person's data key.
pub(crate) struct PersonKey(pub(crate) [u8; 32]);

fn aead(key: &[u8; 32]) -> Aes256Gcm {
    Aes256Gcm::new(&(*key).into())
}

pub(crate) fn encrypt(key: &[u8; 32], aad: &[u8], msg: &[u8]) -> String {
    let nonce: [u8; 12] = rand::random();
    let sealed = aead(key)
        .encrypt(&Nonce::from(nonce), Payload { msg, aad })
        .expect("AES-GCM encrypts any message this size");
    let mut out = nonce.to_vec();
    out.extend_from_slice(&sealed);
    B64.encode(out)
}

pub(crate) fn decrypt(key: &[u8; 32], aad: &[u8], text: &str) -> Result<Vec<u8>> {
    let bytes = B64
        .decode(text)
        .map_err(|_| StoreError::Privacy("malformed ciphertext"))?;
    if bytes.len() < 12 {
        return Err(StoreError::Privacy("malformed ciphertext"));
    }
    let (nonce, sealed) = bytes.split_at(12);
    let nonce: [u8; 12] = nonce.try_into().expect("12 bytes");
    aead(key)
        .decrypt(&Nonce::from(nonce), Payload { msg: sealed, aad })
        .map_err(|_| StoreError::Privacy("personal data does not decrypt"))
}

pub(crate) async fn create_person_key<C: Conn>(
    conn: &C,
    master: &MasterKey,
    person: Uuid,
    now: i64,
) -> Result<PersonKey> {
    let raw: [u8; 32] = rand::random();
    let wrapped = encrypt(&master.wrap, person.as_bytes(), &raw);
    conn.execute_raw(stmt(
        conn,
        "INSERT INTO person_keys (person_id, master_id, wrapped, created_at) VALUES (?, ?, ?, ?)",
        vec![
            person.into(),
            master.id.clone().into(),
            wrapped.into(),
            now.into(),
        ],
    ))
    .await
    .map_err(|e| StoreError::from_write(e, &["id"]))?;
    Ok(PersonKey(raw))
}

fn unwrap_row(keys: &Keyring, row: &QueryResult) -> Result<(Uuid, PersonKey)> {
    let person: Uuid = row.try_get("", "person_id")?;
    let master_id: String = row.try_get("", "master_id")?;
    let wrapped: String = row.try_get("", "wrapped")?;
    let master = keys.get(&master_id).ok_or(StoreError::Privacy(
        "a person key is wrapped by a master key that is not loaded",
    ))?;
    let raw = decrypt(&master.wrap, person.as_bytes(), &wrapped)?;
    let raw: [u8; 32] = raw
        .try_into()
        .map_err(|_| StoreError::Privacy("malformed person key"))?;
    Ok((person, PersonKey(raw)))
}

/// The person key a row carries in `person_id`, `master_id` and `wrapped` (a left
/// join: `None` when the person has none).
pub(crate) fn person_key_in<C: Conn>(conn: &C, row: &QueryResult) -> Result<Option<PersonKey>> {
    let master: Option<String> = row.try_get("", "master_id")?;
    if master.is_none() {
        return Ok(None);
    }
    unwrap_row(keyring(conn), row).map(|(_, k)| Some(k))
}

pub(crate) async fn person_key<C: Conn>(conn: &C, person: Uuid) -> Result<Option<PersonKey>> {
    let row = conn
        .query_one_raw(stmt(
            conn,
            "SELECT person_id, master_id, wrapped FROM person_keys WHERE person_id = ?",
            vec![person.into()],
        ))
        .await?;
    row.as_ref()
        .map(|r| unwrap_row(keyring(conn), r))
        .transpose()
        .map(|o| o.map(|(_, k)| k))
}

pub(crate) async fn person_keys<C: Conn>(
    conn: &C,
    people: &[Uuid],
) -> Result<HashMap<Uuid, PersonKey>> {
    let mut keys = HashMap::new();
    for chunk in people.chunks(500) {
        if chunk.is_empty() {
            continue;
        }
        let marks = vec!["?"; chunk.len()].join(", ");
        let rows = conn
            .query_all_raw(stmt(
                conn,
                &format!(
                    "SELECT person_id, master_id, wrapped FROM person_keys WHERE person_id IN ({marks})"
                ),
                chunk.iter().map(|id| Value::from(*id)).collect(),
            ))
            .await?;
        for row in &rows {
            let (id, key) = unwrap_row(keyring(conn), row)?;
            keys.insert(id, key);
        }
    }
    Ok(keys)
}
