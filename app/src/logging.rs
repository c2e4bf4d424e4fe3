//! Logging: `tracing` to stderr, level from `RUST_LOG` (default `info`),
//! as pretty lines or JSON lines (`--log-format`). Both carry the spans a
//! line happened in, so each request's line keeps its `request_id`.

use tracing_subscriber::EnvFilter;

use crate::config::LogFormat;

/// warp's own per-request warnings repeat what our request log says.
const QUIET_WARP: &str = "warp::filters::trace=error";

/// Installs the global subscriber (once, at start).
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info"))
        .add_directive(QUIET_WARP.parse().expect("a valid directive"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Pretty => builder.init(),
        LogFormat::Json => builder
            .json()
            .with_current_span(true)
            .with_span_list(true)
            .init(),
    }
}
