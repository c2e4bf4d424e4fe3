//! # chat-server
//!
//! The binary: reads the [`config::Config`], opens the chosen store, builds
//! [`chat_core::Chat`] over the real adapters, and serves the REST API, the
//! WebSocket gateway (`/ws`) and the web client (`/app/`) on one port. The
//! choice of storage appears here and nowhere else.

mod cli;
mod config;
mod logging;
mod metrics;
mod retention;
mod wiring;

use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let result = match config::Config::load() {
        Ok(mut config) => {
            logging::init(config.log_format);
            match config.command.take() {
                Some(command) => cli::run(command, &config).await,
                None => wiring::run(config).await,
            }
        }
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
