//! Encoded tiles kept per subtree, filters and address, each with the change-log
//! number it was made at: a tile is served from here only while no change has
//! been committed since (the log sync keeps, `fito_store::tiles::change_head`).

use bytes::Bytes;
use std::collections::HashMap;
use std::sync::Mutex;

/// At most this many bytes of tiles are kept; past it the cache starts afresh.
const MAX_BYTES: usize = 256 << 20;

#[derive(Default)]
pub struct TileCache {
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    tiles: HashMap<String, (i64, Bytes)>,
    bytes: usize,
}

impl TileCache {
    /// The tile under `key` if it was made at change `head`.
    pub fn get(&self, key: &str, head: i64) -> Option<Bytes> {
        let inner = self.inner.lock().ok()?;
        match inner.tiles.get(key) {
            Some((at, bytes)) if *at == head => Some(bytes.clone()),
            _ => None,
        }
    }

    pub fn put(&self, key: String, head: i64, bytes: Bytes) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.bytes + bytes.len() > MAX_BYTES {
            inner.tiles.clear();
            inner.bytes = 0;
        }
        inner.bytes += bytes.len();
        if let Some((_, old)) = inner.tiles.insert(key, (head, bytes)) {
            inner.bytes -= old.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tile_made_before_a_change_is_not_served_after_it() {
        let c = TileCache::default();
        c.put("k".into(), 7, Bytes::from_static(b"tile"));
        assert_eq!(c.get("k", 7).as_deref(), Some(&b"tile"[..]));
        assert_eq!(c.get("k", 8), None);
        assert_eq!(c.get("other", 7), None);
    }
}
