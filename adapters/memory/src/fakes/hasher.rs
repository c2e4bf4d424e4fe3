//! [`FastHasher`]: a password "hash" that costs nothing, for tests.

use async_trait::async_trait;
use chat_core::auth::{HashError, PasswordHasher};
use chat_core::users::{Password, PasswordHash};

const PREFIX: &str = "fake$";

/// A deterministic, instant, **insecure** [`PasswordHasher`]: the "hash" is
/// `fake$` followed by the password reversed. It distinguishes passwords,
/// which is all a test needs. Never use it outside tests and examples.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher;

fn fake_hash(password: &Password) -> String {
    let reversed: String = password.expose().chars().rev().collect();
    format!("{PREFIX}{reversed}")
}

#[async_trait]
impl PasswordHasher for FastHasher {
    async fn hash(&self, password: &Password) -> Result<PasswordHash, HashError> {
        Ok(PasswordHash::new(fake_hash(password)))
    }

    async fn verify(&self, password: &Password, hash: &PasswordHash) -> Result<bool, HashError> {
        if !hash.as_str().starts_with(PREFIX) {
            return Err(HashError("not a FastHasher hash".into()));
        }
        Ok(hash.as_str() == fake_hash(password))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn verifies_only_the_same_password() {
        let right = Password::parse("correct horse").unwrap();
        let wrong = Password::parse("correct horsf").unwrap();
        let hash = FastHasher.hash(&right).await.unwrap();
        assert!(FastHasher.verify(&right, &hash).await.unwrap());
        assert!(!FastHasher.verify(&wrong, &hash).await.unwrap());
        assert!(FastHasher
            .verify(&right, &PasswordHash::new("$argon2id$x"))
            .await
            .is_err());
    }
}
