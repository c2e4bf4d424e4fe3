//! [`Argon2Hasher`]: argon2id with OWASP's parameters, off the async workers.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};

use std::cell::RefCell;

use argon2::password_hash::PasswordHash as Phc;
use argon2::password_hash::{rand_core::OsRng, Output, ParamsString, SaltString};
use argon2::{Algorithm, Argon2, Block, Params, Version};
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
        let waiting = queue
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .try_recv();
        let next = match waiting {
            Ok(job) => Ok(job),
            Err(mpsc::TryRecvError::Disconnected) => return,
            Err(mpsc::TryRecvError::Empty) => {
                // The burst is over: give the working memory's pages back
                // until the next hash.
                release_memory();
                queue.lock().unwrap_or_else(PoisonError::into_inner).recv()
            }
        };
        let Ok(job) = next else {
            return;
        };
        // A panicking job drops its result sender (the caller gets an
        // error); the thread lives on for the next one.
        let _ = std::panic::catch_unwind(AssertUnwindSafe(job));
    }
}

/// Makes the calling thread yield to the socket tasks when cores are
/// scarce: `nice 19`. `SCHED_IDLE` would hand the core back sooner, but its
/// CPU share (weight 3 against nice 19's 15) let logins crawl at under two
/// per second on a busy two-core machine, so a loaded server would look
/// down to everyone trying to sign in (decisions.md, issue 23).
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

/// The largest working memory a hashing thread keeps between hashes:
/// 64 MiB, room for OWASP's 19 MiB and then some. A stored hash asking for
/// more is still verified, in memory allocated for it alone.
const KEPT_BLOCKS: usize = 64 * 1024;

thread_local! {
    /// This hashing thread's argon2 working memory, reused by every hash it
    /// runs: one block of ~19 MiB per hashing thread for the life of the
    /// process, instead of a fresh allocation per login that the allocator
    /// may never hand back to the system.
    static MEMORY: RefCell<Vec<Block>> = const { RefCell::new(Vec::new()) };
}

/// Hands the physical pages of this thread's working memory back to the
/// system, keeping the allocation: the next hash faults them in again (as
/// a fresh allocation would), and between bursts the process's RSS is what
/// it was before the first login.
fn release_memory() {
    MEMORY.with(|memory| {
        let mut memory = memory.borrow_mut();
        let bytes = std::mem::size_of_val(memory.as_slice());
        if bytes == 0 {
            return;
        }
        let start = memory.as_mut_ptr().cast::<u8>();
        discard_pages(start, bytes);
    });
}

/// `madvise(MADV_DONTNEED)` on the whole pages inside `start..start+bytes`:
/// their contents read as zeros afterwards, a valid value for `Block`s.
#[cfg(target_os = "linux")]
fn discard_pages(start: *mut u8, bytes: usize) {
    // SAFETY: sysconf takes an integer and touches no memory of ours.
    let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap_or(4096);
    let begin = (start as usize).div_ceil(page) * page;
    let end = (start as usize + bytes) / page * page;
    if end <= begin {
        return;
    }
    // SAFETY: `begin..end` lies inside the live allocation of `bytes` bytes
    // at `start`, which nothing else borrows now (the RefCell is borrowed
    // mutably by the caller); on private anonymous memory MADV_DONTNEED
    // only makes the pages read as zeros later, a valid `Block` value.
    let failed =
        unsafe { libc::madvise(begin as *mut libc::c_void, end - begin, libc::MADV_DONTNEED) } != 0;
    if failed {
        tracing::debug!("could not release the hashing memory's pages");
    }
}

#[cfg(not(target_os = "linux"))]
fn discard_pages(_start: *mut u8, _bytes: usize) {}

/// Computes `argon2`'s output for `password` and `salt` into `out`, in the
/// calling thread's reused working memory.
fn hash_into(
    argon2: &Argon2<'_>,
    params: &Params,
    password: &[u8],
    salt: &[u8],
    out: &mut [u8],
) -> Result<(), HashError> {
    let needed = params.block_count();
    let failed = |e: argon2::Error| HashError(e.to_string());
    if needed > KEPT_BLOCKS {
        let memory = vec![Block::default(); needed];
        return argon2
            .hash_password_into_with_memory(password, salt, out, memory)
            .map_err(failed);
    }
    MEMORY.with(|memory| {
        let mut memory = memory.borrow_mut();
        if memory.len() < needed {
            memory.resize(needed, Block::default());
        }
        argon2
            .hash_password_into_with_memory(password, salt, out, &mut memory[..needed])
            .map_err(failed)
    })
}

