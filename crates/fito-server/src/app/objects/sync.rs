//! An object record made offline and pushed by the app (R-MOB-2): created once
//! under its client-made id, changed only on the version it was made on; sent
//! again it changes nothing.

use super::described::describe;
use super::in_scope;
use super::input::ObjectInput;
use super::register::{Change, insert, save_change};
use crate::app::{Actor, App, AppError, SameRecord};
use fito_core::Action;
use fito_store::objects::{self, Object, STATUS_ARCHIVED};
use serde_json::json;
use uuid::Uuid;

/// What a pushed object record came to.
pub enum Pushed {
    /// Written; the object's version now.
    Applied(i64),
    /// The server already says the same; its version.
    Unchanged(i64),
    /// Made on another version than the server's: the server's copy.
    Conflict(Box<Object>),
}

/// Applies the record `id`, made on server version `base` (none for a new one).
pub async fn push(
    app: &App,
    actor: &Actor,
    id: Uuid,
    base: Option<i64>,
    mut data: ObjectInput,
) -> Result<Pushed, AppError> {
    data.id = Some(id);
    let existing = objects::get(app.store.reader(), id).await?;
    match (base, existing) {
        (None, None) => {
            let described = describe(app, actor, data, Action::ObjectCreate).await?;
            match insert(app, actor, described.row()).await {
                Ok(saved) => Ok(Pushed::Applied(saved.version)),
                Err(e) if e.code == "object-id-taken" => Ok(Pushed::Conflict(Box::new(
                    in_scope(app, actor, id, Action::ObjectRead).await?,
                ))),
                Err(e) => Err(e),
            }
        }
        (_, None) => Err(AppError::not_found("object-not-found")),
        (base, Some(_)) => change(app, actor, id, base, data).await,
    }
}

/// A record of an object the server has: unchanged when it says the same, a
/// conflict when made on another version, else the next version.
async fn change(
    app: &App,
    actor: &Actor,
    id: Uuid,
    base: Option<i64>,
    mut data: ObjectInput,
) -> Result<Pushed, AppError> {
    let action = if base.is_some() {
        Action::ObjectUpdate
    } else {
        Action::ObjectCreate
    };
    let current = in_scope(app, actor, id, action).await?;
    data.organization_id = data.organization_id.or(Some(current.organization_id));
    let wanted = describe(app, actor, data, action).await?;
    if current.same_record(&wanted) {
        return Ok(Pushed::Unchanged(current.version));
    }
    let Some(base) = base.filter(|b| *b == current.version) else {
        return Ok(Pushed::Conflict(Box::new(current)));
    };
    if current.status == STATUS_ARCHIVED {
        return Err(AppError::conflict("object-archived"));
    }
    let row = wanted.row();
    let changed = Object {
        rid: current.rid,
        id: current.id,
        status: current.status,
        version: current.version,
        created_at: current.created_at,
        updated_at: current.updated_at,
        created_by: current.created_by,
        updated_by: current.updated_by,
        quarantine_found_at: current.quarantine_found_at,
        ..row
    };
    match save_change(
        app,
        actor,
        changed,
        base,
        Change::Update,
        json!({ "sync": true }),
    )
    .await
    {
        Ok(saved) => Ok(Pushed::Applied(saved.version)),
        Err(e) if e.code == "object-version-conflict" => Ok(Pushed::Conflict(Box::new(
            in_scope(app, actor, id, Action::ObjectRead).await?,
        ))),
        Err(e) => Err(e),
    }
}
