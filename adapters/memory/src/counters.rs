//! [`MemoryCounters`]: the limits' token buckets in this process's memory.
//!
//! One mutex around one map makes every `take` atomic. A bucket is kept as
//! the time at which it will be full again (GCRA's "theoretical arrival
//! time"): one integer per key, and a key whose bucket is full is simply
//! absent. The map is pruned of full buckets when it grows, so a flood of
//! distinct keys cannot grow it without bound.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use async_trait::async_trait;
use chat_core::limits::{Admission, CounterStore, Rule};
use chat_core::{StoreResult, Timestamp};

/// Keys kept before full buckets are pruned.
const PRUNE_AT: usize = 100_000;

/// Token buckets in memory (one process; a shared store such as Redis
/// would implement the same port for several instances).
#[derive(Debug, Default)]
pub struct MemoryCounters {
    /// Key → the moment (ms) the bucket is full again.
    full_at: Mutex<HashMap<String, i64>>,
}

impl MemoryCounters {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, i64>> {
        // The map is consistent between statements.
        self.full_at.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Buckets kept (not full).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// Whether every bucket is full.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[async_trait]
impl CounterStore for MemoryCounters {
    async fn take(&self, key: &str, rule: Rule, now: Timestamp) -> StoreResult<Admission> {
        let now = now.millis();
        let every = rule.every_ms();
        let capacity = every.saturating_mul(i64::from(rule.burst));
        let mut map = self.lock();
        let full_at = map.get(key).copied().unwrap_or(now).max(now);
        let next = full_at.saturating_add(every);
        if next - now > capacity {
            let wait = next - now - capacity;
            return Ok(Admission::Refused {
                retry_after: Duration::from_millis(wait.max(1) as u64),
            });
        }
        map.insert(key.to_owned(), next);
        if map.len() > PRUNE_AT {
            map.retain(|_, full_at| *full_at > now);
        }
        Ok(Admission::Taken)
    }

    async fn give_back(&self, key: &str, rule: Rule, now: Timestamp) -> StoreResult<()> {
        let now = now.millis();
        let mut map = self.lock();
        if let Some(full_at) = map.get_mut(key) {
            *full_at = full_at.saturating_sub(rule.every_ms());
            if *full_at <= now {
                map.remove(key);
            }
        }
        Ok(())
    }

    async fn reset(&self, key: &str) -> StoreResult<()> {
        self.lock().remove(key);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: i64) -> Timestamp {
        Timestamp::from_millis(1_700_000_000_000 + ms)
    }

    const FIVE_PER_5S: Rule = Rule {
        burst: 5,
        every: Duration::from_secs(1),
    };

    async fn takes(c: &MemoryCounters, n: usize, t: i64) -> Vec<Admission> {
        let mut out = Vec::new();
        for _ in 0..n {
            out.push(c.take("k", FIVE_PER_5S, at(t)).await.unwrap());
        }
        out
    }

    #[tokio::test]
    async fn a_full_bucket_gives_its_burst_then_refuses_with_the_wait() {
        let c = MemoryCounters::default();
        let got = takes(&c, 6, 0).await;
        assert!(got[..5].iter().all(|a| *a == Admission::Taken));
        assert_eq!(
            got[5],
            Admission::Refused {
                retry_after: Duration::from_secs(1)
            }
        );
        // One token back per second.
        assert_eq!(takes(&c, 1, 1000).await[0], Admission::Taken);
        assert!(matches!(
            takes(&c, 1, 1000).await[0],
            Admission::Refused { .. }
        ));
        // Full again after the whole period.
        let later = takes(&c, 5, 7000).await;
        assert!(later.iter().all(|a| *a == Admission::Taken));
    }

    #[tokio::test]
    async fn a_token_given_back_can_be_taken_again_and_reset_fills_the_bucket() {
        let c = MemoryCounters::default();
        takes(&c, 5, 0).await;
        c.give_back("k", FIVE_PER_5S, at(0)).await.unwrap();
        assert_eq!(takes(&c, 1, 0).await[0], Admission::Taken);
        c.reset("k").await.unwrap();
        assert!(takes(&c, 5, 0).await.iter().all(|a| *a == Admission::Taken));
    }

    #[tokio::test]
    async fn concurrent_takes_never_take_more_than_the_burst() {
        let c = std::sync::Arc::new(MemoryCounters::default());
        let tasks: Vec<_> = (0..100)
            .map(|_| {
                let c = c.clone();
                tokio::spawn(async move { c.take("k", FIVE_PER_5S, at(0)).await.unwrap() })
            })
            .collect();
        let mut taken = 0;
        for t in tasks {
            if t.await.unwrap() == Admission::Taken {
                taken += 1;
            }
        }
        assert_eq!(taken, 5);
    }

    #[tokio::test]
    async fn full_buckets_are_forgotten() {
        let c = MemoryCounters::default();
        takes(&c, 1, 0).await;
        c.give_back("k", FIVE_PER_5S, at(0)).await.unwrap();
        assert!(c.is_empty());
    }
}
