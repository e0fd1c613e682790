//! Personal data (R-PD-1, R-PD-2, R-PD-4): crypto-shredding of people's personal
//! fields, the privacy policy and its acceptances, withdrawal requests, erasure.
//!
//! Each person has a data key (`person_keys`), wrapped with AES-256-GCM by the master
//! key (a file outside the database). The personal columns of `users` hold
//! AES-256-GCM ciphertext under that key (`p1:` + base64 of nonce and ciphertext, the
//! person id and column name bound in as associated data); equality lookups go
//! through keyed HMAC-SHA-256 blind indexes. Erasure deletes the key and blanks the
//! row, so a copy of the row anywhere (a backup) is unreadable once the key is gone
//! there too: [`apply_erasures`] re-applies recorded erasures to a restored backup.
//!
//! The repositories (`users`, `sessions`) encrypt and decrypt through this module;
//! callers see plaintext. The master keys a process knows are registered with
//! [`install`]; each database is bound to one ([`bind`]) by the key's id.

use crate::entity::user;
use crate::{Result, StoreError};
use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use hmac::{Hmac, Mac};
use sea_orm::{
    ActiveValue, ConnectionTrait, DbBackend, EntityTrait, QueryResult, Statement, Value,
};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, LazyLock, RwLock};
use uuid::Uuid;

// ---------------------------------------------------------------- master keys

/// The master key, as two subkeys derived from the file's 32 bytes: one wraps person
/// keys, one keys the blind indexes. `id` names it without revealing it.
pub struct MasterKey {
    id: String,
    wrap: [u8; 32],
    index: [u8; 32],
}

fn hmac256(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes any key");
    for p in parts {
        mac.update(p);
    }
    mac.finalize().into_bytes().into()
}

impl MasterKey {
    pub fn from_bytes(raw: &[u8; 32]) -> MasterKey {
        let id = hex::encode(&hmac256(raw, &[b"fito master key id v1"])[..12]);
        MasterKey {
            id,
            wrap: hmac256(raw, &[b"fito person key wrap v1"]),
            index: hmac256(raw, &[b"fito blind index v1"]),
        }
    }

    pub fn id(&self) -> &str {
        &self.id
    }
}

/// Reads the master key file (64 hex digits), or makes one with a fresh random key
/// (mode 0600) when there is none.
pub fn load_or_create_key_file(path: &Path) -> std::io::Result<MasterKey> {
    use std::io::{Error, ErrorKind};
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let bytes = hex::decode(text.trim())
                .ok()
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidData,
                        format!("{}: expected 64 hex digits", path.display()),
                    )
                })?;
            Ok(MasterKey::from_bytes(&bytes))
        }
        Err(e) if e.kind() == ErrorKind::NotFound => {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir)?;
            }
            let raw: [u8; 32] = rand::random();
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            let mut file = options.open(path)?;
            std::io::Write::write_all(&mut file, format!("{}\n", hex::encode(raw)).as_bytes())?;
            file.sync_all()?;
            Ok(MasterKey::from_bytes(&raw))
        }
        Err(e) => Err(e),
    }
}

static MASTERS: LazyLock<RwLock<HashMap<String, Arc<MasterKey>>>> = LazyLock::new(Default::default);
static TEST_DEFAULT: RwLock<Option<String>> = RwLock::new(None);

/// Makes a master key known to this process.
pub fn install(key: MasterKey) -> Arc<MasterKey> {
    let mut masters = MASTERS.write().expect("master keys");
    masters
        .entry(key.id.clone())
        .or_insert_with(|| Arc::new(key))
        .clone()
}

/// Tests that use the repositories without a server: a fixed key stands in for
/// databases that were never bound.
#[cfg(feature = "test-support")]
pub fn install_test_default() {
    let key = install(MasterKey::from_bytes(&[7u8; 32]));
    *TEST_DEFAULT.write().expect("test key") = Some(key.id.clone());
}

fn known(id: &str) -> Option<Arc<MasterKey>> {
    MASTERS.read().expect("master keys").get(id).cloned()
}

