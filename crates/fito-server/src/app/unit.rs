//! One unit of work: begin → change → journal entries → notifications → commit →
//! live publish. Every use case that changes data runs in one; a change, its journal
//! lines and its notifications commit or vanish together (R-AUDIT-1, R-NOTIF-1).

use crate::app::notify::{self, Sent, Target};
use crate::app::{App, AppError};
use fito_store::Tx;
use fito_store::audit::NewEntry;
use uuid::Uuid;

pub struct Unit<'a> {
    app: &'a App,
    tx: Tx,
    journal: Vec<NewEntry>,
    sent: Sent,
    /// Acts whose status changed, with the people who see it change live.
    acts: Vec<(Uuid, Vec<Uuid>)>,
}

impl App {
    /// Begins a unit of work on the writer.
    pub async fn begin(&self) -> Result<Unit<'_>, AppError> {
        Ok(Unit {
            app: self,
            tx: self.store.begin().await?,
            journal: Vec::new(),
            sent: Sent::default(),
            acts: Vec::new(),
        })
    }
}

impl Unit<'_> {
    /// The transaction, for fito-store's functions.
    pub fn tx(&self) -> &Tx {
        &self.tx
    }

    /// A journal line for this change; written at commit, in the same transaction.
    pub fn journal(&mut self, entry: NewEntry) {
        self.journal.push(entry);
    }

    /// Notifies `users` of `kind` (a service event, R-NOTIF-1); the rows are written
    /// now and published live after the commit.
    pub async fn notify(
        &mut self,
        users: &[Uuid],
        kind: &str,
        args: &[(&str, String)],
        target: Target<'_>,
    ) -> Result<(), AppError> {
        let sent = notify::send(&self.tx, users, kind, args, target).await?;
        self.sent.add(sent);
        Ok(())
    }

    /// After the commit, `users` see the act's new status live.
    pub fn act_changed(&mut self, act: Uuid, users: Vec<Uuid>) {
        self.acts.push((act, users));
    }

    /// Writes the journal lines, commits, then publishes what was notified.
    pub async fn commit(self) -> Result<(), AppError> {
        let Unit {
            app,
            tx,
            journal,
            sent,
            acts,
        } = self;
        fito_store::audit::append(&tx, journal).await?;
        tx.commit().await?;
        app.live.changed();
        app.live.notified(sent).await;
        for (act, users) in acts {
            app.live.act(act, &users).await;
        }
        Ok(())
    }
}
