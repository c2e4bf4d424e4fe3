//! Metrics: Prometheus text at `GET /metrics` on a separate address
//! (`--metrics-listen`, off by default), never on the public port, so
//! only what can reach that address (a scraper on a private network)
//! reads it.
//!
//! The adapters count through the `metrics` facade (requests and latency
//! by route and status, rate-limit refusals, events delivered and dropped,
//! slow-consumer closes); the gauges (open sockets, identified and
//! resumable sessions) are read from the gateway at each scrape. Without
//! `--metrics-listen` no recorder is installed and counting costs nothing.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use chat_ws::Hub;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};
use warp::Filter;

/// Latency buckets, in seconds: 0.5 ms to 10 s.
const LATENCY_BUCKETS: &[f64] = &[
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// How often histogram data is compacted.
const UPKEEP: Duration = Duration::from_secs(5);

/// Installs the recorder and serves `/metrics` on `addr`; returns the
/// bound address. Refuses the public address.
pub fn serve(addr: SocketAddr, public: SocketAddr, hub: Arc<Hub>) -> anyhow::Result<SocketAddr> {
    anyhow::ensure!(
        addr.port() == 0 || addr.port() != public.port(),
        "--metrics-listen must not be the public port ({public})"
    );
    let handle = PrometheusBuilder::new()
        .set_buckets_for_metric(Matcher::Suffix("duration_seconds".into()), LATENCY_BUCKETS)
        .context("metrics buckets")?
        .install_recorder()
        .context("cannot install the metrics recorder")?;
    describe();
    let upkeep = handle.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(UPKEEP);
        loop {
            tick.tick().await;
            upkeep.run_upkeep();
        }
    });
    let route = warp::path!("metrics")
        .and(warp::get())
        .map(move || render(&handle, &hub))
        .map(|text: String| {
            warp::reply::with_header(text, "content-type", "text/plain; version=0.0.4")
        });
    let (bound, server) = warp::serve(route)
        .try_bind_ephemeral(addr)
        .with_context(|| format!("cannot listen on {addr} for metrics"))?;
    tokio::spawn(server);
    tracing::info!(%bound, "metrics at http://{bound}/metrics");
    Ok(bound)
}

/// Reads the gauges from the gateway, then renders everything.
fn render(handle: &PrometheusHandle, hub: &Hub) -> String {
    let (identified, resumable) = hub.session_counts();
    metrics::gauge!("chat_ws_open_sockets").set(hub.open_sockets() as f64);
    metrics::gauge!("chat_ws_identified_sessions").set(identified as f64);
    metrics::gauge!("chat_ws_resumable_sessions").set(resumable as f64);
    handle.render()
}

/// Help texts, shown as `# HELP` lines.
fn describe() {
    use chat_http::metrics::names;
    metrics::describe_counter!(
        names::HTTP_REQUESTS,
        "HTTP requests answered, by route template, method and status"
    );
    metrics::describe_histogram!(
        names::HTTP_DURATION,
        metrics::Unit::Seconds,
        "Time to answer HTTP requests, by route template, method and status"
    );
    metrics::describe_counter!(
        names::RATE_LIMITED,
        "Requests refused for going too fast (scope http: 429; socket: closed 4008)"
    );
    metrics::describe_counter!(
        chat_ws::metrics::EVENTS_DELIVERED,
        "Events queued for a gateway session"
    );
    metrics::describe_counter!(
        chat_ws::metrics::EVENTS_DROPPED,
        "Events that found their session ended"
    );
    metrics::describe_counter!(
        chat_ws::metrics::SLOW_CONSUMER_CLOSES,
        "Sockets closed for falling too far behind"
    );
    metrics::describe_gauge!("chat_ws_open_sockets", "Open WebSocket connections");
    metrics::describe_histogram!(
        "chat_store_call_duration_seconds",
        metrics::Unit::Seconds,
        "Time of store calls, by store and operation (SQLite: the store method; PostgreSQL: statement verb and table; MongoDB: command and collection)"
    );
    metrics::describe_gauge!(
        "chat_hasher_queue_depth",
        "Password hashes (sign-ups, logins, password changes) waiting or running"
    );
    metrics::describe_gauge!(
        "chat_ws_identified_sessions",
        "Gateway sessions with a connected socket"
    );
    metrics::describe_gauge!(
        "chat_ws_resumable_sessions",
        "Gateway sessions waiting for a resume, without a socket"
    );
}
