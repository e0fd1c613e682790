//! Import and export of the register as GIS files (R-GEO-1): GeoJSON, KML,
//! zipped Shapefile and CSV. Import is all or nothing (see
//! `register_import`); export streams page by page, so a million objects leave
//! with flat memory and no timeout.

use super::objects::stored_geometry;
use crate::app::Actor;
use crate::app::EntryExt;
use crate::app::import::{self as import, Format, References, Target};
use crate::app::{AppError, Kind};
use crate::http::extract::ApiQuery;
use crate::http::session::CurrentUser;
use crate::http::state::AppState;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use fito_core::Action;
use fito_geo::formats::shapefile::{Column, ColumnKind};
use fito_geo::formats::{csv, geojson, kml, shapefile};
use fito_geo::{Feature, GeoError, Properties, PropertyValue};
use fito_store::objects::{self, Object, Search};
use serde::Deserialize;
use serde_json::json;
use std::collections::VecDeque;
use std::io::Write;
use tokio::sync::mpsc;
use utoipa::IntoParams;
use uuid::Uuid;

#[derive(Deserialize, IntoParams)]
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

/// The organisation objects go to: the caller's, or one in their subtree.
async fn target_org(state: &AppState, me: &Actor, asked: Option<Uuid>) -> Result<Uuid, AppError> {
    let id = asked
        .or(me.user.organization_id)
        .ok_or_else(AppError::forbidden)?;
    let path = state.org_path(id).await?;
    if path.is_none() || !me.sees(path.as_deref()) {
        return Err(AppError::unprocessable("organization-not-found"));
    }
    Ok(id)
}

fn declared_format(name: Option<&str>, headers: &HeaderMap) -> Result<Option<Format>, AppError> {
    if let Some(name) = name {
        return Format::from_name(name)
            .map(Some)
            .ok_or_else(|| AppError::bad_request("import-format-unknown").with("format", name));
    }
    Ok(headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(Format::from_content_type))
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
    run_import(&state, &me, q, &headers, body)
        .await
        .map_err(|e| import::localise(e, &state.i18n, lang))
}

async fn run_import(
    state: &AppState,
    me: &Actor,
    q: ImportQuery,
    headers: &HeaderMap,
    body: Body,
) -> Result<Response, AppError> {
    me.require(Action::ObjectCreate)?;
    let organization_id = target_org(state, me, q.organization_id).await?;
    let declared = declared_format(q.format.as_deref(), headers)?;
    // This route has its own limit: files are much larger than JSON requests.
    let limit = state.config.max_import_bytes;
    let bytes = axum::body::to_bytes(body, limit)
        .await
        .map_err(|_| AppError::new(Kind::TooLarge, "request-too-large").with("limit", limit))?;
    let format = import::detect(&bytes, declared)?;
    let refs = References::load(state.store.reader()).await?;
    let target = Target {
        organization_id,
        actor: Some(me.user.id),
        default_type: q.type_code.clone(),
        now: fito_store::time::now_us(),
    };
    // Parsing and geodesic checks of a big file are CPU work: off the async threads.
    let plan = tokio::task::spawn_blocking(move || {
        let imported = import::read(format, &bytes)?;
        import::plan(imported, &refs, &target, format, &bytes)
    })
    .await
    .map_err(|_| AppError::internal())??;
    let count = plan.objects.len();
    let entry = me.entry("object.import", Some("object"), None).details(
        json!({ "count": count, "format": format.name(), "organization_id": organization_id }),
    );
    import::write(&state.store, &plan.objects, entry, &|_| {}).await?;
    // Like the ids, only the first 1,000 repairs: a big file can have one per feature.
    let repairs: Vec<_> = plan
        .repairs
        .iter()
        .take(1000)
        .map(|r| json!({ "code": r.code(), "message": state.i18n.message(me.meta.lang, r.code(), &r.fluent_args()) }))
        .collect();
    let ids: Vec<Uuid> = plan.objects.iter().take(1000).map(|o| o.id).collect();
    let body = json!({ "imported": count, "ids": ids, "repairs": repairs,
        "repairs_total": plan.repairs.len(), "ignored_properties": plan.ignored_properties });
    Ok((StatusCode::CREATED, axum::Json(body)).into_response())
}

