//! The in-app notification centre (R-NOTIF-1): one row per person and event.

use crate::Result;
use crate::conn::Conn;
use crate::entity::notification;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

pub use notification::Model as Notification;

pub async fn insert_many<C: Conn>(conn: &C, rows: Vec<Notification>) -> Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    notification::Entity::insert_many(rows.into_iter().map(|n| {
        let mut m = n.into_active_model();
        m.rid = sea_orm::ActiveValue::NotSet;
        m
    }))
    .exec_without_returning(conn)
    .await?;
    Ok(())
}

/// A person's notifications, newest first.
pub async fn of_user<C: Conn>(
    conn: &C,
    user_id: Uuid,
    unread_only: bool,
    limit: u64,
) -> Result<Vec<Notification>> {
    let mut q = notification::Entity::find().filter(notification::Column::UserId.eq(user_id));
    if unread_only {
        q = q.filter(notification::Column::ReadAt.is_null());
    }
    Ok(q.order_by_desc(notification::Column::Rid)
        .limit(limit)
        .all(conn)
        .await?)
}

/// Marks one of the person's notifications read; false if there is no such one.
pub async fn mark_read<C: Conn>(conn: &C, user_id: Uuid, id: Uuid, now: i64) -> Result<bool> {
    let done = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(now))
        .filter(notification::Column::Id.eq(id))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(conn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// The row ids of notifications just inserted (by their ids), with their reader:
/// what live updates publish once the transaction commits.
pub async fn rows_of<C: Conn>(conn: &C, ids: &[Uuid]) -> Result<Vec<(Uuid, i64)>> {
    let mut out = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let rows = notification::Entity::find()
            .filter(notification::Column::Id.is_in(chunk.iter().copied()))
            .all(conn)
            .await?;
        out.extend(rows.into_iter().map(|n| (n.user_id, n.rid)));
    }
    Ok(out)
}

/// A person's notifications with row ids in `rids`, oldest first.
pub async fn of_user_by_rids<C: Conn>(
    conn: &C,
    user_id: Uuid,
    rids: &[i64],
) -> Result<Vec<Notification>> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::Rid.is_in(rids.iter().copied()))
        .order_by_asc(notification::Column::Rid)
        .all(conn)
        .await?)
}

/// A person's notifications after row id `after`, oldest first (a stream resuming).
pub async fn of_user_after<C: Conn>(
    conn: &C,
    user_id: Uuid,
    after: i64,
    limit: u64,
) -> Result<Vec<Notification>> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::Rid.gt(after))
        .order_by_asc(notification::Column::Rid)
        .limit(limit)
        .all(conn)
        .await?)
}

/// The row id of a person's newest notification (0 if none).
pub async fn latest_rid<C: Conn>(conn: &C, user_id: Uuid) -> Result<i64> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .order_by_desc(notification::Column::Rid)
        .one(conn)
        .await?
        .map(|n| n.rid)
        .unwrap_or(0))
}
