//! Sealed personal fields (R-PD-2): the personal columns of `users` hold AES-256-GCM
//! ciphertext under the person's key (`p1:` + base64 of nonce and ciphertext, the
//! person id and column name bound in as associated data); equality lookups go
//! through keyed HMAC-SHA-256 blind indexes. The repositories (`users`, `sessions`)
//! seal and open through here; their callers see plaintext.

use super::keyring::{MasterKey, hmac256};
use super::keys::{PersonKey, create_person_key, decrypt, encrypt, person_key, person_keys};
use crate::conn::Conn;
use crate::entity::user;
use crate::sql::stmt;
use crate::{Result, StoreError};
use sea_orm::{ActiveValue, EntityTrait, Value};
use uuid::Uuid;

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
pub(crate) async fn reveal<C: Conn>(conn: &C, u: user::Model) -> Result<user::Model> {
    let key = person_key(conn, u.id).await?;
    open_user(u, key.as_ref())
}

pub(crate) async fn reveal_many<C: Conn>(
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
pub(crate) async fn seal_plaintext_rows<C: Conn>(conn: &C, master: &MasterKey) -> Result<()> {
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
