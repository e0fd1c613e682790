//! Sign-in sessions (R-AUTH-1) and the failed-attempt record behind the lockout.

use crate::Result;
use crate::conn::Conn;
use crate::entity::{login_failure, session, user};
use crate::privacy::keys::person_key_in;
use crate::privacy::sealing::open_user;
use crate::sql::for_engine;
use sea_orm::sea_query::{Alias, Expr, JoinType};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, ExprTrait, FromQueryResult,
    PaginatorTrait, QueryFilter, QueryOrder, QueryTrait,
};
use uuid::Uuid;

pub use session::Model as Session;

#[derive(Debug, Clone)]
pub struct NewSession {
    pub id: Uuid,
    pub user_id: Uuid,
    pub token_hash: String,
    pub csrf_hash: Option<String>,
    pub kind: &'static str,
    pub expires_at: i64,
    pub ip: Option<String>,
    pub device_id: Option<String>,
    pub os: Option<String>,
    pub app_version: Option<String>,
}

pub async fn insert<C: Conn>(conn: &C, new: NewSession, now: i64) -> Result<Session> {
    let model = session::ActiveModel {
        id: Set(new.id),
        user_id: Set(new.user_id),
        token_hash: Set(new.token_hash),
        csrf_hash: Set(new.csrf_hash),
        kind: Set(new.kind.to_string()),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(new.expires_at),
        revoked_at: Set(None),
        ip: Set(new.ip),
        device_id: Set(new.device_id),
        os: Set(new.os),
        app_version: Set(new.app_version),
    };
    Ok(model.insert(conn).await?)
}

/// A live session as a request needs it.
#[derive(Debug, Clone)]
pub struct Live {
    pub session: Session,
    /// Its user, personal fields opened.
    pub user: user::Model,
    /// The version of the policy in force on `today` that the user has not accepted
    /// (R-PD-1), if any.
    pub policy_pending: Option<String>,
}

/// The live session for a token hash, with its user and the policy they still have to
/// accept; `None` when unknown, revoked or expired. One statement, as it is on the hot
/// path of every authenticated request: the session, the user, the person's key and
/// the policy in force are read together.
pub async fn find_live<C: Conn>(
    conn: &C,
    token_hash: &str,
    now: i64,
    today: &str,
) -> Result<Option<Live>> {
    let mut select = session::Entity::find()
        .find_also_related(user::Entity)
        .filter(session::Column::TokenHash.eq(token_hash))
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::ExpiresAt.gt(now));
    let keys = Alias::new("person_keys");
    let backend = conn.get_database_backend();
    QueryTrait::query(&mut select)
        .join(
            JoinType::LeftJoin,
            keys.clone(),
            Expr::col((keys.clone(), Alias::new("person_id")))
                .equals((session::Entity, session::Column::UserId)),
        )
        .expr_as(
            Expr::col((keys.clone(), Alias::new("person_id"))),
            "person_id",
        )
        .expr_as(
            Expr::col((keys.clone(), Alias::new("master_id"))),
            "master_id",
        )
        .expr_as(Expr::col((keys, Alias::new("wrapped"))), "wrapped")
        .expr_as(
            Expr::cust_with_values(
                for_engine(
                    "(SELECT p.version FROM (SELECT version FROM policy_versions \
                       WHERE effective_from <= ? \
                       ORDER BY effective_from DESC, published_at DESC LIMIT 1) p \
                     WHERE NOT EXISTS (SELECT 1 FROM policy_acceptances a \
                       WHERE a.user_id = sessions.user_id AND a.version = p.version))",
                    backend,
                ),
                [today.to_string()],
            ),
            "policy_pending",
        );
    let Some(row) = conn.query_one_raw(select.build(backend)).await? else {
        return Ok(None);
    };
    let session = Session::from_query_result(&row, "A_")?;
    let Some(found) = user::Model::from_query_result_optional(&row, "B_")? else {
        return Ok(None);
    };
    let key = person_key_in(conn, &row)?;
    Ok(Some(Live {
        session,
        user: open_user(found, key.as_ref())?,
        policy_pending: row.try_get("", "policy_pending")?,
    }))
}

pub async fn get<C: Conn>(conn: &C, id: Uuid) -> Result<Option<Session>> {
    Ok(session::Entity::find_by_id(id).one(conn).await?)
}

/// Every session of a user (live or not), newest first, for their data view (R-PD-1).
pub async fn sessions_of<C: Conn>(conn: &C, user: Uuid) -> Result<Vec<Session>> {
    Ok(session::Entity::find()
        .filter(session::Column::UserId.eq(user))
        .order_by_desc(session::Column::CreatedAt)
        .all(conn)
        .await?)
}

/// Live sessions of a user, newest first.
pub async fn list_live_for_user<C: Conn>(
    conn: &C,
    user_id: Uuid,
    now: i64,
) -> Result<Vec<Session>> {
    Ok(session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null())
        .filter(session::Column::ExpiresAt.gt(now))
        .order_by_desc(session::Column::CreatedAt)
        .all(conn)
        .await?)
}

pub async fn revoke<C: Conn>(conn: &C, id: Uuid, now: i64) -> Result<bool> {
    let done = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .filter(session::Column::Id.eq(id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(done.rows_affected > 0)
}

pub async fn revoke_all_for_user<C: Conn>(conn: &C, user_id: Uuid, now: i64) -> Result<u64> {
    let done = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(now))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(conn)
        .await?;
    Ok(done.rows_affected)
}

/// Notes that the session was used; callers do it at most once a minute per session.
pub async fn touch<C: Conn>(conn: &C, id: Uuid, now: i64) -> Result<()> {
    let model = session::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(id),
        last_seen_at: Set(now),
        ..Default::default()
    };
    model.update(conn).await?;
    Ok(())
}

pub async fn record_failure<C: Conn>(conn: &C, email_key: &str, now: i64) -> Result<()> {
    login_failure::ActiveModel {
        id: Set(fito_core::new_id()),
        email_key: Set(email_key.to_string()),
        at: Set(now),
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Failed attempts for an e-mail key since `since`, and the time of the latest.
pub async fn failures_since<C: Conn>(
    conn: &C,
    email_key: &str,
    since: i64,
) -> Result<(u64, Option<i64>)> {
    let q = login_failure::Entity::find()
        .filter(login_failure::Column::EmailKey.eq(email_key))
        .filter(login_failure::Column::At.gt(since));
    let count = q.clone().count(conn).await?;
    let latest = q
        .order_by_desc(login_failure::Column::At)
        .one(conn)
        .await?
        .map(|f| f.at);
    Ok((count, latest))
}

/// Forgets failures of a key (after a successful sign-in) and, for housekeeping,
/// every failure older than `older_than`.
pub async fn clear_failures<C: Conn>(conn: &C, email_key: &str, older_than: i64) -> Result<()> {
    login_failure::Entity::delete_many()
        .filter(
            sea_orm::Condition::any()
                .add(login_failure::Column::EmailKey.eq(email_key))
                .add(login_failure::Column::At.lt(older_than)),
        )
        .exec(conn)
        .await?;
    Ok(())
}
