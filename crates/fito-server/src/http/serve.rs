//! Starting the server: open (and migrate) the store, prepare the application, and
//! serve the API and the web app until told to stop.

use crate::app::App;
use crate::app::audit_writer::AuditWriter;
use crate::app::{backup, bootstrap, egress, esign, files, notify::push_outbox};
use crate::config::Config;
use crate::http::state::AppState;
use crate::http::{self, tls};
use fito_store::Store;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

/// A running server: where it listens, and how to stop it.
pub struct Running {
    pub addr: SocketAddr,
    shutdown: tokio::sync::oneshot::Sender<()>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// Stops accepting, finishes open requests, writes the queued audit entries.
    pub async fn stop(self) -> std::io::Result<()> {
        let _ = self.shutdown.send(());
        self.task
            .await
            .unwrap_or_else(|e| Err(std::io::Error::other(e)))
    }

    /// Runs until the process gets Ctrl-C or SIGTERM.
    pub async fn until_signal(self) -> std::io::Result<()> {
        shutdown_signal().await;
        self.stop().await
    }
}

/// Opens the database (migrating it), creates the first administrator on an empty
/// system, and starts serving on `listener`.
pub async fn start(config: Config, listener: TcpListener) -> anyhow::Result<Running> {
    if config.database_url.is_none() {
        std::fs::create_dir_all(&config.data_dir)?;
    }
    tls::check(&config)?;
    config.acts.registry_format()?;
    let tls_config = if config.tls.enabled() {
        Some(tls::server_config(&config.tls)?)
    } else {
        None
    };
    let store = Store::connect(&config.database_url(), &config.pool_options()).await?;
    if config.database.migrate_url.is_some() {
        // Least privilege (R-SEC-1): the schema owner migrates; the server then runs
        // as the application role, which may not change the schema.
        let owner = Store::connect(&config.migrate_url(), &config.pool_options()).await?;
        owner.migrate().await?;
        owner.close().await;
    } else {
        store.migrate().await?;
    }
    bootstrap::privacy_keys(&store, &config).await?;
    let seeded = bootstrap::seed_reference(&store).await?;
    if seeded > 0 {
        tracing::info!(entries = seeded, "reference data seeded");
    }
    if let Some(first) = bootstrap::first_administrator(&store, &config).await? {
        // The one line the operator needs, on stdout, once.
        println!("first administrator: {} / {}", first.email, first.password);
    }
    if let Some(version) = bootstrap::seed_policy(&store, &config).await? {
        tracing::info!(%version, "seed privacy policy published as the policy in force");
    }
    let egress = egress::Egress::new(
        &config.egress.allow,
        std::time::Duration::from_secs(config.egress.timeout_seconds),
    )?;
    let files = files::blob_store(&config, &egress)?;
    let push_egress = egress.clone();
    let signatures = Arc::new(esign::Signatures::load(
        &config.signature,
        &config.data_dir,
        egress,
    )?);
    // Fresh CRLs before the first sign-in; a failed download keeps the last copy.
    signatures.refresh_crls().await;
    let reload_every =
        std::time::Duration::from_secs(config.signature.crl_reload_minutes.max(1) * 60);
    let reloading = Arc::downgrade(&signatures);
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(reload_every);
        tick.tick().await;
        loop {
            tick.tick().await;
            match reloading.upgrade() {
                Some(s) => s.refresh_crls().await,
                None => break,
            }
        }
    });
    let redirect = match config.tls.redirect_from {
        Some(from) => Some(
            TcpListener::bind(from)
                .await
                .map_err(|e| anyhow::anyhow!("cannot listen on {from}: {e}"))?,
        ),
        None => None,
    };
    let (audit, audit_task) = AuditWriter::start(store.clone());
    let mut app = App::new(store.clone(), config, audit, signatures, files);
    // Live updates from every instance (PostgreSQL LISTEN), before the first request.
    app.live.start_listener().await?;
    // Web Push: only when configured; one instance at a time runs the outbox.
    app.push = push_outbox::Pusher::new(
        store.clone(),
        push_egress,
        app.i18n.clone(),
        app.metrics.clone(),
        &app.config.push,
    )
    .await?
    .map(Arc::new);
    if let Some(pusher) = app.push.clone() {
        let interval = pusher.interval();
        app.jobs
            .spawn_leased(push_outbox::JOB, interval, interval * 6, move || {
                let pusher = pusher.clone();
                async move {
                    pusher.deliver_due().await;
                }
            });
    }
    let background = app.clone();
    backup::schedule(&app.jobs, store.clone(), app.config.clone());
    crate::app::analytics::monthly::schedule(&app);
    let service = http::app(AppState::new(app)).into_make_service_with_connect_info::<SocketAddr>();
    let addr = listener.local_addr()?;
    let redirecting = redirect.map(|r| tokio::spawn(tls::serve_redirect(r, addr.port())));
    let (shutdown, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let stopped = async move {
            let _ = stopped.await;
            // Open live streams end, so the graceful shutdown can finish.
            background.stop_background();
            drop(background);
        };
        let served = match tls_config {
            Some(tls_config) => {
                // `tap_io` gives the TLS listener axum's ConnectInfo<SocketAddr>.
                use axum::serve::ListenerExt;
                let tls_listener = tls::TlsListener::new(listener, tls_config)?.tap_io(|_| {});
                axum::serve(tls_listener, service)
                    .with_graceful_shutdown(stopped)
                    .await
            }
            None => {
                axum::serve(listener, service)
                    .with_graceful_shutdown(stopped)
                    .await
            }
        };
        if let Some(r) = redirecting {
            r.abort();
        }
        // The router (and its AuditWriter clones) is gone: the writer drains and ends.
        let _ = audit_task.await;
        store.close().await;
        served
    });
    tracing::info!(%addr, "fito centre listening");
    Ok(Running {
        addr,
        shutdown,
        task,
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
