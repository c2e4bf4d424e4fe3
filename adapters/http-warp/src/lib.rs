//! # chat-http
//!
//! The REST API of API.md over warp 0.3. Handlers only translate: they
//! extract a request's parts, parse them into chat-core's domain types,
//! call the [`chat_core::Chat`] use case and answer with chat-wire's JSON
//! shapes. Every refusal goes through one mapping ([`ApiError`]) into the
//! envelope `{"error": {"code", "message", "details"?}}`.
//!
//! Also here, because they need HTTP: the client's address for the core's
//! login and sign-up throttles, the static web client ([`web_app`]), CORS
//! ([`cors`]), per-request logging ([`with_request_log`]), the OpenAPI
//! document (`GET /openapi.json`) and the server itself ([`bind`], which
//! gives filters the client's address and the connection's upgrade).
//!
//! The binary composes:
//! ```text
//! bind(addr, with_request_log(ws.or(api(chat, config)).or(web_app(dir))
//!     .recover(handle_rejection).with(cors(&origins)).recover(handle_rejection)), shutdown)
//! ```
//! (the second `recover` turns a refused CORS origin into the envelope).

mod allow;
mod audit_reason;
mod context;
mod csp;
mod error;
mod extract;
mod flush;
mod gate;
pub mod metrics;
mod observe;
mod openapi;
mod origins;
mod routes;
mod serve;
mod web;

use chat_core::Chat;
use warp::filters::BoxedFilter;
use warp::{Filter, Reply};

pub use allow::allowed_methods;
pub use error::{handle_rejection, ApiError};
pub use extract::{bearer_token, MAX_BODY_BYTES};
pub use observe::{cors, is_same_origin, same_origin, with_request_log};
pub use openapi::{document_json as openapi_json, OPENAPI_YAML};
pub use origins::AllowedOrigins;
pub use routes::ROUTES;
pub use serve::{bind, bind_with, PeerAddr, PendingUpgrade, ServeLimits};
pub use web::{web_app, web_app_for, web_app_from, DirFiles, WebFiles};

/// How the REST adapter behaves; built by the binary from its settings.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// Whether limits are on (the core's limits are set on the `Chat`
    /// itself, with `Chat::with_limits`; this says so to the adapter).
    pub rate_limits: bool,
    /// Origins allowed by CORS (and the socket), parsed once.
    pub allowed_origins: AllowedOrigins,
    /// Take the client's address from `X-Forwarded-For` (only behind a
    /// proxy that sets it).
    pub trust_forwarded_for: bool,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            rate_limits: true,
            allowed_origins: AllowedOrigins::any(),
            trust_forwarded_for: false,
        }
    }
}

/// Every REST route of API.md, `GET /healthz` and `GET /openapi.json`;
/// a known path with another method is 405 with `Allow`. Refusals of filters (unknown path, wrong method, bad body, missing
/// token) are rejections: compose with `.recover(handle_rejection)`.
pub fn api(chat: Chat, config: HttpConfig) -> BoxedFilter<(Box<dyn Reply>,)> {
    let ctx = context::Ctx {
        chat,
        trust_forwarded_for: config.trust_forwarded_for,
    };
    flush::after_events_left(ctx.chat.clone(), routes::all(&ctx))
        .or(allow::method_not_allowed())
        .unify()
        .boxed()
}
