//! Reading acts: one, a filtered list, and the PDF (R-ACT-1), over `app::acts`.

use super::{ActView, view};
use crate::app::AppError;
use crate::app::acts::search::{self, ActQuery};
use crate::app::acts::{self, document};
use crate::http::extract::ApiQuery;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use crate::http::views::{Disposition, file_response};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use fito_core::Action;
use uuid::Uuid;

/// One act.
#[utoipa::path(get, path = "/api/v1/acts/{id}", tag = "acts", params(("id" = Uuid, Path)),
    responses((status = 200, body = ActView), (status = 404, description = "act-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("act.read"))))]
pub async fn get(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Json<ActView>, AppError> {
    let a = acts::in_scope(&state, &me, id, Action::ActRead).await?;
    Ok(Json(view(&a, &me)?))
}

/// Acts of the caller's subtree, oldest first.
#[utoipa::path(get, path = "/api/v1/acts", tag = "acts", params(ActQuery),
    responses((status = 200, body = Vec<ActView>)), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("act.read"))))]
pub async fn list(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ActQuery>,
) -> Result<Json<Vec<ActView>>, AppError> {
    let found = search::list(&state, &me, &q).await?;
    let views = found.iter().map(|a| view(a, &me));
    Ok(Json(views.collect::<Result<_, _>>()?))
}

/// The act's PDF: from approval on, the stored bytes the inspector signs; before, a
/// preview rendered now (without a registry number).
#[utoipa::path(get, path = "/api/v1/acts/{id}/pdf", tag = "acts", params(("id" = Uuid, Path)),
    responses((status = 200, description = "application/pdf")), security(("bearer" = [])),
    extensions(("x-fito-action" = json!("act.read"))))]
pub async fn pdf(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let file = document::pdf(&state, &me, id).await?;
    let mut response = file_response(
        file.bytes.into_response(),
        "application/pdf",
        &file.name,
        Disposition::Inline,
    );
    // The portal previews the act in a frame of its own pages (same origin only); the
    // security layer's defaults (DENY, frame-ancestors 'none') stay for everything else.
    let headers = response.headers_mut();
    headers.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; frame-ancestors 'self'"),
    );
    Ok(response)
}
