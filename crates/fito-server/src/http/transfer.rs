//! `/api/v1/objects/import` and `/objects/export`: the register as GIS files
//! (R-GEO-1), over `app::import` and `app::export`.

use super::views::{Disposition, file_response};
use crate::app::AppError;
use crate::app::export::{self, Export};
use crate::app::import::{self, ImportFile, Importer};
use crate::app::objects::Filters;
use crate::http::extract::{ApiQuery, file_bytes, media_type};
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;
use utoipa::IntoParams;
use uuid::Uuid;

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// geojson, kml, shapefile (zip) or csv; otherwise from Content-Type and content.
    pub format: Option<String>,
    /// Defaults to the caller's organisation; must lie in their subtree.
    pub organization_id: Option<Uuid>,
    /// The object type of features that name none.
    #[serde(rename = "type")]
    pub type_code: Option<String>,
}

/// The uploaded file as the import reads it, its bytes read (up to `limit`) when
/// the importer is known to be allowed.
fn import_file(
    q: ImportQuery,
    headers: &HeaderMap,
    body: Body,
    limit: usize,
) -> ImportFile<impl std::future::Future<Output = Result<bytes::Bytes, AppError>>> {
    ImportFile {
        format: q.format,
        media_type: media_type(headers),
        organization_id: q.organization_id,
        type_code: q.type_code,
        bytes: file_bytes(body, limit),
    }
}

/// Import a GIS file: every feature becomes an object, or none does.
#[utoipa::path(post, path = "/api/v1/objects/import", tag = "register", params(ImportQuery),
    request_body(content = Vec<u8>, description = "The file: GeoJSON, KML, zipped Shapefile or CSV"),
    responses((status = 201, description = "`{ imported, ids, repairs (each the first 1000), repairs_total, ignored_properties }`"),
        (status = 415, description = "import-file-image, import-file-binary, import-format-mismatch"),
        (status = 422, description = "geo-… or import-feature-invalid, naming the feature (and line)")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("object.create"))))]
pub async fn import(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ImportQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let lang = me.meta.lang;
    // This route has its own limit: files are much larger than JSON requests.
    let file = import_file(q, &headers, body, state.config.max_import_bytes);
    let done = import::import(&state, Importer::Person(&me), file, &mut |_| {})
        .await
        .map_err(|e| import::localise(e, &state.i18n, lang))?;
    // Like the ids, only the first 1,000 repairs: a big file can have one per feature.
    let repairs =
        super::objects::repairs_json(&state, lang, &done.repairs[..done.repairs.len().min(1000)]);
    let ids = &done.ids[..done.ids.len().min(1000)];
    let body = json!({ "imported": done.ids.len(), "ids": ids, "repairs": repairs,
        "repairs_total": done.repairs.len(), "ignored_properties": done.ignored_properties });
    Ok((StatusCode::CREATED, axum::Json(body)).into_response())
}

/// Check a GIS file as the import would, and write nothing (issue 15): the number of
/// features, the first objects as GeoJSON for a map, and every refused feature with
/// its translated reason. Commit with the import, which is all or nothing.
#[utoipa::path(post, path = "/api/v1/objects/import/preview", tag = "register", params(ImportQuery),
    request_body(content = Vec<u8>, description = "The file: GeoJSON, KML, zipped Shapefile or CSV"),
    responses((status = 200, description = "`{ format, features, sample (FeatureCollection), refusals: [{ feature, line, code, message }], refusals_total, repairs_total, ignored_properties }`"),
        (status = 415, description = "import-file-image, import-file-binary, import-format-mismatch"),
        (status = 422, description = "geo-…: the file cannot be read")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("object.create"))))]
pub async fn import_preview(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ImportQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    let lang = me.meta.lang;
    let file = import_file(q, &headers, body, state.config.max_import_bytes);
    let p = import::preview(&state, Importer::Person(&me), file)
        .await
        .map_err(|e| import::localise(e, &state.i18n, lang))?;
    let refusals_total = p.refusals.len();
    let refusals: Vec<_> = p
        .refusals
        .into_iter()
        .take(1000)
        .map(|e| {
            let e = import::localise(e, &state.i18n, lang);
            let arg = |k: &str| e.args.iter().find(|(n, _)| *n == k).map(|(_, v)| v.clone());
            json!({ "feature": arg("feature"), "line": arg("line"), "code": arg("reason"),
            "message": state.i18n.message(lang, e.code, &e.args) })
        })
        .collect();
    let sample: Vec<_> = p
        .sample
        .iter()
        .map(|o| super::objects::feature(o, None))
        .collect();
    let body = json!({ "format": p.format.name(), "features": p.total,
        "sample": { "type": "FeatureCollection", "features": sample },
        "refusals_total": refusals_total, "refusals": refusals,
        "repairs_total": p.repairs.len(), "ignored_properties": p.ignored_properties });
    Ok(axum::Json(body).into_response())
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct ExportQuery {
    /// geojson, kml, shapefile (zip) or csv
    pub format: String,
    /// west,south,east,north in degrees (WGS 84).
    pub bbox: Option<String>,
    #[serde(rename = "type")]
    pub type_code: Option<String>,
    /// active (default) or archived
    pub status: Option<String>,
    pub crop: Option<String>,
    /// KATO code: objects of this unit and the units below it.
    pub kato: Option<String>,
    /// EPPO code: objects where a survey found this organism.
    pub organism: Option<String>,
    /// Only this organisation's subtree (within the caller's).
    pub organization_id: Option<Uuid>,
}

/// Export objects as a GIS file, streamed, with the list's filters.
#[utoipa::path(get, path = "/api/v1/objects/export", tag = "register", params(ExportQuery),
    responses((status = 200, description = "The file, streamed"),
        (status = 422, description = "geo-shapefile-mixed-geometry: a Shapefile holds points or polygons, not both")),
    security(("bearer" = [])), extensions(("x-fito-action" = json!("object.read"))))]
pub async fn export(
    State(state): State<AppState>,
    me: CurrentUser,
    ApiQuery(q): ApiQuery<ExportQuery>,
) -> Result<Response, AppError> {
    let filters = Filters {
        bbox: q.bbox,
        type_code: q.type_code,
        status: q.status,
        crop: q.crop,
        kato: q.kato,
        organism: q.organism,
    };
    let file = export::export(&state, &me, &q.format, &filters, q.organization_id).await?;
    Ok(streamed(file))
}

/// The file as a streamed download; an error after the first bytes cuts it short.
fn streamed(file: Export) -> Response {
    let Export {
        format,
        first,
        rest,
        ..
    } = file;
    let rest = futures_util::stream::unfold(rest, |mut rx| async move {
        let item = rx.recv().await?;
        Some((item.map_err(|e| std::io::Error::other(e.code)), rx))
    });
    let stream = futures_util::stream::StreamExt::chain(
        futures_util::stream::once(async move { Ok::<_, std::io::Error>(first) }),
        rest,
    );
    file_response(
        Body::from_stream(stream).into_response(),
        format.content_type(),
        format.file_name(),
        Disposition::Attachment,
    )
}
