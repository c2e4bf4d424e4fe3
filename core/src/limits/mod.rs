//! Limits: the throttles and quotas that keep one client from guessing
//! passwords, locking others out, or flooding the server.
//!
//! Two kinds of state:
//! - **Buckets** (token buckets, kept behind the [`CounterStore`] port so
//!   several instances can share them later, e.g. in Redis): failed logins
//!   per (username, address) and per address, sign-ups per address, and
//!   the per-user write rates (messages per channel, new servers, …). An
//!   attempt *takes* its token before the expensive work runs, so a burst
//!   of concurrent attempts can never get more evaluations than the bucket
//!   holds.
//! - **Gauges** ([`InFlight`], in this process): how many password checks
//!   one address or one username has running now, and how many hashes are
//!   queued in all. They describe this process's own CPU, so they are not
//!   shared.
//!
//! The numbers are in [`LimitPolicy`]; `docs/security.md` says why each is
//! what it is. A [`crate::Chat`] built with [`crate::Chat::new`] has no
//! limits (tests, benchmarks, `--rate-limits off`); the binary turns them
//! on with [`crate::Chat::with_limits`].

mod client;
mod inflight;
mod usecases;

use std::time::Duration;

use async_trait::async_trait;

use crate::error::StoreResult;
use crate::time::Timestamp;

pub use client::ClientKey;
pub use inflight::{InFlight, Permit};
pub(crate) use usecases::Quota;
pub use usecases::Write;

/// A token bucket: it holds at most `burst` tokens and gains one every
/// `every`. Each attempt takes one token; an empty bucket refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Tokens a full bucket holds (the burst allowed at once).
    pub burst: u32,
    /// Time to regain one token.
    pub every: Duration,
}

impl Rule {
    /// `burst` tokens, refilled at `burst` per `period`.
    pub const fn per(burst: u32, period: Duration) -> Self {
        let every = if burst == 0 {
            period
        } else {
            Duration::from_millis(period.as_millis() as u64 / burst as u64)
        };
        Self { burst, every }
    }

    /// The refill interval in milliseconds (at least 1).
    pub fn every_ms(&self) -> i64 {
        (self.every.as_millis() as i64).max(1)
    }
}

/// What taking a token answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admission {
    /// A token was taken; go on.
    Taken,
    /// The bucket is empty; a token comes back after this wait.
    Refused {
        /// How long until the next token.
        retry_after: Duration,
    },
}

/// Where buckets live. Implementations must make [`take`](Self::take)
/// atomic per key: concurrent takes on one key never take more tokens
/// than the bucket holds.
#[async_trait]
pub trait CounterStore: Send + Sync {
    /// Takes one token from the bucket `key` (created full on first use)
    /// under `rule` at `now`: [`Admission::Taken`] when there was one,
    /// [`Admission::Refused`] with the wait until the next one otherwise
    /// (then nothing changes).
    async fn take(&self, key: &str, rule: Rule, now: Timestamp) -> StoreResult<Admission>;

    /// Puts one token back (an attempt that turned out not to count);
    /// never fills the bucket beyond `rule.burst`.
    async fn give_back(&self, key: &str, rule: Rule, now: Timestamp) -> StoreResult<()>;

    /// Fills the bucket `key` again (forgets it).
    async fn reset(&self, key: &str) -> StoreResult<()>;
}

/// Every number of the limits. [`LimitPolicy::default`] is what the
/// server runs with; `docs/security.md` gives the reasons.
#[derive(Debug, Clone)]
pub struct LimitPolicy {
    /// Failed logins per (username, address /64): 5 per 15 minutes.
    pub login_failures_per_user_and_address: Rule,
    /// Failed logins per address across usernames: 20 per 15 minutes.
    pub login_failures_per_address: Rule,
    /// Sign-ups per address: 30 per hour.
    pub signups_per_address: Rule,
    /// Password checks running at once for one address.
    pub logins_in_flight_per_address: u32,
    /// Password checks running at once for one username.
    pub logins_in_flight_per_username: u32,
    /// Password hashes queued or running in the whole process; beyond it
    /// logins and sign-ups answer 503 `unavailable`.
    pub hash_queue: u32,
    /// Longest password a login accepts, in bytes (longer: 422 without hashing).
    pub max_login_password_bytes: usize,
    /// Messages per user per channel: 5 per 5 s.
    pub messages_per_channel: Rule,
    /// New servers per user: 10 per hour.
    pub servers_created: Rule,
    /// New channels per user: 30 per 10 minutes.
    pub channels_created: Rule,
    /// New invites per user: 30 per 10 minutes.
    pub invites_created: Rule,
    /// Bans per user: 30 per minute.
    pub bans: Rule,
    /// Avatar and server icon uploads per user: 10 per 10 minutes.
    pub pictures: Rule,
    /// Servers one user may own.
    pub servers_owned: usize,
    /// Channels in one server.
    pub channels_per_server: usize,
    /// Active (unexpired, not used up) invites of one server.
    pub invites_per_server: usize,
    /// Invite previews (open to anyone) per client address.
    pub invite_previews_per_address: Rule,
}

impl Default for LimitPolicy {
    fn default() -> Self {
        const MIN: u64 = 60;
        Self {
            login_failures_per_user_and_address: Rule::per(5, Duration::from_secs(15 * MIN)),
            login_failures_per_address: Rule::per(20, Duration::from_secs(15 * MIN)),
            signups_per_address: Rule::per(30, Duration::from_secs(60 * MIN)),
            logins_in_flight_per_address: 4,
            logins_in_flight_per_username: 4,
            hash_queue: 32,
            max_login_password_bytes: 1024,
            messages_per_channel: Rule::per(5, Duration::from_secs(5)),
            servers_created: Rule::per(10, Duration::from_secs(60 * MIN)),
            channels_created: Rule::per(30, Duration::from_secs(10 * MIN)),
            invites_created: Rule::per(30, Duration::from_secs(10 * MIN)),
            bans: Rule::per(30, Duration::from_secs(MIN)),
            pictures: Rule::per(10, Duration::from_secs(10 * MIN)),
            servers_owned: 100,
            channels_per_server: 500,
            invites_per_server: 1000,
            invite_previews_per_address: Rule::per(60, Duration::from_secs(MIN)),
        }
    }
}

/// The limits a [`crate::Chat`] enforces: the policy, the buckets, and
/// this process's gauges.
pub(crate) struct Limits {
    pub policy: LimitPolicy,
    pub counters: std::sync::Arc<dyn CounterStore>,
    pub in_flight: InFlight,
}

/// The wait told to a client refused by a gauge (the work it waits for
/// takes well under a second).
pub(crate) const BUSY_RETRY: Duration = Duration::from_secs(1);
