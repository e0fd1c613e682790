//! Documents attached to objects, surveys and acts (R-DOC-1), over
//! `app::documents`. The upload is the raw request body, streamed on as it comes.

use super::views::{Disposition, file_response};
use crate::app::AppError;
use crate::app::documents::{self, Owner};
use crate::http::extract::ApiQuery;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::Json;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use fito_store::documents::Document;
use fito_store::time::to_datetime;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Serialize, ToSchema)]
pub struct DocumentView {
    pub id: Uuid,
    /// object, survey, act, zone or sample
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

pub(crate) fn view(d: Document) -> DocumentView {
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
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct UploadQuery {
    /// The file's name as the user knows it (shown on download; not used to decide
    /// its type).
    pub name: String,
}

macro_rules! document_endpoints {
    ($upload:ident, $list:ident, $owner:expr, $kind:literal, $path:literal) => {
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
            let content = body.into_data_stream();
            let saved = documents::attach(&state, &me, $owner, id, &q.name, content).await?;
            Ok((StatusCode::CREATED, Json(view(saved))))
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
            let found = documents::list(&state, &me, $owner, id).await?;
            Ok(Json(found.into_iter().map(view).collect()))
        }
    };
}

document_endpoints!(
    upload_object,
    list_object,
    Owner::Object,
    "object",
    "/api/v1/objects/{id}/documents"
);
document_endpoints!(
    upload_survey,
    list_survey,
    Owner::Survey,
    "survey",
    "/api/v1/surveys/{id}/documents"
);
document_endpoints!(
    upload_act,
    list_act,
    Owner::Act,
    "act",
    "/api/v1/acts/{id}/documents"
);

document_endpoints!(
    upload_zone,
    list_zone,
    Owner::Zone,
    "quarantine zone",
    "/api/v1/zones/{id}/documents"
);

document_endpoints!(
    upload_sample,
    list_sample,
    Owner::Sample,
    "laboratory sample",
    "/api/v1/samples/{id}/documents"
);

/// Download a document (streamed).
#[utoipa::path(get, path = "/api/v1/documents/{id}", tag = "documents", params(("id" = Uuid, Path)),
    responses((status = 200, description = "the file"), (status = 404, description = "document-not-found")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("document.read"))))]
pub async fn download(
    State(state): State<AppState>,
    me: CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let (d, file) = documents::open(&state, &me, id).await?;
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
