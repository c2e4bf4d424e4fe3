//! [`JwtTokens`]: HS256 access tokens and hashed opaque refresh tokens.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chat_core::auth::{AccessClaims, AccessToken, TokenIssuer};
use chat_core::ids::{SessionId, UserId};
use chat_core::Timestamp;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// How long an access token lives: 15 minutes.
pub const ACCESS_TTL_SECONDS: u64 = 15 * 60;

/// Clock skew tolerated around `iat` and `exp`, in seconds.
const LEEWAY_SECONDS: i64 = 5;

/// The claims inside an access token.
#[derive(Debug, Serialize, Deserialize)]
struct Claims {
    /// The user's id.
    sub: String,
    /// The login session's id.
    sid: String,
    /// Issued at (seconds since the epoch).
    iat: i64,
    /// Expires at (seconds since the epoch).
    exp: i64,
}

/// Signs and checks access tokens with one HS256 secret; makes and hashes
/// refresh tokens. Expiry is checked against the `now` the use case passes
/// (its clock), never the system clock, so tests can move time.
#[derive(Clone)]
pub struct JwtTokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl std::fmt::Debug for JwtTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JwtTokens(HS256, secret hidden)")
    }
}

impl JwtTokens {
    /// Tokens signed with `secret` (use at least 32 random bytes).
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        // `exp` is checked by hand against the caller's clock.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "sub"]);
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }
}

fn seconds(t: Timestamp) -> i64 {
    t.millis().div_euclid(1000)
}

impl TokenIssuer for JwtTokens {
    fn issue_access(&self, claims: AccessClaims, now: Timestamp) -> AccessToken {
        let iat = seconds(now);
        let body = Claims {
            sub: claims.user_id.to_string(),
            sid: claims.session_id.to_string(),
            iat,
            exp: iat.saturating_add(ACCESS_TTL_SECONDS as i64),
        };
        // HMAC signing cannot fail for a secret key; should it ever, an
        // empty token simply authenticates nothing.
        let token =
            encode(&Header::new(Algorithm::HS256), &body, &self.encoding).unwrap_or_else(|e| {
                tracing::error!(error = %e, "signing an access token failed");
                String::new()
            });
        AccessToken {
            token,
            expires_in: ACCESS_TTL_SECONDS,
        }
    }

    fn verify_access(&self, token: &str, now: Timestamp) -> Option<AccessClaims> {
        let claims = decode::<Claims>(token, &self.decoding, &self.validation)
            .ok()?
            .claims;
        let now = seconds(now);
        let fresh = now < claims.exp.saturating_add(LEEWAY_SECONDS)
            && claims.iat <= now.saturating_add(LEEWAY_SECONDS);
        if !fresh {
            return None;
        }
        Some(AccessClaims {
            user_id: UserId::parse(&claims.sub, "sub").ok()?,
            session_id: SessionId::parse(&claims.sid, "sid").ok()?,
        })
    }

    fn new_refresh_token(&self) -> String {
        let mut bytes = [0u8; 32];
        rand::rngs::OsRng.fill_bytes(&mut bytes);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    fn hash_refresh_token(&self, token: &str) -> String {
        Sha256::digest(token.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    const T0: i64 = 1_700_000_000_000;

    fn claims() -> AccessClaims {
        AccessClaims {
            user_id: UserId::from_uuid(Uuid::now_v7()),
            session_id: SessionId::from_uuid(Uuid::now_v7()),
        }
    }

    fn at(millis_after_t0: i64) -> Timestamp {
        Timestamp::from_millis(T0 + millis_after_t0)
    }

    #[test]
    fn a_fresh_token_carries_its_claims() {
        let tokens = JwtTokens::new(b"a test secret of enough bytes....");
        let c = claims();
        let issued = tokens.issue_access(c, at(0));
        assert_eq!(issued.expires_in, 900);
        assert_eq!(tokens.verify_access(&issued.token, at(1_000)), Some(c));
    }

    #[test]
    fn a_token_expires_after_fifteen_minutes() {
        let tokens = JwtTokens::new(b"a test secret of enough bytes....");
        let issued = tokens.issue_access(claims(), at(0));
        assert!(tokens.verify_access(&issued.token, at(899_000)).is_some());
        assert!(tokens.verify_access(&issued.token, at(906_000)).is_none());
    }

    #[test]
    fn a_token_from_the_future_is_refused() {
        let tokens = JwtTokens::new(b"a test secret of enough bytes....");
        let issued = tokens.issue_access(claims(), at(60_000));
        assert!(tokens.verify_access(&issued.token, at(0)).is_none());
    }

    #[test]
    fn a_tampered_token_is_refused() {
        let tokens = JwtTokens::new(b"a test secret of enough bytes....");
        let issued = tokens.issue_access(claims(), at(0));
        let (head, rest) = issued.token.split_once('.').unwrap();
        let (_, sig) = rest.split_once('.').unwrap();
        let forged = Claims {
            sub: Uuid::now_v7().to_string(),
            sid: Uuid::now_v7().to_string(),
            iat: T0 / 1000,
            exp: T0 / 1000 + 900,
        };
        let body = URL_SAFE_NO_PAD.encode(serde_json_bytes(&forged));
        let tampered = format!("{head}.{body}.{sig}");
        assert!(tokens.verify_access(&tampered, at(0)).is_none());
        let mut flipped = issued.token.clone();
        flipped.pop();
        flipped.push(if issued.token.ends_with('A') {
            'B'
        } else {
            'A'
        });
        assert!(tokens.verify_access(&flipped, at(0)).is_none());
    }

    #[test]
    fn a_token_signed_with_another_secret_is_refused() {
        let ours = JwtTokens::new(b"a test secret of enough bytes....");
        let theirs = JwtTokens::new(b"another secret, equally long.....");
        let issued = theirs.issue_access(claims(), at(0));
        assert!(ours.verify_access(&issued.token, at(0)).is_none());
        assert!(ours.verify_access("not.a.token", at(0)).is_none());
        assert!(ours.verify_access("", at(0)).is_none());
    }

    #[test]
    fn refresh_tokens_are_random_url_safe_and_hashed_with_sha256() {
        let tokens = JwtTokens::new(b"secret");
        let a = tokens.new_refresh_token();
        assert_eq!(a.len(), 43);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_ne!(a, tokens.new_refresh_token());
        assert_eq!(
            tokens.hash_refresh_token("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    fn serde_json_bytes(c: &Claims) -> Vec<u8> {
        // Minimal JSON by hand: the test must not need serde_json.
        format!(
            r#"{{"sub":"{}","sid":"{}","iat":{},"exp":{}}}"#,
            c.sub, c.sid, c.iat, c.exp
        )
        .into_bytes()
    }
}
