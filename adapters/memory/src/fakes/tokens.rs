//! [`InsecureTestTokens`]: readable, unsigned tokens for tests.

use chat_core::auth::{AccessClaims, AccessToken, TokenIssuer};
use chat_core::ids::{SessionId, UserId};
use chat_core::Timestamp;
use uuid::Uuid;

/// How long an access token lives (15 minutes).
pub const ACCESS_TTL_SECONDS: u64 = 15 * 60;

const ACCESS_PREFIX: &str = "insecure-access";
const REFRESH_HASH_PREFIX: &str = "insecure-hash:";

/// A [`TokenIssuer`] for tests and embedding examples. **Insecure**: an
/// access token is the plain text
/// `insecure-access.<user id>.<session id>.<expiry millis>`, not signed, so
/// anyone can forge one. `verify_access` checks the shape and the expiry
/// (15 minutes after issue). Refresh tokens are random v4 UUIDs; their
/// "hash" is a reversible transform. Never use it to protect real accounts.
#[derive(Debug, Default, Clone, Copy)]
pub struct InsecureTestTokens;

impl TokenIssuer for InsecureTestTokens {
    fn issue_access(&self, claims: AccessClaims, now: Timestamp) -> AccessToken {
        let expires = now.plus_seconds(ACCESS_TTL_SECONDS as i64).millis();
        AccessToken {
            token: format!(
                "{ACCESS_PREFIX}.{}.{}.{expires}",
                claims.user_id, claims.session_id
            ),
            expires_in: ACCESS_TTL_SECONDS,
        }
    }

    fn verify_access(&self, token: &str, now: Timestamp) -> Option<AccessClaims> {
        let mut parts = token.split('.');
        if parts.next()? != ACCESS_PREFIX {
            return None;
        }
        let user_id = UserId::parse(parts.next()?, "token").ok()?;
        let session_id = SessionId::parse(parts.next()?, "token").ok()?;
        let expires = Timestamp::from_millis(parts.next()?.parse().ok()?);
        if parts.next().is_some() || now >= expires {
            return None;
        }
        Some(AccessClaims {
            user_id,
            session_id,
        })
    }

    fn new_refresh_token(&self) -> String {
        Uuid::new_v4().to_string()
    }

    fn hash_refresh_token(&self, token: &str) -> String {
        let reversed: String = token.chars().rev().collect();
        format!("{REFRESH_HASH_PREFIX}{reversed}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims() -> AccessClaims {
        AccessClaims {
            user_id: UserId::from_uuid(Uuid::now_v7()),
            session_id: SessionId::from_uuid(Uuid::now_v7()),
        }
    }

    #[test]
    fn access_tokens_verify_until_they_expire() {
        let t0 = Timestamp::from_millis(1_700_000_000_000);
        let c = claims();
        let access = InsecureTestTokens.issue_access(c, t0);
        assert_eq!(access.expires_in, 900);
        assert_eq!(InsecureTestTokens.verify_access(&access.token, t0), Some(c));
        let late = t0.plus_seconds(900);
        assert_eq!(InsecureTestTokens.verify_access(&access.token, late), None);
    }

    #[test]
    fn malformed_access_tokens_are_rejected() {
        let t0 = Timestamp::from_millis(0);
        for bad in ["", "insecure-access", "insecure-access.x.y.1", "jwt.a.b.c"] {
            assert_eq!(InsecureTestTokens.verify_access(bad, t0), None, "{bad}");
        }
    }

    #[test]
    fn refresh_tokens_are_random_and_hash_deterministically() {
        let a = InsecureTestTokens.new_refresh_token();
        assert_ne!(a, InsecureTestTokens.new_refresh_token());
        let h = InsecureTestTokens.hash_refresh_token(&a);
        assert_eq!(h, InsecureTestTokens.hash_refresh_token(&a));
        assert_ne!(h, a);
    }
}
