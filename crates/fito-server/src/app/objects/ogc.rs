//! The register as OGC API – Features layers (R-GEO-1): one collection of every
//! active object and one per active object type. The layer list reveals only the
//! object-type reference list, so it asks `reference.read`; features ask
//! `object.read` and are journalled like the register's list.
//!
//! Paging keeps `offset` as the standard says, with the order fixed by row id; a
//! cursor (`after`, the last row of a page) continues by keyset however deep the
//! page. `matched` is one SQL count, given only where it is exact and cheap:
//! without a bbox (each match would need its geometry tested) and not on pages
//! reached by the cursor.

use super::geometry::{exact, parse_bbox, stored_geometry};
use super::in_scope;
use crate::app::{Actor, App, AppError, EntryExt};
use crate::i18n::Lang;
use fito_core::Action;
use fito_store::objects::{self, BoxDeg, Object, STATUS_ACTIVE, Search};
use fito_store::reference;
use fito_store::zones::{self, Zone, ZoneFilter};
use serde_json::json;
use uuid::Uuid;

/// The collection of every object, whatever its type.
pub const ALL_OBJECTS: &str = "objects";
/// The collection of quarantine zones (issue 14), of every status.
pub const ZONES: &str = "zones";
const DEFAULT_LIMIT: u64 = 100;
const MAX_LIMIT: u64 = 10_000;
/// Rows read per database round trip while filling a page.
const BATCH: u64 = 1_000;

/// One layer: its id, and the type code it filters by (`None` for all objects),
/// titled in the actor's language.
pub struct Collection {
    pub id: String,
    pub type_code: Option<String>,
    /// The quarantine zones' layer (issue 14), not the register's.
    pub zones: bool,
    pub title: String,
    pub description: String,
}

/// The service's description and conformance: for those who may read reference data.
pub fn open(actor: &Actor) -> Result<(), AppError> {
    actor.require(Action::ReferenceRead)
}

async fn all(app: &App, lang: Lang) -> Result<Vec<Collection>, AppError> {
    let msg = |id: &str| app.i18n.message(lang, id, &[]);
    let mut all = vec![Collection {
        id: ALL_OBJECTS.into(),
        type_code: None,
        zones: false,
        title: msg("ogc-collection-objects"),
        description: msg("ogc-collection-objects-description"),
    }];
    all.push(Collection {
        id: ZONES.into(),
        type_code: None,
        zones: true,
        title: msg("ogc-collection-zones"),
        description: msg("ogc-collection-zones-description"),
    });
    for t in reference::object_types(app.store.reader()).await? {
        if !t.active || t.code == ALL_OBJECTS || t.code == ZONES {
            continue;
        }
        let title = match lang {
            Lang::Kk => t.name_kk,
            Lang::Ru => t.name_ru,
            Lang::En => t.name_en.unwrap_or(t.name_ru),
        };
        all.push(Collection {
            id: t.code.clone(),
            type_code: Some(t.code),
            zones: false,
            title,
            description: msg("ogc-collection-description"),
        });
    }
    Ok(all)
}

async fn find(app: &App, lang: Lang, id: &str) -> Result<Collection, AppError> {
    all(app, lang)
        .await?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or_else(|| AppError::not_found("ogc-collection-not-found"))
}

/// Every layer the server offers.
pub async fn collections(app: &App, actor: &Actor) -> Result<Vec<Collection>, AppError> {
    open(actor)?;
    all(app, actor.meta.lang).await
}

/// One layer.
pub async fn collection(app: &App, actor: &Actor, id: &str) -> Result<Collection, AppError> {
    open(actor)?;
    find(app, actor.meta.lang, id).await
}

/// The items asked for, as the query carries them.
#[derive(Debug, Clone, Default)]
pub struct ItemsQuery {
    /// west,south,east,north (CRS84); a 3D box of six numbers has its heights ignored.
    pub bbox: Option<String>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
    /// RFC 3339 instant or interval; objects carry no temporal extent, so it keeps all.
    pub datetime: Option<String>,
    /// The keyset cursor: continue after this row.
    pub after: Option<i64>,
    /// The format: only `json` (GeoJSON) is offered.
    pub f: Option<String>,
}

