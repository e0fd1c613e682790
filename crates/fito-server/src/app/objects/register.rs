//! Registering and changing objects (R-OBJ-1): every change is a new version with
//! its snapshot, written with its journal line in one unit of work.

use super::described::{self, check_unit_and_crop, owner_columns, shape};
use super::feature::snapshot;
use super::in_scope;
use super::input::{ObjectChange, ObjectInput, VersionOnly};
use crate::app::{Actor, App, AppError, EntryExt};
use fito_core::Action;
use fito_geo::Repair;
use fito_store::StoreError;
use fito_store::objects::{self, Object, ObjectVersion, STATUS_ACTIVE, STATUS_ARCHIVED};
use fito_store::time::now_us;
use serde_json::{Value, json};
use uuid::Uuid;

/// An object as written, with the repairs made to the geometry sent.
pub struct Saved {
    pub object: Object,
    pub repairs: Vec<Repair>,
}

/// Registers an object.
pub async fn create(app: &App, actor: &Actor, input: ObjectInput) -> Result<Saved, AppError> {
    let described = described::describe(app, actor, input, Action::ObjectCreate).await?;
    let object = insert(app, actor, described.row()).await?;
    Ok(Saved {
        object,
        repairs: described.shape.repairs,
    })
}

/// Writes a new object with its first version and journal line; a client-made
/// id already taken is `object-id-taken`.
pub async fn insert(app: &App, actor: &Actor, mut o: Object) -> Result<Object, AppError> {
    let now = now_us();
    (o.created_at, o.updated_at) = (now, now);
    (o.created_by, o.updated_by) = (Some(actor.id()), Some(actor.id()));
    o.version = 1;
    let mut unit = app.begin().await?;
    let first = snapshot(&o);
    let saved = objects::insert(unit.tx(), o, first)
        .await
        .map_err(|e| match e {
            StoreError::Conflict(_) => AppError::conflict("object-id-taken"),
            other => other.into(),
        })?;
    unit.journal(
        actor
            .entry("object.create", Some("object"), Some(saved.id.to_string()))
            .details(json!({ "type": saved.type_code })),
    );
    unit.commit().await?;
    Ok(saved)
}

/// One object; reading it is journalled.
pub async fn get(app: &App, actor: &Actor, id: Uuid) -> Result<Object, AppError> {
    let o = in_scope(app, actor, id, Action::ObjectRead).await?;
    actor
        .record(actor.entry("object.read", Some("object"), Some(id.to_string())))
        .await?;
    Ok(o)
}

/// Every version of an object, oldest first, with who made it by name; reading it
/// is journalled.
pub async fn history(
    app: &App,
    actor: &Actor,
    id: Uuid,
) -> Result<Vec<(ObjectVersion, Option<String>)>, AppError> {
    in_scope(app, actor, id, Action::ObjectRead).await?;
    let db = app.store.reader();
    let versions = objects::history(db, id).await?;
    // Who made each version, by name (an erased person has none left).
    let mut ids: Vec<Uuid> = versions.iter().filter_map(|v| v.changed_by).collect();
    ids.sort();
    ids.dedup();
    let names: std::collections::HashMap<Uuid, String> = fito_store::users::by_ids(db, &ids)
        .await?
        .into_iter()
        .filter(|u| !u.surname.is_empty())
        .map(|u| (u.id, format!("{} {}", u.surname, u.first_name)))
        .collect();
    actor
        .record(actor.entry("object.history", Some("object"), Some(id.to_string())))
        .await?;
    Ok(versions
        .into_iter()
        .map(|v| {
            let by = v.changed_by.and_then(|u| names.get(&u).cloned());
            (v, by)
        })
        .collect())
}

