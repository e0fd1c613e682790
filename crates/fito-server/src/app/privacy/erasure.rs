//! Erasure of an account (R-PD-2), by administrators only (there is no
//! self-deletion): the person's data key is destroyed and their personal fields
//! blanked, their sessions end. Signed acts, the audit journal and logs stay, still
//! verifiable.

use crate::app::accounts::users;
use crate::app::{Actor, App, AppError};
use fito_core::Action;
use fito_store::privacy;
use fito_store::time::now_us;
use uuid::Uuid;

pub async fn erase(app: &App, actor: &Actor, id: Uuid) -> Result<(), AppError> {
    users::in_scope(app, actor, id, Action::UserDelete).await?;
    if id == actor.id() {
        return Err(AppError::conflict("user-cannot-delete-self"));
    }
    let mut unit = app.begin().await?;
    privacy::erase(unit.tx(), id, now_us()).await?;
    unit.journal(actor.entry("user.delete", Some("user"), Some(id.to_string())));
    unit.commit().await?;
    privacy::flush_erased(&app.store).await;
    Ok(())
}
