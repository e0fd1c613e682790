//! The change log the mobile app pulls from (R-MOB-1, R-MOB-2). Triggers (migration
//! 0010) keep one row per syncable record in `sync_changes`, moved to a fresh `seq`
//! on each change; `seq` is handed out under the audit head lock, so it follows
//! commit order and a reader never skips a change committed after it looked.

use crate::Result;
use crate::conn::Conn;
use crate::entity::{ref_admin_unit, ref_crop, ref_object_type, ref_organism};
use crate::sql::stmt;
use sea_orm::{EntityTrait, Value};
use std::collections::HashSet;
use uuid::Uuid;

/// Reference lists as named in `sync_changes.kind` and in the pull answer.
pub const REFERENCE_LISTS: [&str; 4] = ["organisms", "crops", "object_types", "units"];

/// One record's latest change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub seq: i64,
    /// `object`, `task`, `act`, `zone`, `survey` or a reference list.
    pub kind: String,
    /// A UUID as 32 hex digits, or a reference code.
    pub key: String,
}

impl Change {
    pub fn uuid(&self) -> Option<Uuid> {
        Uuid::try_parse(&self.key).ok()
    }
}

/// Up to `limit` changes after `after`, oldest first.
pub async fn changes_after<C: Conn>(conn: &C, after: i64, limit: u64) -> Result<Vec<Change>> {
    let rows = conn
        .query_all_raw(stmt(
            conn,
            "SELECT seq, kind, rkey FROM sync_changes WHERE seq > ? ORDER BY seq LIMIT ?",
            vec![Value::from(after), Value::from(limit as i64)],
        ))
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(Change {
                seq: r.try_get("", "seq")?,
                kind: r.try_get("", "kind")?,
                key: r.try_get("", "rkey")?,
            })
        })
        .collect()
}

/// The last change number handed out (committed or not).
pub async fn head<C: Conn>(conn: &C) -> Result<i64> {
    let row = conn
        .query_one_raw(stmt(conn, "SELECT seq FROM sync_head WHERE id = 1", vec![]))
        .await?
        .ok_or(crate::StoreError::NotFound)?;
    Ok(row.try_get("", "seq")?)
}

/// The objects on the user's open survey tasks: what an inspector needs in the field.
pub async fn open_task_objects<C: Conn>(conn: &C, user: Uuid) -> Result<HashSet<Uuid>> {
    let rows = conn
        .query_all_raw(stmt(
            conn,
            "SELECT o.object_id AS object_id FROM survey_task_objects o \
             JOIN survey_tasks t ON t.id = o.task_id \
             WHERE t.assignee_id = ? AND t.status = 'open'",
            vec![Value::from(user)],
        ))
        .await?;
    rows.into_iter()
        .map(|r| Ok(r.try_get::<Uuid>("", "object_id")?))
        .collect()
}

/// The places of the user's open survey tasks, as stored GeoJSON geometries: each
/// task's area (when it has one) and the boundary of each object on it. Empty when
/// the user has no open task (every task names objects or an area). Issue 14: the
/// quarantine zones a device keeps are those meeting these places.
pub async fn open_task_places<C: Conn>(conn: &C, user: Uuid) -> Result<Vec<String>> {
    let rows = conn
        .query_all_raw(stmt(
            conn,
            "SELECT t.area AS g FROM survey_tasks t \
             WHERE t.assignee_id = ? AND t.status = 'open' AND t.area IS NOT NULL \
             UNION ALL \
             SELECT ob.geometry AS g FROM survey_task_objects o \
             JOIN survey_tasks t ON t.id = o.task_id JOIN objects ob ON ob.id = o.object_id \
             WHERE t.assignee_id = ? AND t.status = 'open'",
            vec![Value::from(user), Value::from(user)],
        ))
        .await?;
    rows.into_iter()
        .map(|r| Ok(r.try_get::<String>("", "g")?))
        .collect()
}

/// The objects on any of the user's survey tasks, open or not: those the app may hold.
pub async fn assigned_objects<C: Conn>(conn: &C, user: Uuid) -> Result<HashSet<Uuid>> {
    let rows = conn
        .query_all_raw(stmt(
            conn,
            "SELECT o.object_id AS object_id FROM survey_task_objects o \
             JOIN survey_tasks t ON t.id = o.task_id WHERE t.assignee_id = ?",
            vec![Value::from(user)],
        ))
        .await?;
    rows.into_iter()
        .map(|r| Ok(r.try_get::<Uuid>("", "object_id")?))
        .collect()
}

/// A reference entry as JSON (its columns), or `None` when it does not exist.
pub async fn reference_entry<C: Conn>(
    conn: &C,
    list: &str,
    code: &str,
) -> Result<Option<serde_json::Value>> {
    let code = code.to_string();
    Ok(match list {
        "organisms" => {
            ref_organism::Entity::find_by_id(code)
                .into_json()
                .one(conn)
                .await?
        }
        "crops" => {
            ref_crop::Entity::find_by_id(code)
                .into_json()
                .one(conn)
                .await?
        }
        "object_types" => {
            ref_object_type::Entity::find_by_id(code)
                .into_json()
                .one(conn)
                .await?
        }
        "units" => {
            ref_admin_unit::Entity::find_by_id(code)
                .into_json()
                .one(conn)
                .await?
        }
        _ => None,
    })
}
