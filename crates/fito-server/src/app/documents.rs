//! Documents attached to objects, surveys and acts (R-DOC-1). The upload is
//! streamed to the blob store with a size cap; its type is decided by its content.
//! Images of any kind are refused (R-DOC-2): photographs never reach the server.

use crate::app::{Actor, App, AppError, EntryExt};
use bytes::Bytes;
use fito_core::Action;
use fito_files::Download;
use fito_store::documents::{self, Document};
use fito_store::time::now_us;
use futures_util::Stream;
use serde_json::json;
use std::error::Error;
use uuid::Uuid;

/// The kind of record a document is attached to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Object,
    Survey,
    Act,
    Zone,
    Sample,
}

impl Owner {
    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Object => "object",
            Owner::Survey => "survey",
            Owner::Act => "act",
            Owner::Zone => "zone",
            Owner::Sample => "sample",
        }
    }
}

/// The organisation of the record a document is attached to, once the actor may
/// see the record and holds the document `action` itself.
async fn owner_org(
    app: &App,
    actor: &Actor,
    owner: Owner,
    id: Uuid,
    action: Action,
) -> Result<Uuid, AppError> {
    actor.require(action)?;
    Ok(match owner {
        Owner::Object => {
            crate::app::objects::in_scope(app, actor, id, Action::ObjectRead)
                .await?
                .organization_id
        }
        Owner::Survey => {
            crate::app::surveys::in_scope(app, actor, id, Action::SurveyRead)
                .await?
                .organization_id
        }
        Owner::Act => {
            crate::app::acts::in_scope(app, actor, id, Action::ActRead)
                .await?
                .organization_id
        }
        Owner::Zone => {
            crate::app::zones::in_scope(app, actor, id, Action::ZoneRead)
                .await?
                .organization_id
        }
        Owner::Sample => {
            crate::app::samples::in_scope(app, actor, id, Action::SampleRead)
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

/// Attaches the file `content` (named `name` by the user) to the record `id`.
pub async fn attach<S, E>(
    app: &App,
    actor: &Actor,
    owner: Owner,
    id: Uuid,
    name: &str,
    content: S,
) -> Result<Document, AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Into<Box<dyn Error + Send + Sync>>,
{
    attach_as(app, actor, owner, id, name, content, Action::DocumentAttach).await
}

/// As `attach`, under a step's own right instead of the office's right to attach
/// documents: the Head who establishes a zone attaches its decision (issue 14).
pub async fn attach_as<S, E>(
    app: &App,
    actor: &Actor,
    owner: Owner,
    id: Uuid,
    name: &str,
    content: S,
    action: Action,
) -> Result<Document, AppError>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: Into<Box<dyn Error + Send + Sync>>,
{
    let organization_id = owner_org(app, actor, owner, id, action).await?;
    let file_name = clean_name(name)?;
    let kind = owner.as_str();
    let stored = match app
        .files
        .put_stream(content, app.config.max_document_bytes)
        .await
    {
        Ok(stored) => stored,
        Err(e) => {
            let error = AppError::from(e);
            // Refusals are kept in the journal: an image sent as a document is a
            // personal-data matter (R-DOC-2).
            actor
                .record(
                    actor
                        .entry("document.attach", Some(kind), Some(id.to_string()))
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
        uploaded_by: actor.id(),
        created_at: now_us(),
    };
    let mut unit = app.begin().await?;
    let saved = documents::insert(unit.tx(), doc).await?;
    unit.journal(
        actor
            .entry("document.attach", Some("document"), Some(saved.id.to_string()))
            .details(json!({ "owner": kind, "owner_id": id, "kind": saved.kind, "size": saved.size, "sha256": saved.sha256 })),
    );
    unit.commit().await?;
    Ok(saved)
}

/// The documents attached to the record `id`, oldest first.
pub async fn list(
    app: &App,
    actor: &Actor,
    owner: Owner,
    id: Uuid,
) -> Result<Vec<Document>, AppError> {
    owner_org(app, actor, owner, id, Action::DocumentRead).await?;
    Ok(documents::of(app.store.reader(), owner.as_str(), id).await?)
}

/// A document and its content, for download; the read is journalled.
pub async fn open(app: &App, actor: &Actor, id: Uuid) -> Result<(Document, Download), AppError> {
    actor.require(Action::DocumentRead)?;
    let d = documents::get(app.store.reader(), id)
        .await?
        .ok_or_else(|| AppError::not_found("document-not-found"))?;
    app.check_scope(
        actor,
        Action::DocumentRead,
        d.organization_id,
        "document-not-found",
    )
    .await?;
    let file = app.files.open(&d.sha256).await?;
    actor
        .record(actor.entry("document.read", Some("document"), Some(id.to_string())))
        .await?;
    Ok((d, file))
}
