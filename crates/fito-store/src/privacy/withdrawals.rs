//! Withdrawal of consent (R-PD-1): a person's request, and how an administrator
//! resolved it (deactivating or erasing the account, R-PD-2, or refusing).

use super::requests::{self, Request, Table};
use crate::Result;
use crate::conn::Conn;
use uuid::Uuid;

pub const WITHDRAWAL_OPEN: &str = "open";

const TABLE: Table = Table {
    name: "withdrawal_requests",
    text: "reason",
};

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

impl From<Request> for Withdrawal {
    fn from(r: Request) -> Self {
        Withdrawal {
            id: r.id,
            user_id: r.user_id,
            reason: r.text,
            filed_at: r.filed_at,
            status: r.status,
            resolved_by: r.resolved_by,
            resolved_at: r.resolved_at,
            comment: r.comment,
        }
    }
}

pub async fn insert_withdrawal<C: Conn>(conn: &C, r: &Withdrawal) -> Result<()> {
    let r = r.clone();
    let request = Request {
        id: r.id,
        user_id: r.user_id,
        text: r.reason,
        filed_at: r.filed_at,
        status: r.status,
        resolved_by: r.resolved_by,
        resolved_at: r.resolved_at,
        comment: r.comment,
    };
    requests::insert(conn, &TABLE, request).await
}

pub async fn withdrawal<C: Conn>(conn: &C, id: Uuid) -> Result<Option<Withdrawal>> {
    Ok(requests::one(conn, &TABLE, id).await?.map(Into::into))
}

/// Requests, newest first: all, only open ones, or one person's.
pub async fn withdrawals<C: Conn>(
    conn: &C,
    status: Option<&str>,
    user: Option<Uuid>,
) -> Result<Vec<Withdrawal>> {
    let found = requests::list(conn, &TABLE, status, user).await?;
    Ok(found.into_iter().map(Into::into).collect())
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
    requests::resolve(conn, &TABLE, id, status, by, comment, now).await
}
