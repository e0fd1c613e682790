//! The register of phytosanitary objects (R-OBJ-1, R-GEO-1).

use crate::app::{Actor, App, AppError};
use fito_core::Action;
use fito_geo::formats::geojson::geometry_from_json;
use fito_geo::{Geometry, ValidationOptions};
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

/// Reads a stored geometry; stored ones passed validation when written.
pub(crate) fn stored_geometry(o: &Object) -> Result<Geometry, AppError> {
    let raw = serde_json::from_str(&o.geometry).map_err(|_| AppError::internal())?;
    let options = ValidationOptions {
        close_open_rings: false,
        kazakhstan_axes_check: false,
    };
    Ok(fito_geo::validate(geometry_from_json(raw)?, &options)?.geometry)
}
