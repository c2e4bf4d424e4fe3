//! Authentication: sign up, log in, refresh with rotation and reuse
//! detection, log out, and turning an access token into an [`Actor`].

mod ports;
mod store;
mod usecases;

pub use ports::{AccessClaims, AccessToken, HashError, PasswordHasher, TokenIssuer};
pub use store::{RefreshGrant, Rotation, SessionStore};
pub use usecases::{Actor, AuthTokens, ClientInfo, Credentials, LoginOutcome, SignupRequest};

use crate::ids::{SessionId, UserId};
use crate::time::Timestamp;

/// A session's `last_used_at` is rewritten at most once per this many
/// seconds, so authenticating a request rarely costs a write.
pub const SESSION_TOUCH_SECONDS: i64 = 60;

/// How long a refresh token stays valid when unused (30 days).
pub const REFRESH_TTL_SECONDS: i64 = 30 * 24 * 3600;

/// The absolute lifetime of a login session: after 90 days it cannot be
/// refreshed any more, however often it was (RFC 9700 §4.14.2).
pub const SESSION_MAX_AGE_SECONDS: i64 = 90 * 24 * 3600;

/// A login session: one per login, shared by its access and refresh tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Its id (carried by access tokens).
    pub id: SessionId,
    /// Whose session.
    pub user_id: UserId,
    /// When the user logged in.
    pub created_at: Timestamp,
    /// When the session last authenticated a request (at most a minute
    /// stale: see [`SESSION_TOUCH_SECONDS`]).
    pub last_used_at: Timestamp,
    /// The `User-Agent` the login came with, if any (at most 256 chars).
    pub user_agent: Option<String>,
    /// A coarse hint of the login's address (an IPv4 /24 or IPv6 /48
    /// network, never the full address), if known.
    pub ip_hint: Option<String>,
    /// Set by logout or by refresh-token reuse; a revoked session
    /// authenticates nothing.
    pub revoked: bool,
}
