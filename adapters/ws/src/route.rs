//! [`route`]: `GET /ws`, as a warp filter to mount beside the REST API.
//!
//! Checks happen before upgrading, so a refused browser gets a plain HTTP
//! answer in API.md's error envelope: 400 for a request that is not a
//! WebSocket handshake, 403 for a foreign `Origin`, 429 (with
//! `Retry-After`) for an address that started too many handshakes
//! lately, 503 while shutting down or at the connection limit.
//!
//! The handshake is answered here rather than by warp's WebSocket filter,
//! so the socket gets buffers sized for a chat gateway (see
//! [`websocket_config`]); this needs the server to be `chat_http::bind`,
//! which hands over the connection's upgrade.

use std::sync::Arc;
use std::time::Instant;

use chat_core::Chat;
use chat_http::{ApiError, PeerAddr, PendingUpgrade};
use hyper::upgrade::OnUpgrade;
use tokio_tungstenite::tungstenite::handshake::derive_accept_key;
use tokio_tungstenite::tungstenite::protocol::{Role, WebSocketConfig};
use tokio_tungstenite::WebSocketStream;
use warp::filters::BoxedFilter;
use warp::http::{header, HeaderMap, HeaderValue, Response, StatusCode};
use warp::{Filter, Reply};

use crate::connection;
use crate::handshakes::Handshakes;
use crate::hub::Hub;
use crate::origin;

/// Bytes the socket reads into at once. Client frames are small (the
/// largest is `identify` with its token); the buffer grows for a larger
/// one. tungstenite's default (128 KiB) would be most of an idle socket.
const READ_BUFFER_BYTES: usize = 1024;

/// The socket endpoint `GET /ws`.
pub fn route(hub: Arc<Hub>, chat: Chat) -> BoxedFilter<(Box<dyn Reply>,)> {
    let config = hub.config();
    let handshakes = Arc::new(Handshakes::new(
        config.handshakes_per_address,
        config.handshake_window,
    ));
    warp::path("ws")
        .and(warp::path::end())
        .and(warp::get())
        .and(warp::header::headers_cloned())
        .and(warp::ext::optional::<PendingUpgrade>())
        .and(warp::ext::optional::<PeerAddr>())
        .map(
            move |headers: HeaderMap, pending: Option<PendingUpgrade>, peer: Option<PeerAddr>| {
                let admitted = match peer {
                    Some(PeerAddr(addr)) => handshakes.admit(addr.ip(), Instant::now()),
                    None => Ok(()),
                };
                let answer = admitted
                    .map_err(|retry_after| {
                        ApiError::from(chat_core::Error::RateLimited { retry_after })
                    })
                    .and_then(|()| upgrade(&hub, &chat, &headers, pending));
                match answer {
                    Ok(switching) => switching,
                    Err(refusal) => Box::new(refusal) as Box<dyn Reply>,
                }
            },
        )
        .boxed()
}

/// Answers `101 Switching Protocols` and starts the socket's task, or says
/// why not.
fn upgrade(
    hub: &Arc<Hub>,
    chat: &Chat,
    headers: &HeaderMap,
    pending: Option<PendingUpgrade>,
) -> Result<Box<dyn Reply>, ApiError> {
    let key = handshake_key(headers)?;
    let config = hub.config();
    let (origin, host) = (text(headers, header::ORIGIN), text(headers, header::HOST));
    if !origin::allowed(origin, host, &config.allowed_origins) {
        return Err(ApiError::forbidden(
            "this origin may not open a socket here",
        ));
    }
    if hub.is_shutting_down() || hub.open_sockets() >= config.max_connections {
        return Err(ApiError::unavailable(
            "the server cannot take a socket now; retry later",
        ));
    }
    let Some(upgrade) = pending.and_then(|p| p.take()) else {
        return Err(ApiError::internal(
            "no connection upgrade to take: the server is not chat_http::bind",
        ));
    };
    let ws_config = websocket_config(config.max_frame_bytes);
    tokio::spawn(run_upgraded(
        upgrade,
        ws_config,
        Arc::clone(hub),
        chat.clone(),
    ));
    Ok(Box::new(switching_protocols(&key)))
}

/// The `Sec-WebSocket-Key` of a well-formed WebSocket handshake.
fn handshake_key(headers: &HeaderMap) -> Result<String, ApiError> {
    let has_token = |name, token: &str| {
        headers.get_all(name).iter().any(|v| {
            v.to_str()
                .is_ok_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case(token)))
        })
    };
    let not_a_handshake = || ApiError::bad_request("expected a WebSocket handshake");
    if !has_token(header::CONNECTION, "upgrade") || !has_token(header::UPGRADE, "websocket") {
        return Err(not_a_handshake());
    }
    if text(headers, header::SEC_WEBSOCKET_VERSION) != Some("13") {
        return Err(ApiError::bad_request("only WebSocket version 13 is spoken"));
    }
    text(headers, header::SEC_WEBSOCKET_KEY)
        .map(str::to_owned)
        .ok_or_else(not_a_handshake)
}

fn text(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name)?.to_str().ok().map(str::trim)
}

fn switching_protocols(key: &str) -> Response<hyper::Body> {
    let accept = derive_accept_key(key.as_bytes());
    let mut response = Response::new(hyper::Body::empty());
    *response.status_mut() = StatusCode::SWITCHING_PROTOCOLS;
    let headers = response.headers_mut();
    headers.insert(header::CONNECTION, HeaderValue::from_static("upgrade"));
    headers.insert(header::UPGRADE, HeaderValue::from_static("websocket"));
    if let Ok(accept) = HeaderValue::from_str(&accept) {
        headers.insert(header::SEC_WEBSOCKET_ACCEPT, accept);
    }
    response
}

/// Buffers for many mostly idle sockets of small frames. The message and
/// frame limits only bound buffering: the gateway itself closes anything
/// over `max_frame_bytes` with 4002.
fn websocket_config(max_frame_bytes: usize) -> WebSocketConfig {
    let hard_limit = max_frame_bytes.saturating_mul(4).max(64 * 1024);
    WebSocketConfig::default()
        .read_buffer_size(READ_BUFFER_BYTES)
        .max_message_size(Some(hard_limit))
        .max_frame_size(Some(hard_limit))
}

async fn run_upgraded(upgrade: OnUpgrade, config: WebSocketConfig, hub: Arc<Hub>, chat: Chat) {
    match upgrade.await {
        Ok(upgraded) => {
            let ws = WebSocketStream::from_raw_socket(upgraded, Role::Server, Some(config)).await;
            connection::run(ws, hub, chat).await;
        }
        Err(e) => tracing::debug!(error = %e, "the WebSocket upgrade did not complete"),
    }
}
