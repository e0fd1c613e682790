//! The in-app notification centre (R-NOTIF-1): one row per person and event.

use crate::Result;
use crate::entity::notification;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder,
    QuerySelect,
};
use uuid::Uuid;

pub use notification::Model as Notification;

pub async fn insert_many<C: ConnectionTrait>(conn: &C, rows: Vec<Notification>) -> Result<()> {
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
pub async fn of_user<C: ConnectionTrait>(
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
pub async fn mark_read<C: ConnectionTrait>(
    conn: &C,
    user_id: Uuid,
    id: Uuid,
    now: i64,
) -> Result<bool> {
    let done = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(now))
        .filter(notification::Column::Id.eq(id))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(conn)
        .await?;
    Ok(done.rows_affected == 1)
}
