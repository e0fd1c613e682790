//! The audit journal for administrators (R-AUDIT-1): search, export, verify.

use crate::app::AppError;
use crate::app::EntryExt;
use crate::http::extract::ApiQuery;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use fito_core::Action;
use fito_store::audit::{Filter, Report};
use fito_store::entity::audit_log;
use fito_store::time::{from_datetime, to_datetime};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Deserialize, IntoParams, Clone)]
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

impl From<audit_log::Model> for AuditEntryView {
    fn from(m: audit_log::Model) -> Self {
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

/// Search the journal, newest first.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = Vec<AuditEntryView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("audit.read"))))]
pub async fn search(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<Vec<AuditEntryView>>, AppError> {
    me.require(Action::AuditRead)?;
    let found = fito_store::audit::search(
        &state.store,
        &q.filter(q.limit.unwrap_or(100).clamp(1, 1000)),
    )
    .await?;
    state
        .audit
        .record(me.entry("audit.search", None, None))
        .await?;
    Ok(Json(found.into_iter().map(AuditEntryView::from).collect()))
}

/// Export the matching entries as JSON Lines, newest first, streamed page by page
/// so a long journal never sits in memory.
#[utoipa::path(get, path = "/api/v1/audit/export", tag = "audit", params(AuditQuery),
    responses((status = 200, content_type = "application/x-ndjson")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("audit.read"))))]
pub async fn export(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Response, AppError> {
    me.require(Action::AuditRead)?;
    state
        .audit
        .record(
            me.entry("audit.export", None, None)
                .details(json!({ "action": q.action, "actor_id": q.actor_id })),
        )
        .await?;
    let store = state.store.clone();
    let stream = futures_util::stream::unfold(Some(q), move |query| {
        let store = store.clone();
        async move {
            let mut query = query?;
            let page = match fito_store::audit::search(&store, &query.filter(1000)).await {
                Ok(page) => page,
                Err(err) => return Some((Err(std::io::Error::other(err.to_string())), None)),
            };
            let next = page.last().map(|e| e.seq);
            let mut chunk = Vec::new();
            for entry in page {
                serde_json::to_writer(&mut chunk, &AuditEntryView::from(entry)).ok()?;
                chunk.push(b'\n');
            }
            query.before_seq = next;
            let more = next.is_some().then_some(query);
            if chunk.is_empty() {
                None
            } else {
                Some((Ok::<_, std::io::Error>(chunk), more))
            }
        }
    });
    let mut response = Body::from_stream(stream).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-ndjson"),
    );
    response.headers_mut().insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"fito-audit.jsonl\""),
    );
    Ok(response)
}

#[derive(Serialize, ToSchema)]
pub struct VerifyView {
    pub entries: u64,
    pub head_seq: i64,
    pub head_hash: String,
    pub intact: bool,
    /// The first entry where the chain breaks, and why.
    #[schema(value_type = Option<Object>)]
    pub first_break: Option<fito_store::audit::Break>,
}

/// Check the whole hash chain, as `fito audit verify` does.
#[utoipa::path(get, path = "/api/v1/audit/verify", tag = "audit",
    responses((status = 200, body = VerifyView)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("audit.read"))))]
pub async fn verify(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<VerifyView>, AppError> {
    me.require(Action::AuditRead)?;
    let Report {
        entries,
        head_seq,
        head_hash,
        first_break,
    } = fito_store::audit::verify(&state.store).await?;
    state
        .audit
        .record(me.entry("audit.verify", None, None))
        .await?;
    Ok(Json(VerifyView {
        entries,
        head_seq,
        head_hash,
        intact: first_break.is_none(),
        first_break,
    }))
}
