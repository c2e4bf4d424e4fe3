//! [`route`]: `GET /ws`, as a warp filter to mount beside the REST API.
//!
//! Checks happen before upgrading, so a refused browser gets a plain HTTP
//! answer in API.md's error envelope: 403 for a foreign `Origin`, 503
//! while shutting down or at the connection limit.

use std::sync::Arc;

use chat_core::Chat;
use serde_json::json;
use warp::filters::BoxedFilter;
use warp::http::StatusCode;
use warp::ws::Ws;
use warp::{Filter, Reply};

use crate::connection;
use crate::hub::Hub;
use crate::origin;

/// The socket endpoint `GET /ws`. Requests that are not WebSocket
/// upgrades are rejected (for the caller's recovery to answer).
pub fn route(hub: Arc<Hub>, chat: Chat) -> BoxedFilter<(Box<dyn Reply>,)> {
    warp::path("ws")
        .and(warp::path::end())
        .and(warp::get())
        .and(warp::header::optional::<String>("origin"))
        .and(warp::header::optional::<String>("host"))
        .and(warp::ws())
        .map(
            move |origin: Option<String>, host: Option<String>, ws: Ws| {
                upgrade(&hub, &chat, origin.as_deref(), host.as_deref(), ws)
            },
        )
        .boxed()
}

fn upgrade(
    hub: &Arc<Hub>,
    chat: &Chat,
    origin: Option<&str>,
    host: Option<&str>,
    ws: Ws,
) -> Box<dyn Reply> {
    let config = hub.config();
    if !origin::allowed(origin, host, &config.allowed_origins) {
        let message = "this origin may not open a socket here";
        return refuse(StatusCode::FORBIDDEN, "forbidden", message);
    }
    if hub.is_shutting_down() || hub.open_sockets() >= config.max_connections {
        let message = "the server cannot take a socket now; retry later";
        return refuse(StatusCode::SERVICE_UNAVAILABLE, "unavailable", message);
    }
    // The WebSocket layer's own limit only bounds buffering; the gateway
    // closes anything over `max_frame_bytes` itself, with 4002.
    let hard_limit = config.max_frame_bytes.saturating_mul(4).max(64 * 1024);
    let (hub, chat) = (Arc::clone(hub), chat.clone());
    let ws = ws.max_message_size(hard_limit).max_frame_size(hard_limit);
    Box::new(ws.on_upgrade(move |socket| connection::run(socket, hub, chat)))
}

fn refuse(status: StatusCode, code: &str, message: &str) -> Box<dyn Reply> {
    let body = json!({ "error": { "code": code, "message": message } });
    Box::new(warp::reply::with_status(warp::reply::json(&body), status))
}
