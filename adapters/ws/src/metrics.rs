//! Gateway metrics for Prometheus, through the `metrics` facade (free
//! when no recorder is installed). Counters are counted where things
//! happen; gauges (open sockets, sessions) are read from the [`crate::Hub`]
//! by whoever renders the metrics.
//!
//! - `chat_ws_events_delivered_total`: events queued for a session
//! - `chat_ws_events_dropped_total`: events for a session that had ended
//! - `chat_ws_slow_consumer_closes_total`: sockets closed for falling behind
//! - `chat_rate_limited_total{scope="socket"}`: sockets closed for flooding

/// Events queued for a session.
pub const EVENTS_DELIVERED: &str = "chat_ws_events_delivered_total";
/// Events that found their session ended.
pub const EVENTS_DROPPED: &str = "chat_ws_events_dropped_total";
/// Sockets closed (1013) for falling too far behind.
pub const SLOW_CONSUMER_CLOSES: &str = "chat_ws_slow_consumer_closes_total";

pub(crate) fn event_delivered() {
    metrics::counter!(EVENTS_DELIVERED).increment(1);
}

pub(crate) fn event_dropped() {
    metrics::counter!(EVENTS_DROPPED).increment(1);
}

pub(crate) fn slow_consumer_closed() {
    metrics::counter!(SLOW_CONSUMER_CLOSES).increment(1);
}

pub(crate) fn flood_closed() {
    metrics::counter!("chat_rate_limited_total", "scope" => "socket").increment(1);
}
