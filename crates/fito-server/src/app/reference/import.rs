//! Loading a whole dictionary from a CSV or XLSX file (issue 15, R-OBJ-2): how the
//! operator loads the EAEU reference book of quarantine objects when a new edition
//! comes. Two steps:
//!
//! 1. [`preview`] reads the file, checks every row with the API's entry check and
//!    answers the diff (added, changed field by field, retired, unchanged) and the
//!    refused rows, and writes nothing. Its `token` binds the file, the options and
//!    the dictionary's state as they were previewed.
//! 2. [`apply`] gets the same file and the token: a different file (or options) or a
//!    dictionary changed since the preview is refused; otherwise the same plan is
//!    written in one unit of work — all or nothing — with one journal line per entry
//!    (as a single correction writes it) and one summary line with the counts.
//!
//! Entries are never deleted: those the file no longer lists are retired, unless the
//! administrator says the file is partial.

use super::dictionary::{AdminUnits, Crops, Dict, Dictionary, ObjectTypes, Organisms};
use super::plan::{FieldChange, Plan, RowError, parents_first, plan, state_digest};
use super::sheet::{self, Sheet, SheetFormat};
use crate::app::{Actor, App, AppError, EntryExt};
use bytes::Bytes;
use fito_core::Action;
use fito_store::time::now_us;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use std::future::Future;

/// A dictionary file as it came.
pub struct ImportFile<F> {
    /// organisms, crops, object-types or admin-units.
    pub dictionary: String,
    /// The file lists only some entries: those it leaves out are not retired.
    pub partial: bool,
    /// The file's bytes, read once the caller is known to be allowed.
    pub bytes: F,
}

pub struct Added {
    pub row: usize,
    pub key: String,
    /// The entry as the API shows it.
    pub entry: Value,
}

pub struct Changed {
    pub row: usize,
    pub key: String,
    pub changes: Vec<FieldChange>,
}

pub struct Retired {
    pub key: String,
    pub entry: Value,
}

/// What an import of the file would do; nothing is written.
pub struct Preview {
    pub dictionary: Dictionary,
    pub format: SheetFormat,
    pub partial: bool,
    /// Data rows in the file.
    pub rows: usize,
    pub added: Vec<Added>,
    pub changed: Vec<Changed>,
    pub retired: Vec<Retired>,
    pub unchanged: usize,
    /// Refused rows: while there are any, [`apply`] refuses the file.
    pub errors: Vec<RowError>,
    pub ignored_columns: Vec<String>,
    /// For [`apply`]: proves the file, the options and the dictionary are those previewed.
    pub token: String,
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    pub dictionary: Dictionary,
    pub added: usize,
    pub changed: usize,
    pub retired: usize,
    pub unchanged: usize,
}

fn dictionary(name: &str) -> Result<Dictionary, AppError> {
    Dictionary::from_name(name).ok_or_else(|| {
        AppError::unprocessable("reference-dictionary-unknown").with("dictionary", name)
    })
}

/// The digest of what the administrator sends: dictionary, options and file.
fn file_digest(dict: Dictionary, partial: bool, bytes: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(format!("{}\n{partial}\n", dict.name()));
    hash.update(bytes);
    hex::encode(hash.finalize())
}

fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Reads the file off the async threads (an XLSX file is unzipped and parsed).
async fn read(bytes: Bytes) -> Result<Sheet, AppError> {
    tokio::task::spawn_blocking(move || sheet::read(&bytes))
        .await
        .map_err(|_| AppError::internal())?
}

fn view<D: Dict>(m: &D::Model) -> Value {
    serde_json::to_value(D::View::from(m.clone())).unwrap_or(Value::Null)
}

fn previewed<D: Dict>(plan: Plan<D>, format: SheetFormat, partial: bool, token: String) -> Preview {
    Preview {
        dictionary: D::WHICH,
        format,
        partial,
        rows: plan.rows,
        added: plan
            .added
            .iter()
            .map(|(row, m)| Added {
                row: *row,
                key: D::key(m).to_string(),
                entry: view::<D>(m),
            })
            .collect(),
        changed: plan
            .changed
            .into_iter()
            .map(|(row, m, changes)| Changed {
                row,
                key: D::key(&m).to_string(),
                changes,
            })
            .collect(),
        retired: plan
            .retired
            .iter()
            .map(|m| Retired {
                key: D::key(m).to_string(),
                entry: view::<D>(m),
            })
            .collect(),
        unchanged: plan.unchanged,
        errors: plan.errors,
        ignored_columns: plan.ignored_columns,
        token,
    }
}

async fn preview_in<D: Dict>(
    app: &App,
    sheet: &Sheet,
    partial: bool,
    file: String,
) -> Result<Preview, AppError> {
    let current = D::all(app.store.reader()).await?;
    let token = format!("{file}.{}", state_digest::<D>(&current));
    let plan = plan::<D>(sheet, &current, partial, now_us())?;
    Ok(previewed(plan, sheet.format, partial, token))
}

