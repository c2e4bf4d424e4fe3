//! Cross-origin rules and per-request logging, wrapped around the whole
//! composed filter by the binary.

use std::time::{Duration, Instant};

use warp::filters::path::FullPath;
use warp::filters::BoxedFilter;
use warp::http::uri::{Authority, Scheme};
use warp::http::Method;
use warp::{Filter, Rejection, Reply};

/// CORS for the API: the listed origins (`scheme://host[:port]`), or any
/// origin when the list is empty or holds `*` (tokens travel in a header,
/// never in cookies, so a foreign page gains nothing from a response it
/// cannot authenticate). A browser sends `Origin` on same-origin POSTs
/// too: route those around CORS with [`same_origin`], so the web app this
/// server serves works whatever the list says.
/// Malformed entries are skipped with a warning (warp would panic on them).
pub fn cors(allowed_origins: &[String]) -> warp::filters::cors::Builder {
    let builder = warp::cors()
        .allow_methods(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"])
        .allow_headers(["authorization", "content-type"])
        .expose_headers(["retry-after"])
        .max_age(Duration::from_secs(600));
    let any = allowed_origins.is_empty() || allowed_origins.iter().any(|o| o.trim() == "*");
    if any {
        return builder.allow_any_origin();
    }
    let valid: Vec<String> = allowed_origins
        .iter()
        .filter_map(|o| {
            let origin = normalize_origin(o);
            if origin.is_none() {
                tracing::warn!(origin = %o, "ignoring a malformed allowed origin");
            }
            origin
        })
        .collect();
    builder.allow_origins(valid.iter().map(String::as_str))
}

/// Whether a browser request comes from a page of this server: the
/// authority of its `Origin` is the request's `Host`.
pub fn is_same_origin(origin: &str, host: Option<&str>) -> bool {
    let origin = origin.trim().trim_end_matches('/');
    let authority = origin.split_once("://").map(|(_, rest)| rest);
    match (authority, host) {
        (Some(authority), Some(host)) => authority.eq_ignore_ascii_case(host.trim()),
        _ => false,
    }
}

/// Passes only requests from a page of this server (see
/// [`is_same_origin`]); the cross-origin rules do not apply to them.
pub fn same_origin() -> impl Filter<Extract = (), Error = Rejection> + Clone {
    warp::header::optional::<String>("origin")
        .and(warp::header::optional::<String>("host"))
        .and_then(|origin: Option<String>, host: Option<String>| async move {
            match origin {
                Some(origin) if is_same_origin(&origin, host.as_deref()) => Ok(()),
                _ => Err(warp::reject::not_found()),
            }
        })
        .untuple_one()
}

/// `scheme://authority` without a trailing slash, if well formed.
fn normalize_origin(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('/');
    let (scheme, authority) = text.split_once("://")?;
    scheme.parse::<Scheme>().ok()?;
    let authority: Authority = authority.parse().ok()?;
    if authority.as_str().contains('@') || authority.host().is_empty() {
        return None;
    }
    Some(format!("{scheme}://{authority}"))
}

/// Wraps the composed filter (after `recover(handle_rejection)`) so each
/// request runs in a `request` span carrying its id (the client's
/// `X-Request-Id` if it sent a sane one), and ends with one log line:
/// method, path, status, latency. Handlers' own logs (a 500's detail)
/// carry the same id through the span. A filter that can still reject is
/// accepted too, but its rejections bypass the log line.
pub fn with_request_log<F, R>(filter: F) -> BoxedFilter<(Box<dyn Reply>,)>
where
    F: Filter<Extract = (R,)> + Clone + Send + Sync + 'static,
    F::Error: Into<Rejection>,
    R: Reply + 'static,
{
    let inner = filter
        .map(|reply: R| -> Box<dyn Reply> { Box::new(reply) })
        .boxed();
    warp::any()
        .map(Instant::now)
        .and(warp::method())
        .and(warp::path::full())
        .and(inner)
        .map(
            |start: Instant, method: Method, path: FullPath, reply: Box<dyn Reply>| {
                let response = reply.into_response();
                let path = redact(path.as_str());
                log_request(&method, &path, response.status().as_u16(), start);
                response
            },
        )
        .with(warp::trace(|info| {
            let id = request_id(info.request_headers().get("x-request-id"));
            let path = redact(info.path());
            tracing::info_span!("request", id = %id, method = %info.method(), path = %path)
        }))
        .map(|traced| -> Box<dyn Reply> { Box::new(traced) })
        .boxed()
}

fn log_request(method: &Method, path: &str, status: u16, start: Instant) {
    let elapsed = start.elapsed();
    crate::metrics::record_request(method.as_str(), path, status, elapsed);
    let latency_ms = elapsed.as_secs_f64() * 1000.0;
    if status == 503 {
        // Unavailable (a store outage, a full queue): expected, and said once
        // by the handler; not an internal failure.
        tracing::warn!(%method, path, status, latency_ms, "request refused: unavailable");
    } else if status >= 500 {
        tracing::error!(%method, path, status, latency_ms, "request failed");
    } else {
        tracing::info!(%method, path, status, latency_ms, "request");
    }
}

/// The path as logged: an invite code is a secret that lets anyone in,
/// so the segment after `invites` or `invite` (`/invites/{code}`,
/// `/invites/{code}/join`, the web client's `/app/invite/{code}`) is
/// replaced by `<code>`.
pub(crate) fn redact(path: &str) -> String {
    let mut out = Vec::new();
    let mut hide_next = false;
    for segment in path.split('/') {
        if hide_next && !segment.is_empty() {
            out.push("<code>");
        } else {
            out.push(segment);
        }
        hide_next = segment == "invites" || segment == "invite";
    }
    out.join("/")
}

/// The client's id when it is short and printable, else a new random one.
fn request_id(sent: Option<&warp::http::HeaderValue>) -> String {
    let sane = sent
        .and_then(|v| v.to_str().ok())
        .filter(|s| !s.is_empty() && s.len() <= 64)
        .filter(|s| s.bytes().all(|b| b.is_ascii_graphic()));
    match sane {
        Some(s) => s.to_owned(),
        None => uuid::Uuid::new_v4().simple().to_string()[..16].to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_normalized_or_refused() {
        assert_eq!(
            normalize_origin("http://127.0.0.1:8080/").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(normalize_origin("localhost:3000"), None);
        assert_eq!(normalize_origin("http://"), None);
        assert_eq!(normalize_origin("http://u@evil"), None);
    }

    #[test]
    fn request_ids_are_taken_only_when_sane() {
        let v = warp::http::HeaderValue::from_static("abc-123");
        assert_eq!(request_id(Some(&v)), "abc-123");
        let bad = warp::http::HeaderValue::from_static("has space");
        assert_eq!(request_id(Some(&bad)).len(), 16);
    }

    #[test]
    fn invite_codes_never_reach_the_log() {
        assert_eq!(redact("/invites/abc123"), "/invites/<code>");
        assert_eq!(redact("/invites/abc123/join"), "/invites/<code>/join");
        assert_eq!(redact("/app/invite/abc123"), "/app/invite/<code>");
        assert_eq!(redact("/servers/1/invites"), "/servers/1/invites");
        assert_eq!(redact("/channels/1/messages"), "/channels/1/messages");
    }
}