/// Binds the database to `key` on first use; refuses another key later, then
/// encrypts any rows written before personal fields were encrypted.
pub async fn bind<C: ConnectionTrait>(conn: &C, key: &MasterKey) -> Result<()> {
    let row = conn
        .query_one_raw(stmt(
            conn,
            "SELECT key_id FROM privacy_master WHERE id = 1",
            vec![],
        ))
        .await?;
    match row {
        None => {
            conn.execute_raw(stmt(
                conn,
                "INSERT INTO privacy_master (id, key_id) VALUES (1, ?)",
                vec![key.id.clone().into()],
            ))
            .await?;
        }
        Some(r) => {
            let id: String = r.try_get("", "key_id")?;
            if id != key.id {
                return Err(StoreError::Privacy(
                    "the master key file does not match this database (privacy.master_key_file)",
                ));
            }
        }
    }
    encrypt_plaintext_rows(conn, key).await
}

/// The master key of this database.
pub(crate) async fn db_master<C: ConnectionTrait>(conn: &C) -> Result<Arc<MasterKey>> {
    let row = conn
        .query_one_raw(stmt(
            conn,
            "SELECT key_id FROM privacy_master WHERE id = 1",
            vec![],
        ))
        .await?;
    let id = match row {
        Some(r) => r.try_get::<String>("", "key_id")?,
        None => TEST_DEFAULT
            .read()
            .expect("test key")
            .clone()
            .ok_or(StoreError::Privacy(
                "no master key is bound to this database",
            ))?,
    };
    known(&id).ok_or(StoreError::Privacy(
        "this database's master key is not loaded",
    ))
}

// ---------------------------------------------------------------- SQL helpers

/// A statement with `?` placeholders, numbered for PostgreSQL.
fn stmt<C: ConnectionTrait>(conn: &C, sql: &str, values: Vec<Value>) -> Statement {
    let backend = conn.get_database_backend();
    let sql = if backend == DbBackend::Postgres {
        let mut out = String::with_capacity(sql.len() + 8);
        let mut n = 0;
        for c in sql.chars() {
            if c == '?' {
                n += 1;
                out.push_str(&format!("${n}"));
            } else {
                out.push(c);
            }
        }
        out
    } else {
        sql.to_string()
    };
    Statement::from_sql_and_values(backend, sql, values)
}

fn opt_str(v: Option<String>) -> Value {
    Value::String(v)
}

fn opt_uuid(v: Option<Uuid>) -> Value {
    Value::Uuid(v)
}

fn opt_i64(v: Option<i64>) -> Value {
    Value::BigInt(v)
}

// ---------------------------------------------------------------- person keys

/// A person's data key.
pub(crate) struct PersonKey([u8; 32]);

fn aead(key: &[u8; 32]) -> Aes256Gcm {
    Aes256Gcm::new(&(*key).into())
}

fn encrypt(key: &[u8; 32], aad: &[u8], msg: &[u8]) -> String {
    let nonce: [u8; 12] = rand::random();
    let sealed = aead(key)
        .encrypt(&Nonce::from(nonce), Payload { msg, aad })
        .expect("AES-GCM encrypts any message this size");
    let mut out = nonce.to_vec();
    out.extend_from_slice(&sealed);
    B64.encode(out)
}

