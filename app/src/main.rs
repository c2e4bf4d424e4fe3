//! The `chat-server` binary: settings in, one JSON line out when listening
//! (`{"listening":"127.0.0.1:8080"}`, for scripts and tests), then serve
//! until SIGINT/SIGTERM. Everything else is in the library ([`chat_server`]).

use std::io::Write;
use std::process::ExitCode;

use chat_server::{Application, Config};
use tracing_subscriber::EnvFilter;

/// warp's own per-request warnings repeat what our request log says.
const QUIET_WARP: &str = "warp::filters::trace=error";

#[tokio::main]
async fn main() -> ExitCode {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info"))
        .add_directive(QUIET_WARP.parse().expect("a valid directive"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    match run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One clear line, not a stack of panics.
            eprintln!("chat-server: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    let app = Application::build(Config::load()?).await?;
    let line = serde_json::json!({ "listening": app.address().to_string() });
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{line}")?;
    stdout.flush()?;
    drop(stdout);
    app.run_until_stopped().await
}
