//! What changed since a cursor that the caller keeps offline (R-MOB-1, R-MOB-4):
//! reference data, own survey tasks, the objects on open ones (and those the caller
//! registered), own acts, the quarantine zones of the caller's assigned area (issue
//! 14). Pulling again with the answer's cursor never repeats or skips a change.

use crate::app::objects::parse_stored;
use crate::app::{Actor, App, AppError};
use fito_core::Action;
use fito_geo::Geometry;
use fito_store::acts::Act;
use fito_store::fieldwork::{self, Task};
use fito_store::objects::Object;
use fito_store::sync as log;
use fito_store::zones::Zone;
use serde_json::Value;
use std::collections::HashSet;
use uuid::Uuid;

/// Change-log rows looked at per answer at most (rows outside the caller's scope
/// are skipped, and the cursor moves past them).
const MAX_SCANNED: usize = 5000;
/// Rows read from the log at a time.
const PAGE: u64 = 500;

/// One change the caller keeps.
pub enum Change {
    /// An object in the caller's scope, as it is now.
    Object(Box<Object>),
    /// An object of a task of the caller's no longer open: the app drops it.
    ObjectLeft { id: Uuid, version: i64 },
    /// A task of the caller's with its objects; `seq` is the change's place in the log.
    Task {
        task: Box<Task>,
        object_ids: Vec<Uuid>,
        seq: i64,
    },
    /// An act the caller drafted.
    Act(Box<Act>),
    /// A quarantine zone of the caller's assigned area, any status (issue 14): the
    /// field app warns of established ones offline, and a lifted one stops warning.
    Zone(Box<Zone>),
    /// A zone of the caller's subtree outside their assigned area: the app drops it.
    ZoneLeft { id: Uuid, version: i64 },
    /// An entry of a reference list.
    Reference {
        list: String,
        key: String,
        entry: Value,
        seq: i64,
    },
}

pub struct Pulled {
    /// Where the next pull starts.
    pub cursor: String,
    /// More changes wait beyond the cursor.
    pub more: bool,
    pub changes: Vec<Change>,
}

/// Changes after `cursor` (none: from the start), at most `limit` (1..1000, default 500).
pub async fn pull(
    app: &App,
    actor: &Actor,
    cursor: Option<&str>,
    limit: Option<u64>,
) -> Result<Pulled, AppError> {
    let limit = match limit {
        None => 500,
        Some(n @ 1..=1000) => n as usize,
        Some(_) => {
            return Err(AppError::unprocessable("sync-limit-out-of-range")
                .with("min", 1)
                .with("max", 1000));
        }
    };
    actor.require(Action::ReferenceRead)?;
    let mut cursor = decode_cursor(cursor)?;
    let reader = app.store.reader();
    // The log as far as it is committed now, read before the scope: every change up
    // to `bound` is then judged by a scope at least as new as the change, and a scope
    // change (a task assigned or closed) moves what it affects past `bound`, to be
    // judged on a later pull. So a record never slips by under a stale scope.
    let bound = log::head(reader).await?;
    let mut scope = Scope {
        task_objects: log::open_task_objects(reader, actor.user.id).await?,
        assigned: log::assigned_objects(reader, actor.user.id).await?,
        area: None,
    };
    let mut changes = Vec::new();
    let mut scanned = 0;
    loop {
        let mut batch = log::changes_after(reader, cursor, PAGE).await?;
        batch.retain(|c| c.seq <= bound);
        if batch.is_empty() {
            return Ok(Pulled {
                cursor: encode_cursor(cursor),
                more: false,
                changes,
            });
        }
        for c in &batch {
            if changes.len() >= limit || scanned >= MAX_SCANNED {
                return Ok(Pulled {
                    cursor: encode_cursor(cursor),
                    more: true,
                    changes,
                });
            }
            if let Some(change) = kept(app, actor, &mut scope, c).await? {
                changes.push(change);
            }
            cursor = c.seq;
            scanned += 1;
        }
    }
}

fn encode_cursor(seq: i64) -> String {
    format!("c1.{seq}")
}

fn decode_cursor(c: Option<&str>) -> Result<i64, AppError> {
    match c {
        None | Some("") => Ok(0),
        Some(c) => c
            .strip_prefix("c1.")
            .and_then(|n| n.parse::<i64>().ok())
            .filter(|n| *n >= 0)
            .ok_or_else(|| AppError::bad_request("sync-cursor-invalid")),
    }
}

/// What the caller keeps in the field: objects on their open tasks or made by them,
/// and the quarantine zones of their assigned area.
struct Scope {
    task_objects: HashSet<Uuid>,
    /// On any of the caller's tasks, open or not.
    assigned: HashSet<Uuid>,
    /// The assigned area, read when the first zone comes by (see `Area`).
    area: Option<Area>,
}

