//! Importing objects from GIS files into the register (R-OBJ-1, R-GEO-1). The
//! one place that decides a file's format, maps features to objects and writes
//! them: `POST /api/v1/objects/import` and `fito import` both call [`import`], so
//! both refuse and write alike.
//!
//! All or nothing: the whole file is read and every feature checked before
//! anything is written, and the write is one unit of work with one journal entry.

pub mod format;
pub mod plan;

pub use format::Format;
pub use plan::localise;

use format::{detect, read};
use plan::{References, Target, check_all, plan};

use crate::app::objects::snapshot;
use crate::app::{Actor, App, AppError, EntryExt};
use bytes::Bytes;
use fito_core::Action;
use fito_geo::Repair;
use fito_store::audit::NewEntry;
use fito_store::time::now_us;
use fito_store::{objects, orgs};
use serde_json::{Value, json};
use std::future::Future;
use uuid::Uuid;

/// Who imports.
pub enum Importer<'a> {
    /// A person through the API: the role table and their subtree decide, and
    /// the journal names them.
    Person(&'a Actor),
    /// The operator at the command line: any organisation, journalled as the system.
    System,
}

/// A file to import, as it came.
pub struct ImportFile<F> {
    /// The format as the sender named it (a parameter, a file extension).
    pub format: Option<String>,
    /// The media type the file came with; generic ones say nothing.
    pub media_type: Option<String>,
    /// The organisation the objects go to: by default the importer's (the root
    /// one for the system).
    pub organization_id: Option<Uuid>,
    /// The object type of features that name none.
    pub type_code: Option<String>,
    /// The file's bytes, read once the importer is known to be allowed.
    pub bytes: F,
}

/// How far an import is, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Reading the file and checking every feature.
    Checking,
    /// Writing: `written` of `total` objects.
    Writing { written: u64, total: u64 },
}

/// What an import did.
pub struct Report {
    pub format: Format,
    pub organization_id: Uuid,
    /// The new objects' ids, in the file's order.
    pub ids: Vec<Uuid>,
    pub repairs: Vec<Repair>,
    /// Properties of the file that map to no object field.
    pub ignored_properties: Vec<String>,
}

impl Importer<'_> {
    /// The organisation the objects go to, checked.
    async fn target(&self, app: &App, asked: Option<Uuid>) -> Result<Uuid, AppError> {
        match self {
            Importer::Person(actor) => {
                actor.require(Action::ObjectCreate)?;
                let id = asked
                    .or(actor.user.organization_id)
                    .ok_or_else(AppError::forbidden)?;
                let path = app.org_path(id).await?;
                if path.is_none() || !actor.sees(path.as_deref()) {
                    return Err(AppError::unprocessable("organization-not-found"));
                }
                Ok(id)
            }
            Importer::System => match asked {
                Some(id) => Ok(orgs::get(app.store.reader(), id)
                    .await?
                    .ok_or_else(|| AppError::not_found("organization-not-found"))?
                    .id),
                None => orgs::roots(app.store.reader())
                    .await?
                    .first()
                    .map(|root| root.id)
                    .ok_or_else(|| AppError::unprocessable("import-no-organization")),
            },
        }
    }

    fn user(&self) -> Option<Uuid> {
        match self {
            Importer::Person(actor) => Some(actor.id()),
            Importer::System => None,
        }
    }

    fn entry(&self, mut details: Value) -> NewEntry {
        match self {
            Importer::Person(actor) => actor
                .entry("object.import", Some("object"), None)
                .details(details),
            Importer::System => {
                details["via"] = json!("cli");
                NewEntry {
                    at: now_us(),
                    actor_id: None,
                    actor_role: Some("system".into()),
                    action: "object.import".into(),
                    target_type: Some("object".into()),
                    target_id: None,
                    outcome: "ok".into(),
                    ip: None,
                    device_id: None,
                    os: None,
                    app_version: None,
                    details,
                }
            }
        }
    }
}

