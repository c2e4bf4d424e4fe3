//! # chat-memory
//!
//! In-memory adapters for `chat-core`: a complete [`MemoryStore`], an event
//! bus ([`MemoryEvents`]), live presence ([`MemoryPresence`]), the limits'
//! token buckets ([`MemoryCounters`]), and hand-written `fakes` (clock,
//! ids, hasher, tokens; feature `fakes`).
//!
//! Why it exists: use cases are unit-tested without any infrastructure,
//! programs can embed `chat-core` with zero setup, and `chat-server
//! --storage memory` runs without a database. The store is the reference
//! implementation of the storage port: it passes the same conformance suite
//! (`chat_core::testkit`) as the SQL and document stores. Nothing here is
//! persisted; the fakes are insecure by design and for tests only, behind
//! the `fakes` feature so that a production build does not contain them.

mod counters;
mod events;
#[cfg(feature = "fakes")]
pub mod fakes;
mod presence;
mod store;

pub use counters::MemoryCounters;
pub use events::MemoryEvents;
#[cfg(feature = "fakes")]
pub use fakes::{FakeMfaCrypto, FastHasher, InsecureTestTokens, ManualClock, SequentialIds};
pub use presence::MemoryPresence;
pub use store::MemoryStore;
