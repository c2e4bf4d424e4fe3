//! [`MemoryPresence`]: connection counts and typing indicators, in memory.
//!
//! Both maps sit behind short `std::sync::Mutex` sections (a hash lookup
//! and an update, never an await), so calls are cheap and never block for
//! long. Typing entries older than the throttle are pruned as the map
//! grows, so it stays proportional to the people typing right now.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};

use chat_core::ids::{ChannelId, UserId};
use chat_core::presence::{Presence, TYPING_THROTTLE_MS, TYPING_TTL_MS};
use chat_core::Timestamp;
/// Typing entries kept before the first prune.
const PRUNE_AT: usize = 1024;

/// Live presence in one process.
#[derive(Debug, Default)]
pub struct MemoryPresence {
    connections: Mutex<HashMap<UserId, u32>>,
    typing: Mutex<Typing>,
}

#[derive(Debug, Default)]
struct Typing {
    /// (user, channel) → when their last start was accepted.
    accepted: HashMap<(UserId, ChannelId), Timestamp>,
    /// Size at which the next prune runs.
    prune_at: usize,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // The guarded maps are valid after any panic (each update is one insert).
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Presence for MemoryPresence {
    fn connect(&self, user: UserId) -> bool {
        let mut connections = lock(&self.connections);
        let count = connections.entry(user).or_insert(0);
        *count = count.saturating_add(1);
        *count == 1
    }

    fn disconnect(&self, user: UserId) -> bool {
        let mut connections = lock(&self.connections);
        match connections.get_mut(&user) {
            Some(count) if *count > 1 => {
                *count -= 1;
                false
            }
            Some(_) => {
                connections.remove(&user);
                true
            }
            None => false,
        }
    }

    fn is_connected(&self, user: UserId) -> bool {
        lock(&self.connections).contains_key(&user)
    }

    fn start_typing(&self, user: UserId, channel: ChannelId, now: Timestamp) -> Option<Timestamp> {
        let mut typing = lock(&self.typing);
        let key = (user, channel);
        if let Some(last) = typing.accepted.get(&key) {
            if now < last.plus_millis(TYPING_THROTTLE_MS) {
                return None;
            }
        }
        typing.accepted.insert(key, now);
        typing.prune(now);
        Some(now.plus_millis(TYPING_TTL_MS))
    }
}

impl Typing {
    /// Drops entries that can no longer throttle anything, once the map
    /// has doubled since the last prune (amortised O(1) per call).
    fn prune(&mut self, now: Timestamp) {
        if self.accepted.len() < self.prune_at.max(PRUNE_AT) {
            return;
        }
        self.accepted
            .retain(|_, at| now < at.plus_millis(TYPING_THROTTLE_MS));
        self.prune_at = self.accepted.len() * 2;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn ids() -> (UserId, ChannelId) {
        (
            UserId::from_uuid(Uuid::now_v7()),
            ChannelId::from_uuid(Uuid::now_v7()),
        )
    }

    #[test]
    fn first_connect_and_last_disconnect_report_true() {
        let p = MemoryPresence::default();
        let (u, _) = ids();
        assert!(p.connect(u));
        assert!(!p.connect(u));
        assert!(!p.disconnect(u));
        assert!(p.is_connected(u));
        assert!(p.disconnect(u));
        assert!(!p.is_connected(u));
    }

    #[test]
    fn disconnect_never_goes_below_zero() {
        let p = MemoryPresence::default();
        let (u, _) = ids();
        assert!(!p.disconnect(u));
        assert!(p.connect(u));
    }

    #[test]
    fn typing_expires_after_eight_seconds_and_is_throttled_for_three() {
        let p = MemoryPresence::default();
        let (u, c) = ids();
        let t0 = Timestamp::from_millis(1_700_000_000_000);
        assert_eq!(p.start_typing(u, c, t0), Some(t0.plus_seconds(8)));
        assert_eq!(p.start_typing(u, c, t0.plus_millis(2_999)), None);
        let t3 = t0.plus_seconds(3);
        assert_eq!(p.start_typing(u, c, t3), Some(t3.plus_seconds(8)));
    }

    #[test]
    fn typing_throttle_is_per_user_and_channel() {
        let p = MemoryPresence::default();
        let (u, c) = ids();
        let (v, d) = ids();
        let t0 = Timestamp::from_millis(1_700_000_000_000);
        assert!(p.start_typing(u, c, t0).is_some());
        assert!(p.start_typing(v, c, t0).is_some());
        assert!(p.start_typing(u, d, t0).is_some());
    }

    #[test]
    fn pruning_keeps_recent_entries() {
        let p = MemoryPresence::default();
        let t0 = Timestamp::from_millis(1_700_000_000_000);
        for _ in 0..PRUNE_AT - 1 {
            let (u, c) = ids();
            p.start_typing(u, c, t0);
        }
        let (u, c) = ids();
        let later = t0.plus_seconds(10);
        assert!(p.start_typing(u, c, later).is_some());
        assert_eq!(p.start_typing(u, c, later), None);
        assert_eq!(lock(&p.typing).accepted.len(), 1, "old entries pruned");
    }
}
