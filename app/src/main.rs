//! # chat-server
//!
//! The binary: reads the [`config::Config`], opens the chosen store, builds
//! [`chat_core::Chat`] over the real adapters, and serves the REST API, the
//! WebSocket gateway (`/ws`) and the web client (`/app/`) on one port. The
//! choice of storage appears here and nowhere else.

mod config;
mod retention;
mod wiring;

use std::process::ExitCode;

use tracing_subscriber::EnvFilter;

const QUIET_WARP: &str = "warp::filters::trace=error";

#[tokio::main]
async fn main() -> ExitCode {
    // warp's own per-request warnings repeat what our request log says.
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info"))
        .add_directive(QUIET_WARP.parse().expect("a valid directive"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    let result = match config::Config::load() {
        Ok(config) => wiring::run(config).await,
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One clear line, not a stack of panics.
            eprintln!("chat-server: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}
