//! E-signature records (R-AUTH-2, R-ACT-3): one-time sign-in challenges and the
//! signatures of acts.

use crate::conn::Conn;
use crate::entity::{act_signature, sign_challenge};
use crate::{Result, StoreError};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter};
use uuid::Uuid;

pub use act_signature::Model as ActSignature;
pub use sign_challenge::Model as Challenge;

pub async fn insert_challenge<C: Conn>(conn: &C, c: Challenge) -> Result<()> {
    c.into_active_model().insert(conn).await?;
    Ok(())
}

/// Uses up a challenge: it must exist, be unused and not expired at `now`. Exactly
/// one caller can take it, so a replayed signature finds it gone.
pub async fn take_challenge<C: Conn>(conn: &C, id: Uuid, now: i64) -> Result<Option<Challenge>> {
    let done = sign_challenge::Entity::update_many()
        .col_expr(sign_challenge::Column::UsedAt, Expr::value(now))
        .filter(sign_challenge::Column::Id.eq(id))
        .filter(sign_challenge::Column::UsedAt.is_null())
        .filter(sign_challenge::Column::ExpiresAt.gt(now))
        .exec(conn)
        .await?;
    if done.rows_affected != 1 {
        return Ok(None);
    }
    Ok(sign_challenge::Entity::find_by_id(id).one(conn).await?)
}

/// Why a challenge could not be taken: never issued, already used, or expired.
pub async fn challenge<C: Conn>(conn: &C, id: Uuid) -> Result<Option<Challenge>> {
    Ok(sign_challenge::Entity::find_by_id(id).one(conn).await?)
}

pub async fn insert_act_signature<C: Conn>(conn: &C, s: ActSignature) -> Result<()> {
    s.into_active_model()
        .insert(conn)
        .await
        .map_err(|e| StoreError::from_write(e, &["act_id"]))?;
    Ok(())
}

pub async fn act_signature<C: Conn>(conn: &C, act_id: Uuid) -> Result<Option<ActSignature>> {
    Ok(act_signature::Entity::find_by_id(act_id).one(conn).await?)
}
