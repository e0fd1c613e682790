//! What importing a dictionary file would change (issue 15): every row checked by the
//! API's entry check, compared with the dictionary as it is — added, changed (field
//! by field), unchanged — and, unless the file is partial, the entries it no longer
//! lists, which would be retired (never deleted: records keep pointing at them).

use super::dictionary::{Dict, Dictionary};
use super::sheet::Sheet;
use crate::app::AppError;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

/// One field of a changed entry, as text (`active` as `true`/`false`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A row the import would refuse, by its row number in the file.
#[derive(Debug, Clone)]
pub struct RowError {
    pub row: usize,
    pub key: Option<String>,
    pub error: AppError,
}

pub struct Plan<D: Dict> {
    /// Data rows in the file.
    pub rows: usize,
    /// New entries, with their row.
    pub added: Vec<(usize, D::Model)>,
    /// Changed entries as they would be, with their row and what changes.
    pub changed: Vec<(usize, D::Model, Vec<FieldChange>)>,
    /// Entries the file no longer lists, as they would be: retired.
    pub retired: Vec<D::Model>,
    pub unchanged: usize,
    pub errors: Vec<RowError>,
    /// Header cells that name no column of the dictionary.
    pub ignored_columns: Vec<String>,
}

fn header_name(cell: &str) -> String {
    cell.trim().to_lowercase().replace([' ', '-'], "_")
}

/// Which dictionary column each header cell is; refuses a file without a required
/// column or with one twice.
fn map_columns(
    dict: Dictionary,
    header: &[String],
) -> Result<(Vec<Option<&'static str>>, Vec<String>), AppError> {
    let mut seen = HashSet::new();
    let mut ignored = Vec::new();
    let mut mapped = Vec::with_capacity(header.len());
    for cell in header {
        let name = header_name(cell);
        let column = dict.columns().iter().find(|c| c.name == name);
        match column {
            Some(c) if !seen.insert(c.name) => {
                return Err(AppError::unprocessable("reference-import-column-duplicate")
                    .with("column", c.name));
            }
            Some(c) => mapped.push(Some(c.name)),
            None => {
                if !cell.trim().is_empty() {
                    ignored.push(cell.trim().to_string());
                }
                mapped.push(None);
            }
        }
    }
    let missing: Vec<_> = dict
        .columns()
        .iter()
        .filter(|c| c.required && !seen.contains(c.name))
        .map(|c| c.name)
        .collect();
    if !missing.is_empty() {
        return Err(AppError::unprocessable("reference-import-columns-missing")
            .with("columns", missing.join(", ")));
    }
    Ok((mapped, ignored))
}

/// `true`/`false` as people write them in a spreadsheet, in the three languages.
fn flag(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "" | "true" | "1" | "yes" | "y" | "да" | "иә" | "active" => Some(true),
        "false" | "0" | "no" | "n" | "нет" | "жоқ" | "retired" => Some(false),
        _ => None,
    }
}

fn view_object<D: Dict>(m: &D::Model) -> Map<String, Value> {
    match serde_json::to_value(D::View::from(m.clone())) {
        Ok(Value::Object(o)) => o,
        _ => Map::new(),
    }
}

fn text(v: Option<&Value>) -> Option<String> {
    match v {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(other) => Some(other.to_string()),
    }
}

/// What changes from `old` to `new`, in the dictionary's column order.
fn changes<D: Dict>(old: &D::Model, new: &D::Model) -> Vec<FieldChange> {
    let (old, new) = (view_object::<D>(old), view_object::<D>(new));
    D::WHICH
        .columns()
        .iter()
        .filter(|c| c.name != D::WHICH.key())
        .filter_map(|c| {
            let (o, n) = (text(old.get(c.name)), text(new.get(c.name)));
            (o != n).then_some(FieldChange {
                field: c.name,
                old: o,
                new: n,
            })
        })
        .collect()
}

