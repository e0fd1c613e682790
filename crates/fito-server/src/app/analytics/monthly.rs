//! The monthly report (issue 13): on the 1st, under the job lease (once across
//! instances), every active Head is told that the previous month's report of their
//! subtree is ready; the notification's link opens the dashboard, whose XLSX and
//! PDF are made from the rows when asked. The journal line `report.monthly` of the
//! month is what tells a later run of the same day that the work is done.

use crate::app::AppError;
use crate::app::notify::{self, Sent, Target};
use chrono::{Datelike, Months, NaiveDate, Utc};
use fito_store::Store;
use fito_store::audit::{Filter, NewEntry};
use fito_store::users::{ListFilter, STATUS_ACTIVE};
use std::time::Duration;

/// The job's lease name.
pub const JOB: &str = "monthly-report";
/// The notification kind.
pub const KIND: &str = "report-monthly";
/// The journal action of one month's report.
pub const ACTION: &str = "report.monthly";
/// How often an instance looks whether the report is due (and the lease's length).
pub const EVERY: Duration = Duration::from_secs(3600);

/// What one run made: the month (`YYYY-MM`), who was told, and the notifications
/// to publish live.
pub struct Made {
    pub month: String,
    pub heads: Vec<uuid::Uuid>,
    pub sent: Sent,
}

/// On the 1st (UTC), once: notifies every active Head of the previous month's
/// report and journals it. Any other day, or a second run that day, does nothing.
pub async fn make(store: &Store, today: NaiveDate) -> Result<Option<Made>, AppError> {
    if today.day() != 1 {
        return Ok(None);
    }
    let first = today
        .checked_sub_months(Months::new(1))
        .ok_or_else(AppError::internal)?;
    let last = today.pred_opt().ok_or_else(AppError::internal)?;
    let month = first.format("%Y-%m").to_string();
    let done = Filter {
        action: Some(ACTION.into()),
        target_id: Some(month.clone()),
        limit: 1,
        ..Filter::default()
    };
    if !fito_store::audit::search(store, &done).await?.is_empty() {
        return Ok(None);
    }
    let heads = fito_store::users::list(
        store.reader(),
        &ListFilter {
            org_path: "/".into(),
            status: Some(STATUS_ACTIVE.into()),
            role: Some("head".into()),
            limit: u64::MAX,
            ..ListFilter::default()
        },
    )
    .await?;
    let tx = store.begin().await?;
    let mut sent = Sent::default();
    let mut told = Vec::new();
    for head in &heads {
        let Some(org) = head.organization_id else {
            continue;
        };
        let args = [
            ("month", month.clone()),
            ("from", first.to_string()),
            ("to", last.to_string()),
        ];
        let target = Target {
            kind: "report",
            id: org,
        };
        sent.add(notify::send(&tx, &[head.id], KIND, &args, target).await?);
        told.push(head.id);
    }
    let entry = NewEntry {
        at: fito_store::time::now_us(),
        action: ACTION.into(),
        target_type: Some("report".into()),
        target_id: Some(month.clone()),
        outcome: "ok".into(),
        details: serde_json::json!({ "from": first, "to": last, "heads": told.len() }),
        ..NewEntry::default()
    };
    fito_store::audit::append(&tx, vec![entry]).await?;
    tx.commit().await?;
    Ok(Some(Made {
        month,
        heads: told,
        sent,
    }))
}

/// Looks every hour whether the monthly report is due (the lease makes one
/// instance do it), and publishes the notifications live.
pub fn schedule(app: &crate::app::App) {
    let app = app.clone();
    app.jobs.clone().spawn_periodic(JOB, EVERY, move || {
        let app = app.clone();
        async move {
            match make(&app.store, Utc::now().date_naive()).await {
                Ok(Some(made)) => {
                    tracing::info!(month = %made.month, heads = made.heads.len(), "monthly report");
                    app.live.notified(made.sent).await;
                }
                Ok(None) => {}
                Err(e) => tracing::error!(error = ?e, "monthly report failed"),
            }
        }
    });
}
