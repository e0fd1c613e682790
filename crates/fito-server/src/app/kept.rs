//! What an instance keeps in memory of what it read from the database, trusted
//! only while it is told of every commit: on PostgreSQL while its listener is up
//! (`notify::live`), never on SQLite. A commit that may have changed it makes it
//! forgotten — here at once (`Unit::commit`), from another instance or the command
//! line when the commit's notification arrives. A read that a change overtook is
//! not kept, so nothing older than the last change is ever served from memory.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Mutex, MutexGuard};

pub struct Kept<K, V> {
    state: Mutex<State<K, V>>,
    /// At most this many values; when full, all are forgotten (a read refills).
    limit: usize,
}

struct State<K, V> {
    /// Whether a committed change is sure to reach `changed` (a listener is up).
    told: bool,
    /// Bumped by every change: a read begun before it is not kept.
    generation: u64,
    /// Empty unless `told`.
    known: HashMap<K, V>,
}

impl<K, V> State<K, V> {
    fn forget(&mut self) {
        self.generation += 1;
        self.known.clear();
    }
}

/// When a value missing from memory was looked for: give it back to [`Kept::keep`]
/// with what was then read.
#[derive(Debug, Clone, Copy)]
pub struct Since(u64);

impl<K: Eq + Hash + Clone, V: Clone> Kept<K, V> {
    pub fn new(limit: usize) -> Kept<K, V> {
        Kept {
            state: Mutex::new(State {
                told: false,
                generation: 0,
                known: HashMap::new(),
            }),
            limit,
        }
    }

    fn state(&self) -> MutexGuard<'_, State<K, V>> {
        // Nothing panics while holding it; a poisoned state is still consistent.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A change may have been committed: every value is read again.
    pub fn changed(&self) {
        self.state().forget();
    }

    /// From now on every commit is told (`true`), or no longer is. Under the same
    /// lock as the forgetting, so no read can be kept in between.
    pub fn told(&self, on: bool) {
        let mut s = self.state();
        s.told = on;
        s.forget();
    }

    /// The value kept for `key`, or when to say it was looked for.
    pub fn get(&self, key: &K) -> Result<V, Since> {
        let s = self.state();
        s.known.get(key).cloned().ok_or(Since(s.generation))
    }

    /// Keeps a copy of what was read for `key` after [`Kept::get`] missed, unless a
    /// change came in between or commits are not told (then nothing is copied).
    pub fn keep(&self, key: &K, value: &V, since: Since) {
        let mut s = self.state();
        if !s.told || s.generation != since.0 {
            return;
        }
        if s.known.len() >= self.limit {
            s.known.clear();
        }
        s.known.insert(key.clone(), value.clone());
    }

    /// Changes the value kept for `key`, if any, as this instance just wrote it.
    pub fn update(&self, key: &K, change: impl FnOnce(&mut V)) {
        if let Some(v) = self.state().known.get_mut(key) {
            change(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_only_while_told_and_not_overtaken() {
        let kept: Kept<&str, i64> = Kept::new(2);
        let since = kept.get(&"a").unwrap_err();
        kept.keep(&"a", &1, since);
        assert!(kept.get(&"a").is_err(), "kept although nothing is told");

        kept.told(true);
        let since = kept.get(&"a").unwrap_err();
        kept.keep(&"a", &1, since);
        assert_eq!(kept.get(&"a").ok(), Some(1));

        let since = kept.get(&"b").unwrap_err();
        kept.changed();
        kept.keep(&"b", &2, since);
        assert!(
            kept.get(&"b").is_err(),
            "a read overtaken by a change was kept"
        );
        assert!(kept.get(&"a").is_err(), "a change left a value in memory");

        kept.keep(&"b", &2, kept.get(&"b").unwrap_err());
        kept.update(&"b", |v| *v = 3);
        assert_eq!(kept.get(&"b").ok(), Some(3));
        kept.told(false);
        assert!(kept.get(&"b").is_err(), "kept after the listener was lost");
    }

    #[test]
    fn a_full_memory_starts_again() {
        let kept: Kept<u32, u32> = Kept::new(2);
        kept.told(true);
        for k in 0..3 {
            kept.keep(&k, &k, kept.get(&k).unwrap_err());
        }
        assert!(kept.get(&0).is_err() && kept.get(&1).is_err());
        assert_eq!(kept.get(&2).ok(), Some(2));
    }
}
