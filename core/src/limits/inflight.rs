//! [`InFlight`]: how much work of each kind runs now in this process.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// Counts work in progress per key, up to a maximum per key. A
/// [`Permit`] holds one unit and gives it back when dropped, so a task
/// that fails or is cancelled (the client went away) never leaks one.
#[derive(Debug, Default, Clone)]
pub struct InFlight {
    counts: Arc<Mutex<HashMap<String, u32>>>,
}

/// One unit of work in progress; dropping it ends the work.
#[derive(Debug)]
pub struct Permit {
    counts: Arc<Mutex<HashMap<String, u32>>>,
    key: String,
}

impl InFlight {
    /// A permit for `key` while fewer than `max` are out; `None` otherwise.
    pub fn try_enter(&self, key: &str, max: u32) -> Option<Permit> {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        let n = counts.entry(key.to_owned()).or_insert(0);
        if *n >= max {
            return None;
        }
        *n += 1;
        Some(Permit {
            counts: Arc::clone(&self.counts),
            key: key.to_owned(),
        })
    }

    /// Work in progress under `key`.
    pub fn count(&self, key: &str) -> u32 {
        let counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        counts.get(key).copied().unwrap_or(0)
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(n) = counts.get_mut(&self.key) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                // Keys of finished work go, so the map stays as small as
                // the work in progress.
                counts.remove(&self.key);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permits_beyond_the_maximum_are_refused_until_one_is_dropped() {
        let g = InFlight::default();
        let a = g.try_enter("k", 2);
        let b = g.try_enter("k", 2);
        assert!(a.is_some() && b.is_some());
        assert!(g.try_enter("k", 2).is_none());
        assert!(g.try_enter("other", 2).is_some());
        drop(a);
        assert!(g.try_enter("k", 2).is_some());
    }

    #[test]
    fn a_key_without_work_is_forgotten() {
        let g = InFlight::default();
        drop(g.try_enter("k", 1));
        assert!(g.counts.lock().unwrap().is_empty());
    }
}
