//! Audit entries for reads are written by one task in batches: many requests share
//! one transaction (group commit), and each request waits until its own entry is
//! committed before it answers. Mutations do not come here: they append their entry
//! in their own transaction.

use crate::app::AppError;
use fito_store::Store;
use fito_store::audit::NewEntry;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

const MAX_BATCH: usize = 512;

struct Job {
    entry: NewEntry,
    done: Option<oneshot::Sender<bool>>,
}

#[derive(Clone)]
pub struct AuditWriter {
    jobs: mpsc::Sender<Job>,
}

impl AuditWriter {
    /// Starts the writer task; it ends, after writing what is queued, once every
    /// `AuditWriter` clone is dropped.
    pub fn start(store: Store) -> (AuditWriter, JoinHandle<()>) {
        let (jobs, mut queue) = mpsc::channel::<Job>(8 * MAX_BATCH);
        let task = tokio::spawn(async move {
            let mut batch = Vec::with_capacity(MAX_BATCH);
            while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
                let entries = batch.iter().map(|j| j.entry.clone()).collect();
                let ok = write(&store, entries).await;
                for job in batch.drain(..) {
                    if let Some(done) = job.done {
                        let _ = done.send(ok);
                    }
                }
            }
        });
        (AuditWriter { jobs }, task)
    }

    /// Records an entry and waits until it is committed.
    pub async fn record(&self, entry: NewEntry) -> Result<(), AppError> {
        let (done, committed) = oneshot::channel();
        self.jobs
            .send(Job {
                entry,
                done: Some(done),
            })
            .await
            .map_err(|_| AppError::unavailable())?;
        match committed.await {
            Ok(true) => Ok(()),
            _ => Err(AppError::unavailable()),
        }
    }

    /// Records an entry without waiting (refusals: the answer does not depend on it).
    pub fn enqueue(&self, entry: NewEntry) {
        match self.jobs.try_send(Job { entry, done: None }) {
            Ok(()) => {}
            Err(mpsc::error::TrySendError::Full(job)) => {
                let jobs = self.jobs.clone();
                tokio::spawn(async move {
                    let _ = jobs.send(job).await;
                });
            }
            Err(mpsc::error::TrySendError::Closed(_)) => {
                tracing::error!("audit writer stopped; entry not written");
            }
        }
    }
}

async fn write(store: &Store, entries: Vec<NewEntry>) -> bool {
    let result = async {
        let txn = store.begin().await?;
        fito_store::audit::append(&txn, entries).await?;
        txn.commit().await?;
        Ok::<_, fito_store::StoreError>(())
    }
    .await;
    if let Err(err) = &result {
        tracing::error!(error = %err, "audit batch not written");
    }
    result.is_ok()
}