/// A page of a layer: its objects, whether more follow, how many match in all
/// where that is known cheaply, and the paging it was made with.
pub struct Items {
    pub collection: Collection,
    pub objects: Vec<Object>,
    /// The zones' layer's features (its `objects` stay empty).
    pub zones: Vec<Zone>,
    pub more: bool,
    pub matched: Option<u64>,
    pub limit: u64,
    pub offset: u64,
}

/// The OGC bbox: four numbers, or six (3D) whose heights are dropped.
fn ogc_bbox(text: &str) -> Result<BoxDeg, AppError> {
    let parts: Vec<&str> = text.split(',').collect();
    match parts.len() {
        6 => parse_bbox(&[parts[0], parts[1], parts[3], parts[4]].join(",")),
        _ => parse_bbox(text),
    }
}

fn check_datetime(text: &str) -> Result<(), AppError> {
    let parts: Vec<&str> = text.split('/').collect();
    let ok = parts.len() <= 2
        && parts.iter().all(|p| {
            (parts.len() == 2 && (p.is_empty() || *p == ".."))
                || chrono::DateTime::parse_from_rfc3339(p).is_ok()
        });
    if ok {
        Ok(())
    } else {
        Err(AppError::bad_request("ogc-datetime-invalid"))
    }
}

/// The features of a layer in the actor's subtree; the read is journalled.
pub async fn items(
    app: &App,
    actor: &Actor,
    collection_id: &str,
    q: &ItemsQuery,
) -> Result<Items, AppError> {
    let collection = find(app, actor.meta.lang, collection_id).await?;
    actor.require(if collection.zones {
        Action::ZoneRead
    } else {
        Action::ObjectRead
    })?;
    if let Some(d) = &q.datetime {
        check_datetime(d)?;
    }
    if q.f
        .as_deref()
        .is_some_and(|f| !matches!(f, "json" | "geojson"))
    {
        return Err(AppError::bad_request("request-invalid-query").with("param", "f"));
    }
    let limit = q.limit.unwrap_or(DEFAULT_LIMIT).clamp(1, MAX_LIMIT);
    let offset = q.offset.unwrap_or(0);
    if collection.zones {
        return zone_items(app, actor, collection, q, limit, offset).await;
    }
    let (objects, more, matched) = select(app, actor, &collection, q, limit, offset).await?;
    actor
        .record(actor.entry("object.list", Some("object"), None).details(
            json!({ "collection": collection.id, "bbox": q.bbox, "offset": offset, "returned": objects.len() }),
        ))
        .await?;
    Ok(Items {
        collection,
        objects,
        zones: Vec::new(),
        more,
        matched,
        limit,
        offset,
    })
}

async fn select(
    app: &App,
    actor: &Actor,
    c: &Collection,
    q: &ItemsQuery,
    limit: u64,
    offset: u64,
) -> Result<(Vec<Object>, bool, Option<u64>), AppError> {
    let bbox = q.bbox.as_deref().map(ogc_bbox).transpose()?;
    let Some(org_path) = actor.org_path.clone() else {
        return Ok((Vec::new(), false, Some(0)));
    };
    let search = Search {
        org_path,
        bbox,
        type_code: c.type_code.clone(),
        status: Some(STATUS_ACTIVE.into()),
        after_rid: q.after,
        ..Search::default()
    };
    let matched = if bbox.is_none() && q.after.is_none() {
        Some(objects::count(app.store.reader(), app.store.engine(), &search).await?)
    } else {
        None
    };
    let exact = bbox.map(exact).transpose()?;
    let skip = if q.after.is_some() { 0 } else { offset };
    let (objects, more) = page(app, search, exact, skip, limit).await?;
    Ok((objects, more, matched))
}

