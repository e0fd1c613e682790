//! What every handler can reach: the store, configuration, messages, password
//! hashing, the audit writer and a cache of organisation paths.

use crate::audit_writer::AuditWriter;
use crate::auth::Passwords;
use crate::config::Config;
use crate::i18n::I18n;
use fito_store::Store;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use uuid::Uuid;

#[derive(Clone)]
pub struct AppState {
    pub store: Store,
    pub config: Arc<Config>,
    pub i18n: Arc<I18n>,
    pub passwords: Passwords,
    pub audit: AuditWriter,
    /// Organisation id → materialised path. A path never changes once created,
    /// so entries never go stale.
    org_paths: Arc<RwLock<HashMap<Uuid, String>>>,
}

impl AppState {
    pub fn new(store: Store, config: Config, audit: AuditWriter) -> AppState {
        let passwords = Passwords::new(&config.auth);
        AppState {
            store,
            config: Arc::new(config),
            i18n: Arc::new(I18n::load()),
            passwords,
            audit,
            org_paths: Arc::default(),
        }
    }

    /// The path of an organisation, from the cache or the database.
    pub async fn org_path(&self, id: Uuid) -> Result<Option<String>, fito_store::StoreError> {
        if let Some(path) = self.org_paths.read().expect("org path cache").get(&id) {
            return Ok(Some(path.clone()));
        }
        let Some(org) = fito_store::orgs::get(self.store.reader(), id).await? else {
            return Ok(None);
        };
        self.org_paths
            .write()
            .expect("org path cache")
            .insert(id, org.path.clone());
        Ok(Some(org.path))
    }
}