#[derive(Deserialize, IntoParams)]
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

/// The property columns of every export, in this order.
const COLUMNS: &[&str] = &[
    "id",
    "name",
    "type",
    "status",
    "area_ha",
    "kato",
    "crop",
    "owner_kind",
    "owner_name",
    "owner_bin",
    "owner_iin",
    "notes",
];

/// Objects per database page while exporting.
const PAGE: u64 = 2000;

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
    me.require(Action::ObjectRead)?;
    let format = Format::from_name(&q.format)
        .ok_or_else(|| AppError::bad_request("export-format-unknown").with("format", &q.format))?;
    let org_path = me
        .scope_path(&state, Action::ObjectRead, q.organization_id)
        .await?;
    let filters = super::spatial::Filters {
        bbox: q.bbox.as_deref(),
        type_code: q.type_code.as_deref(),
        status: q.status.as_deref(),
        crop: q.crop.as_deref(),
        kato: q.kato.as_deref(),
        organism: q.organism.as_deref(),
    };
    let search = filters.search(org_path, None, PAGE)?;
    state
        .audit
        .record(me.entry("object.export", Some("object"), None).details(
            json!({ "format": format.name(), "bbox": q.bbox, "type": q.type_code,
                    "status": q.status, "crop": q.crop, "kato": q.kato, "organism": q.organism }),
        ))
        .await?;
    stream_export(state, format, search).await
}

type Chunk = Result<Bytes, AppError>;

/// Starts the writer on a blocking thread and answers once it has produced its
/// first bytes: an error before that (a Shapefile of mixed geometry) is still
/// a proper problem answer; one after it cuts the download short.
async fn stream_export(
    state: AppState,
    format: Format,
    search: Search,
) -> Result<Response, AppError> {
    let (tx, mut rx) = mpsc::channel::<Chunk>(8);
    let handle = tokio::runtime::Handle::current();
    tokio::task::spawn_blocking(move || {
        let failed = Failure::default();
        let mut out = ChannelWriter {
            tx: tx.clone(),
            buf: Vec::with_capacity(CHUNK),
            failed: failed.clone(),
        };
        let mut pages = Pages {
            handle,
            state,
            search,
            buffered: VecDeque::new(),
            exhausted: false,
            error: failed.clone(),
        };
        let written = write_format(format, &mut out, &mut pages)
            .map_err(AppError::from)
            .and_then(|_| out.flush().map_err(|_| AppError::internal()));
        if let Some(e) = failed.take().or(written.err()) {
            let _ = tx.blocking_send(Err(e));
        }
    });
    let first = match rx.recv().await {
        Some(Ok(bytes)) => bytes,
        Some(Err(e)) => return Err(e),
        None => return Err(AppError::internal()),
    };
    let rest = futures_util::stream::unfold(rx, |mut rx| async move {
        let item = rx.recv().await?;
        Some((item.map_err(|e| std::io::Error::other(e.code)), rx))
    });
    let stream = futures_util::stream::StreamExt::chain(
        futures_util::stream::once(async move { Ok::<_, std::io::Error>(first) }),
        rest,
    );
    Ok(super::views::file_response(
        Body::from_stream(stream).into_response(),
        format.content_type(),
        format.file_name(),
        super::views::Disposition::Attachment,
    ))
}

fn write_format(
    format: Format,
    out: &mut ChannelWriter,
    pages: &mut Pages,
) -> Result<u64, GeoError> {
    let names: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    match format {
        Format::GeoJson => geojson::write(out, pages),
        Format::Kml => kml::write(out, pages),
        Format::Csv => csv::write(out, &names, pages),
        Format::Shapefile => {
            let columns: Vec<Column> = names
                .into_iter()
                .map(|name| Column {
                    kind: if name == "area_ha" {
                        ColumnKind::Number
                    } else {
                        ColumnKind::Text
                    },
                    name,
                })
                .collect();
            shapefile::write_zip(out, "objects", &columns, pages)
        }
    }
}

