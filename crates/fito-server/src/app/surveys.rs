//! Field surveys with GPS points and findings (R-SURV-1).

use crate::app::{Actor, App, AppError};
use fito_core::Action;
use fito_store::fieldwork::{self, Survey};
use uuid::Uuid;

/// A survey the actor may act on with `action`.
pub async fn in_scope(
    app: &App,
    actor: &Actor,
    id: Uuid,
    action: Action,
) -> Result<Survey, AppError> {
    actor.require(action)?;
    let s = fieldwork::survey(app.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("survey-not-found"))?;
    app.check_scope(actor, action, s.organization_id, "survey-not-found")
        .await?;
    Ok(s)
}
