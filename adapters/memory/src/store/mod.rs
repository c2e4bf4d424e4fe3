//! [`MemoryStore`]: the whole storage port kept in process memory.
//!
//! One `std::sync::Mutex` guards the whole [`State`]. Every method takes it
//! once, does its work without awaiting, and releases it, so each call
//! (including multi-row changes like a join or a transfer) is atomic and
//! concurrent calls are serialised. The area files (`users.rs`,
//! `messages.rs`, …) mirror the core's areas and hold one trait impl each.

mod account;
mod attachments;
mod audit;
mod bans;
mod channels;
mod direct;
mod invites;
mod members;
mod messages;
mod reactions;
mod reads;
mod search;
mod servers;
mod sessions;
mod state;
mod timeouts;
mod transfer;
mod users;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

use async_trait::async_trait;
use chat_core::{Store, StoreResult};

use state::State;

/// Every store port, in memory: fast, atomic per call, nothing persisted.
#[derive(Debug, Default)]
pub struct MemoryStore {
    state: Mutex<State>,
    /// How many store calls took the lock (see [`MemoryStore::calls`]).
    calls: AtomicU64,
}

impl MemoryStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// How many store calls this store has served: each method takes the
    /// lock once, so this counts the round trips a use case makes (what a
    /// database store would pay in queries). For benchmarks.
    pub fn calls(&self) -> u64 {
        self.calls.load(Ordering::Relaxed)
    }

    /// The state, locked. A panic while the lock was held cannot leave a
    /// half-made change (no method panics mid-change), so a poisoned lock
    /// is safe to keep using rather than failing every later request.
    fn state(&self) -> MutexGuard<'_, State> {
        self.calls.fetch_add(1, Ordering::Relaxed);
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[async_trait]
impl Store for MemoryStore {
    async fn ping(&self) -> StoreResult<()> {
        Ok(())
    }
}
