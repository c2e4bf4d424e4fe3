//! [`Argon2Hasher`]: argon2id with OWASP's parameters, off the async workers.

use std::sync::Arc;

use argon2::password_hash::{rand_core::OsRng, SaltString};
use argon2::password_hash::{PasswordHash as Phc, PasswordHasher as _, PasswordVerifier as _};
use argon2::{Algorithm, Argon2, Params, Version};
use async_trait::async_trait;
use chat_core::auth::{HashError, PasswordHasher};
use chat_core::users::{Password, PasswordHash};
use tokio::sync::Semaphore;

/// OWASP's minimum for argon2id: 19 MiB of memory, 2 passes, 1 lane.
const OWASP_MEMORY_KIB: u32 = 19_456;
const OWASP_PASSES: u32 = 2;
const OWASP_LANES: u32 = 1;

/// Hashes passwords with argon2id. Each hash costs ~19 MiB and tens of
/// milliseconds of CPU, so it runs in `spawn_blocking`, and a semaphore
/// lets only a few (one by default) run at once: on a 2-core machine a
/// burst of logins then queues instead of taking every core from the
/// tasks that serve sockets.
#[derive(Clone)]
pub struct Argon2Hasher {
    params: Params,
    permits: Arc<Semaphore>,
}

impl Default for Argon2Hasher {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Argon2Hasher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Argon2Hasher")
            .field("params", &self.params)
            .field("free_permits", &self.permits.available_permits())
            .finish()
    }
}

impl Argon2Hasher {
    /// OWASP's parameters, one hash at a time.
    pub fn new() -> Self {
        Self::with_concurrency(1)
    }

    /// OWASP's parameters, at most `concurrent` hashes at a time (at least 1).
    pub fn with_concurrency(concurrent: usize) -> Self {
        let params =
            Params::new(OWASP_MEMORY_KIB, OWASP_PASSES, OWASP_LANES, None).unwrap_or_default();
        Self::with_params(params, concurrent)
    }

    /// Custom argon2id parameters (cheaper ones for benchmarks of other
    /// things); verification always follows the parameters stored in the hash.
    pub fn with_params(params: Params, concurrent: usize) -> Self {
        Self {
            params,
            permits: Arc::new(Semaphore::new(concurrent.max(1))),
        }
    }

    fn argon2(params: Params) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }

    /// Runs `work` on the blocking pool, once a permit is free.
    async fn run<T, W>(&self, work: W) -> Result<T, HashError>
    where
        T: Send + 'static,
        W: FnOnce() -> Result<T, HashError> + Send + 'static,
    {
        let permit = Arc::clone(&self.permits)
            .acquire_owned()
            .await
            .map_err(|e| HashError(e.to_string()))?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work()
        })
        .await
        .map_err(|e| HashError(format!("hashing task failed: {e}")))?
    }
}

#[async_trait]
impl PasswordHasher for Argon2Hasher {
    async fn hash(&self, password: &Password) -> Result<PasswordHash, HashError> {
        let secret = password.expose().to_owned();
        let params = self.params.clone();
        self.run(move || {
            let salt = SaltString::generate(&mut OsRng);
            Self::argon2(params)
                .hash_password(secret.as_bytes(), &salt)
                .map(|h| PasswordHash::new(h.to_string()))
                .map_err(|e| HashError(e.to_string()))
        })
        .await
    }

    async fn verify(&self, password: &Password, hash: &PasswordHash) -> Result<bool, HashError> {
        let secret = password.expose().to_owned();
        let stored = hash.as_str().to_owned();
        let params = self.params.clone();
        self.run(move || {
            let parsed = Phc::new(&stored).map_err(|e| HashError(e.to_string()))?;
            match Self::argon2(params).verify_password(secret.as_bytes(), &parsed) {
                Ok(()) => Ok(true),
                Err(argon2::password_hash::Error::Password) => Ok(false),
                Err(e) => Err(HashError(e.to_string())),
            }
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pw(text: &str) -> Password {
        Password::parse(text).unwrap()
    }

    #[tokio::test]
    async fn hashes_are_argon2id_phc_strings_with_owasp_parameters() {
        let hash = Argon2Hasher::new()
            .hash(&pw("correct horse"))
            .await
            .unwrap();
        assert!(hash.as_str().starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
    }

    #[tokio::test]
    async fn the_right_password_verifies_and_a_wrong_one_does_not() {
        let hasher = Argon2Hasher::new();
        let hash = hasher.hash(&pw("correct horse")).await.unwrap();
        assert!(hasher.verify(&pw("correct horse"), &hash).await.unwrap());
        assert!(!hasher.verify(&pw("wrong horse!"), &hash).await.unwrap());
    }

    #[tokio::test]
    async fn the_same_password_gets_a_new_salt_each_time() {
        let hasher = Argon2Hasher::new();
        let a = hasher.hash(&pw("correct horse")).await.unwrap();
        let b = hasher.hash(&pw("correct horse")).await.unwrap();
        assert_ne!(a, b);
    }

    #[tokio::test]
    async fn a_malformed_stored_hash_is_an_error_not_a_match() {
        let hasher = Argon2Hasher::new();
        let bad = PasswordHash::new("not a phc string");
        assert!(hasher.verify(&pw("correct horse"), &bad).await.is_err());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_hashes_all_complete_through_one_permit() {
        let hasher = Argon2Hasher::new();
        let tasks: Vec<_> = (0..3)
            .map(|i| {
                let h = hasher.clone();
                tokio::spawn(async move { h.hash(&pw(&format!("password {i}"))).await })
            })
            .collect();
        for t in tasks {
            assert!(t.await.unwrap().is_ok());
        }
        assert_eq!(hasher.permits.available_permits(), 1);
    }
}
