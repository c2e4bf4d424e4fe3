//! # chat-ws
//!
//! The real-time gateway of the chat platform: `GET /ws` over warp.
//!
//! Why it exists: the core publishes events through its
//! `EventPublisher` port and knows nothing of sockets; this crate is that
//! port's adapter for browsers. It implements the WebSocket part of
//! API.md: `hello`, `identify`/`resume`, `ready`, per-session `seq`
//! numbers with a replay buffer, heartbeats, typing and presence frames,
//! and the close codes.
//!
//! ## Wiring
//! ```no_run
//! # fn wire(deps: chat_core::Deps) {
//! use chat_ws::{route, GatewayConfig, Hub};
//! let hub = Hub::new(GatewayConfig::default());
//! let chat = chat_core::Chat::new(chat_core::Deps { events: hub.clone(), ..deps });
//! let ws = route(hub.clone(), chat); // mount beside the REST filters
//! // on SIGTERM: hub.shutdown().await closes every socket with 1001
//! # let _ = ws;
//! # }
//! ```
//!
//! ## Map
//! - [`hub`](Hub): sessions and routing ([`EventPublisher`] impl): one
//!   rendering per event, bounded per-socket queues.
//! - `connection`: one task per socket (handshake, main loop, close).
//! - `frame`: parsing client frames and writing server frames.
//! - `ops`: one file per client operation (identify, resume, heartbeat,
//!   typing, presence).
//! - [`route`]: the warp filter with the `Origin` check.
//!
//! [`EventPublisher`]: chat_core::events::EventPublisher

#[cfg(test)]
mod asyncapi;
mod close;
mod config;
mod connection;
mod frame;
mod handshakes;
mod hub;
pub mod metrics;
mod ops;
mod origin;
mod route;

pub use config::GatewayConfig;
pub use hub::Hub;
pub use route::route;
