//! Documents attached to objects, surveys and acts (R-DOC-1). The upload is the
//! raw request body, streamed to the blob store with a size cap; its type is decided
//! by its content. Images of any kind are refused (R-DOC-2): photographs never reach
//! the server.

use super::views::{Disposition, file_response};
use crate::app::Actor;
use crate::app::AppError;
use crate::app::EntryExt;
use crate::http::extract::ApiQuery;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use fito_core::Action;
use fito_store::documents::{self, Document};
use fito_store::time::{now_us, to_datetime};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct DocumentView {
    pub id: Uuid,
    /// object, survey or act
    pub owner_kind: String,
    pub owner_id: Uuid,
    pub file_name: String,
    /// pdf, xlsx, xls, docx, doc, odt, ods or csv: decided by content.
    pub kind: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: Uuid,
    pub created_at: DateTime<Utc>,
}

fn view(d: Document) -> DocumentView {
    DocumentView {
        id: d.id,
        owner_kind: d.owner_kind,
        owner_id: d.owner_id,
        file_name: d.file_name,
        kind: d.kind,
        media_type: d.media_type,
        size: d.size,
        sha256: d.sha256,
        uploaded_by: d.uploaded_by,
        created_at: to_datetime(d.created_at),
    }
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct UploadQuery {
    /// The file's name as the user knows it (shown on download; not used to decide
    /// its type).
    pub name: String,
}

/// The organisation of the record a document is attached to, once the caller is
/// allowed to `action` on it.
async fn owner_org(
    state: &AppState,
    me: &Actor,
    kind: &str,
    id: Uuid,
    action: Action,
) -> Result<Uuid, AppError> {
    // The record must be visible to the caller (ObjectRead …) and the caller must
    // hold the document action itself.
    me.require(action)?;
    Ok(match kind {
        "object" => {
            crate::app::objects::in_scope(state, me, id, Action::ObjectRead)
                .await?
                .organization_id
        }
        "survey" => {
            crate::app::surveys::in_scope(state, me, id, Action::SurveyRead)
                .await?
                .organization_id
        }
        _ => {
            crate::app::acts::in_scope(state, me, id, Action::ActRead)
                .await?
                .organization_id
        }
    })
}

/// A file name safe to keep and to send back in a header: no folders, no control
/// characters, not too long.
fn clean_name(raw: &str) -> Result<String, AppError> {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("").trim();
    if base.is_empty() || base == "." || base == ".." || base.chars().any(char::is_control) {
        return Err(AppError::unprocessable("document-name-invalid"));
    }
    Ok(base.chars().take(200).collect())
}

async fn upload(
    state: AppState,
    me: CurrentUser,
    kind: &'static str,
    id: Uuid,
    name: String,
    body: Body,
) -> Result<(StatusCode, Json<DocumentView>), AppError> {
    let organization_id = owner_org(&state, &me, kind, id, Action::DocumentAttach).await?;
    let file_name = clean_name(&name)?;
    let stored = match state
        .files
        .put_stream(body.into_data_stream(), state.config.max_document_bytes)
        .await
    {
        Ok(stored) => stored,
        Err(e) => {
            let error = AppError::from(e);
            // Refusals are kept in the journal: an image sent as a document is a
            // personal-data matter (R-DOC-2).
            state
                .audit
                .record(
                    me.entry("document.attach", Some(kind), Some(id.to_string()))
                        .outcome("refused")
                        .details(json!({ "reason": error.code, "file_name": file_name })),
                )
                .await?;
            return Err(error);
        }
    };
    let doc = Document {
        rid: 0,
        id: fito_core::new_id(),
        organization_id,
        owner_kind: kind.into(),
        owner_id: id,
        file_name,
        kind: stored.kind.extension().into(),
        media_type: stored.kind.media_type().into(),
        size: i64::try_from(stored.size).unwrap_or(i64::MAX),
        sha256: stored.sha256,
        uploaded_by: me.user.id,
        created_at: now_us(),
    };
    let txn = state.store.begin().await?;
    let saved = documents::insert(&txn, doc).await?;
    let entry = me
        .entry("document.attach", Some("document"), Some(saved.id.to_string()))
        .details(json!({ "owner": kind, "owner_id": id, "kind": saved.kind, "size": saved.size, "sha256": saved.sha256 }));
    fito_store::audit::append(&txn, vec![entry]).await?;
    txn.commit().await?;
    Ok((StatusCode::CREATED, Json(view(saved))))
}

async fn list_of(
    state: AppState,
    me: CurrentUser,
    kind: &'static str,
    id: Uuid,
) -> Result<Json<Vec<DocumentView>>, AppError> {
    owner_org(&state, &me, kind, id, Action::DocumentRead).await?;
    let found = documents::of(state.store.reader(), kind, id).await?;
    Ok(Json(found.into_iter().map(view).collect()))
}

macro_rules! document_endpoints {
    ($upload:ident, $list:ident, $kind:literal, $path:literal) => {
        #[doc = concat!("Attach a document to a ", $kind, ": the raw file as the body (PDF, XLS/XLSX, DOC/DOCX, ODT/ODS, CSV; type decided by content). Images are refused (415 document-image-refused).")]
        #[utoipa::path(post, path = $path, tag = "documents", params(("id" = Uuid, Path), UploadQuery),
            request_body(content = Vec<u8>, content_type = "application/octet-stream"),
            responses((status = 201, body = DocumentView), (status = 415, description = "document-image-refused, document-type-unsupported"),
                (status = 413, description = "document-too-large")),
            security(("bearer" = [])), extensions(("x-fito-action" = json!("document.attach"))))]
        pub async fn $upload(
            State(state): State<AppState>,
            me: CurrentUser,
            Path(id): Path<Uuid>,
            ApiQuery(q): ApiQuery<UploadQuery>,
            body: Body,
        ) -> Result<(StatusCode, Json<DocumentView>), AppError> {
            upload(state, me, $kind, id, q.name, body).await
        }

        #[doc = concat!("The documents attached to a ", $kind, ", oldest first.")]
        #[utoipa::path(get, path = $path, tag = "documents", params(("id" = Uuid, Path)),
            responses((status = 200, body = Vec<DocumentView>)),
            security(("bearer" = [])), extensions(("x-fito-action" = json!("document.read"))))]
        pub async fn $list(
            State(state): State<AppState>,
            me: CurrentUser,
            Path(id): Path<Uuid>,
        ) -> Result<Json<Vec<DocumentView>>, AppError> {
            list_of(state, me, $kind, id).await
        }
    };
}

document_endpoints!(
    upload_object,
    list_object,
    "object",
    "/api/v1/objects/{id}/documents"
);
document_endpoints!(
    upload_survey,
    list_survey,
    "survey",
    "/api/v1/surveys/{id}/documents"
);
document_endpoints!(upload_act, list_act, "act", "/api/v1/acts/{id}/documents");

/// Download a document (streamed).
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "documents", params(("id" = Uuid, Path)),
    responses((status = 200, description = "the file"), (status = 404, description = "document-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("document.read"))))]
pub async fn download(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    me.require(Action::DocumentRead)?;
    let d = documents::get(state.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("document-not-found"))?;
    let path = state.org_path(d.organization_id).await?;
    me.require_in(Action::DocumentRead, path.as_deref(), "document-not-found")?;
    let file = state.files.open(&d.sha256).await?;
    state
        .audit
        .record(me.entry("document.read", Some("document"), Some(id.to_string())))
        .await?;
    let size = file.size;
    let mut response = Body::from_stream(file).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_LENGTH, HeaderValue::from(size));
    Ok(file_response(
        response,
        &d.media_type,
        &d.file_name,
        Disposition::Attachment,
    ))
}
