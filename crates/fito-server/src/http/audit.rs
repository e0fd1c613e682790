//! `/api/v1/audit`: the audit journal for administrators (R-AUDIT-1), over
//! `app::audit`.

use crate::app::AppError;
use crate::app::audit::{self, AuditEntryView, AuditQuery, VerifyView};
use crate::http::extract::ApiQuery;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;

/// Search the journal, newest first.
#[utoipa::path(get, path = "/api/v1/audit", tag = "audit", params(AuditQuery),
    responses((status = 200, body = Vec<AuditEntryView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("audit.read"))))]
pub async fn search(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<AuditQuery>,
) -> Result<Json<Vec<AuditEntryView>>, AppError> {
    Ok(Json(audit::search(&state, &me, q).await?))
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
    let lines = audit::export(&state, &me, q).await?;
    // A page that cannot be read ends the download broken, not silently short.
    let lines = lines.map(|page| page.map_err(|e| std::io::Error::other(e.code)));
    let mut response = Body::from_stream(lines).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/x-ndjson"),
    );
    headers.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"fito-audit.jsonl\""),
    );
    Ok(response)
}

/// Check the whole hash chain, as `fito audit verify` does.
#[utoipa::path(get, path = "/api/v1/audit/verify", tag = "audit",
    responses((status = 200, body = VerifyView)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("audit.read"))))]
pub async fn verify(
    State(state): State<AppState>,
    me: CurrentUser,
) -> Result<Json<VerifyView>, AppError> {
    Ok(Json(audit::verify(&state, &me).await?))
}
