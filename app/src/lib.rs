//! # chat-server
//!
//! The application as a library (zero2prod's shape): [`Application::build`]
//! reads nothing itself: it takes a [`Config`], opens the chosen store,
//! builds [`chat_core::Chat`] over the real adapters and binds the one port
//! that serves the REST API, the WebSocket gateway (`/ws`) and the web
//! client (`/app/`). [`Application::address`] is the bound address (so
//! `--listen 127.0.0.1:0` works), [`Application::run_until_stopped`] serves
//! until SIGINT/SIGTERM (or the shutdown future given to
//! [`Application::build_with_shutdown`]). The choice of storage appears
//! here and nowhere else. The binary (`main.rs`) is a few lines around it.

pub mod cli;
pub mod config;
#[cfg(feature = "embedded-web")]
mod embedded;
pub mod logging;
mod metrics;
mod retention;
mod secret;
mod wiring;

pub use config::{Config, StorageKind};
pub use secret::Secret;
pub use wiring::Application;
