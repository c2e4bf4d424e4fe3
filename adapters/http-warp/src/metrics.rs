//! Request metrics for Prometheus, through the `metrics` facade: free
//! when no recorder is installed (the binary installs one only with
//! `--metrics-listen`).
//!
//! - `chat_http_requests_total{route, method, status}`
//! - `chat_http_request_duration_seconds{route, method, status}` (histogram)
//! - `chat_rate_limited_total{scope}` (refusals answered 429)
//!
//! `route` is the template of [`crate::ROUTES`] spelled with colons
//! (`/servers/:id`: braces inside label values trip simple parsers), never
//! the raw path, so the number of series stays bounded: `/ws`, `/app`
//! (the web client) and `unmatched` cover the rest.

use std::sync::OnceLock;
use std::time::Duration;

use crate::routes::ROUTES;

/// The metric names, for the exporter's documentation and tests.
pub mod names {
    /// Requests answered, by route, method and status.
    pub const HTTP_REQUESTS: &str = "chat_http_requests_total";
    /// Time to answer, by route, method and status.
    pub const HTTP_DURATION: &str = "chat_http_request_duration_seconds";
    /// Requests refused with 429.
    pub const RATE_LIMITED: &str = "chat_rate_limited_total";
}

/// Counts one answered request and its latency.
pub(crate) fn record_request(method: &str, path: &str, status: u16, elapsed: Duration) {
    let labels = [
        ("route", route_of(method, path)),
        ("method", method_label(method)),
        ("status", status_label(status)),
    ];
    metrics::counter!(names::HTTP_REQUESTS, &labels).increment(1);
    metrics::histogram!(names::HTTP_DURATION, &labels).record(elapsed.as_secs_f64());
}

/// Counts one refusal with 429 (`scope`: what was limited).
pub(crate) fn record_rate_limited(scope: &'static str) {
    metrics::counter!(names::RATE_LIMITED, "scope" => scope).increment(1);
}

/// The route template a request matched, or a fixed bucket.
pub fn route_of(method: &str, path: &str) -> &'static str {
    if path == "/ws" {
        return "/ws";
    }
    if path == "/" || path == "/app" || path.starts_with("/app/") {
        return "/app";
    }
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let matches = |template: &str| {
        let parts: Vec<&str> = template.split('/').collect();
        parts.len() == segments.len()
            && parts
                .iter()
                .zip(&segments)
                .all(|(p, s)| p.starts_with('{') || p == s)
    };
    // A template of this method first, else any (a 405 keeps its route).
    let found = ROUTES
        .iter()
        .position(|(m, t)| m.eq_ignore_ascii_case(method) && matches(t))
        .or_else(|| ROUTES.iter().position(|(_, t)| matches(t)));
    found.map_or("unmatched", |i| labels()[i].as_str())
}

/// The label of each entry of `ROUTES`: `{name}` becomes `:name`.
fn labels() -> &'static [String] {
    static LABELS: OnceLock<Vec<String>> = OnceLock::new();
    LABELS.get_or_init(|| {
        ROUTES
            .iter()
            .map(|(_, t)| t.replace('{', ":").replace('}', ""))
            .collect()
    })
}

fn method_label(method: &str) -> &'static str {
    ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]
        .into_iter()
        .find(|m| m.eq_ignore_ascii_case(method))
        .unwrap_or("OTHER")
}

fn status_label(status: u16) -> &'static str {
    const KNOWN: [(u16, &str); 17] = [
        (101, "101"),
        (200, "200"),
        (201, "201"),
        (204, "204"),
        (304, "304"),
        (400, "400"),
        (401, "401"),
        (403, "403"),
        (404, "404"),
        (405, "405"),
        (409, "409"),
        (410, "410"),
        (413, "413"),
        (422, "422"),
        (429, "429"),
        (500, "500"),
        (503, "503"),
    ];
    KNOWN
        .iter()
        .find(|(code, _)| *code == status)
        .map_or("other", |(_, text)| text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_their_route_templates() {
        assert_eq!(route_of("GET", "/servers/abc"), "/servers/:id");
        assert_eq!(
            route_of("PUT", "/servers/a/members/b/timeout"),
            "/servers/:id/members/:user_id/timeout"
        );
        assert_eq!(route_of("GET", "/app/channels/"), "/app");
        assert_eq!(route_of("GET", "/ws"), "/ws");
        assert_eq!(route_of("GET", "/no/such/thing"), "unmatched");
        assert_eq!(route_of("PATCH", "/healthz"), "/healthz");
    }

    #[test]
    fn unknown_methods_and_statuses_share_one_label() {
        assert_eq!(method_label("BREW"), "OTHER");
        assert_eq!(status_label(418), "other");
        assert_eq!(status_label(404), "404");
    }
}
