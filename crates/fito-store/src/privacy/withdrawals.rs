//! Withdrawal of consent (R-PD-1): a person's request, and how an administrator
//! resolved it (deactivating or erasing the account, R-PD-2, or refusing).

use crate::Result;
use crate::conn::Conn;
use crate::sql::{exec, opt_i64, opt_str, opt_uuid, stmt};
use sea_orm::QueryResult;
use uuid::Uuid;

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

pub async fn insert_withdrawal<C: Conn>(conn: &C, w: &Withdrawal) -> Result<()> {
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

pub async fn withdrawal<C: Conn>(conn: &C, id: Uuid) -> Result<Option<Withdrawal>> {
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
pub async fn withdrawals<C: Conn>(
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
pub async fn resolve_withdrawal<C: Conn>(
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
