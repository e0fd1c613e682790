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
    /// Where document and act PDF bytes are kept (R-DOC-1, R-ACT-3).
    pub files: Arc<fito_files::BlobStore>,
    /// NCA certificates, CRLs and verifiers (R-AUTH-2, R-ACT-2).
    pub signatures: Arc<crate::esign::Signatures>,
    /// Requests per client IP (R-SEC-1).
    pub limits: Arc<crate::rate_limit::Limits>,
    /// Organisation id → materialised path. A path never changes once created,
    /// so entries never go stale.
    org_paths: Arc<RwLock<HashMap<Uuid, String>>>,
    /// Made on the first act rendered: loading fonts takes a moment, and a server
    /// whose fonts are missing still serves everything but PDFs.
    acts: Arc<tokio::sync::OnceCell<Arc<fito_acts::ActRenderer>>>,
    /// Live updates fanned out to open streams, across instances (R-NOTIF-1, R-OPS-3).
    pub live: Arc<crate::live::Live>,
    /// Prometheus counters of this process (R-OPS-2).
    pub metrics: Arc<crate::metrics::Metrics>,
    /// Scheduled jobs, each run by one instance at a time (R-OPS-3).
    pub jobs: crate::jobs::Runner,
    /// Web Push, when `[push]` is configured (R-NOTIF-1).
    pub push: Option<Arc<crate::push_outbox::Pusher>>,
    /// Set true when the server stops: streams end, jobs stop.
    stop: Arc<tokio::sync::watch::Sender<bool>>,
}

impl AppState {
    pub fn new(
        store: Store,
        config: Config,
        audit: AuditWriter,
        signatures: Arc<crate::esign::Signatures>,
        files: fito_files::BlobStore,
    ) -> AppState {
        let passwords = Passwords::new(&config.auth);
        let limits = Arc::new(crate::rate_limit::Limits::new(&config.rate_limit));
        let (stop, stopping) = tokio::sync::watch::channel(false);
        AppState {
            live: Arc::new(crate::live::Live::new(store.clone(), stopping.clone())),
            metrics: Arc::default(),
            jobs: crate::jobs::Runner::new(store.clone(), stopping),
            push: None,
            stop: Arc::new(stop),
            limits,
            store,
            config: Arc::new(config),
            i18n: Arc::new(I18n::load()),
            passwords,
            audit,
            files: Arc::new(files),
            signatures,
            org_paths: Arc::default(),
            acts: Arc::default(),
        }
    }

    /// Web Push, when configured.
    pub fn pusher(&self) -> Option<&Arc<crate::push_outbox::Pusher>> {
        self.push.as_ref()
    }

    /// Ends live streams and scheduled jobs (the server is stopping).
    pub fn stop_background(&self) {
        let _ = self.stop.send(true);
    }

    /// The act renderer (R-ACT-1), made once.
    pub async fn acts(&self) -> Result<Arc<fito_acts::ActRenderer>, crate::error::ApiError> {
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
                    .map_err(|_| crate::error::ApiError::internal())?
                    .map(Arc::new)
                    .map_err(|e| {
                        tracing::error!(error = %e, "act renderer cannot start");
                        crate::error::ApiError::new(
                            axum::http::StatusCode::SERVICE_UNAVAILABLE,
                            "act-render-failed",
                        )
                    })
            })
            .await
            .cloned()
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
