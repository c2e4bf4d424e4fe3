//! [`Argon2Hasher`]: argon2id with OWASP's parameters, off the async workers.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};

use argon2::password_hash::{rand_core::OsRng, SaltString};
use argon2::password_hash::{PasswordHash as Phc, PasswordHasher as _, PasswordVerifier as _};
use argon2::{Algorithm, Argon2, Params, Version};
use async_trait::async_trait;
use chat_core::auth::{HashError, PasswordHasher};
use chat_core::users::{Password, PasswordHash};
use tokio::sync::oneshot;

/// OWASP's minimum for argon2id: 19 MiB of memory, 2 passes, 1 lane.
const OWASP_MEMORY_KIB: u32 = 19_456;
const OWASP_PASSES: u32 = 2;
const OWASP_LANES: u32 = 1;

/// Hashes passwords with argon2id. Each hash costs ~19 MiB and tens of
/// milliseconds of CPU, so it runs on the hasher's own threads, few of
/// them (one by default) and at the lowest CPU priority: on a 2-core
/// machine a burst of logins then queues, and yields the CPU to the tasks
/// that serve sockets whenever they have work.
#[derive(Clone)]
pub struct Argon2Hasher {
    params: Params,
    workers: Arc<Workers>,
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
            .field("threads", &self.workers.threads)
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
            workers: Arc::new(Workers::start(concurrent.max(1))),
        }
    }

    fn argon2(params: Params) -> Argon2<'static> {
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
    }

    /// Runs `work` on a hashing thread, once one is free.
    async fn run<T, W>(&self, work: W) -> Result<T, HashError>
    where
        T: Send + 'static,
        W: FnOnce() -> Result<T, HashError> + Send + 'static,
    {
        let (done, result) = oneshot::channel();
        let _queued = QueueDepth::enter();
        self.workers.submit(Box::new(move || {
            let _ = done.send(work());
        }))?;
        result
            .await
            .map_err(|_| HashError("the hashing thread failed".into()))?
    }
}

/// `chat_hasher_queue_depth` on `/metrics`: hashes waiting or running,
/// counted while a caller waits for one.
struct QueueDepth;

impl QueueDepth {
    const GAUGE: &'static str = "chat_hasher_queue_depth";

    fn enter() -> Self {
        metrics::gauge!(Self::GAUGE).increment(1.0);
        Self
    }
}

impl Drop for QueueDepth {
    fn drop(&mut self) {
        metrics::gauge!(Self::GAUGE).decrement(1.0);
    }
}

type Job = Box<dyn FnOnce() + Send>;

/// The hashing threads: they take jobs from one queue, in order.
struct Workers {
    jobs: mpsc::Sender<Job>,
    threads: usize,
}

impl Workers {
    fn start(count: usize) -> Self {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        let mut threads = 0;
        for i in 0..count {
            let queue = Arc::clone(&queue);
            let spawned = std::thread::Builder::new()
                .name(format!("argon2-{i}"))
                .spawn(move || work_through(&queue));
            match spawned {
                Ok(_) => threads += 1,
                Err(e) => tracing::error!(error = %e, "could not start a hashing thread"),
            }
        }
        Self { jobs, threads }
    }

    fn submit(&self, job: Job) -> Result<(), HashError> {
        // Fails only when no hashing thread could be started.
        self.jobs
            .send(job)
            .map_err(|_| HashError("no hashing thread is running".into()))
    }
}

/// A hashing thread's life: lowest priority, then jobs until the hasher
/// (the queue's sender) is dropped.
fn work_through(queue: &Mutex<mpsc::Receiver<Job>>) {
    lower_priority();
    loop {
        let next = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(job) = next else {
            return;
        };
        // A panicking job drops its result sender (the caller gets an
        // error); the thread lives on for the next one.
        let _ = std::panic::catch_unwind(AssertUnwindSafe(job));
    }
}

/// Makes the calling thread the last to get a CPU when cores are scarce.
#[cfg(target_os = "linux")]
fn lower_priority() {
    const LOWEST: libc::c_int = 19;
    // SAFETY: setpriority takes plain integers and touches no memory of
    // ours; on Linux the nice value is per thread and `who = 0` with
    // PRIO_PROCESS names the calling thread.
    let failed = unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, LOWEST) } != 0;
    if failed {
        tracing::warn!("could not lower the hashing thread's priority");
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

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
    async fn concurrent_hashes_all_complete_on_one_thread() {
        let hasher = Argon2Hasher::new();
        assert_eq!(hasher.workers.threads, 1);
        let tasks: Vec<_> = (0..3)
            .map(|i| {
                let h = hasher.clone();
                tokio::spawn(async move { h.hash(&pw(&format!("password {i}"))).await })
            })
            .collect();
        for t in tasks {
            assert!(t.await.unwrap().is_ok());
        }
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn hashing_threads_run_at_the_lowest_priority() {
        let (tx, rx) = mpsc::channel();
        let workers = Workers::start(1);
        let job: Job = Box::new(move || {
            // SAFETY: as in `lower_priority`; reads the calling thread's nice value.
            let nice = unsafe { libc::getpriority(libc::PRIO_PROCESS, 0) };
            let _ = tx.send(nice);
        });
        workers.submit(job).unwrap();
        assert_eq!(rx.recv().unwrap(), 19);
    }

    #[tokio::test]
    async fn a_panicking_job_is_an_error_and_the_thread_lives_on() {
        let hasher = Argon2Hasher::new();
        let failed = hasher
            .run(|| -> Result<(), HashError> { panic!("boom") })
            .await;
        assert!(failed.is_err());
        assert!(hasher.hash(&pw("still working")).await.is_ok());
    }
}