fn decrypt(key: &[u8; 32], aad: &[u8], text: &str) -> Result<Vec<u8>> {
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

pub(crate) async fn create_person_key<C: ConnectionTrait>(
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

fn unwrap_row(row: &QueryResult) -> Result<(Uuid, PersonKey)> {
    let person: Uuid = row.try_get("", "person_id")?;
    let master_id: String = row.try_get("", "master_id")?;
    let wrapped: String = row.try_get("", "wrapped")?;
    let master = known(&master_id).ok_or(StoreError::Privacy(
        "a person key is wrapped by a master key that is not loaded",
    ))?;
    let raw = decrypt(&master.wrap, person.as_bytes(), &wrapped)?;
    let raw: [u8; 32] = raw
        .try_into()
        .map_err(|_| StoreError::Privacy("malformed person key"))?;
    Ok((person, PersonKey(raw)))
}

pub(crate) async fn person_key<C: ConnectionTrait>(
    conn: &C,
    person: Uuid,
) -> Result<Option<PersonKey>> {
    let row = conn
        .query_one_raw(stmt(
            conn,
            "SELECT person_id, master_id, wrapped FROM person_keys WHERE person_id = ?",
            vec![person.into()],
        ))
        .await?;
    row.as_ref()
        .map(unwrap_row)
        .transpose()
        .map(|o| o.map(|(_, k)| k))
}

async fn person_keys<C: ConnectionTrait>(
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
            let (id, key) = unwrap_row(row)?;
            keys.insert(id, key);
        }
    }
    Ok(keys)
}

// ---------------------------------------------------------------- personal fields

const SEALED: &str = "p1:";

fn seal(key: &PersonKey, person: Uuid, column: &str, plain: &str) -> String {
    let aad = [person.as_bytes().as_slice(), column.as_bytes()].concat();
    format!("{SEALED}{}", encrypt(&key.0, &aad, plain.as_bytes()))
}

fn open(key: Option<&PersonKey>, person: Uuid, column: &str, text: String) -> Result<String> {
    let Some(sealed) = text.strip_prefix(SEALED) else {
        // Blanked by erasure.
        return Ok(text);
    };
    let Some(key) = key else {
        return Ok(String::new());
    };
    let aad = [person.as_bytes().as_slice(), column.as_bytes()].concat();
    String::from_utf8(decrypt(&key.0, &aad, sealed)?)
        .map_err(|_| StoreError::Privacy("personal data is not UTF-8"))
}

/// The keyed blind index of an e-mail (`kind` "email") or IIN ("iin").
pub(crate) fn blind_index(master: &MasterKey, kind: &str, value: &str) -> String {
    let normal = value.trim().to_lowercase();
    hex::encode(hmac256(
        &master.index,
        &[kind.as_bytes(), b"\0", normal.as_bytes()],
    ))
}

fn seal_required(v: &mut ActiveValue<String>, key: &PersonKey, id: Uuid, column: &str) {
    if let ActiveValue::Set(plain) = v {
        let sealed = seal(key, id, column, plain);
        *v = ActiveValue::Set(sealed);
    }
}

fn seal_optional(v: &mut ActiveValue<Option<String>>, key: &PersonKey, id: Uuid, column: &str) {
    if let ActiveValue::Set(Some(plain)) = v {
        let sealed = seal(key, id, column, plain);
        *v = ActiveValue::Set(Some(sealed));
    }
}

fn is_set<T: Into<Value>>(v: &ActiveValue<T>) -> bool {
    matches!(v, ActiveValue::Set(_))
}

/// Whether a change touches any personal column.
pub(crate) fn touches_personal(m: &user::ActiveModel) -> bool {
    is_set(&m.surname)
        || is_set(&m.first_name)
        || is_set(&m.patronymic)
        || is_set(&m.phone)
        || is_set(&m.email)
        || is_set(&m.iin)
        || is_set(&m.cert_subject)
        || is_set(&m.cert_serial)
        || is_set(&m.cert_issuer)
        || is_set(&m.cert_bin)
}

/// Encrypts the personal columns being set, and sets the blind indexes beside them.
pub(crate) fn seal_user(m: &mut user::ActiveModel, id: Uuid, key: &PersonKey, master: &MasterKey) {
    if let ActiveValue::Set(email) = &m.email {
        m.email_bix = ActiveValue::Set(Some(blind_index(master, "email", email)));
    }
    if let ActiveValue::Set(iin) = &m.iin {
        m.iin_bix = ActiveValue::Set(iin.as_deref().map(|i| blind_index(master, "iin", i)));
    }
    seal_required(&mut m.surname, key, id, "surname");
    seal_required(&mut m.first_name, key, id, "first_name");
    seal_optional(&mut m.patronymic, key, id, "patronymic");
    seal_optional(&mut m.phone, key, id, "phone");
    seal_required(&mut m.email, key, id, "email");
    seal_optional(&mut m.iin, key, id, "iin");
    seal_optional(&mut m.cert_subject, key, id, "cert_subject");
    seal_optional(&mut m.cert_serial, key, id, "cert_serial");
    seal_optional(&mut m.cert_issuer, key, id, "cert_issuer");
    seal_optional(&mut m.cert_bin, key, id, "cert_bin");
}