/// A new PHC string for `password` with `params` and a random salt.
fn hash_phc(params: &Params, password: &[u8]) -> Result<String, HashError> {
    let failed = |e: argon2::password_hash::Error| HashError(e.to_string());
    let salt = SaltString::generate(&mut OsRng);
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_bytes).map_err(failed)?;
    let argon2 = Argon2Hasher::argon2(params.clone());
    let length = params.output_len().unwrap_or(Params::DEFAULT_OUTPUT_LEN);
    let mut out = vec![0u8; length];
    hash_into(&argon2, params, password, salt_bytes, &mut out)?;
    let phc = Phc {
        algorithm: Algorithm::Argon2id.ident(),
        version: Some(Version::V0x13.into()),
        params: ParamsString::try_from(params).map_err(failed)?,
        salt: Some(salt.as_salt()),
        hash: Some(Output::new(&out).map_err(failed)?),
    };
    Ok(phc.to_string())
}

/// Whether `password` matches the PHC string `stored`, with the algorithm,
/// version and parameters the string names.
fn verify_phc(password: &[u8], stored: &str) -> Result<bool, HashError> {
    let failed = |e: argon2::password_hash::Error| HashError(e.to_string());
    let parsed = Phc::new(stored).map_err(failed)?;
    let (Some(salt), Some(expected)) = (parsed.salt, parsed.hash) else {
        return Err(HashError("the stored hash has no salt or no output".into()));
    };
    let algorithm = Algorithm::try_from(parsed.algorithm).map_err(failed)?;
    let version = parsed
        .version
        .map(Version::try_from)
        .transpose()
        .map_err(|e| HashError(e.to_string()))?
        .unwrap_or_default();
    let params = Params::try_from(&parsed).map_err(failed)?;
    let mut salt_bytes = [0u8; 64];
    let salt_bytes = salt.decode_b64(&mut salt_bytes).map_err(failed)?;
    let argon2 = Argon2::new(algorithm, version, params.clone());
    let mut out = vec![0u8; expected.len()];
    hash_into(&argon2, &params, password, salt_bytes, &mut out)?;
    // `Output`'s equality is constant-time.
    Ok(Output::new(&out).map_err(failed)? == expected)
}

#[async_trait]
impl PasswordHasher for Argon2Hasher {
    async fn hash(&self, password: &Password) -> Result<PasswordHash, HashError> {
        let secret = password.expose().to_owned();
        let params = self.params.clone();
        self.run(move || hash_phc(&params, secret.as_bytes()).map(PasswordHash::new))
            .await
    }

    async fn verify(&self, password: &Password, hash: &PasswordHash) -> Result<bool, HashError> {
        let secret = password.expose().to_owned();
        let stored = hash.as_str().to_owned();
        self.run(move || verify_phc(secret.as_bytes(), &stored))
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

    #[test]
    fn hashes_made_in_reused_memory_verify_with_the_reference_implementation() {
        use argon2::password_hash::PasswordVerifier as _;
        let params = Params::new(OWASP_MEMORY_KIB, OWASP_PASSES, OWASP_LANES, None).unwrap();
        // Twice on one thread: the second hash runs in the first one's memory.
        for password in ["correct horse", "battery staple"] {
            let ours = hash_phc(&params, password.as_bytes()).unwrap();
            let parsed = Phc::new(&ours).unwrap();
            assert!(Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok());
        }
        MEMORY.with(|m| assert_eq!(m.borrow().len(), params.block_count()));
        // Released pages read as zeros and the next hash still verifies.
        release_memory();
        let again = hash_phc(&params, b"after release").unwrap();
        assert!(verify_phc(b"after release", &again).unwrap());
    }

    #[test]
    fn reference_hashes_with_other_parameters_verify_in_reused_memory() {
        use argon2::password_hash::PasswordHasher as _;
        let salt = SaltString::generate(&mut OsRng);
        for (m, t, p) in [(8_192, 3, 1), (19_456, 2, 1), (4_096, 1, 2)] {
            let params = Params::new(m, t, p, None).unwrap();
            let reference = Argon2Hasher::argon2(params)
                .hash_password(b"correct horse", &salt)
                .unwrap()
                .to_string();
            assert!(verify_phc(b"correct horse", &reference).unwrap());
            assert!(!verify_phc(b"wrong horse!", &reference).unwrap());
        }
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
