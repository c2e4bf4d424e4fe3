//! # chat-wire
//!
//! The JSON resources of API.md (`user`, `server`, `member`, `channel`,
//! `message`, `invite`, `ban`) and the WebSocket event payloads, built from
//! chat-core's types. The REST and WebSocket adapters both speak through
//! this crate, so a resource has exactly one JSON shape everywhere.

mod account;
mod audit;
mod direct;
mod events;
mod reads;
mod resources;
mod search;

pub use account::*;
pub use audit::{AuditChangeDto, AuditEntryDto};
pub use direct::*;
pub use events::*;
pub use reads::*;
pub use resources::*;
pub use search::*;
