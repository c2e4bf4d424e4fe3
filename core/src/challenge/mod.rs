//! The optional sign-up challenge (`--signup-challenge on`): a self-hosted
//! proof of work in the ALTCHA scheme, no third-party service.
//!
//! The server picks a random `salt` (carrying its expiry,
//! `…?expires=<unix seconds>`) and a secret `number` up to `max_number`,
//! and hands out `challenge = SHA-256(salt ‖ number)` (hex) with
//! `signature = HMAC-SHA256(key, challenge)`. The client tries numbers
//! from 0 until one hashes to `challenge` (on average `max_number / 2`
//! hashes: the difficulty), then signs up with the solution. The server
//! keeps no state per challenge handed out: the signature proves it made
//! the challenge; a solution is accepted once (spent solutions are
//! remembered until they expire).
//!
//! The hashing and signing are behind [`ChallengeCrypto`]; the rules
//! (expiry, range, single use) are here.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::chat::Chat;
use crate::error::{Result, ValidationError};
use crate::time::Timestamp;

/// The one algorithm of the scheme, as the wire names it.
pub const ALGORITHM: &str = "SHA-256";

/// The field a missing or wrong solution is reported on (ALTCHA's form
/// field name).
pub const FIELD: &str = "altcha";

/// Hashing, signing and randomness for the challenge.
pub trait ChallengeCrypto: Send + Sync {
    /// SHA-256 of `text` (UTF-8), lower-case hex.
    fn sha256_hex(&self, text: &str) -> String;
    /// HMAC-SHA256 of `text` under the server's key, lower-case hex.
    fn sign(&self, text: &str) -> String;
    /// Whether `signature` is [`ChallengeCrypto::sign`] of `text`
    /// (compared in constant time).
    fn verify(&self, text: &str, signature: &str) -> bool;
    /// A new random salt: at least 96 bits, hex.
    fn new_salt(&self) -> String;
    /// A uniformly random number in `0..=max`.
    fn random_number(&self, max: u64) -> u64;
}

/// How hard and how long-lived challenges are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChallengePolicy {
    /// The secret number is drawn from `0..=max_number`: a client needs
    /// `max_number / 2` SHA-256 hashes on average (100,000: well under a
    /// second in a browser's Web Worker, about 0.1 s of a bot's core).
    pub max_number: u64,
    /// Seconds a challenge may be solved and used in.
    pub ttl_seconds: i64,
}

impl Default for ChallengePolicy {
    fn default() -> Self {
        Self {
            max_number: 100_000,
            ttl_seconds: 10 * 60,
        }
    }
}

/// A challenge, as `GET /auth/signup-challenge` hands it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// Always [`ALGORITHM`].
    pub algorithm: &'static str,
    /// SHA-256(salt ‖ number), hex.
    pub challenge: String,
    /// The random salt, with `?expires=<unix seconds>`.
    pub salt: String,
    /// HMAC of `challenge` under the server's key, hex.
    pub signature: String,
    /// The largest number to try.
    pub max_number: u64,
}

/// A client's solution: the challenge it was given and the number found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Solution {
    /// The algorithm, as given.
    pub algorithm: String,
    /// The challenge, as given.
    pub challenge: String,
    /// The number whose hash is the challenge.
    pub number: u64,
    /// The salt, as given.
    pub salt: String,
    /// The signature, as given.
    pub signature: String,
}

/// The challenge's state: its policy, its cryptography, and the
/// solutions already used (until they expire).
pub struct SignupChallenge {
    policy: ChallengePolicy,
    crypto: Arc<dyn ChallengeCrypto>,
    spent: Mutex<HashMap<String, Timestamp>>,
}

impl std::fmt::Debug for SignupChallenge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignupChallenge")
            .field("policy", &self.policy)
            .finish_non_exhaustive()
    }
}

impl SignupChallenge {
    /// A challenge with this policy and cryptography.
    pub fn new(policy: ChallengePolicy, crypto: Arc<dyn ChallengeCrypto>) -> Self {
        Self {
            policy,
            crypto,
            spent: Mutex::new(HashMap::new()),
        }
    }

