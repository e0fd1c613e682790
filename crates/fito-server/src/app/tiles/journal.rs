//! Tile reads in the journal (issue 16, R-AUDIT-1): a map view asks dozens of
//! tiles a second, so the answer does not wait for a journal line per tile.
//! Reads of one session, layer and filters are summed over a short window (how
//! many, at which zooms, over which extent) and journalled as ONE `tile.read`
//! entry by a background flusher through the audit writer; what is pending is
//! written when the server stops. A crash loses at most the last window (and
//! what the audit writer had queued), as docs/architecture/decisions.md says.

use crate::app::audit_writer::AuditWriter;
use fito_store::audit::NewEntry;
use fito_tiles::TileId;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;
use uuid::Uuid;

/// How long reads are summed before their entry is written.
pub const WINDOW: Duration = Duration::from_secs(1);

/// Whose reads of what are summed together.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    user: Option<Uuid>,
    session: Option<Uuid>,
    ip: Option<String>,
    device: Option<String>,
    layer: String,
    filters: String,
}

struct Summary {
    /// The first read's entry (its time, actor and request facts).
    first: NewEntry,
    filters: serde_json::Value,
    tiles: u64,
    not_modified: u64,
    zooms: BTreeMap<u8, u64>,
    /// west, south, east, north of the tiles read.
    extent: [f64; 4],
    last_at: i64,
}

impl Summary {
    fn entry(self) -> NewEntry {
        let [w, s, e, n] = self.extent;
        let zooms: serde_json::Map<String, serde_json::Value> = self
            .zooms
            .iter()
            .map(|(z, c)| (z.to_string(), json!(c)))
            .collect();
        let mut entry = self.first;
        entry.details = json!({
            "layer": entry.details["layer"],
            "filters": self.filters,
            "tiles": self.tiles,
            "not_modified": self.not_modified,
            "zooms": zooms,
            "extent": [w, s, e, n],
            "until": self.last_at,
        });
        entry
    }
}

/// One tile read, as the journal sums it.
pub struct TileRead {
    pub entry: NewEntry,
    pub session: Option<Uuid>,
    pub layer: String,
    /// The filters asked (an object; `{}` for none).
    pub filters: serde_json::Value,
    pub tile: TileId,
}

/// Pending summaries; written every [`WINDOW`] and when dropped (server stop).
pub struct TileReads {
    pending: Mutex<HashMap<Key, Summary>>,
    audit: AuditWriter,
    flusher: std::sync::Once,
}

impl TileReads {
    pub fn new(audit: AuditWriter) -> Arc<TileReads> {
        Arc::new(TileReads {
            pending: Mutex::default(),
            audit,
            flusher: std::sync::Once::new(),
        })
    }

    /// Counts a read of `tile` of `layer`: `entry` is the actor's `tile.read`
    /// entry (who, when, from where) of the request that came with `session`.
    pub fn add(self: &Arc<Self>, read: TileRead, not_modified: bool) {
        self.start_flusher();
        let TileRead {
            mut entry,
            session,
            layer,
            filters,
            tile,
        } = read;
        let key = Key {
            user: entry.actor_id,
            session,
            ip: entry.ip.clone(),
            device: entry.device_id.clone(),
            layer: layer.clone(),
            filters: filters.to_string(),
        };
        entry.details = json!({ "layer": layer });
        let b = tile.bounds(0);
        let at = entry.at;
        let Ok(mut pending) = self.pending.lock() else {
            return;
        };
        let s = pending.entry(key).or_insert_with(|| Summary {
            first: entry,
            filters,
            tiles: 0,
            not_modified: 0,
            zooms: BTreeMap::new(),
            extent: [b.west, b.south, b.east, b.north],
            last_at: at,
        });
        s.tiles += 1;
        s.not_modified += u64::from(not_modified);
        *s.zooms.entry(tile.z()).or_default() += 1;
        s.extent = [
            s.extent[0].min(b.west),
            s.extent[1].min(b.south),
            s.extent[2].max(b.east),
            s.extent[3].max(b.north),
        ];
        s.last_at = s.last_at.max(at);
    }

    /// Hands every pending summary to the audit writer.
    pub fn flush(&self) {
        let taken = match self.pending.lock() {
            Ok(mut p) => std::mem::take(&mut *p),
            Err(_) => return,
        };
        for (_, s) in taken {
            self.audit.enqueue(s.entry());
        }
    }

    /// The flusher holds only a weak reference: it ends when the app is gone,
    /// whose drop writes the rest.
    fn start_flusher(self: &Arc<Self>) {
        self.flusher.call_once(|| {
            let weak: Weak<TileReads> = Arc::downgrade(self);
            tokio::spawn(async move {
                // The first window ends a window after the first read (an interval's
                // first tick would fire at once and journal that read alone).
                let first = tokio::time::Instant::now() + WINDOW;
                let mut tick = tokio::time::interval_at(first, WINDOW);
                tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                loop {
                    tick.tick().await;
                    match weak.upgrade() {
                        Some(reads) => reads.flush(),
                        None => break,
                    }
                }
            });
        });
    }
}

impl Drop for TileReads {
    fn drop(&mut self) {
        self.flush();
    }
}
