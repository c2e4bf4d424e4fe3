//! [`GatewayConfig`]: every knob of the gateway, as a plain struct.
//!
//! The binary fills it from its own configuration; tests shorten the
//! durations so timeouts can be exercised in milliseconds.

use std::time::Duration;

/// How the gateway behaves. `Default` gives the production values.
#[derive(Debug, Clone)]
pub struct GatewayConfig {
    /// Origins (`scheme://host[:port]`) whose pages may open a socket.
    /// Requests without `Origin` (non-browser clients) and same-origin
    /// pages (Origin host equal to the `Host` header) are always allowed.
    pub allowed_origins: chat_http::AllowedOrigins,
    /// Announced in `hello`; a client silent for 1.5× this is closed (4009).
    pub heartbeat_interval: Duration,
    /// How long a new socket may wait before `identify`/`resume` (else 4001).
    pub identify_timeout: Duration,
    /// How long after a gateway session ends its user still counts as
    /// connected, so a quick reconnect shows no offline blip.
    pub presence_grace: Duration,
    /// How long a gateway session stays resumable after its socket drops.
    pub resume_window: Duration,
    /// How many past events each gateway session keeps for `resume`.
    pub replay_capacity: usize,
    /// How long an event stays in a replay buffer at most.
    pub replay_max_age: Duration,
    /// Frames queued per socket; a socket that falls this far behind is
    /// disconnected (its session stays resumable).
    pub send_queue: usize,
    /// Largest client frame accepted (else 4002).
    pub max_frame_bytes: usize,
    /// Client frames allowed per `flood_window` (more: 4008).
    pub flood_limit: u32,
    /// The window of `flood_limit`.
    pub flood_window: Duration,
    /// Sockets open at once; more are refused with 503 before upgrading.
    pub max_connections: usize,
    /// Gateway sessions one user may hold, live or resumable (more: 4008).
    pub max_sessions_per_user: usize,
    /// Handshakes one address (IPv6: its /64) may start per
    /// `handshake_window` (more: 429 with `Retry-After`).
    pub handshakes_per_address: u32,
    /// The window of `handshakes_per_address`.
    pub handshake_window: Duration,
    /// How long `Hub::shutdown` waits for sockets to finish closing.
    pub shutdown_timeout: Duration,
    /// How often each identified socket asks the store whether its login
    /// session still lives, and closes with 4003 when not. Sessions ended
    /// in this process close their sockets at once; this catches those
    /// ended elsewhere (`chat-server admin disable-user`, another node).
    pub session_recheck_interval: Duration,
}

impl Default for GatewayConfig {
    fn default() -> Self {
        Self {
            allowed_origins: chat_http::AllowedOrigins::any(),
            heartbeat_interval: Duration::from_secs(30),
            identify_timeout: Duration::from_secs(10),
            presence_grace: Duration::from_secs(5),
            resume_window: Duration::from_secs(90),
            replay_capacity: 1000,
            replay_max_age: Duration::from_secs(120),
            send_queue: 256,
            max_frame_bytes: 16 * 1024,
            flood_limit: 120,
            flood_window: Duration::from_secs(60),
            max_connections: 50_000,
            max_sessions_per_user: 100,
            handshakes_per_address: 60,
            handshake_window: Duration::from_secs(60),
            shutdown_timeout: Duration::from_secs(5),
            session_recheck_interval: Duration::from_secs(60),
        }
    }
}

impl GatewayConfig {
    /// The same settings without the limits meant for abusive clients (the
    /// frame flood limit, per-user and per-address caps), for tests and
    /// benchmarks (`--rate-limits off`).
    pub fn without_limits(self) -> Self {
        Self {
            flood_limit: u32::MAX,
            max_sessions_per_user: usize::MAX,
            handshakes_per_address: u32::MAX,
            ..self
        }
    }

    /// How long a client may stay silent before it is closed with 4009.
    pub fn heartbeat_timeout(&self) -> Duration {
        self.heartbeat_interval.saturating_mul(3) / 2
    }
}