fn open_optional(
    key: Option<&PersonKey>,
    id: Uuid,
    column: &str,
    v: Option<String>,
) -> Result<Option<String>> {
    v.map(|t| open(key, id, column, t)).transpose()
}

pub(crate) fn open_user(mut u: user::Model, key: Option<&PersonKey>) -> Result<user::Model> {
    let id = u.id;
    u.surname = open(key, id, "surname", u.surname)?;
    u.first_name = open(key, id, "first_name", u.first_name)?;
    u.patronymic = open_optional(key, id, "patronymic", u.patronymic)?;
    u.phone = open_optional(key, id, "phone", u.phone)?;
    u.email = open(key, id, "email", u.email)?;
    u.iin = open_optional(key, id, "iin", u.iin)?;
    u.cert_subject = open_optional(key, id, "cert_subject", u.cert_subject)?;
    u.cert_serial = open_optional(key, id, "cert_serial", u.cert_serial)?;
    u.cert_issuer = open_optional(key, id, "cert_issuer", u.cert_issuer)?;
    u.cert_bin = open_optional(key, id, "cert_bin", u.cert_bin)?;
    Ok(u)
}

/// A stored user with its personal fields decrypted.
pub(crate) async fn reveal<C: ConnectionTrait>(conn: &C, u: user::Model) -> Result<user::Model> {
    let key = person_key(conn, u.id).await?;
    open_user(u, key.as_ref())
}

pub(crate) async fn reveal_many<C: ConnectionTrait>(
    conn: &C,
    found: Vec<user::Model>,
) -> Result<Vec<user::Model>> {
    let ids: Vec<Uuid> = found.iter().map(|u| u.id).collect();
    let keys = person_keys(conn, &ids).await?;
    found
        .into_iter()
        .map(|u| {
            let key = keys.get(&u.id);
            open_user(u, key)
        })
        .collect()
}

/// Rows written before personal fields were encrypted get a key and are encrypted
/// (at start, when the database is bound). Erased people are left as they are.
async fn encrypt_plaintext_rows<C: ConnectionTrait>(conn: &C, master: &MasterKey) -> Result<()> {
    let rows = conn
        .query_all_raw(stmt(
            conn,
            "SELECT id FROM users WHERE id NOT IN (SELECT person_id FROM person_keys) \
             AND id NOT IN (SELECT person_id FROM person_erasures)",
            vec![],
        ))
        .await?;
    let now = crate::time::now_us();
    for row in rows {
        let id: Uuid = row.try_get("", "id")?;
        let Some(u) = user::Entity::find_by_id(id).one(conn).await? else {
            continue;
        };
        let key = create_person_key(conn, master, id, now).await?;
        let mut m: user::ActiveModel = u.clone().into();
        m.surname = ActiveValue::Set(u.surname);
        m.first_name = ActiveValue::Set(u.first_name);
        m.patronymic = ActiveValue::Set(u.patronymic);
        m.phone = ActiveValue::Set(u.phone);
        m.email = ActiveValue::Set(u.email);
        m.iin = ActiveValue::Set(u.iin);
        m.cert_subject = ActiveValue::Set(u.cert_subject);
        m.cert_serial = ActiveValue::Set(u.cert_serial);
        m.cert_issuer = ActiveValue::Set(u.cert_issuer);
        m.cert_bin = ActiveValue::Set(u.cert_bin);
        seal_user(&mut m, id, &key, master);
        sea_orm::ActiveModelTrait::update(m, conn).await?;
        tracing::info!(user = %id, "personal fields encrypted");
    }
    Ok(())
}

