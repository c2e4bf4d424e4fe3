//! # chat-auth
//!
//! The real authentication adapters behind chat-core's ports:
//! - [`Argon2Hasher`]: argon2id password hashes (OWASP parameters, PHC
//!   strings), computed off the async workers and one at a time, so a burst
//!   of logins cannot starve the tasks that serve sockets;
//! - [`JwtTokens`]: HS256 access tokens that expire after 15 minutes, and
//!   random refresh tokens stored only as SHA-256 hashes;
//! - [`load_or_create_secret`]: the signing secret kept in a file, so a
//!   restart keeps every session valid;
//! - [`RealMfaCrypto`]: HMAC-SHA1 one-time codes (RFC 4226/6238),
//!   ChaCha20-Poly1305 sealing of TOTP secrets at rest, keyed digests of
//!   recovery codes and login tickets.
//!
//! Why a separate crate: the core must not depend on cryptography crates,
//! and tests use the fast fakes of `chat-memory` instead of these.

mod challenge;
mod hasher;
mod mfa;
mod secret;
mod tokens;

pub use challenge::RealChallengeCrypto;
pub use hasher::Argon2Hasher;
pub use mfa::{hotp, RealMfaCrypto};
pub use secret::{create_private_dir, load_or_create_secret, readable_by_others};
pub use tokens::{JwtTokens, ACCESS_TTL_SECONDS};
