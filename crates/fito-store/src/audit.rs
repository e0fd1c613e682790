//! The audit journal (R-AUDIT-1): append-only, every entry hash-chained to the one
//! before it. Changing, deleting or reordering any row breaks the chain, and
//! [`verify`] names the first entry where it breaks.

use crate::conn::Conn;
use crate::entity::{audit_head, audit_log};
use crate::{Result, Store};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// One line of the journal as stored.
pub use crate::entity::audit_log::Model as Entry;

pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One line of the journal as the server hands it over; `seq`, hashes come on append.
#[derive(Debug, Clone, Default)]
pub struct NewEntry {
    pub at: i64,
    pub actor_id: Option<Uuid>,
    pub actor_role: Option<String>,
    /// What was done: an action name such as `user.create` or `auth.login`.
    pub action: String,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    /// `ok`, or the refusal's code for refused attempts worth recording.
    pub outcome: String,
    pub ip: Option<String>,
    pub device_id: Option<String>,
    pub os: Option<String>,
    pub app_version: Option<String>,
    /// Extra facts (which fields changed, never their personal values).
    pub details: serde_json::Value,
}

/// The canonical bytes hashed for an entry: every field length-prefixed, in a fixed
/// order, so no two different rows can hash alike by shifting text between fields.
fn entry_hash(row: &audit_log::Model) -> String {
    fn field(h: &mut Sha256, value: Option<&str>) {
        match value {
            Some(v) => {
                h.update((v.len() as u32).to_be_bytes());
                h.update(v.as_bytes());
            }
            None => h.update(u32::MAX.to_be_bytes()),
        }
    }
    let mut h = Sha256::new();
    h.update(b"fito-audit-v1");
    field(&mut h, Some(&row.seq.to_string()));
    field(&mut h, Some(&row.id.to_string()));
    field(&mut h, Some(&row.at.to_string()));
    field(&mut h, row.actor_id.map(|a| a.to_string()).as_deref());
    field(&mut h, row.actor_role.as_deref());
    field(&mut h, Some(&row.action));
    field(&mut h, row.target_type.as_deref());
    field(&mut h, row.target_id.as_deref());
    field(&mut h, Some(&row.outcome));
    field(&mut h, row.ip.as_deref());
    field(&mut h, row.device_id.as_deref());
    field(&mut h, row.os.as_deref());
    field(&mut h, row.app_version.as_deref());
    field(&mut h, Some(&row.details));
    field(&mut h, Some(&row.prev_hash));
    hex::encode(h.finalize())
}

/// Appends entries at the end of the chain inside the caller's transaction, so they
/// commit together with the change they describe. The head row is updated first:
/// that takes the lock which keeps concurrent appenders (other instances too) in line.
pub async fn append<C: Conn>(conn: &C, entries: Vec<NewEntry>) -> Result<()> {
    if entries.is_empty() {
        return Ok(());
    }
    let n = entries.len() as i64;
    let head = audit_head::Entity::update_many()
        .col_expr(
            audit_head::Column::Seq,
            Expr::col(audit_head::Column::Seq).add(n),
        )
        .filter(audit_head::Column::Id.eq(1))
        .exec_with_returning(conn)
        .await?
        .pop()
        .ok_or(crate::StoreError::NotFound)?;
    let mut prev_hash = head.hash;
    let mut rows = Vec::with_capacity(entries.len());
    for (seq, e) in (head.seq - n + 1..).zip(entries) {
        let mut row = audit_log::Model {
            seq,
            id: fito_core::new_id(),
            at: e.at,
            actor_id: e.actor_id,
            actor_role: e.actor_role,
            action: e.action,
            target_type: e.target_type,
            target_id: e.target_id,
            outcome: e.outcome,
            ip: e.ip,
            device_id: e.device_id,
            os: e.os,
            app_version: e.app_version,
            details: e.details.to_string(),
            prev_hash,
            hash: String::new(),
        };
        row.hash = entry_hash(&row);
        prev_hash = row.hash.clone();
        rows.push(audit_log::ActiveModel::from(row));
    }
    // Chunks keep each statement under the engines' bound-parameter limits (SQLite
    // 32,766, PostgreSQL 65,535; 16 columns a row): a dictionary import journals
    // one line per entry, thousands at once.
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<_> = rows.by_ref().take(1000).collect();
        audit_log::Entity::insert_many(chunk).exec(conn).await?;
    }
    audit_head::Entity::update_many()
        .col_expr(audit_head::Column::Hash, Expr::value(prev_hash))
        .filter(audit_head::Column::Id.eq(1))
        .exec(conn)
        .await?;
    Ok(())
}