/// Reads and checks a dictionary file and answers what importing it would change;
/// writes nothing. A file that is not a dictionary file is refused as a whole.
pub async fn preview<F>(app: &App, actor: &Actor, file: ImportFile<F>) -> Result<Preview, AppError>
where
    F: Future<Output = Result<Bytes, AppError>>,
{
    actor.require(Action::ReferenceManage)?;
    let dict = dictionary(&file.dictionary)?;
    let bytes = file.bytes.await?;
    let digest = file_digest(dict, file.partial, &bytes);
    let sheet = read(bytes).await?;
    let partial = file.partial;
    match dict {
        Dictionary::Organisms => preview_in::<Organisms>(app, &sheet, partial, digest).await,
        Dictionary::Crops => preview_in::<Crops>(app, &sheet, partial, digest).await,
        Dictionary::ObjectTypes => preview_in::<ObjectTypes>(app, &sheet, partial, digest).await,
        Dictionary::AdminUnits => preview_in::<AdminUnits>(app, &sheet, partial, digest).await,
    }
}

/// What the summary journal line says besides the counts.
struct Source {
    format: SheetFormat,
    partial: bool,
    sha256: String,
}

async fn apply_in<D: Dict>(
    app: &App,
    actor: &Actor,
    sheet: &Sheet,
    source: Source,
    state: &str,
) -> Result<Applied, AppError> {
    let dict = D::WHICH;
    let mut unit = app.begin().await?;
    fito_store::locks::reference(unit.tx()).await?;
    let current = D::all(unit.tx()).await?;
    if state_digest::<D>(&current) != state {
        return Err(AppError::conflict("reference-import-stale"));
    }
    let plan = plan::<D>(sheet, &current, source.partial, now_us())?;
    if let Some(first) = plan.errors.first() {
        let mut rows: Vec<_> = plan.errors.iter().map(|e| e.row.to_string()).collect();
        rows.dedup();
        rows.truncate(20);
        return Err(AppError::unprocessable("reference-import-rows-invalid")
            .with("count", plan.errors.len())
            .with("rows", rows.join(", "))
            .with("first", first.row));
    }
    let applied = Applied {
        dictionary: dict,
        added: plan.added.len(),
        changed: plan.changed.len(),
        retired: plan.retired.len(),
        unchanged: plan.unchanged,
    };
    let mut writes: Vec<(D::Model, &str)> = Vec::new();
    writes.extend(plan.added.into_iter().map(|(_, m)| (m, "added")));
    writes.extend(plan.changed.into_iter().map(|(_, m, _)| (m, "changed")));
    writes.extend(plan.retired.into_iter().map(|m| (m, "retired")));
    let mut models: Vec<D::Model> = writes.iter().map(|(m, _)| m.clone()).collect();
    parents_first::<D>(&mut models);
    let how: std::collections::HashMap<String, &str> = writes
        .iter()
        .map(|(m, how)| (D::key(m).to_string(), *how))
        .collect();
    for m in models {
        let key = D::key(&m).to_string();
        let created = D::put(unit.tx(), m).await?;
        unit.journal(
            actor
                .entry("reference.put", Some(dict.target_type()), Some(key.clone()))
                .details(json!({ "created": created, "via": "import",
                    "import": how.get(&key).copied().unwrap_or("changed") })),
        );
    }
    unit.journal(
        actor
            .entry("reference.import", Some(dict.target_type()), None)
            .details(
                json!({ "dictionary": dict.name(), "format": source.format.name(),
                "partial": source.partial, "file_sha256": source.sha256, "rows": plan.rows,
                "added": applied.added, "changed": applied.changed,
                "retired": applied.retired, "unchanged": applied.unchanged }),
            ),
    );
    unit.commit().await?;
    Ok(applied)
}

/// Imports the file previewed with `token`: all or nothing, in one unit of work.
/// Refused when the file or options differ from the preview's
/// (`reference-import-file-changed`), when the dictionary changed since
/// (`reference-import-stale`), or when any row is refused.
pub async fn apply<F>(
    app: &App,
    actor: &Actor,
    file: ImportFile<F>,
    token: &str,
) -> Result<Applied, AppError>
where
    F: Future<Output = Result<Bytes, AppError>>,
{
    actor.require(Action::ReferenceManage)?;
    let dict = dictionary(&file.dictionary)?;
    let (previewed_file, state) = token
        .split_once('.')
        .ok_or_else(|| AppError::unprocessable("reference-import-token-invalid"))?;
    let bytes = file.bytes.await?;
    if file_digest(dict, file.partial, &bytes) != previewed_file {
        return Err(AppError::conflict("reference-import-file-changed"));
    }
    let sha256 = sha256(&bytes);
    let sheet = read(bytes).await?;
    let source = Source {
        format: sheet.format,
        partial: file.partial,
        sha256,
    };
    match dict {
        Dictionary::Organisms => apply_in::<Organisms>(app, actor, &sheet, source, state).await,
        Dictionary::Crops => apply_in::<Crops>(app, actor, &sheet, source, state).await,
        Dictionary::ObjectTypes => apply_in::<ObjectTypes>(app, actor, &sheet, source, state).await,
        Dictionary::AdminUnits => apply_in::<AdminUnits>(app, actor, &sheet, source, state).await,
    }
}
