//! `/api/v1/reference/import…`: a whole dictionary from a CSV or XLSX file, previewed
//! as a diff, then applied (issue 15, R-OBJ-2), over `app::reference::import`.

use crate::app::AppError;
use crate::app::reference::import::{self, Applied, ImportFile, Preview};
use crate::app::reference::plan::RowError;
use crate::http::extract::{ApiQuery, file_bytes};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use crate::i18n::{I18n, Lang};
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

/// The largest dictionary file taken (the whole KATO classifier as XLSX is about 2 MB).
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// How many entries of each list a preview shows; the totals count them all.
const SHOWN: usize = 1000;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ReferenceImportQuery {
    /// organisms, crops, object-types or admin-units
    pub dictionary: String,
    /// The file lists only some entries: those it leaves out are not retired.
    #[serde(default)]
    pub partial: bool,
    /// apply only: the preview's `token`.
    pub token: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[schema(as = ReferenceImportFieldChange)]
pub struct FieldChangeView {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Serialize, ToSchema)]
#[schema(as = ReferenceImportEntry)]
pub struct EntryView {
    /// The row in the file (the header is usually row 1); none for a retired entry.
    pub row: Option<usize>,
    pub key: String,
    /// The entry as the dictionary's list shows it (for an added or retired one).
    #[schema(value_type = Option<Object>)]
    pub entry: Option<Value>,
    /// For a changed entry: each changed field, old → new.
    pub changes: Vec<FieldChangeView>,
}

#[derive(Serialize, ToSchema)]
#[schema(as = ReferenceImportRowError)]
pub struct RowErrorView {
    pub row: usize,
    pub key: Option<String>,
    pub code: String,
    pub field: Option<String>,
    /// The reason, in the caller's language.
    pub message: String,
}

#[derive(Serialize, ToSchema)]
#[schema(as = ReferenceImportPreview)]
pub struct PreviewView {
    pub dictionary: String,
    /// csv or xlsx, as read from the content.
    pub format: String,
    pub partial: bool,
    pub rows: usize,
    /// The first 1,000 of each list; the totals count them all.
    pub added: Vec<EntryView>,
    pub added_total: usize,
    pub changed: Vec<EntryView>,
    pub changed_total: usize,
    pub retired: Vec<EntryView>,
    pub retired_total: usize,
    pub unchanged: usize,
    pub errors: Vec<RowErrorView>,
    pub errors_total: usize,
    pub ignored_columns: Vec<String>,
    /// Send with the same file to apply exactly this preview.
    pub token: String,
}

#[derive(Serialize, ToSchema)]
#[schema(as = ReferenceImportApplied)]
pub struct AppliedView {
    pub dictionary: String,
    pub added: usize,
    pub changed: usize,
    pub retired: usize,
    pub unchanged: usize,
}

impl From<Applied> for AppliedView {
    fn from(a: Applied) -> Self {
        AppliedView {
            dictionary: a.dictionary.name().into(),
            added: a.added,
            changed: a.changed,
            retired: a.retired,
            unchanged: a.unchanged,
        }
    }
}

fn row_error(e: RowError, i18n: &I18n, lang: Lang) -> RowErrorView {
    let field = e.error.args.iter().find(|(n, _)| *n == "field");
    RowErrorView {
        row: e.row,
        key: e.key,
        code: e.error.code.into(),
        field: field.map(|(_, v)| v.clone()),
        message: i18n.message(lang, e.error.code, &e.error.args),
    }
}

fn preview_view(p: Preview, i18n: &I18n, lang: Lang) -> PreviewView {
    let entry = |row, key, entry, changes| EntryView {
        row,
        key,
        entry,
        changes,
    };
    PreviewView {
        dictionary: p.dictionary.name().into(),
        format: p.format.name().into(),
        partial: p.partial,
        rows: p.rows,
        added_total: p.added.len(),
        changed_total: p.changed.len(),
        retired_total: p.retired.len(),
        errors_total: p.errors.len(),
        added: (p.added.into_iter().take(SHOWN))
            .map(|a| entry(Some(a.row), a.key, Some(a.entry), Vec::new()))
            .collect(),
        changed: (p.changed.into_iter().take(SHOWN))
            .map(|c| {
                let changes = (c.changes.into_iter())
                    .map(|f| FieldChangeView {
                        field: f.field.into(),
                        old: f.old,
                        new: f.new,
                    })
                    .collect();
                entry(Some(c.row), c.key, None, changes)
            })
            .collect(),
        retired: (p.retired.into_iter().take(SHOWN))
            .map(|r| entry(None, r.key, Some(r.entry), Vec::new()))
            .collect(),
        unchanged: p.unchanged,
        errors: (p.errors.into_iter().take(SHOWN))
            .map(|e| row_error(e, i18n, lang))
            .collect(),
        ignored_columns: p.ignored_columns,
        token: p.token,
    }
}

/// The upload as the import reads it: its bytes (up to the limit) are read only
/// once the caller is known to be allowed.
fn import_file(
    q: &ReferenceImportQuery,
    body: Body,
    limit: usize,
) -> ImportFile<impl Future<Output = Result<bytes::Bytes, AppError>>> {
    ImportFile {
        dictionary: q.dictionary.clone(),
        partial: q.partial,
        bytes: file_bytes(body, limit),
    }
}

/// Check a dictionary file and show what importing it would change: entries added,
/// changed (field by field), retired (left out of the file, unless `partial`),
/// unchanged, and every refused row by its row number. Writes nothing.
#[utoipa::path(post, path = "/api/v1/reference/import/preview", tag = "reference", params(ReferenceImportQuery),
    request_body(content = Vec<u8>, description = "CSV (UTF-8, comma or semicolon) or XLSX (first sheet), header row of column names"),
    responses((status = 200, body = PreviewView),
        (status = 415, description = "reference-import-image, reference-import-xls, reference-import-file-type"),
        (status = 422, description = "reference-import-columns-missing, reference-import-column-duplicate, reference-dictionary-unknown, …")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("reference.manage"))))]
pub async fn preview(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ReferenceImportQuery>,
    body: Body,
) -> Result<Json<PreviewView>, AppError> {
    let limit = state.config.max_import_bytes.min(MAX_FILE_BYTES);
    let p = import::preview(&state, &me, import_file(&q, body, limit)).await?;
    Ok(Json(preview_view(p, &state.i18n, me.meta.lang)))
}

/// Import the previewed file: the same file, options and the preview's `token`. All
/// or nothing; refused if the file differs (409 reference-import-file-changed), if
/// the dictionary changed since the preview (409 reference-import-stale) or if any
/// row is refused (422 reference-import-rows-invalid).
#[utoipa::path(post, path = "/api/v1/reference/import", tag = "reference", params(ReferenceImportQuery),
    request_body(content = Vec<u8>, description = "The file previewed"),
    responses((status = 200, body = AppliedView),
        (status = 409, description = "reference-import-stale, reference-import-file-changed"),
        (status = 422, description = "reference-import-rows-invalid, reference-import-token-invalid")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("reference.manage"))))]
pub async fn apply(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ReferenceImportQuery>,
    body: Body,
) -> Result<Json<AppliedView>, AppError> {
    let limit = state.config.max_import_bytes.min(MAX_FILE_BYTES);
    let token = q.token.clone().unwrap_or_default();
    let done = import::apply(&state, &me, import_file(&q, body, limit), &token).await?;
    Ok(Json(done.into()))
}
