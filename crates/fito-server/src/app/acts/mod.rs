//! Inspection acts (R-ACT-1..3).

use crate::app::{Actor, App, AppError};
use fito_core::Action;
use fito_store::fieldwork::{self, Act};
use uuid::Uuid;

/// An act the actor may act on with `action`.
pub async fn in_scope(app: &App, actor: &Actor, id: Uuid, action: Action) -> Result<Act, AppError> {
    actor.require(action)?;
    let a = fieldwork::act(app.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("act-not-found"))?;
    app.check_scope(actor, action, a.organization_id, "act-not-found")
        .await?;
    Ok(a)
}
