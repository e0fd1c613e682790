//! The application as the `fito` binary's commands run it: the same use cases as
//! the server, over the configured store, without listeners or background jobs.

use crate::app::audit_writer::AuditWriter;
use crate::app::egress::Egress;
use crate::app::{App, esign, files};
use crate::config::Config;
use fito_store::Store;
use std::sync::Arc;
use std::time::Duration;

impl App {
    /// The application for one command of the command line.
    pub fn for_command_line(store: Store, config: Config) -> anyhow::Result<App> {
        let egress = Egress::new(
            &config.egress.allow,
            Duration::from_secs(config.egress.timeout_seconds),
        )?;
        let files = files::blob_store(&config, &egress)?;
        let signatures = Arc::new(esign::Signatures::load(
            &config.signature,
            &config.data_dir,
            egress,
        )?);
        let (audit, _writer) = AuditWriter::start(store.clone());
        Ok(App::new(store, config, audit, signatures, files))
    }
}