/// Bytes handed to the response per message.
const CHUNK: usize = 64 * 1024;

/// A `Write` that sends filled chunks to the response; it blocks while the
/// client is slower than the writer, which is what keeps memory flat.
struct ChannelWriter {
    tx: mpsc::Sender<Chunk>,
    buf: Vec<u8>,
    failed: Failure,
}

/// The first error of the reading side, shared with the writer so that a
/// failed read never reaches the client as a complete-looking file.
type Failure = std::rc::Rc<std::cell::RefCell<Option<AppError>>>;

impl ChannelWriter {
    fn send(&mut self) -> std::io::Result<()> {
        if self.failed.borrow().is_some() {
            return Err(std::io::Error::other("export failed"));
        }
        if self.buf.is_empty() {
            return Ok(());
        }
        let chunk = Bytes::from(std::mem::replace(&mut self.buf, Vec::with_capacity(CHUNK)));
        self.tx
            .blocking_send(Ok(chunk))
            .map_err(|_| std::io::Error::from(std::io::ErrorKind::BrokenPipe))
    }
}

impl Write for ChannelWriter {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= CHUNK {
            self.send()?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.send()
    }
}

/// The selected objects as features, fetched a page at a time by keyset
/// (`after_rid`); a database error ends the features and is kept in `error`.
struct Pages {
    handle: tokio::runtime::Handle,
    state: AppState,
    search: Search,
    buffered: VecDeque<Object>,
    exhausted: bool,
    error: Failure,
}

impl Pages {
    fn fill(&mut self) {
        let store = &self.state.store;
        let found = self.handle.block_on(objects::search(
            store.reader(),
            store.engine(),
            &self.search,
        ));
        match found {
            Ok(page) => {
                self.exhausted = (page.len() as u64) < self.search.limit;
                self.search.after_rid = page.last().map(|o| o.rid);
                self.buffered.extend(page);
            }
            Err(e) => {
                self.exhausted = true;
                *self.error.borrow_mut() = Some(e.into());
            }
        }
    }
}

impl Iterator for Pages {
    type Item = Feature;

    fn next(&mut self) -> Option<Feature> {
        loop {
            if self.buffered.is_empty() && !self.exhausted {
                self.fill();
            }
            let o = self.buffered.pop_front()?;
            let geometry = match stored_geometry(&o) {
                Ok(g) => g,
                Err(e) => {
                    *self.error.borrow_mut() = Some(e);
                    return None;
                }
            };
            // The index matched bounding boxes; keep what really meets the box.
            if let Some(b) = self.search.bbox {
                let exact = fito_geo::Bbox::parse(b.min_lon, b.min_lat, b.max_lon, b.max_lat);
                if exact.is_ok_and(|b| !geometry.intersects_bbox(&b)) {
                    continue;
                }
            }
            return Some(Feature {
                geometry,
                properties: properties(o),
            });
        }
    }
}

fn properties(o: Object) -> Properties {
    let mut p = Properties::new();
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            p.insert(k.to_string(), PropertyValue::Text(v));
        }
    };
    put("id", Some(o.id.to_string()));
    put("name", Some(o.name));
    put("type", Some(o.type_code));
    put("status", Some(o.status));
    put("kato", o.kato);
    put("crop", o.crop_code);
    put("owner_kind", o.owner_kind);
    put("owner_name", o.owner_name);
    put("owner_bin", o.owner_bin);
    put("owner_iin", o.owner_iin);
    put("notes", o.notes);
    p.insert(
        "area_ha".into(),
        PropertyValue::Number((o.area_ha * 10_000.0).round() / 10_000.0),
    );
    p
}