    /// A new challenge, valid from `now` for the policy's lifetime.
    pub fn issue(&self, now: Timestamp) -> Challenge {
        let expires = now.plus_seconds(self.policy.ttl_seconds).millis() / 1000;
        let salt = format!("{}?expires={expires}", self.crypto.new_salt());
        let number = self.crypto.random_number(self.policy.max_number);
        let challenge = self.crypto.sha256_hex(&format!("{salt}{number}"));
        Challenge {
            algorithm: ALGORITHM,
            signature: self.crypto.sign(&challenge),
            challenge,
            salt,
            max_number: self.policy.max_number,
        }
    }

    /// Accepts a solution once: made by this server (signature), not
    /// expired, solved (the number hashes to the challenge) and not used
    /// before. Anything else is a validation error on [`FIELD`].
    pub fn redeem(&self, solution: &Solution, now: Timestamp) -> Result<(), ValidationError> {
        let refuse = |why: &str| Err(ValidationError::new(FIELD, why));
        if solution.algorithm != ALGORITHM {
            return refuse("the challenge's algorithm must be SHA-256");
        }
        if !self.crypto.verify(&solution.challenge, &solution.signature) {
            return refuse("this challenge was not issued by this server");
        }
        let Some(expires) = expiry_of(&solution.salt) else {
            return refuse("this challenge has no expiry");
        };
        if expires <= now {
            return refuse("this challenge has expired; solve a new one");
        }
        let hashed = self
            .crypto
            .sha256_hex(&format!("{}{}", solution.salt, solution.number));
        if solution.number > self.policy.max_number || hashed != solution.challenge {
            return refuse("this is not the challenge's solution");
        }
        let mut spent = self
            .spent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        spent.retain(|_, until| *until > now);
        if spent.insert(solution.challenge.clone(), expires).is_some() {
            return refuse("this challenge was already used; solve a new one");
        }
        Ok(())
    }
}

/// The expiry a salt carries (`…?expires=<unix seconds>`, the last
/// parameter ALTCHA's way), or `None`.
fn expiry_of(salt: &str) -> Option<Timestamp> {
    let (_, query) = salt.split_once('?')?;
    let seconds = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("expires="))?
        .parse::<i64>()
        .ok()?;
    Some(Timestamp::from_millis(seconds.checked_mul(1000)?))
}

impl Chat {
    /// Turns the sign-up challenge on.
    pub fn with_signup_challenge(mut self, challenge: SignupChallenge) -> Self {
        self.challenge = Some(Arc::new(challenge));
        self
    }

    /// Whether sign-ups need a solved challenge.
    pub fn signup_challenge_on(&self) -> bool {
        self.challenge.is_some()
    }

    /// A new sign-up challenge, or `None` when the challenge is off (then
    /// sign-up needs none).
    pub fn signup_challenge(&self) -> Option<Challenge> {
        self.challenge.as_ref().map(|c| c.issue(self.now()))
    }

    /// Signs up (throttled as [`Chat::signup_from`]) once the sign-up's
    /// solution passes [`Chat::check_signup_solution`]; a refused solution
    /// costs no hashing and no sign-up attempt.
    pub async fn signup_solved(
        &self,
        client: &crate::limits::ClientKey,
        req: crate::auth::SignupRequest,
        info: crate::auth::ClientInfo,
        solution: Option<&Solution>,
    ) -> Result<crate::auth::AuthTokens> {
        self.check_signup_solution(solution)?;
        self.signup_from(client, req, info).await
    }

    /// Checks a sign-up's solution: always fine when the challenge is off;
    /// when on, a solution must be given and pass [`SignupChallenge::redeem`].
    pub fn check_signup_solution(&self, solution: Option<&Solution>) -> Result<()> {
        let Some(challenge) = &self.challenge else {
            return Ok(());
        };
        let Some(solution) = solution else {
            return Err(ValidationError::new(
                FIELD,
                "sign-up needs a solved challenge (GET /auth/signup-challenge)",
            )
            .into());
        };
        challenge.redeem(solution, self.now())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_expiry_is_read_from_the_salt() {
        assert_eq!(
            expiry_of("abc?expires=10"),
            Some(Timestamp::from_millis(10_000))
        );
        assert_eq!(
            expiry_of("abc?x=1&expires=2"),
            Some(Timestamp::from_millis(2_000))
        );
        assert_eq!(expiry_of("abc"), None);
        assert_eq!(expiry_of("abc?expires=soon"), None);
        assert_eq!(expiry_of(&format!("a?expires={}", i64::MAX)), None);
    }
}
