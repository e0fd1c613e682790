//! Rectification of personal data (R-PD-1, policy §14): a person's request to correct
//! what they cannot change themselves, and how an administrator resolved it.

use crate::Result;
use crate::conn::Conn;
use crate::sql::{exec, opt_i64, opt_str, opt_uuid, stmt};
use sea_orm::QueryResult;
use uuid::Uuid;

pub const RECTIFICATION_OPEN: &str = "open";

#[derive(Debug, Clone)]
pub struct Rectification {
    pub id: Uuid,
    pub user_id: Uuid,
    /// What is wrong and what it should be, in the person's words.
    pub details: String,
    pub filed_at: i64,
    /// `open`, `corrected` or `rejected`.
    pub status: String,
    pub resolved_by: Option<Uuid>,
    pub resolved_at: Option<i64>,
    pub comment: Option<String>,
}

const COLUMNS: &str = "id, user_id, details, filed_at, status, resolved_by, resolved_at, comment";

fn row(r: &QueryResult) -> Result<Rectification> {
    Ok(Rectification {
        id: r.try_get("", "id")?,
        user_id: r.try_get("", "user_id")?,
        details: r.try_get("", "details")?,
        filed_at: r.try_get("", "filed_at")?,
        status: r.try_get("", "status")?,
        resolved_by: r.try_get("", "resolved_by")?,
        resolved_at: r.try_get("", "resolved_at")?,
        comment: r.try_get("", "comment")?,
    })
}

pub async fn insert_rectification<C: Conn>(conn: &C, r: &Rectification) -> Result<()> {
    conn.execute_raw(stmt(
        conn,
        &format!("INSERT INTO rectification_requests ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        vec![
            r.id.into(),
            r.user_id.into(),
            r.details.clone().into(),
            r.filed_at.into(),
            r.status.clone().into(),
            opt_uuid(r.resolved_by),
            opt_i64(r.resolved_at),
            opt_str(r.comment.clone()),
        ],
    ))
    .await?;
    Ok(())
}

pub async fn rectification<C: Conn>(conn: &C, id: Uuid) -> Result<Option<Rectification>> {
    let found = conn
        .query_one_raw(stmt(
            conn,
            &format!("SELECT {COLUMNS} FROM rectification_requests WHERE id = ?"),
            vec![id.into()],
        ))
        .await?;
    found.as_ref().map(row).transpose()
}

/// Requests, newest first: all, those of one status, or one person's.
pub async fn rectifications<C: Conn>(
    conn: &C,
    status: Option<&str>,
    user: Option<Uuid>,
) -> Result<Vec<Rectification>> {
    let mut sql = format!("SELECT {COLUMNS} FROM rectification_requests WHERE 1 = 1");
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
    rows.iter().map(row).collect()
}

/// Resolves an open request; `false` when it was no longer open.
pub async fn resolve_rectification<C: Conn>(
    conn: &C,
    id: Uuid,
    status: &str,
    by: Uuid,
    comment: Option<String>,
    now: i64,
) -> Result<bool> {
    let n = exec(
        conn,
        "UPDATE rectification_requests SET status = ?, resolved_by = ?, resolved_at = ?, \
         comment = ? WHERE id = ? AND status = 'open'",
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
