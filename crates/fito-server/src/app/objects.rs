//! The register of phytosanitary objects (R-OBJ-1, R-GEO-1).

use crate::app::{Actor, App, AppError};
use fito_core::Action;
use fito_store::objects::{self, Object};
use uuid::Uuid;

/// An object the actor may act on with `action` (R-ORG-1: outside the subtree it
/// does not exist for them).
pub async fn in_scope(
    app: &App,
    actor: &Actor,
    id: Uuid,
    action: Action,
) -> Result<Object, AppError> {
    actor.require(action)?;
    let o = objects::get(app.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("object-not-found"))?;
    app.check_scope(actor, action, o.organization_id, "object-not-found")
        .await?;
    Ok(o)
}
