//! First start and the command line: the master key of personal data, the first
//! administrator, the reference seed, the seed policy, and the application the
//! commands run on.

use crate::app::accounts::admins;
pub use crate::app::accounts::admins::FirstAdministrator;
use crate::app::audit_writer::AuditWriter;
use crate::app::egress::Egress;
use crate::app::esign::Signatures;
use crate::app::{App, files};
use crate::config::Config;
use fito_store::audit::NewEntry;
use fito_store::users;
use fito_store::{Store, StoreError};
use std::sync::Arc;

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
/// at all (through the same use case as `fito admin create`); does nothing otherwise.
pub async fn first_administrator(
    store: &Store,
    config: &Config,
) -> anyhow::Result<Option<FirstAdministrator>> {
    privacy_keys(store, config).await?;
    if users::count(store.reader()).await? > 0 {
        return Ok(None);
    }
    let app = command_app(store.clone(), config.clone())?;
    admins::first(&app)
        .await
        .map_err(|e| anyhow::anyhow!("the first administrator cannot be created: {}", e.code))
}

/// Publishes the seed policy (`seed/policy/`, R-PD-4) as the policy in force when no
/// version was ever published and `[privacy] seed_policy` is on; a fresh install then
/// asks every person for consent. Returns the version published, if any.
pub async fn seed_policy(store: &Store, config: &Config) -> anyhow::Result<Option<String>> {
    if !config.privacy.seed_policy {
        return Ok(None);
    }
    let app = command_app(store.clone(), config.clone())?;
    let published = crate::app::privacy::seed::publish_on_first_start(&app)
        .await
        .map_err(|e| anyhow::anyhow!("the seed policy cannot be published: {}", e.code))?;
    Ok(published.map(|p| p.version))
}

/// The application for the command line (`fito admin`, `fito policy`) and the first
/// start: the same use cases as the server, without listener, jobs or push.
pub fn command_app(store: Store, config: Config) -> anyhow::Result<App> {
    let egress = Egress::new(
        &config.egress.allow,
        std::time::Duration::from_secs(config.egress.timeout_seconds),
    )?;
    let files = files::blob_store(&config, &egress)?;
    let signatures = Signatures::load(&config.signature, &config.data_dir, egress)?;
    // Changes journal in their own transaction; the writer only takes refusals here.
    let (audit, _) = AuditWriter::start(store.clone());
    Ok(App::new(store, config, audit, Arc::new(signatures), files))
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