/// One page: `limit` matching objects after skipping `skip`, starting after row
/// `after`; and whether more follow.
async fn page(
    app: &App,
    mut search: Search,
    exact: Option<fito_geo::Bbox>,
    mut skip: u64,
    limit: u64,
) -> Result<(Vec<Object>, bool), AppError> {
    let mut out = Vec::new();
    search.limit = BATCH.max(limit + 1);
    loop {
        let rows = objects::search(app.store.reader(), app.store.engine(), &search).await?;
        let exhausted = (rows.len() as u64) < search.limit;
        search.after_rid = rows.last().map(|o| o.rid).or(search.after_rid);
        for o in rows {
            if let Some(b) = &exact
                && !stored_geometry(&o)?.intersects_bbox(b)
            {
                continue;
            }
            if skip > 0 {
                skip -= 1;
                continue;
            }
            if out.len() as u64 == limit {
                return Ok((out, true));
            }
            out.push(o);
        }
        if exhausted {
            return Ok((out, false));
        }
    }
}

/// One feature: a register object or a quarantine zone.
pub enum Found {
    Object(Box<Object>),
    Zone(Box<Zone>),
}

/// One feature of a layer; outside the actor's subtree, archived, or of another
/// type it does not exist. The read is journalled.
pub async fn item(
    app: &App,
    actor: &Actor,
    collection_id: &str,
    feature_id: &str,
) -> Result<(Collection, Found), AppError> {
    let c = find(app, actor.meta.lang, collection_id).await?;
    if c.zones {
        let id = Uuid::parse_str(feature_id).map_err(|_| AppError::not_found("zone-not-found"))?;
        let z = crate::app::zones::get(app, actor, id).await?;
        return Ok((c, Found::Zone(Box::new(z))));
    }
    actor.require(Action::ObjectRead)?;
    let missing = || AppError::not_found("object-not-found");
    let id = Uuid::parse_str(feature_id).map_err(|_| missing())?;
    let o = in_scope(app, actor, id, Action::ObjectRead).await?;
    if o.status != STATUS_ACTIVE || c.type_code.as_ref().is_some_and(|t| *t != o.type_code) {
        return Err(missing());
    }
    actor
        .record(actor.entry("object.read", Some("object"), Some(id.to_string())))
        .await?;
    Ok((c, Found::Object(Box::new(o))))
}

/// A page of the zones' layer: the zones of the actor's subtree, every status, by
/// row id; a bbox keeps those whose boundary really meets it. Zones are few, so
/// `matched` is always counted.
async fn zone_items(
    app: &App,
    actor: &Actor,
    collection: Collection,
    q: &ItemsQuery,
    limit: u64,
    offset: u64,
) -> Result<Items, AppError> {
    let bbox = q.bbox.as_deref().map(ogc_bbox).transpose()?;
    let mut found = Vec::new();
    if let Some(org_path) = actor.org_path.clone() {
        let filter = ZoneFilter {
            org_path,
            bbox,
            limit: 100_000,
            ..ZoneFilter::default()
        };
        let exact = bbox.map(exact).transpose()?;
        for z in zones::list(app.store.reader(), &filter).await? {
            let meets = match &exact {
                Some(b) => crate::app::zones::boundary(&z)?.intersects_bbox(b),
                None => true,
            };
            if meets && q.after.is_none_or(|after| z.rid > after) {
                found.push(z);
            }
        }
    }
    let matched = (q.after.is_none()).then_some(found.len() as u64);
    let skip = if q.after.is_some() { 0 } else { offset };
    let mut page: Vec<Zone> = found.into_iter().skip(skip as usize).collect();
    let more = page.len() as u64 > limit;
    page.truncate(limit as usize);
    actor
        .record(actor.entry("zone.list", Some("zone"), None).details(
            json!({ "collection": collection.id, "bbox": q.bbox, "offset": offset, "returned": page.len() }),
        ))
        .await?;
    Ok(Items {
        collection,
        objects: Vec::new(),
        zones: page,
        more,
        matched,
        limit,
        offset,
    })
}
