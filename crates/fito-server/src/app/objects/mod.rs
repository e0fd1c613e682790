//! The register of phytosanitary objects (R-OBJ-1) and its spatial questions
//! (R-GEO-1). Input is parsed once into fito-core's `NewObject` and a geometry
//! fito-geo has checked; fito-geo also answers containment, distance and buffers,
//! so both database engines give the same answers.

pub mod described;
pub mod feature;
pub mod geometry;
pub mod input;
pub mod ogc;
pub mod register;
pub mod spatial;
pub mod sync;

pub use feature::{FeatureOut, feature_value, snapshot};
pub use geometry::{bbox_of, parse_stored, stored_geometry};
pub use input::{BufferRequest, ObjectChange, ObjectInput, OwnerInput, VersionOnly};
pub use register::{Saved, archive, create, get, history, restore, update};
pub use spatial::{Filters, Page, at, buffer, list, nearest};

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