/// Where the caller works, for the zones their device keeps (issue 14).
enum Area {
    /// The places of their open survey tasks: each task's area and its objects.
    Tasks(Vec<Geometry>),
    /// No open task: their organisation's territory, i.e. every zone of the subtree.
    /// An inspector without a task still surveys ad hoc (a complaint, a control
    /// visit) anywhere in the territory and expects the warning there; a few zones
    /// too many on the phone cost little, a missing warning inside a zone costs a
    /// quarantine breach. With open tasks the phone keeps only the zones their places
    /// meet, as the issue asks ("zones of the assigned area").
    Territory,
}

impl Area {
    async fn of(app: &App, actor: &Actor) -> Result<Area, AppError> {
        let places = log::open_task_places(app.store.reader(), actor.user.id).await?;
        if places.is_empty() {
            return Ok(Area::Territory);
        }
        let shapes = places.iter().map(|text| parse_stored(text));
        Ok(Area::Tasks(shapes.collect::<Result<_, _>>()?))
    }

    fn meets(&self, z: &Zone) -> Result<bool, AppError> {
        let Area::Tasks(shapes) = self else {
            return Ok(true);
        };
        let b = fito_geo::Bbox::parse(z.min_lon, z.min_lat, z.max_lon, z.max_lat)?;
        let mut near = shapes.iter().filter(|g| g.intersects_bbox(&b)).peekable();
        if near.peek().is_none() {
            return Ok(false);
        }
        let boundary = crate::app::zones::boundary(z)?;
        Ok(near.any(|g| g.intersects(&boundary)))
    }
}

impl Scope {
    async fn object(&self, app: &App, actor: &Actor, o: &Object) -> Result<bool, AppError> {
        if !(self.task_objects.contains(&o.id) || o.created_by == Some(actor.user.id)) {
            return Ok(false);
        }
        let path = app.org_path(o.organization_id).await?;
        Ok(actor.sees(path.as_deref()))
    }
}

/// The change the caller keeps for log row `c`, if any.
async fn kept(
    app: &App,
    actor: &Actor,
    scope: &mut Scope,
    c: &log::Change,
) -> Result<Option<Change>, AppError> {
    let reader = app.store.reader();
    match c.kind.as_str() {
        "object" => {
            let Some(id) = c.uuid() else { return Ok(None) };
            let Some(o) = fito_store::objects::get(reader, id).await? else {
                return Ok(None);
            };
            Ok(if scope.object(app, actor, &o).await? {
                Some(Change::Object(Box::new(o)))
            } else if scope.assigned.contains(&id) {
                Some(Change::ObjectLeft {
                    id,
                    version: o.version,
                })
            } else {
                None
            })
        }
        "task" => {
            let Some(id) = c.uuid() else { return Ok(None) };
            let Some(task) = fieldwork::task(reader, id).await? else {
                return Ok(None);
            };
            if task.assignee_id != actor.user.id {
                return Ok(None);
            }
            // Its objects come as their own changes: the log moves them along with
            // every change of the task, so they enter or leave the scope with it.
            let object_ids = fieldwork::task_objects(reader, id).await?;
            Ok(Some(Change::Task {
                task: Box::new(task),
                object_ids,
                seq: c.seq,
            }))
        }
        "act" => {
            let Some(id) = c.uuid() else { return Ok(None) };
            Ok(fito_store::acts::act(reader, id)
                .await?
                .filter(|a| a.inspector_id == actor.user.id)
                .map(|a| Change::Act(Box::new(a))))
        }
        "zone" => {
            let Some(id) = c.uuid() else { return Ok(None) };
            if !actor
                .role
                .is_some_and(|r| fito_core::permission::allowed(r, Action::ZoneRead))
            {
                return Ok(None);
            }
            let Some(z) = fito_store::zones::get(reader, id).await? else {
                return Ok(None);
            };
            let path = app.org_path(z.organization_id).await?;
            if !actor.sees(path.as_deref()) {
                return Ok(None);
            }
            if scope.area.is_none() {
                scope.area = Some(Area::of(app, actor).await?);
            }
            let inside = match &scope.area {
                Some(area) => area.meets(&z)?,
                None => true,
            };
            Ok(Some(if inside {
                Change::Zone(Box::new(z))
            } else {
                Change::ZoneLeft {
                    id,
                    version: z.version,
                }
            }))
        }
        list if log::REFERENCE_LISTS.contains(&list) => {
            Ok(log::reference_entry(reader, list, &c.key)
                .await?
                .map(|entry| Change::Reference {
                    list: list.to_string(),
                    key: c.key.clone(),
                    entry,
                    seq: c.seq,
                }))
        }
        _ => Ok(None),
    }
}