/// Changes what `change` names, as a new version made on `change.version`.
pub async fn update(
    app: &App,
    actor: &Actor,
    id: Uuid,
    change: ObjectChange,
) -> Result<Saved, AppError> {
    let mut o = in_scope(app, actor, id, Action::ObjectUpdate).await?;
    if o.status == STATUS_ARCHIVED {
        return Err(AppError::conflict("object-archived"));
    }
    let mut repairs = Vec::new();
    let mut fields = Vec::new();
    if change.type_code.is_some() || change.geometry.is_some() {
        let geometry_sent = change.geometry.is_some();
        let type_code = change.type_code.as_deref().unwrap_or(&o.type_code);
        let geometry = match change.geometry {
            Some(g) => g,
            None => serde_json::from_str(&o.geometry).map_err(|_| AppError::internal())?,
        };
        let shape = shape(app, type_code, geometry, change.close_open_rings).await?;
        shape.apply_to(&mut o);
        repairs = shape.repairs;
        fields.extend(change.type_code.as_ref().map(|_| "type"));
        fields.extend(geometry_sent.then_some("geometry"));
    }
    if let Some(name) = &change.name {
        o.name = fito_core::object::name(name)?;
        fields.push("name");
    }
    if let Some(owner) = &change.owner {
        let owner = owner.parse()?;
        (o.owner_kind, o.owner_name, o.owner_bin, o.owner_iin) = owner_columns(Some(&owner));
        fields.push("owner");
    }
    if change.kato.is_some() || change.crop.is_some() {
        let kato = fito_core::object::code(change.kato.as_deref());
        let crop = fito_core::object::code(change.crop.as_deref());
        check_unit_and_crop(app, kato.as_deref(), crop.as_deref()).await?;
        if change.kato.is_some() {
            o.kato = kato;
            fields.push("kato");
        }
        if change.crop.is_some() {
            o.crop_code = crop;
            fields.push("crop");
        }
    }
    if let Some(notes) = &change.notes {
        o.notes = fito_core::object::notes(Some(notes))?;
        fields.push("notes");
    }
    let details = json!({ "fields": fields });
    let object = save_change(app, actor, o, change.version, Change::Update, details).await?;
    Ok(Saved { object, repairs })
}

/// What a new version of an object records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Update,
    Archive,
    Restore,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Update => "update",
            Change::Archive => "archive",
            Change::Restore => "restore",
        }
    }
}

/// Writes the next version of an object, if it is still at `expected`
/// (else `object-version-conflict` naming the current one), with its journal line.
pub async fn save_change(
    app: &App,
    actor: &Actor,
    o: Object,
    expected: i64,
    change: Change,
    details: Value,
) -> Result<Object, AppError> {
    save_change_why(app, actor, o, expected, change, details, None).await
}

/// [`save_change`], with the reason for the change kept on the new version.
async fn save_change_why(
    app: &App,
    actor: &Actor,
    mut o: Object,
    expected: i64,
    change: Change,
    details: Value,
    reason: Option<String>,
) -> Result<Object, AppError> {
    o.updated_at = now_us();
    o.updated_by = Some(actor.id());
    let mut snapshot_of = o.clone();
    snapshot_of.version = expected + 1;
    let mut unit = app.begin().await?;
    let written = objects::update(
        unit.tx(),
        o,
        expected,
        change.as_str(),
        snapshot(&snapshot_of),
    )
    .await;
    let saved = match written {
        Err(StoreError::Conflict(_)) => {
            let current = objects::get(unit.tx(), snapshot_of.id)
                .await?
                .map(|c| c.version)
                .unwrap_or_default();
            return Err(AppError::conflict("object-version-conflict").with("current", current));
        }
        other => other?,
    };
    if let Some(reason) = reason {
        objects::set_version_reason(unit.tx(), saved.id, saved.version, reason).await?;
    }
    let action = format!("object.{}", change.as_str());
    unit.journal(
        actor
            .entry(&action, Some("object"), Some(saved.id.to_string()))
            .details(details),
    );
    unit.commit().await?;
    Ok(saved)
}

/// Archives an object: it leaves the map but keeps its history. The reason, when
/// given, is kept on the new version and in the journal.
pub async fn archive(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: VersionOnly,
) -> Result<Object, AppError> {
    move_status(app, actor, id, input, Change::Archive).await
}

/// Brings an archived object back.
pub async fn restore(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: VersionOnly,
) -> Result<Object, AppError> {
    move_status(app, actor, id, input, Change::Restore).await
}

async fn move_status(
    app: &App,
    actor: &Actor,
    id: Uuid,
    input: VersionOnly,
    change: Change,
) -> Result<Object, AppError> {
    let reason = fito_core::text::optional("reason", input.reason.as_deref(), 2000)?;
    let mut o = in_scope(app, actor, id, Action::ObjectArchive).await?;
    let (to, already) = match change {
        Change::Archive => (STATUS_ARCHIVED, "object-archived"),
        _ => (STATUS_ACTIVE, "object-not-archived"),
    };
    if o.status == to {
        return Err(AppError::conflict(already));
    }
    o.status = to.to_string();
    let details = match &reason {
        Some(r) => json!({ "reason": r }),
        None => json!({}),
    };
    save_change_why(app, actor, o, input.version, change, details, reason).await
}