/// The format a sender declared: a `format` parameter, else a specific media type.
pub(crate) fn declared(
    file_format: Option<&str>,
    media_type: Option<&str>,
) -> Result<Option<Format>, AppError> {
    if let Some(name) = file_format {
        return Format::from_name(name)
            .map(Some)
            .ok_or_else(|| AppError::bad_request("import-format-unknown").with("format", name));
    }
    Ok(media_type.and_then(Format::from_content_type))
}

/// Imports every feature of a file as an object, or none.
pub async fn import<F>(
    app: &App,
    by: Importer<'_>,
    file: ImportFile<F>,
    progress: &mut (dyn FnMut(Progress) + Send),
) -> Result<Report, AppError>
where
    F: Future<Output = Result<Bytes, AppError>>,
{
    let organization_id = by.target(app, file.organization_id).await?;
    let declared = declared(file.format.as_deref(), file.media_type.as_deref())?;
    let bytes = file.bytes.await?;
    let format = detect(&bytes, declared)?;
    let refs = References::load(app.store.reader()).await?;
    let target = Target {
        organization_id,
        actor: by.user(),
        default_type: file.type_code,
        now: now_us(),
    };
    progress(Progress::Checking);
    // Parsing and geodesic checks of a big file are CPU work: off the async threads.
    let plan = tokio::task::spawn_blocking(move || {
        let imported = read(format, &bytes)?;
        plan(imported, &refs, &target, format, &bytes)
    })
    .await
    .map_err(|_| AppError::internal())??;
    let total = plan.objects.len() as u64;
    progress(Progress::Writing { written: 0, total });
    let mut unit = app.begin().await?;
    objects::insert_many(unit.tx(), &plan.objects, snapshot, |written| {
        progress(Progress::Writing { written, total })
    })
    .await?;
    unit.journal(by.entry(json!({ "count": total, "format": format.name(),
        "organization_id": organization_id })));
    unit.commit().await?;
    Ok(Report {
        format,
        organization_id,
        ids: plan.objects.iter().map(|o| o.id).collect(),
        repairs: plan.repairs,
        ignored_properties: plan.ignored_properties,
    })
}

/// What an import would do, without writing (issue 15): how many features, the
/// first objects to show on a map, and every feature that would be refused.
pub struct Preview {
    pub format: Format,
    /// Features in the file.
    pub total: usize,
    /// The first objects the file makes (at most `SAMPLE`).
    pub sample: Vec<fito_store::objects::Object>,
    /// One `import-feature-invalid` per refused feature, in the file's order.
    pub refusals: Vec<AppError>,
    pub repairs: Vec<Repair>,
    pub ignored_properties: Vec<String>,
}

/// How many objects a preview shows.
pub const SAMPLE: usize = 500;

/// Reads and checks a file as [`import`] does, and writes nothing. A file that
/// cannot be read at all is refused as by the import.
pub async fn preview<F>(
    app: &App,
    by: Importer<'_>,
    file: ImportFile<F>,
) -> Result<Preview, AppError>
where
    F: Future<Output = Result<Bytes, AppError>>,
{
    let organization_id = by.target(app, file.organization_id).await?;
    let declared = declared(file.format.as_deref(), file.media_type.as_deref())?;
    let bytes = file.bytes.await?;
    let format = detect(&bytes, declared)?;
    let refs = References::load(app.store.reader()).await?;
    let target = Target {
        organization_id,
        actor: by.user(),
        default_type: file.type_code,
        now: now_us(),
    };
    let checked = tokio::task::spawn_blocking(move || {
        let imported = read(format, &bytes)?;
        Ok::<_, AppError>(check_all(imported, &refs, &target, format, &bytes))
    })
    .await
    .map_err(|_| AppError::internal())??;
    let total = checked.plan.objects.len() + checked.refusals.len();
    let mut sample = checked.plan.objects;
    sample.truncate(SAMPLE);
    Ok(Preview {
        format,
        total,
        sample,
        refusals: checked.refusals,
        repairs: checked.plan.repairs,
        ignored_properties: checked.plan.ignored_properties,
    })
}
