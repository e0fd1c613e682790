//! Personal data (R-PD-1, R-PD-2, R-PD-4): the published privacy policy and people's
//! consent to it, a person's own data, requests to withdraw consent or rectify data,
//! and erasure.
//! The policy's text is operator content: it is loaded and published, never written
//! here.

pub(crate) mod erasure;
pub(crate) mod my_data;
pub mod policy;
pub(crate) mod rectifications;
pub mod seed;
pub(crate) mod withdrawals;

use crate::app::{App, AppError};
use chrono::Utc;
use uuid::Uuid;

/// Today's date in UTC, `YYYY-MM-DD`: policies take effect by date.
pub fn today() -> String {
    Utc::now().date_naive().format("%Y-%m-%d").to_string()
}

/// The active administrators: those told when a person files a privacy request.
pub(crate) async fn administrators(app: &App) -> Result<Vec<Uuid>, AppError> {
    let filter = fito_store::users::ListFilter {
        status: Some(fito_store::users::STATUS_ACTIVE.into()),
        role: Some(fito_core::Role::Administrator.as_str().into()),
        limit: u64::MAX,
        ..Default::default()
    };
    let found = fito_store::users::list(app.store.reader(), &filter).await?;
    Ok(found.into_iter().map(|u| u.id).collect())
}
