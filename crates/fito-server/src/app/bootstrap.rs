//! First start: the root organisation and the first administrator, whose one-time
//! password is shown once.

use crate::app::passwords::{Passwords, one_time_password};
use crate::config::Config;
use crate::i18n::{I18n, Lang};
use fito_store::audit::NewEntry;
use fito_store::orgs::{self, NewOrganization};
use fito_store::users::{self, NewUser, STATUS_ACTIVE};
use fito_store::{Conn, Store, StoreError};

pub struct FirstAdministrator {
    pub email: String,
    pub password: String,
}

/// Loads the master key of personal data (making the file on first start) and binds
/// the database to it (R-PD-2). Every command that reads or writes people calls it.
pub async fn privacy_keys(store: &Store, config: &Config) -> Result<(), StoreError> {
    let path = config.privacy.key_path(&config.data_dir);
    let key = fito_store::privacy::load_or_create_key_file(&path).map_err(|e| {
        tracing::error!(path = %path.display(), error = %e, "master key file");
        StoreError::Privacy("the master key file cannot be read or made")
    })?;
    store.unlock(key).await
}

/// Creates the root organisation and an administrator when the system has no user
/// at all; does nothing otherwise.
pub async fn first_administrator(
    store: &Store,
    config: &Config,
) -> Result<Option<FirstAdministrator>, StoreError> {
    privacy_keys(store, config).await?;
    if users::count(store.reader()).await? > 0 {
        return Ok(None);
    }
    let email = fito_core::Email::parse(&config.bootstrap.admin_email)
        .map_err(|_| StoreError::Conflict("email"))?
        .to_string();
    let txn = store.begin().await?;
    // Instances starting together: one creates the administrator, the others wait
    // here and then find it.
    fito_store::locks::first_administrator(&txn).await?;
    if users::count(&txn).await? > 0 {
        return Ok(None);
    }
    let password = administrator_in(&txn, config, &email, "bootstrap").await?;
    txn.commit().await?;
    Ok(Some(FirstAdministrator { email, password }))
}

/// Creates an administrator in the root organisation (making the root when there is
/// none) with a one-time password, which it returns. Used by `fito admin create`.
pub async fn create_administrator(
    store: &Store,
    config: &Config,
    email: &str,
    how: &str,
) -> Result<String, StoreError> {
    privacy_keys(store, config).await?;
    let txn = store.begin().await?;
    let password = administrator_in(&txn, config, email, how).await?;
    txn.commit().await?;
    Ok(password)
}

async fn administrator_in<C: Conn>(
    txn: &C,
    config: &Config,
    email: &str,
    how: &str,
) -> Result<String, StoreError> {
    let i18n = I18n::load();
    let now = fito_store::time::now_us();
    let password = one_time_password();
    let passwords = Passwords::new(&config.auth);
    let hash = passwords.hash_now(&password);
    let root = match orgs::roots(txn).await?.into_iter().next() {
        Some(root) => root,
        None => {
            orgs::insert(
                txn,
                NewOrganization {
                    id: fito_core::new_id(),
                    parent_id: None,
                    name_kk: i18n.message(Lang::Kk, "bootstrap-root-organization", &[]),
                    name_ru: i18n.message(Lang::Ru, "bootstrap-root-organization", &[]),
                    name_en: Some(i18n.message(Lang::En, "bootstrap-root-organization", &[])),
                    bin: None,
                    address: None,
                },
                now,
            )
            .await?
        }
    };
    let user = users::insert(
        txn,
        NewUser {
            id: fito_core::new_id(),
            organization_id: Some(root.id),
            role: Some(fito_core::Role::Administrator.as_str().to_string()),
            status: STATUS_ACTIVE,
            surname: i18n.message(Lang::Kk, "bootstrap-admin-surname", &[]),
            first_name: i18n.message(Lang::Kk, "bootstrap-admin-first-name", &[]),
            patronymic: None,
            phone: None,
            email: email.to_string(),
            iin: None,
            position: i18n.message(Lang::Kk, "bootstrap-admin-position", &[]),
            password_hash: Some(hash),
            must_change_password: true,
        },
        now,
    )
    .await?;
    let entry = NewEntry {
        at: now,
        actor_role: Some("system".into()),
        action: "user.create".into(),
        target_type: Some("user".into()),
        target_id: Some(user.id.to_string()),
        outcome: "ok".into(),
        details: serde_json::json!({ "via": how, "role": "administrator" }),
        ..NewEntry::default()
    };
    fito_store::audit::append(txn, vec![entry]).await?;
    Ok(password)
}

/// Gives a user a new one-time password, ends their sessions and clears their failed
/// sign-ins. `None` when no user has that e-mail.
pub async fn reset_password(
    store: &Store,
    config: &Config,
    email: &str,
) -> Result<Option<String>, StoreError> {
    privacy_keys(store, config).await?;
    let Some(user) = users::find_by_email(store.reader(), email).await? else {
        return Ok(None);
    };
    let password = one_time_password();
    let hash = Passwords::new(&config.auth).hash_now(&password);
    let now = fito_store::time::now_us();
    let txn = store.begin().await?;
    let user_id = user.id;
    let change = users::Change {
        password_hash: Some(Some(hash)),
        must_change_password: Some(true),
        ..users::Change::default()
    };
    users::update(&txn, user_id, change, now).await?;
    fito_store::sessions::revoke_all_for_user(&txn, user_id, now).await?;
    fito_store::sessions::clear_failures(
        &txn,
        &crate::app::passwords::sha256_hex(email),
        now - 86_400_000_000,
    )
    .await?;
    let entry = NewEntry {
        at: now,
        actor_role: Some("system".into()),
        action: "user.reset_password".into(),
        target_type: Some("user".into()),
        target_id: Some(user_id.to_string()),
        outcome: "ok".into(),
        details: serde_json::json!({ "via": "cli" }),
        ..NewEntry::default()
    };
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok(Some(password))
}

/// Brings the reference dictionaries up to the seed files (R-OBJ-2) on every start:
/// inserts the seed entries whose key the database lacks (all of them on a new
/// database), never touching entries that are there — edited or retired by an
/// administrator or not — and journals what it added, by key, as the system.
pub async fn seed_reference(store: &Store) -> Result<u64, StoreError> {
    let txn = store.begin().await?;
    fito_store::locks::reference_seed(&txn).await?;
    let now = fito_store::time::now_us();
    let added = fito_store::reference::seed_missing(&txn, now).await?;
    if added.total() > 0 {
        let entry = NewEntry {
            at: now,
            actor_role: Some("system".into()),
            action: "reference.seed".into(),
            outcome: "ok".into(),
            details: serde_json::json!({
                "entries": added.total(),
                "organisms": added.organisms,
                "crops": added.crops.len(),
                "object_types": added.object_types.len(),
                "admin_units": added.admin_units.len(),
            }),
            ..NewEntry::default()
        };
        fito_store::audit::append(&txn, vec![entry]).await?;
    }
    txn.commit().await?;
    if added.total() > 0 {
        tracing::info!(
            organisms = ?added.organisms,
            crops = added.crops.len(),
            object_types = added.object_types.len(),
            admin_units = added.admin_units.len(),
            "reference entries added from the seed files"
        );
    }
    Ok(added.total())
}
