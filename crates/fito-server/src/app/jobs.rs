//! Scheduled jobs that run once, not once per instance (R-OPS-3). Each job has a
//! lease in the database (`job_leases`); on every tick an instance tries to take
//! it with one atomic UPDATE and runs the job only if it got it.
//!
//! ```ignore
//! state.jobs.spawn_periodic("backup", Duration::from_secs(24 * 3600), move || {
//!     let state = state.clone();
//!     async move { backup(&state).await }
//! });
//! ```

use fito_store::Store;
use fito_store::time::now_us;
use std::future::Future;
use std::time::Duration;
use tokio::sync::watch;

/// Starts jobs for this instance; stops them when the server stops.
#[derive(Clone)]
pub struct Runner {
    store: Store,
    holder: String,
    stop: watch::Receiver<bool>,
}

impl Runner {
    /// `stop` turns true when the server shuts down.
    pub fn new(store: Store, stop: watch::Receiver<bool>) -> Runner {
        Runner {
            store,
            holder: format!("{}-{}", std::process::id(), uuid::Uuid::now_v7()),
            stop,
        }
    }

    /// This instance's name in `job_leases.holder`.
    pub fn holder(&self) -> &str {
        &self.holder
    }

    /// Runs `job` every `interval` on whichever instance holds the lease `name` (one
    /// instance per interval across all). The first tick is at once.
    pub fn spawn_periodic<F, Fut>(
        &self,
        name: &'static str,
        interval: Duration,
        job: F,
    ) -> tokio::task::JoinHandle<()>
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        self.spawn_leased(name, interval, interval, job)
    }

    /// Like `spawn_periodic`, but the lease lasts `lease` (≥ `interval`): the holder
    /// keeps the job while it lives, and another instance takes over once a lease
    /// runs out without renewal. For workers that poll often (the push outbox).
    pub fn spawn_leased<F, Fut>(
        &self,
        name: &'static str,
        interval: Duration,
        lease: Duration,
        mut job: F,
    ) -> tokio::task::JoinHandle<()>
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let runner = self.clone();
        let mut stop = self.stop.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(interval);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                if *stop.borrow() {
                    break;
                }
                tokio::select! {
                    _ = tick.tick() => {}
                    _ = stop.changed() => break,
                }
                if runner.take(name, lease).await {
                    tokio::select! {
                        () = job() => {}
                        _ = stop.changed() => break,
                    }
                }
            }
            let _ = fito_store::jobs::release(runner.store.writer(), name, &runner.holder).await;
        })
    }

    /// Takes the lease `name` for `lease` if it is free or already ours.
    pub async fn take(&self, name: &str, lease: Duration) -> bool {
        let now = now_us();
        let until = now + i64::try_from(lease.as_micros()).unwrap_or(i64::MAX / 2);
        match fito_store::jobs::take(self.store.writer(), name, &self.holder, now, until).await {
            Ok(taken) => taken,
            Err(e) => {
                tracing::warn!(job = name, error = %e, "job lease not taken");
                false
            }
        }
    }
}

/// Runs `job` now if this `holder` takes the lease `name` for `lease`; true if it ran.
/// The building block of `Runner`, for one-off runs and tests.
pub async fn run_once<Fut: Future<Output = ()>>(
    store: &Store,
    name: &str,
    holder: &str,
    lease: Duration,
    job: impl FnOnce() -> Fut,
) -> bool {
    let now = now_us();
    let until = now + i64::try_from(lease.as_micros()).unwrap_or(i64::MAX / 2);
    match fito_store::jobs::take(store.writer(), name, holder, now, until).await {
        Ok(true) => {
            job().await;
            true
        }
        Ok(false) => false,
        Err(e) => {
            tracing::warn!(job = name, error = %e, "job lease not taken");
            false
        }
    }
}
