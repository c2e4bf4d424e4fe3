//! The `chat-server` binary: settings in, then either an operator command
//! (`migrate`, `backup`, `dump`, `admin …`) or the server, which prints one
//! JSON line when listening (`{"listening":"127.0.0.1:8080"}`, for scripts
//! and tests) and serves until SIGINT/SIGTERM. Everything else is in the
//! library ([`chat_server`]).

use std::io::Write;
use std::process::ExitCode;

use chat_server::{cli, logging, Application, Config};

#[tokio::main]
async fn main() -> ExitCode {
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
    let mut config = Config::load()?;
    logging::init(config.log_format);
    if let Some(command) = config.command.take() {
        return cli::run(command, &config).await;
    }
    let app = Application::build(config).await?;
    let line = serde_json::json!({
        "listening": app.address().to_string(),
        "instance": app.instance(),
    });
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{line}")?;
    stdout.flush()?;
    drop(stdout);
    app.run_until_stopped().await
}
