//! The privacy policy (R-PD-4): published versions, each with its texts and hash.

use crate::conn::Conn;
use crate::sql::{opt_str, opt_uuid, stmt};
use crate::{Result, StoreError};
use sea_orm::QueryResult;
use sha2::{Digest, Sha256};
use uuid::Uuid;

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
pub async fn publish_policy<C: Conn>(conn: &C, p: &PolicyVersion) -> Result<()> {
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
pub async fn current_policy<C: Conn>(conn: &C, today: &str) -> Result<Option<PolicyVersion>> {
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

pub async fn policy_versions<C: Conn>(conn: &C) -> Result<Vec<PolicyVersion>> {
    let rows = conn
        .query_all_raw(stmt(
            conn,
            &format!("SELECT {POLICY_COLUMNS} FROM policy_versions ORDER BY published_at"),
            vec![],
        ))
        .await?;
    rows.iter().map(policy_row).collect()
}
