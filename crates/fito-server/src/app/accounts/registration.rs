//! Self-registration (R-USER-2): the account stays pending until an administrator
//! activates it. The IIN must be valid and show an age of 18 or more (R-USER-3).

use crate::app::accounts::anonymous_entry;
use crate::app::accounts::people::{new_user, person_request};
use crate::app::passwords::check_password_policy;
use crate::app::{App, AppError, RequestMeta};
use fito_store::time::now_us;
use fito_store::users::{self, NewUser, STATUS_PENDING, User};
use uuid::Uuid;

person_request!(RegisterRequest {
    password: String,
    /// The organisation the person works for, when they know it.
    organization_id: Option<Uuid>,
});

/// Registers a pending account with the person's own password.
pub async fn register(
    app: &App,
    meta: &RequestMeta,
    input: RegisterRequest,
) -> Result<User, AppError> {
    let person = input.person()?;
    check_password_policy(&input.password, person.email.as_str(), &app.config.auth)?;
    if let Some(org) = input.organization_id {
        app.org_path(org)
            .await?
            .ok_or_else(|| AppError::unprocessable("organization-not-found"))?;
    }
    let hash = app.passwords.hash(input.password).await?;
    let mut unit = app.begin().await?;
    let new = NewUser {
        id: fito_core::new_id(),
        organization_id: input.organization_id,
        role: None,
        status: STATUS_PENDING,
        password_hash: Some(hash),
        must_change_password: false,
        ..new_user(person)
    };
    let user = users::insert(unit.tx(), new, now_us()).await?;
    unit.journal(anonymous_entry(meta, "user.register", Some(user.id)));
    unit.commit().await?;
    Ok(user)
}
