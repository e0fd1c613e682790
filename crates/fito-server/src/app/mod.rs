//! The use-case layer: every operation that changes or reads data, for the HTTP API,
//! sync, import and the command line alike. A use case takes an [`Actor`] and typed
//! input and returns typed output or an [`AppError`]; it owns the transaction (a
//! [`Unit`]), the journal entries and the notifications. Nothing here knows HTTP
//! (`tests/layers.rs` checks the imports).

pub mod accounts;
pub mod actor;
pub mod acts;
pub mod analytics;
pub mod audit;
pub mod audit_writer;
pub mod backup;
pub mod bootstrap;
pub mod boundaries;
pub mod command_line;
pub mod documents;
pub mod egress;
pub mod error;
pub mod esign;
pub mod export;
pub mod files;
pub mod import;
pub mod jobs;
pub mod json;
pub mod kept;
pub mod metrics;
pub mod notifications;
pub mod notify;
pub mod objects;
pub mod orgs;
pub mod passwords;
pub mod privacy;
pub mod push;
pub mod reference;
pub mod samples;
pub(crate) mod sheets;
pub mod surveys;
pub mod sync;
pub mod tasks;
pub mod tiles;
pub mod unit;
pub mod zones;

pub use actor::{Actor, EntryExt, RequestMeta};
pub use error::{AppError, Kind};
pub use unit::Unit;

use crate::app::audit_writer::AuditWriter;
use crate::app::passwords::Passwords;
use crate::config::Config;
use crate::i18n::I18n;
use fito_store::Store;
use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use uuid::Uuid;

/// What every use case can reach: the store, configuration, password hashing, the
/// audit writer, files, signatures, live updates and a cache of organisation paths.
#[derive(Clone)]
pub struct App {
    pub store: Store,
    pub config: Arc<Config>,
    pub i18n: Arc<I18n>,
    pub passwords: Passwords,
    pub audit: AuditWriter,
    /// Where document and act PDF bytes are kept (R-DOC-1, R-ACT-3).
    pub files: Arc<fito_files::BlobStore>,
    /// NCA certificates, CRLs and verifiers (R-AUTH-2, R-ACT-2).
    pub signatures: Arc<esign::Signatures>,
    /// Organisation id → materialised path. A path never changes once created,
    /// so entries never go stale.
    org_paths: Arc<RwLock<HashMap<Uuid, String>>>,
    /// Made on the first act rendered: loading fonts takes a moment, and a server
    /// whose fonts are missing still serves everything but PDFs.
    acts: Arc<tokio::sync::OnceCell<Arc<fito_acts::ActRenderer>>>,
    /// Encoded map tiles by subtree, filters and address, with the change they
    /// were made at (issue 16).
    pub tiles: Arc<tiles::TileCache>,
    /// The change-log number tiles are made at, kept while commits are told.
    pub change_head: Arc<tiles::ChangeHead>,
    /// Live sessions, kept while commits are told (R-AUTH-1).
    pub sessions: Arc<accounts::sessions::KeptSessions>,
    /// Tile reads summed per session, layer and filters before they are journalled.
    pub tile_reads: Arc<tiles::TileReads>,
    /// Live updates fanned out to open streams, across instances (R-NOTIF-1, R-OPS-3).
    pub live: Arc<notify::live::Live>,
    /// Prometheus counters of this process (R-OPS-2).
    pub metrics: Arc<metrics::Metrics>,
    /// Scheduled jobs, each run by one instance at a time (R-OPS-3).
    pub jobs: jobs::Runner,
    /// Web Push, when `[push]` is configured (R-NOTIF-1).
    pub push: Option<Arc<notify::push_outbox::Pusher>>,
    /// Set true when the server stops: streams end, jobs stop.
    stop: Arc<tokio::sync::watch::Sender<bool>>,
}

impl App {
    pub fn new(
        store: Store,
        config: Config,
        audit: AuditWriter,
        signatures: Arc<esign::Signatures>,
        files: fito_files::BlobStore,
    ) -> App {
        let passwords = Passwords::new(&config.auth);
        let (stop, stopping) = tokio::sync::watch::channel(false);
        let change_head = Arc::new(tiles::ChangeHead::default());
        let sessions = Arc::new(accounts::sessions::KeptSessions::new(
            accounts::sessions::KEPT_SESSIONS,
        ));
        App {
            live: Arc::new(notify::live::Live::new(
                store.clone(),
                stopping.clone(),
                change_head.clone(),
                sessions.clone(),
            )),
            change_head,
            sessions,
            metrics: Arc::default(),
            jobs: jobs::Runner::new(store.clone(), stopping),
            push: None,
            stop: Arc::new(stop),
            store,
            config: Arc::new(config),
            i18n: Arc::new(I18n::load()),
            passwords,
            audit: audit.clone(),
            files: Arc::new(files),
            signatures,
            org_paths: Arc::default(),
            acts: Arc::default(),
            tiles: Arc::default(),
            tile_reads: tiles::TileReads::new(audit.clone()),
        }
    }

    /// Web Push, when configured.
    pub fn pusher(&self) -> Option<&Arc<notify::push_outbox::Pusher>> {
        self.push.as_ref()
    }

    /// Ends live streams and scheduled jobs (the server is stopping).
    pub fn stop_background(&self) {
        let _ = self.stop.send(true);
    }

    /// The act renderer (R-ACT-1), made once.
    pub async fn acts(&self) -> Result<Arc<fito_acts::ActRenderer>, AppError> {
        let config = self.config.acts.clone();
        self.acts
            .get_or_try_init(|| async move {
                let mut rc = fito_acts::RendererConfig::default();
                if let Some(dir) = config.templates_dir {
                    rc.templates = fito_acts::TemplateSource::Directory(dir);
                }
                if let Some(dir) = config.font_dir {
                    rc.font_dir = dir;
                }
                tokio::task::spawn_blocking(move || fito_acts::ActRenderer::new(rc))
                    .await
                    .map_err(|_| AppError::internal())?
                    .map(Arc::new)
                    .map_err(|e| {
                        tracing::error!(error = %e, "act renderer cannot start");
                        AppError::new(Kind::Unavailable, "act-render-failed")
                    })
            })
            .await
            .cloned()
    }

    /// Checks that `actor` may act with `action` on a record of organisation `org`:
    /// the role table, then the subtree (R-ROLE-1, R-ORG-1). Outside the subtree the
    /// record does not exist for them: the answer is its `not_found` code.
    pub async fn check_scope(
        &self,
        actor: &Actor,
        action: fito_core::Action,
        org: Uuid,
        not_found: &'static str,
    ) -> Result<(), AppError> {
        let path = self.org_path(org).await?;
        actor.require_in(action, path.as_deref(), not_found)
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

/// "This is the same record sent again" (a device retrying a push, an outbox imported
/// twice, a form submitted twice): one question for every record the API and sync
/// take under a client-made id. Implemented by comparing the parsed input with what
/// is stored, so a replay changes nothing and answers as the first time did.
pub trait SameRecord<Sent: ?Sized> {
    fn same_record(&self, sent: &Sent) -> bool;
}