/// Where and how the chain breaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Break {
    /// The sequence number of the first entry that does not verify.
    pub seq: i64,
    pub reason: BreakReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakReason {
    /// The entry's content no longer matches its hash: it was changed.
    Altered,
    /// The entry does not point to the one before it: entries were removed or reordered.
    Unlinked,
    /// A sequence number is missing: entries were removed.
    Missing,
    /// The chain ends before the recorded head: entries were removed at the end.
    Truncated,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub entries: u64,
    pub head_seq: i64,
    pub head_hash: String,
    pub first_break: Option<Break>,
}

/// Walks the whole chain in pages (memory stays flat however long the journal is).
pub async fn verify(store: &Store) -> Result<Report> {
    const PAGE: u64 = 2_000;
    let db = store.reader();
    let head = audit_head::Entity::find_by_id(1)
        .one(db)
        .await?
        .ok_or(crate::StoreError::NotFound)?;
    let mut expected_seq = 1i64;
    let mut prev_hash = GENESIS_HASH.to_string();
    let mut entries = 0u64;
    let mut first_break = None;
    'pages: loop {
        let page = audit_log::Entity::find()
            .filter(audit_log::Column::Seq.gte(expected_seq))
            .order_by_asc(audit_log::Column::Seq)
            .limit(PAGE)
            .all(db)
            .await?;
        if page.is_empty() {
            break;
        }
        for row in page {
            entries += 1;
            let reason = if row.seq != expected_seq {
                Some(BreakReason::Missing)
            } else if row.prev_hash != prev_hash {
                Some(BreakReason::Unlinked)
            } else if entry_hash(&row) != row.hash {
                Some(BreakReason::Altered)
            } else {
                None
            };
            if let Some(reason) = reason {
                first_break = Some(Break {
                    seq: Ord::min(expected_seq, row.seq),
                    reason,
                });
                break 'pages;
            }
            prev_hash = row.hash;
            expected_seq += 1;
        }
    }
    if first_break.is_none() && (expected_seq - 1 != head.seq || prev_hash != head.hash) {
        first_break = Some(Break {
            seq: expected_seq,
            reason: BreakReason::Truncated,
        });
    }
    Ok(Report {
        entries,
        head_seq: head.seq,
        head_hash: head.hash,
        first_break,
    })
}

/// Filters for searching the journal; all optional, combined with AND.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub actor_id: Option<Uuid>,
    pub action: Option<String>,
    pub target_id: Option<String>,
    pub from: Option<i64>,
    pub to: Option<i64>,
    /// Newest first, entries with `seq` below this (keyset paging).
    pub before_seq: Option<i64>,
    pub limit: u64,
}

pub async fn search(store: &Store, filter: &Filter) -> Result<Vec<audit_log::Model>> {
    let mut q = audit_log::Entity::find();
    if let Some(a) = filter.actor_id {
        q = q.filter(audit_log::Column::ActorId.eq(a));
    }
    if let Some(a) = &filter.action {
        q = q.filter(audit_log::Column::Action.eq(a.as_str()));
    }
    if let Some(t) = &filter.target_id {
        q = q.filter(audit_log::Column::TargetId.eq(t.as_str()));
    }
    if let Some(from) = filter.from {
        q = q.filter(audit_log::Column::At.gte(from));
    }
    if let Some(to) = filter.to {
        q = q.filter(audit_log::Column::At.lt(to));
    }
    if let Some(before) = filter.before_seq {
        q = q.filter(audit_log::Column::Seq.lt(before));
    }
    Ok(q.order_by_desc(audit_log::Column::Seq)
        .limit(filter.limit)
        .all(store.reader())
        .await?)
}

pub async fn count(store: &Store) -> Result<u64> {
    Ok(audit_log::Entity::find().count(store.reader()).await?)
}
