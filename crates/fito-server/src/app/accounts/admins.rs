//! Administrators the system itself makes (R-OPS-1): the first one of an empty
//! system at first start, and more with `fito admin create`. Both live in the root
//! organisation (made when there is none) with a one-time password, shown once.

use crate::app::accounts::system_entry;
use crate::app::passwords::one_time_password;
use crate::app::{App, AppError, Unit};
use crate::i18n::Lang;
use fito_core::{Email, Role};
use fito_store::locks;
use fito_store::orgs::{self, NewOrganization};
use fito_store::time::now_us;
use fito_store::users::{self, NewUser, STATUS_ACTIVE};
use serde_json::json;

pub struct FirstAdministrator {
    pub email: String,
    pub password: String,
}

/// Creates the first administrator (`[bootstrap] admin_email`) when the system has no
/// user at all; `None` otherwise. Instances starting together: one creates it, the
/// others wait and then find it.
pub async fn first(app: &App) -> Result<Option<FirstAdministrator>, AppError> {
    let email = Email::parse(&app.config.bootstrap.admin_email)?;
    let password = one_time_password();
    let hash = app.passwords.hash(password.clone()).await?;
    let mut unit = app.begin().await?;
    locks::first_administrator(unit.tx()).await?;
    if users::count(unit.tx()).await? > 0 {
        return Ok(None);
    }
    add(app, &mut unit, &email, hash, "bootstrap").await?;
    unit.commit().await?;
    Ok(Some(FirstAdministrator {
        email: email.to_string(),
        password,
    }))
}

/// `fito admin create`: an administrator with this e-mail; answers the one-time
/// password.
pub async fn create(app: &App, email: &Email) -> Result<String, AppError> {
    let password = one_time_password();
    let hash = app.passwords.hash(password.clone()).await?;
    let mut unit = app.begin().await?;
    add(app, &mut unit, email, hash, "cli").await?;
    unit.commit().await?;
    Ok(password)
}

async fn add(
    app: &App,
    unit: &mut Unit<'_>,
    email: &Email,
    hash: String,
    via: &str,
) -> Result<(), AppError> {
    let now = now_us();
    let message = |lang, id| app.i18n.message(lang, id, &[]);
    let root = match orgs::roots(unit.tx()).await?.into_iter().next() {
        Some(root) => root,
        None => {
            let root = NewOrganization {
                id: fito_core::new_id(),
                parent_id: None,
                name_kk: message(Lang::Kk, "bootstrap-root-organization"),
                name_ru: message(Lang::Ru, "bootstrap-root-organization"),
                name_en: Some(message(Lang::En, "bootstrap-root-organization")),
                bin: None,
                address: None,
                code: None,
            };
            orgs::insert(unit.tx(), root, now).await?
        }
    };
    let new = NewUser {
        id: fito_core::new_id(),
        organization_id: Some(root.id),
        role: Some(Role::Administrator.as_str().to_string()),
        status: STATUS_ACTIVE,
        surname: message(Lang::Kk, "bootstrap-admin-surname"),
        first_name: message(Lang::Kk, "bootstrap-admin-first-name"),
        patronymic: None,
        phone: None,
        email: email.as_str().to_string(),
        iin: None,
        position: message(Lang::Kk, "bootstrap-admin-position"),
        password_hash: Some(hash),
        must_change_password: true,
    };
    let user = users::insert(unit.tx(), new, now).await?;
    unit.journal(system_entry(
        "user.create",
        "user",
        user.id.to_string(),
        json!({ "via": via, "role": "administrator" }),
    ));
    Ok(())
}
