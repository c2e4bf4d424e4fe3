use async_trait::async_trait;

use crate::ids::{SessionId, UserId};
use crate::time::Timestamp;
use crate::users::{Password, PasswordHash};

/// The hasher failed (bad parameters, a malformed stored hash, …).
#[derive(Debug, thiserror::Error)]
#[error("password hashing failed: {0}")]
pub struct HashError(pub String);

/// Hashes and checks passwords. Implementations that cost CPU (argon2id)
/// must run the work off the async workers.
#[async_trait]
pub trait PasswordHasher: Send + Sync {
    /// A salted hash of the password.
    async fn hash(&self, password: &Password) -> Result<PasswordHash, HashError>;

    /// Whether the password matches the hash.
    async fn verify(&self, password: &Password, hash: &PasswordHash) -> Result<bool, HashError>;
}

/// What an access token says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AccessClaims {
    /// Who.
    pub user_id: UserId,
    /// Which login session (checked against the session store on every use).
    pub session_id: SessionId,
}

/// A signed access token and its lifetime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessToken {
    /// The token text.
    pub token: String,
    /// Seconds until it expires.
    pub expires_in: u64,
}

/// Issues and checks tokens: signed short-lived access tokens, and opaque
/// refresh tokens that are stored only as hashes.
pub trait TokenIssuer: Send + Sync {
    /// A signed access token for the claims, valid from `now`.
    fn issue_access(&self, claims: AccessClaims, now: Timestamp) -> AccessToken;

    /// The claims of a well-signed, unexpired token, or `None`.
    fn verify_access(&self, token: &str, now: Timestamp) -> Option<AccessClaims>;

    /// A new random refresh token (at least 128 bits of randomness).
    fn new_refresh_token(&self) -> String;

    /// The one-way hash under which a refresh token is stored.
    fn hash_refresh_token(&self, token: &str) -> String;
}