// ---------------------------------------------------------------- erasure

/// Erases a person for good (R-PD-2): destroys their data key, blanks the personal
/// columns of their row and its satellites (sessions' device data, sign-in failures,
/// signature copies of their signed acts' signer, their consent signatures, their
/// withdrawal texts, their notifications), takes their name out of frozen act
/// documents, ends their sessions and records the erasure (id and time only). The
/// signed acts' PDF and CMS in the file store and the audit journal stay.
/// Running it again changes nothing more.
pub async fn erase<C: ConnectionTrait>(conn: &C, person: Uuid, now: i64) -> Result<()> {
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
pub async fn apply_erasures<C: ConnectionTrait>(conn: &C, people: &[Uuid]) -> Result<()> {
    let now = crate::time::now_us();
    for person in people {
        erase(conn, *person, now).await?;
    }
    Ok(())
}

/// The recorded erasures, oldest first: `(person id, erased at)`.
pub async fn erasures<C: ConnectionTrait>(conn: &C) -> Result<Vec<(Uuid, i64)>> {
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

async fn exec<C: ConnectionTrait>(conn: &C, sql: &str, values: Vec<Value>) -> Result<u64> {
    Ok(conn
        .execute_raw(stmt(conn, sql, values))
        .await?
        .rows_affected())
}

/// Takes the erased person's name, IIN and contacts out of the frozen documents of
/// acts (the rendering input kept beside an approved act's PDF). The PDF and its
/// signature, in the file store, are the act and stay as signed.
async fn redact_frozen_acts<C: ConnectionTrait>(conn: &C, needles: &[String]) -> Result<()> {
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

// ---------------------------------------------------------------- the policy

#[derive(Debug, Clone)]
pub struct PolicyVersion {
    pub id: Uuid,
    pub version: String,
    /// `YYYY-MM-DD`.
    pub effective_from: String,
    pub text_kk: String,
    pub text_ru: Option<String>,
    pub sha256: String,
    pub published_by: Option<Uuid>,
    pub published_at: i64,
}

/// SHA-256 (hex) of the texts: Kazakh, a newline, Russian (empty when none).
pub fn policy_hash(text_kk: &str, text_ru: Option<&str>) -> String {
    let mut h = Sha256::new();
    h.update(text_kk.as_bytes());
    h.update(b"\n");
    h.update(text_ru.unwrap_or("").as_bytes());
    hex::encode(h.finalize())
}

fn policy_row(r: &QueryResult) -> Result<PolicyVersion> {
    Ok(PolicyVersion {
        id: r.try_get("", "id")?,
        version: r.try_get("", "version")?,
        effective_from: r.try_get("", "effective_from")?,
        text_kk: r.try_get("", "text_kk")?,
        text_ru: r.try_get("", "text_ru")?,
        sha256: r.try_get("", "sha256")?,
        published_by: r.try_get("", "published_by")?,
        published_at: r.try_get("", "published_at")?,
    })
}

const POLICY_COLUMNS: &str =
    "id, version, effective_from, text_kk, text_ru, sha256, published_by, published_at";

/// Publishes a version; `Conflict("version")` when that version exists.
pub async fn publish_policy<C: ConnectionTrait>(conn: &C, p: &PolicyVersion) -> Result<()> {
    conn.execute_raw(stmt(
        conn,
        &format!("INSERT INTO policy_versions ({POLICY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        vec![
            p.id.into(),
            p.version.clone().into(),
            p.effective_from.clone().into(),
            p.text_kk.clone().into(),
            opt_str(p.text_ru.clone()),
            p.sha256.clone().into(),
            opt_uuid(p.published_by),
            p.published_at.into(),
        ],
    ))
    .await
    .map_err(|e| StoreError::from_write(e, &["version"]))?;
    Ok(())
}

/// The version in force on `today` (`YYYY-MM-DD`): the latest effective one.
pub async fn current_policy<C: ConnectionTrait>(
    conn: &C,
    today: &str,
) -> Result<Option<PolicyVersion>> {
    let row = conn
        .query_one_raw(stmt(
            conn,
            &format!(
                "SELECT {POLICY_COLUMNS} FROM policy_versions WHERE effective_from <= ? \
                 ORDER BY effective_from DESC, published_at DESC LIMIT 1"
            ),
            vec![today.to_string().into()],
        ))
        .await?;
    row.as_ref().map(policy_row).transpose()
}

pub async fn policy_versions<C: ConnectionTrait>(conn: &C) -> Result<Vec<PolicyVersion>> {
    let rows = conn
        .query_all_raw(stmt(
            conn,
            &format!("SELECT {POLICY_COLUMNS} FROM policy_versions ORDER BY published_at"),
            vec![],
        ))
        .await?;
    rows.iter().map(policy_row).collect()
}

/// The version `user` still has to accept before anything else, if any (R-PD-1):
/// the one in force when they have not accepted it.
pub async fn consent_pending<C: ConnectionTrait>(
    conn: &C,
    user: Uuid,
    today: &str,
) -> Result<Option<String>> {
    let row = conn
        .query_one_raw(stmt(
            conn,
            "SELECT p.version, (SELECT COUNT(*) FROM policy_acceptances a \
               WHERE a.user_id = ? AND a.version = p.version) AS accepted \
             FROM policy_versions p WHERE p.effective_from <= ? \
             ORDER BY p.effective_from DESC, p.published_at DESC LIMIT 1",
            vec![user.into(), today.to_string().into()],
        ))
        .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let accepted: i64 = row.try_get("", "accepted")?;
    Ok((accepted == 0)
        .then(|| row.try_get("", "version"))
        .transpose()?)
}

#[derive(Debug, Clone)]
pub struct Acceptance {
    pub id: Uuid,
    pub user_id: Uuid,
    pub version: String,
    pub accepted_at: i64,
    /// `electronic` or `signature`.
    pub method: String,
    pub ip: Option<String>,
    pub device_id: Option<String>,
    /// Base64 of the CMS, for a signed acceptance.
    pub signature: Option<String>,
}

pub async fn insert_acceptance<C: ConnectionTrait>(conn: &C, a: &Acceptance) -> Result<()> {
    conn.execute_raw(stmt(
        conn,
        "INSERT INTO policy_acceptances (id, user_id, version, accepted_at, method, ip, device_id, \
         signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        vec![
            a.id.into(),
            a.user_id.into(),
            a.version.clone().into(),
            a.accepted_at.into(),
            a.method.clone().into(),
            opt_str(a.ip.clone()),
            opt_str(a.device_id.clone()),
            opt_str(a.signature.clone()),
        ],
    ))
    .await?;
    Ok(())
}

pub async fn acceptances<C: ConnectionTrait>(conn: &C, user: Uuid) -> Result<Vec<Acceptance>> {
    let rows = conn
        .query_all_raw(stmt(
            conn,
            "SELECT id, user_id, version, accepted_at, method, ip, device_id, signature \
             FROM policy_acceptances WHERE user_id = ? ORDER BY accepted_at, id",
            vec![user.into()],
        ))
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Acceptance {
                id: r.try_get("", "id")?,
                user_id: r.try_get("", "user_id")?,
                version: r.try_get("", "version")?,
                accepted_at: r.try_get("", "accepted_at")?,
                method: r.try_get("", "method")?,
                ip: r.try_get("", "ip")?,
                device_id: r.try_get("", "device_id")?,
                signature: r.try_get("", "signature")?,
            })
        })
        .collect()
}

