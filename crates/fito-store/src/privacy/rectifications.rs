//! Rectification of personal data (R-PD-1, policy §14): a person's request to correct
//! what they cannot change themselves, and how an administrator resolved it.

use super::requests::{self, Request, Table};
use crate::Result;
use crate::conn::Conn;
use uuid::Uuid;

pub const RECTIFICATION_OPEN: &str = "open";

const TABLE: Table = Table {
    name: "rectification_requests",
    text: "details",
};

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

impl From<Request> for Rectification {
    fn from(r: Request) -> Self {
        Rectification {
            id: r.id,
            user_id: r.user_id,
            details: r.text,
            filed_at: r.filed_at,
            status: r.status,
            resolved_by: r.resolved_by,
            resolved_at: r.resolved_at,
            comment: r.comment,
        }
    }
}

pub async fn insert_rectification<C: Conn>(conn: &C, r: &Rectification) -> Result<()> {
    let r = r.clone();
    let request = Request {
        id: r.id,
        user_id: r.user_id,
        text: r.details,
        filed_at: r.filed_at,
        status: r.status,
        resolved_by: r.resolved_by,
        resolved_at: r.resolved_at,
        comment: r.comment,
    };
    requests::insert(conn, &TABLE, request).await
}

pub async fn rectification<C: Conn>(conn: &C, id: Uuid) -> Result<Option<Rectification>> {
    Ok(requests::one(conn, &TABLE, id).await?.map(Into::into))
}

/// Requests, newest first: all, those of one status, or one person's.
pub async fn rectifications<C: Conn>(
    conn: &C,
    status: Option<&str>,
    user: Option<Uuid>,
) -> Result<Vec<Rectification>> {
    let found = requests::list(conn, &TABLE, status, user).await?;
    Ok(found.into_iter().map(Into::into).collect())
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
    requests::resolve(conn, &TABLE, id, status, by, comment, now).await
}