/// One row as the entry the API's PUT would get: the existing entry's values for
/// the columns the file leaves out, listed means active unless `active` says not.
fn row_entry<D: Dict>(
    cells: &[String],
    columns: &[Option<&'static str>],
    key: &str,
    existing: Option<&D::Model>,
    now: i64,
) -> Result<D::Model, AppError> {
    let mut object = existing.map(view_object::<D>).unwrap_or_default();
    object.insert("active".into(), Value::Bool(true));
    for (i, column) in columns.iter().enumerate() {
        let (Some(column), cell) = (column, cells.get(i).map_or("", String::as_str)) else {
            continue;
        };
        let value = if *column == "active" {
            Value::Bool(flag(cell).ok_or_else(|| {
                AppError::unprocessable("reference-import-active-invalid").with("value", cell)
            })?)
        } else {
            Value::String(cell.trim().to_string())
        };
        object.insert((*column).into(), value);
    }
    let view: D::View = serde_json::from_value(Value::Object(object))
        .map_err(|_| AppError::unprocessable("reference-import-row-invalid"))?;
    D::check(key, view, now)
}

/// Checks every row of `sheet` against the dictionary `current` and says what an
/// import would do. A file that cannot be a dictionary file (no key column) is
/// refused as a whole; a row that fails its check is listed with its row number.
pub fn plan<D: Dict>(
    sheet: &Sheet,
    current: &[D::Model],
    partial: bool,
    now: i64,
) -> Result<Plan<D>, AppError> {
    let dict = D::WHICH;
    let (columns, ignored_columns) = map_columns(dict, &sheet.header)?;
    let key_at = columns.iter().position(|c| *c == Some(dict.key()));
    let by_key: HashMap<&str, &D::Model> = current.iter().map(|m| (D::key(m), m)).collect();
    let mut first_row: HashMap<String, usize> = HashMap::new();
    let mut valid: Vec<(usize, D::Model)> = Vec::new();
    let mut errors = Vec::new();
    for (row, cells) in &sheet.rows {
        let raw = key_at.and_then(|i| cells.get(i)).map_or("", |c| c.trim());
        if raw.is_empty() {
            let error =
                AppError::unprocessable("reference-import-key-missing").with("column", dict.key());
            errors.push(RowError {
                row: *row,
                key: None,
                error,
            });
            continue;
        }
        let key = dict.normal_key(raw);
        if let Some(first) = first_row.get(&key) {
            let error = AppError::unprocessable("reference-import-key-duplicate")
                .with("key", &key)
                .with("first", first);
            errors.push(RowError {
                row: *row,
                key: Some(key),
                error,
            });
            continue;
        }
        first_row.insert(key.clone(), *row);
        let existing = by_key.get(key.as_str()).copied();
        match row_entry::<D>(cells, &columns, &key, existing, now) {
            Ok(entry) => valid.push((*row, entry)),
            Err(error) => errors.push(RowError {
                row: *row,
                key: Some(key),
                error,
            }),
        }
    }
    errors.extend(parent_errors::<D>(current, &valid));
    let failed: HashSet<usize> = errors.iter().map(|e| e.row).collect();
    let mut plan = Plan {
        rows: sheet.rows.len(),
        added: Vec::new(),
        changed: Vec::new(),
        retired: Vec::new(),
        unchanged: 0,
        errors,
        ignored_columns,
    };
    for (row, entry) in valid.into_iter().filter(|(r, _)| !failed.contains(r)) {
        match by_key.get(D::key(&entry)) {
            None => plan.added.push((row, entry)),
            Some(old) => {
                let diff = changes::<D>(old, &entry);
                if diff.is_empty() {
                    plan.unchanged += 1;
                } else {
                    plan.changed.push((row, entry, diff));
                }
            }
        }
    }
    if !partial {
        for m in current {
            if D::active(m) && !first_row.contains_key(D::key(m)) {
                let mut retired = m.clone();
                D::retire(&mut retired, now);
                plan.retired.push(retired);
            }
        }
    }
    plan.errors.sort_by_key(|e| e.row);
    Ok(plan)
}

/// Administrative units: each parent must exist, in the dictionary or the file, and
/// no chain of parents may come back to where it started.
fn parent_errors<D: Dict>(current: &[D::Model], file: &[(usize, D::Model)]) -> Vec<RowError> {
    let mut parent_of: HashMap<&str, Option<&str>> =
        current.iter().map(|m| (D::key(m), D::parent(m))).collect();
    for (_, m) in file {
        parent_of.insert(D::key(m), D::parent(m));
    }
    let mut errors = Vec::new();
    for (row, m) in file {
        let key = D::key(m);
        let mut at = D::parent(m);
        let mut steps = 0;
        let fits = loop {
            match at {
                None => break true,
                Some(p) if p == key || steps > 64 => break false,
                Some(p) => match parent_of.get(p) {
                    None => break false,
                    Some(next) => at = *next,
                },
            }
            steps += 1;
        };
        if !fits {
            errors.push(RowError {
                row: *row,
                key: Some(key.to_string()),
                error: AppError::unprocessable("reference-parent-invalid"),
            });
        }
    }
    errors
}

/// Entries to write in an order the parent reference accepts: parents first.
pub fn parents_first<D: Dict>(models: &mut [D::Model]) {
    let parent_of: HashMap<String, Option<String>> = models
        .iter()
        .map(|m| (D::key(m).to_string(), D::parent(m).map(str::to_string)))
        .collect();
    let depth = |key: &str| {
        let mut d = 0;
        let mut at = key;
        while let Some(Some(p)) = parent_of.get(at) {
            d += 1;
            at = p;
            if d > 64 {
                break;
            }
        }
        d
    };
    models.sort_by_cached_key(|m| depth(D::key(m)));
}

/// The dictionary's state as a digest: any change to any entry (its values or its
/// `updated_at`) changes it.
pub fn state_digest<D: Dict>(current: &[D::Model]) -> String {
    let mut sorted: Vec<&D::Model> = current.iter().collect();
    sorted.sort_by(|a, b| D::key(a).cmp(D::key(b)));
    let mut hash = Sha256::new();
    for m in sorted {
        hash.update(Value::Object(view_object::<D>(m)).to_string());
        hash.update(format!("\t{}\n", D::updated_at(m)));
    }
    hex::encode(hash.finalize())
}