// ---------------------------------------------------------------- withdrawals

pub const WITHDRAWAL_OPEN: &str = "open";

#[derive(Debug, Clone)]
pub struct Withdrawal {
    pub id: Uuid,
    pub user_id: Uuid,
    pub reason: String,
    pub filed_at: i64,
    /// `open`, `account-deleted`, `account-deactivated` or `rejected`.
    pub status: String,
    pub resolved_by: Option<Uuid>,
    pub resolved_at: Option<i64>,
    pub comment: Option<String>,
}

const WITHDRAWAL_COLUMNS: &str =
    "id, user_id, reason, filed_at, status, resolved_by, resolved_at, comment";

fn withdrawal_row(r: &QueryResult) -> Result<Withdrawal> {
    Ok(Withdrawal {
        id: r.try_get("", "id")?,
        user_id: r.try_get("", "user_id")?,
        reason: r.try_get("", "reason")?,
        filed_at: r.try_get("", "filed_at")?,
        status: r.try_get("", "status")?,
        resolved_by: r.try_get("", "resolved_by")?,
        resolved_at: r.try_get("", "resolved_at")?,
        comment: r.try_get("", "comment")?,
    })
}

pub async fn insert_withdrawal<C: ConnectionTrait>(conn: &C, w: &Withdrawal) -> Result<()> {
    conn.execute_raw(stmt(
        conn,
        &format!(
            "INSERT INTO withdrawal_requests ({WITHDRAWAL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
        ),
        vec![
            w.id.into(),
            w.user_id.into(),
            w.reason.clone().into(),
            w.filed_at.into(),
            w.status.clone().into(),
            opt_uuid(w.resolved_by),
            opt_i64(w.resolved_at),
            opt_str(w.comment.clone()),
        ],
    ))
    .await?;
    Ok(())
}

