//! [`RedisCounters`]: the limits' token buckets, shared by every instance.
//!
//! The same GCRA as `chat_memory::MemoryCounters` (a bucket is the moment
//! it is full again), one key per bucket (`chat:limit:<key>`), changed by a
//! Lua script so a take is atomic across instances; the key expires when
//! the bucket is full again, so Redis keeps only buckets in use.

use std::time::Duration;

use async_trait::async_trait;
use chat_core::limits::{Admission, CounterStore, Rule};
use chat_core::{StoreResult, Timestamp};
use redis::aio::ConnectionManager;
use redis::Script;

use crate::unavailable;

/// Takes a token: 0 when taken, else the wait in ms (> 0).
const TAKE: &str = r"
local now = tonumber(ARGV[1])
local every = tonumber(ARGV[2])
local capacity = tonumber(ARGV[3])
local full_at = tonumber(redis.call('GET', KEYS[1]) or now)
if full_at < now then full_at = now end
local next = full_at + every
if next - now > capacity then
  return next - now - capacity
end
redis.call('SET', KEYS[1], next, 'PX', next - now)
return 0
";

/// Gives a token back.
const GIVE_BACK: &str = r"
local now = tonumber(ARGV[1])
local every = tonumber(ARGV[2])
local full_at = tonumber(redis.call('GET', KEYS[1]))
if not full_at then return 0 end
full_at = full_at - every
if full_at <= now then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], full_at, 'PX', full_at - now)
end
return 0
";

/// See the module doc.
pub struct RedisCounters {
    manager: ConnectionManager,
    take: Script,
    give_back: Script,
}

impl std::fmt::Debug for RedisCounters {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RedisCounters")
    }
}

fn key_of(key: &str) -> String {
    format!("chat:limit:{key}")
}

impl RedisCounters {
    pub(crate) fn new(manager: ConnectionManager) -> Self {
        Self {
            manager,
            take: Script::new(TAKE),
            give_back: Script::new(GIVE_BACK),
        }
    }
}

#[async_trait]
impl CounterStore for RedisCounters {
    async fn take(&self, key: &str, rule: Rule, now: Timestamp) -> StoreResult<Admission> {
        let every = rule.every_ms();
        let capacity = every.saturating_mul(i64::from(rule.burst));
        let wait: i64 = self
            .take
            .key(key_of(key))
            .arg(now.millis())
            .arg(every)
            .arg(capacity)
            .invoke_async(&mut self.manager.clone())
            .await
            .map_err(unavailable)?;
        Ok(if wait <= 0 {
            Admission::Taken
        } else {
            Admission::Refused {
                retry_after: Duration::from_millis(wait as u64),
            }
        })
    }

    async fn give_back(&self, key: &str, rule: Rule, now: Timestamp) -> StoreResult<()> {
        let _: i64 = self
            .give_back
            .key(key_of(key))
            .arg(now.millis())
            .arg(rule.every_ms())
            .invoke_async(&mut self.manager.clone())
            .await
            .map_err(unavailable)?;
        Ok(())
    }

    async fn reset(&self, key: &str) -> StoreResult<()> {
        redis::cmd("DEL")
            .arg(key_of(key))
            .query_async::<()>(&mut self.manager.clone())
            .await
            .map_err(unavailable)
    }
}
