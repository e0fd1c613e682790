//! Exporting the register as a GIS file (R-GEO-1): GeoJSON, KML, zipped
//! Shapefile or CSV, with the list's filters. The file is written page by page on
//! a blocking thread into a channel, so a million objects leave with flat memory
//! and no timeout.

use crate::app::import::Format;
use crate::app::objects::geometry::{exact, stored_geometry};
use crate::app::objects::spatial::Filters;
use crate::app::{Actor, App, AppError, EntryExt};
use bytes::Bytes;
use fito_core::Action;
use fito_geo::formats::shapefile::{Column, ColumnKind};
use fito_geo::formats::{csv, geojson, kml, shapefile};
use fito_geo::{Feature, GeoError, Properties, PropertyValue};
use fito_store::audit::NewEntry;
use fito_store::objects::{self, Object, Search};
use fito_store::orgs;
use fito_store::time::now_us;
use serde_json::json;
use std::collections::VecDeque;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use tokio::sync::mpsc;
use uuid::Uuid;

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

/// Bytes handed on per message.
const CHUNK: usize = 64 * 1024;

/// A piece of the file, or the error that cut it short.
pub type Chunk = Result<Bytes, AppError>;

/// A file being written: its format, its first bytes, and the rest as they come.
pub struct Export {
    pub format: Format,
    pub first: Bytes,
    pub rest: mpsc::Receiver<Chunk>,
    /// Objects written so far (a progress bar reads it).
    pub written: Arc<AtomicU64>,
}

/// Exports the objects of the actor's subtree (or of `organization_id` inside it)
/// that match `filters`, as `format` names it. The export is journalled; the
/// answer comes once the writer has produced its first bytes, so an error before
/// that (a Shapefile of mixed geometry) is still a proper refusal.
pub async fn export(
    app: &App,
    actor: &Actor,
    format: &str,
    filters: &Filters,
    organization_id: Option<Uuid>,
) -> Result<Export, AppError> {
    actor.require(Action::ObjectRead)?;
    let format = format_named(format)?;
    let org_path = actor
        .scope_path(app, Action::ObjectRead, organization_id)
        .await?;
    let search = filters.search(org_path, None, PAGE)?;
    actor
        .record(
            actor
                .entry("object.export", Some("object"), None)
                .details(details(format, filters)),
        )
        .await?;
    begin(app, format, search).await
}

/// `fito export`: the same formats, filters and writer for the operator at the
/// command line, over the whole register (or `organization_id`'s subtree),
/// journalled as the system. Also returns how many objects match (the index's
/// count: the bounding box is then checked exactly), for a progress bar.
pub async fn export_by_system(
    app: &App,
    format: &str,
    filters: &Filters,
    organization_id: Option<Uuid>,
) -> Result<(Export, u64), AppError> {
    let format = format_named(format)?;
    let db = app.store.reader();
    let org = match organization_id {
        Some(id) => orgs::get(db, id).await?,
        None => orgs::roots(db).await?.into_iter().next(),
    };
    let org_path = org
        .ok_or_else(|| AppError::not_found("organization-not-found"))?
        .path;
    let search = filters.search(org_path, None, PAGE)?;
    let total = objects::count(db, app.store.engine(), &search).await?;
    let mut entry = details(format, filters);
    entry["via"] = json!("cli");
    let entry = NewEntry {
        at: now_us(),
        actor_role: Some("system".into()),
        action: "object.export".into(),
        target_type: Some("object".into()),
        outcome: "ok".into(),
        details: entry,
        ..NewEntry::default()
    };
    let mut unit = app.begin().await?;
    unit.journal(entry);
    unit.commit().await?;
    Ok((begin(app, format, search).await?, total))
}

fn format_named(format: &str) -> Result<Format, AppError> {
    Format::from_name(format)
        .ok_or_else(|| AppError::bad_request("export-format-unknown").with("format", format))
}

fn details(format: Format, filters: &Filters) -> serde_json::Value {
    json!({ "format": format.name(), "bbox": filters.bbox, "type": filters.type_code,
            "status": filters.status, "crop": filters.crop, "kato": filters.kato,
            "organism": filters.organism })
}

/// Starts the writer and waits for its first bytes (or its refusal).
async fn begin(app: &App, format: Format, search: Search) -> Result<Export, AppError> {
    let written = Arc::new(AtomicU64::new(0));
    let mut rest = start(app.clone(), format, search, written.clone());
    let first = match rest.recv().await {
        Some(Ok(bytes)) => bytes,
        Some(Err(e)) => return Err(e),
        None => return Err(AppError::internal()),
    };
    Ok(Export {
        format,
        first,
        rest,
        written,
    })
}

/// Starts the writer on a blocking thread.
fn start(
    app: App,
    format: Format,
    search: Search,
    written: Arc<AtomicU64>,
) -> mpsc::Receiver<Chunk> {
    let (tx, rx) = mpsc::channel::<Chunk>(8);
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
            app,
            search,
            buffered: VecDeque::new(),
            exhausted: false,
            error: failed.clone(),
            written,
        };
        let written = write_format(format, &mut out, &mut pages)
            .map_err(AppError::from)
            .and_then(|_| out.flush().map_err(|_| AppError::internal()));
        if let Some(e) = failed.take().or(written.err()) {
            let _ = tx.blocking_send(Err(e));
        }
    });
    rx
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

/// A `Write` that sends filled chunks on; it blocks while the receiver is slower
/// than the writer, which is what keeps memory flat.
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
    app: App,
    search: Search,
    buffered: VecDeque<Object>,
    exhausted: bool,
    error: Failure,
    written: Arc<AtomicU64>,
}

impl Pages {
    fn fill(&mut self) {
        let store = &self.app.store;
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
            if let Some(b) = self.search.bbox
                && exact(b).is_ok_and(|b| !geometry.intersects_bbox(&b))
            {
                continue;
            }
            self.written.fetch_add(1, Ordering::Relaxed);
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