pub async fn withdrawal<C: ConnectionTrait>(conn: &C, id: Uuid) -> Result<Option<Withdrawal>> {
    let row = conn
        .query_one_raw(stmt(
            conn,
            &format!("SELECT {WITHDRAWAL_COLUMNS} FROM withdrawal_requests WHERE id = ?"),
            vec![id.into()],
        ))
        .await?;
    row.as_ref().map(withdrawal_row).transpose()
}

/// Requests, newest first: all, only open ones, or one person's.
pub async fn withdrawals<C: ConnectionTrait>(
    conn: &C,
    status: Option<&str>,
    user: Option<Uuid>,
) -> Result<Vec<Withdrawal>> {
    let mut sql = format!("SELECT {WITHDRAWAL_COLUMNS} FROM withdrawal_requests WHERE 1 = 1");
    let mut values = Vec::new();
    if let Some(s) = status {
        sql.push_str(" AND status = ?");
        values.push(s.to_string().into());
    }
    if let Some(u) = user {
        sql.push_str(" AND user_id = ?");
        values.push(u.into());
    }
    sql.push_str(" ORDER BY filed_at DESC, id");
    let rows = conn.query_all_raw(stmt(conn, &sql, values)).await?;
    rows.iter().map(withdrawal_row).collect()
}

/// Resolves an open request; `false` when it was no longer open.
pub async fn resolve_withdrawal<C: ConnectionTrait>(
    conn: &C,
    id: Uuid,
    status: &str,
    by: Uuid,
    comment: Option<String>,
    now: i64,
) -> Result<bool> {
    let n = exec(
        conn,
        "UPDATE withdrawal_requests SET status = ?, resolved_by = ?, resolved_at = ?, comment = ? \
         WHERE id = ? AND status = 'open'",
        vec![
            status.to_string().into(),
            by.into(),
            now.into(),
            opt_str(comment),
            id.into(),
        ],
    )
    .await?;
    Ok(n == 1)
}

// ---------------------------------------------------------------- own sessions

/// Every session of a user (live or not), newest first, for their data view.
pub async fn sessions_of<C: ConnectionTrait>(
    conn: &C,
    user: Uuid,
) -> Result<Vec<crate::sessions::Session>> {
    use crate::entity::session;
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    Ok(session::Entity::find()
        .filter(session::Column::UserId.eq(user))
        .order_by_desc(session::Column::CreatedAt)
        .all(conn)
        .await?)
}
