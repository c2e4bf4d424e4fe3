//! Authentication: sign up, log in, refresh with rotation and reuse
//! detection, log out, and turning an access token into an [`Actor`].

mod ports;
mod store;
mod usecases;

pub use ports::{AccessClaims, AccessToken, HashError, PasswordHasher, TokenIssuer};
pub use store::{RefreshGrant, Rotation, SessionStore};
pub use usecases::{Actor, AuthTokens, Credentials, SignupRequest};

use crate::ids::{SessionId, UserId};
use crate::time::Timestamp;

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
    /// Set by logout or by refresh-token reuse; a revoked session
    /// authenticates nothing.
    pub revoked: bool,
}
