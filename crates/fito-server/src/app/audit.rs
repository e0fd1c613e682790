//! The audit journal for administrators (R-AUDIT-1): search, export, verify. Reading
//! the journal is itself journalled.

use crate::app::{Actor, App, AppError, EntryExt};
use chrono::{DateTime, Utc};
use fito_core::Action;
use fito_store::Store;
use fito_store::audit::{Break, Filter, Report};
use fito_store::time::{from_datetime, to_datetime};
use futures_util::Stream;
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Deserialize, IntoParams, Clone)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct AuditQuery {
    pub actor_id: Option<Uuid>,
    /// e.g. user.create, auth.login
    pub action: Option<String>,
    pub target_id: Option<String>,
    /// From this time (inclusive), RFC 3339.
    pub from: Option<DateTime<Utc>>,
    /// Up to this time (exclusive), RFC 3339.
    pub to: Option<DateTime<Utc>>,
    /// Entries older than this sequence number (next page).
    pub before_seq: Option<i64>,
    /// At most 1000; 100 by default.
    pub limit: Option<u64>,
}

impl AuditQuery {
    fn filter(&self, limit: u64) -> Filter {
        Filter {
            actor_id: self.actor_id,
            action: self.action.clone(),
            target_id: self.target_id.clone(),
            from: self.from.map(from_datetime),
            to: self.to.map(from_datetime),
            before_seq: self.before_seq,
            limit,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AuditEntryView {
    pub seq: i64,
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_role: Option<String>,
    pub action: String,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub outcome: String,
    pub ip: Option<String>,
    pub device_id: Option<String>,
    pub os: Option<String>,
    pub app_version: Option<String>,
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
    pub prev_hash: String,
    pub hash: String,
}

impl From<fito_store::audit::Entry> for AuditEntryView {
    fn from(m: fito_store::audit::Entry) -> Self {
        AuditEntryView {
            seq: m.seq,
            id: m.id,
            at: to_datetime(m.at),
            actor_id: m.actor_id,
            actor_role: m.actor_role,
            action: m.action,
            target_type: m.target_type,
            target_id: m.target_id,
            outcome: m.outcome,
            ip: m.ip,
            device_id: m.device_id,
            os: m.os,
            app_version: m.app_version,
            details: serde_json::from_str(&m.details).unwrap_or(serde_json::Value::Null),
            prev_hash: m.prev_hash,
            hash: m.hash,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct VerifyView {
    pub entries: u64,
    pub head_seq: i64,
    pub head_hash: String,
    pub intact: bool,
    /// The first entry where the chain breaks, and why.
    #[schema(value_type = Option<Object>)]
    pub first_break: Option<Break>,
}

/// Searches the journal, newest first.
pub async fn search(
    app: &App,
    actor: &Actor,
    query: AuditQuery,
) -> Result<Vec<AuditEntryView>, AppError> {
    actor.require(Action::AuditRead)?;
    let limit = query.limit.unwrap_or(100).clamp(1, 1000);
    let found = fito_store::audit::search(&app.store, &query.filter(limit)).await?;
    actor
        .record(actor.entry("audit.search", None, None))
        .await?;
    Ok(found.into_iter().map(AuditEntryView::from).collect())
}

/// The matching entries as JSON Lines, newest first, read page by page as the
/// stream is consumed, so a long journal never sits in memory.
pub async fn export(
    app: &App,
    actor: &Actor,
    query: AuditQuery,
) -> Result<impl Stream<Item = Result<Vec<u8>, AppError>> + use<>, AppError> {
    actor.require(Action::AuditRead)?;
    let entry = actor
        .entry("audit.export", None, None)
        .details(json!({ "action": query.action, "actor_id": query.actor_id }));
    actor.record(entry).await?;
    let store = app.store.clone();
    Ok(futures_util::stream::unfold(Some(query), move |query| {
        let store = store.clone();
        async move {
            let mut query = query?;
            let page = match fito_store::audit::search(&store, &query.filter(1000)).await {
                Ok(page) => page,
                Err(err) => return Some((Err(err.into()), None)),
            };
            let next = page.last().map(|e| e.seq);
            let mut chunk = Vec::new();
            for entry in page {
                serde_json::to_writer(&mut chunk, &AuditEntryView::from(entry)).ok()?;
                chunk.push(b'\n');
            }
            query.before_seq = next;
            let more = next.is_some().then_some(query);
            (!chunk.is_empty()).then_some((Ok(chunk), more))
        }
    }))
}

/// Checks the whole hash chain, and journals that it was checked.
pub async fn verify(app: &App, actor: &Actor) -> Result<VerifyView, AppError> {
    actor.require(Action::AuditRead)?;
    let report = check(&app.store).await?;
    actor
        .record(actor.entry("audit.verify", None, None))
        .await?;
    Ok(report)
}

/// The check itself, shared by [`verify`] and `fito audit verify` (which runs
/// without a server, as the system, and journals nothing).
pub async fn check(store: &Store) -> Result<VerifyView, AppError> {
    let Report {
        entries,
        head_seq,
        head_hash,
        first_break,
    } = fito_store::audit::verify(store).await?;
    Ok(VerifyView {
        entries,
        head_seq,
        head_hash,
        intact: first_break.is_none(),
        first_break,
    })
}
