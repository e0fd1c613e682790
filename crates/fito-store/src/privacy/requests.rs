//! What withdrawal and rectification requests share: a person files a text, an
//! administrator resolves it once. The two tables differ only in their name and in
//! what the text column is called.

use crate::Result;
use crate::conn::Conn;
use crate::sql::{exec, opt_i64, opt_str, opt_uuid, stmt};
use sea_orm::QueryResult;
use uuid::Uuid;

/// A request table and the name of its text column.
pub(super) struct Table {
    pub name: &'static str,
    pub text: &'static str,
}

/// One request, whichever table it lives in.
pub(super) struct Request {
    pub id: Uuid,
    pub user_id: Uuid,
    pub text: String,
    pub filed_at: i64,
    pub status: String,
    pub resolved_by: Option<Uuid>,
    pub resolved_at: Option<i64>,
    pub comment: Option<String>,
}

fn columns(t: &Table) -> String {
    format!(
        "id, user_id, {}, filed_at, status, resolved_by, resolved_at, comment",
        t.text
    )
}

fn row(t: &Table, r: &QueryResult) -> Result<Request> {
    Ok(Request {
        id: r.try_get("", "id")?,
        user_id: r.try_get("", "user_id")?,
        text: r.try_get("", t.text)?,
        filed_at: r.try_get("", "filed_at")?,
        status: r.try_get("", "status")?,
        resolved_by: r.try_get("", "resolved_by")?,
        resolved_at: r.try_get("", "resolved_at")?,
        comment: r.try_get("", "comment")?,
    })
}

pub(super) async fn insert<C: Conn>(conn: &C, t: &Table, r: Request) -> Result<()> {
    conn.execute_raw(stmt(
        conn,
        &format!(
            "INSERT INTO {} ({}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            t.name,
            columns(t)
        ),
        vec![
            r.id.into(),
            r.user_id.into(),
            r.text.into(),
            r.filed_at.into(),
            r.status.into(),
            opt_uuid(r.resolved_by),
            opt_i64(r.resolved_at),
            opt_str(r.comment),
        ],
    ))
    .await?;
    Ok(())
}

pub(super) async fn one<C: Conn>(conn: &C, t: &Table, id: Uuid) -> Result<Option<Request>> {
    let found = conn
        .query_one_raw(stmt(
            conn,
            &format!("SELECT {} FROM {} WHERE id = ?", columns(t), t.name),
            vec![id.into()],
        ))
        .await?;
    found.as_ref().map(|r| row(t, r)).transpose()
}

/// Requests, newest first: all, those of one status, or one person's.
pub(super) async fn list<C: Conn>(
    conn: &C,
    t: &Table,
    status: Option<&str>,
    user: Option<Uuid>,
) -> Result<Vec<Request>> {
    let mut sql = format!("SELECT {} FROM {} WHERE 1 = 1", columns(t), t.name);
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
    rows.iter().map(|r| row(t, r)).collect()
}

/// Resolves an open request; `false` when it was no longer open.
pub(super) async fn resolve<C: Conn>(
    conn: &C,
    t: &Table,
    id: Uuid,
    status: &str,
    by: Uuid,
    comment: Option<String>,
    now: i64,
) -> Result<bool> {
    let n = exec(
        conn,
        &format!(
            "UPDATE {} SET status = ?, resolved_by = ?, resolved_at = ?, comment = ? \
             WHERE id = ? AND status = 'open'",
            t.name
        ),
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
