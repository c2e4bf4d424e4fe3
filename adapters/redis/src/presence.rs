//! [`RedisPresence`]: who is online anywhere in the cluster.
//!
//! Each instance counts its own connections in memory (as
//! `chat_memory::MemoryPresence` does) and mirrors the set of its users
//! with at least one connection in the Redis set `chat:presence:<id>`,
//! which expires `presence_ttl` after the instance last rewrote it (every
//! `presence_refresh`). A change is also announced on the `chat:presence`
//! channel so the others learn it at once; each instance also re-reads
//! every set at each refresh, so an instance that died (its set expired)
//! or a note lost during an outage is corrected within one TTL.
//!
//! When another instance's set has been missing for [`MISSES`] re-reads in
//! a row (it died: its set expired), one surviving instance (the first to
//! claim `chat:presence-lost:<instance>:<user>`) hands each of its users
//! to [`RedisPresence::lost_users`], so the binary announces them offline.
//! Waiting for several misses keeps a Redis restart (every set gone until
//! its instance rewrites it, within one refresh) from announcing anyone.
//!
//! The port's calls stay cheap and non-blocking: they read and update the
//! memory maps and queue the Redis work for one writer task.
//!
//! Typing needs no shared state: `typing.started` is an event (it crosses
//! instances on the bus) and the indicator expires on the client; only the
//! start throttle is kept, per instance.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use chat_core::ids::{ChannelId, UserId};
use chat_core::presence::Presence;
use chat_core::Timestamp;
use chat_memory::MemoryPresence;
use redis::aio::ConnectionManager;
use tokio::sync::mpsc;
use uuid::Uuid;

use crate::{ClusterTimings, PRESENCE};

/// The Redis key of one instance's online users.
fn key_of(instance: &str) -> String {
    format!("chat:presence:{instance}")
}

/// Re-reads in a row without an instance's set before its users are lost.
const MISSES: u32 = 3;

enum Op {
    Online(UserId),
    Offline(UserId),
    Resync,
}

/// See the module doc.
pub struct RedisPresence {
    instance: String,
    /// This instance's connections per user.
    local: Mutex<HashMap<UserId, u32>>,
    /// The other instances' online users, as last read or announced.
    remote: Mutex<HashMap<String, HashSet<UserId>>>,
    /// Instances whose set was missing at the last re-reads: how many
    /// times, and their users when last seen.
    missing: Mutex<HashMap<String, (u32, HashSet<UserId>)>>,
    /// The typing throttle (its connection counts are unused).
    typing: MemoryPresence,
    tx: mpsc::UnboundedSender<Op>,
    lost_tx: mpsc::UnboundedSender<UserId>,
    lost_rx: Mutex<Option<mpsc::UnboundedReceiver<UserId>>>,
}

impl std::fmt::Debug for RedisPresence {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisPresence")
            .field("instance", &self.instance)
            .finish_non_exhaustive()
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Each update is one map operation: consistent after a panic.
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl RedisPresence {
    pub(crate) fn start(
        manager: ConnectionManager,
        instance: String,
        timings: ClusterTimings,
    ) -> Arc<Self> {
        let (tx, rx) = mpsc::unbounded_channel();
        let (lost_tx, lost_rx) = mpsc::unbounded_channel();
        let presence = Arc::new(Self {
            instance,
            local: Mutex::default(),
            remote: Mutex::default(),
            missing: Mutex::default(),
            typing: MemoryPresence::default(),
            tx,
            lost_tx,
            lost_rx: Mutex::new(Some(lost_rx)),
        });
        tokio::spawn(write(Arc::downgrade(&presence), manager, rx, timings));
        presence
    }

    /// The users of dead instances that this instance should announce
    /// (see the module doc); `None` after the first call.
    pub fn lost_users(&self) -> Option<mpsc::UnboundedReceiver<UserId>> {
        lock(&self.lost_rx).take()
    }

    /// Asks the writer to re-read the other instances' sets now.
    pub(crate) fn resync_soon(&self) {
        let _ = self.tx.send(Op::Resync);
    }

    /// A note from the `chat:presence` channel: `<instance> +<user>` or
    /// `<instance> -<user>`. Unreadable notes and our own are ignored.
    pub(crate) fn note(&self, payload: &[u8]) {
        let Ok(text) = std::str::from_utf8(payload) else {
            return;
        };
        let Some((instance, change)) = text.split_once(' ') else {
            return;
        };
        if instance == self.instance || change.is_empty() {
            return;
        }
        let (sign, id) = change.split_at(1);
        let Ok(user) = Uuid::parse_str(id).map(UserId::from_uuid) else {
            return;
        };
        let mut remote = lock(&self.remote);
        match sign {
            "+" => {
                remote.entry(instance.to_owned()).or_default().insert(user);
            }
            "-" => {
                if let Some(users) = remote.get_mut(instance) {
                    users.remove(&user);
                }
            }
            _ => {}
        }
    }

    fn connected_elsewhere(&self, user: UserId) -> bool {
        lock(&self.remote)
            .values()
            .any(|users| users.contains(&user))
    }

    fn local_users(&self) -> Vec<UserId> {
        lock(&self.local).keys().copied().collect()
    }
}

impl Presence for RedisPresence {
    fn connect(&self, user: UserId) -> bool {
        let first_here = {
            let mut local = lock(&self.local);
            let count = local.entry(user).or_insert(0);
            *count = count.saturating_add(1);
            *count == 1
        };
        if !first_here {
            return false;
        }
        let _ = self.tx.send(Op::Online(user));
        !self.connected_elsewhere(user)
    }

    fn disconnect(&self, user: UserId) -> bool {
        let last_here = {
            let mut local = lock(&self.local);
            match local.get_mut(&user) {
                Some(count) if *count > 1 => {
                    *count -= 1;
                    false
                }
                Some(_) => {
                    local.remove(&user);
                    true
                }
                None => false,
            }
        };
        if !last_here {
            return false;
        }
        let _ = self.tx.send(Op::Offline(user));
        !self.connected_elsewhere(user)
    }

    fn is_connected(&self, user: UserId) -> bool {
        lock(&self.local).contains_key(&user) || self.connected_elsewhere(user)
    }

    fn start_typing(&self, user: UserId, channel: ChannelId, now: Timestamp) -> Option<Timestamp> {
        self.typing.start_typing(user, channel, now)
    }
}

/// The writer: applies the queued changes in order, and every refresh
/// rewrites this instance's set and re-reads the others'. Ends with the
/// presence.
async fn write(
    presence: std::sync::Weak<RedisPresence>,
    mut manager: ConnectionManager,
    mut rx: mpsc::UnboundedReceiver<Op>,
    timings: ClusterTimings,
) {
    let mut tick = tokio::time::interval(timings.presence_refresh);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let ttl_ms = timings.presence_ttl.as_millis() as u64;
    let mut failing = false;
    loop {
        let op = tokio::select! {
            op = rx.recv() => match op {
                Some(op) => Some(op),
                None => return,
            },
            _ = tick.tick() => None,
        };
        let Some(presence) = presence.upgrade() else {
            return;
        };
        let key = key_of(&presence.instance);
        let result = match op {
            Some(Op::Online(user)) => {
                let mut pipe = redis::pipe();
                pipe.cmd("SADD").arg(&key).arg(user.to_string()).ignore();
                pipe.cmd("PEXPIRE").arg(&key).arg(ttl_ms).ignore();
                pipe.cmd("PUBLISH")
                    .arg(PRESENCE)
                    .arg(format!("{} +{user}", presence.instance))
                    .ignore();
                pipe.query_async::<()>(&mut manager).await
            }
            Some(Op::Offline(user)) => {
                let mut pipe = redis::pipe();
                pipe.cmd("SREM").arg(&key).arg(user.to_string()).ignore();
                pipe.cmd("PUBLISH")
                    .arg(PRESENCE)
                    .arg(format!("{} -{user}", presence.instance))
                    .ignore();
                pipe.query_async::<()>(&mut manager).await
            }
            Some(Op::Resync) => resync(&presence, &mut manager).await,
            None => match rewrite(&presence, &key, ttl_ms, &mut manager).await {
                Ok(()) => resync(&presence, &mut manager).await,
                Err(e) => Err(e),
            },
        };
        match result {
            Ok(()) if failing => {
                tracing::warn!(instance = %presence.instance, "redis: presence shared again");
                failing = false;
            }
            Ok(()) => {}
            Err(e) => {
                if !failing {
                    tracing::error!(instance = %presence.instance, error = %e, "redis: cannot share presence; other instances see stale presence until it is back");
                    failing = true;
                }
            }
        }
    }
}

/// Replaces this instance's set with its users now (atomically), and
/// renews its lifetime.
async fn rewrite(
    presence: &RedisPresence,
    key: &str,
    ttl_ms: u64,
    manager: &mut ConnectionManager,
) -> redis::RedisResult<()> {
    let users = presence.local_users();
    let mut pipe = redis::pipe();
    pipe.atomic();
    pipe.cmd("DEL").arg(key).ignore();
    if !users.is_empty() {
        let ids: Vec<String> = users.iter().map(ToString::to_string).collect();
        pipe.cmd("SADD").arg(key).arg(ids).ignore();
        pipe.cmd("PEXPIRE").arg(key).arg(ttl_ms).ignore();
    }
    pipe.query_async::<()>(manager).await
}

/// Reads every other instance's set (those that expired are gone).
async fn resync(
    presence: &RedisPresence,
    manager: &mut ConnectionManager,
) -> redis::RedisResult<()> {
    let own = key_of(&presence.instance);
    let mut keys = Vec::new();
    let mut cursor = 0u64;
    loop {
        let (next, batch): (u64, Vec<String>) = redis::cmd("SCAN")
            .arg(cursor)
            .arg("MATCH")
            .arg("chat:presence:*")
            .arg("COUNT")
            .arg(1000)
            .query_async(manager)
            .await?;
        keys.extend(batch.into_iter().filter(|k| *k != own));
        if next == 0 {
            break;
        }
        cursor = next;
    }
    let mut remote = HashMap::new();
    for key in keys {
        let members: Vec<String> = redis::cmd("SMEMBERS")
            .arg(&key)
            .query_async(manager)
            .await?;
        let users = members
            .iter()
            .filter_map(|m| Uuid::parse_str(m).ok().map(UserId::from_uuid))
            .collect::<HashSet<_>>();
        let instance = key.trim_start_matches("chat:presence:").to_owned();
        remote.insert(instance, users);
    }
    let old = std::mem::replace(&mut *lock(&presence.remote), remote.clone());
    // Instances whose set is gone: count the misses; past MISSES, their
    // users are lost unless connected somewhere.
    let mut expired = Vec::new();
    {
        let mut missing = lock(&presence.missing);
        missing.retain(|instance, _| !remote.contains_key(instance));
        for (instance, users) in old {
            if !remote.contains_key(&instance) {
                missing.entry(instance).or_insert((0, users));
            }
        }
        for (instance, (misses, users)) in missing.iter_mut() {
            *misses += 1;
            if *misses >= MISSES {
                expired.push((instance.clone(), std::mem::take(users)));
            }
        }
        missing.retain(|_, (misses, _)| *misses < MISSES);
    }
    for (instance, users) in expired {
        for user in users {
            if presence.is_connected(user) {
                continue;
            }
            let claim: Option<String> = redis::cmd("SET")
                .arg(format!("chat:presence-lost:{instance}:{user}"))
                .arg(&presence.instance)
                .arg("NX")
                .arg("PX")
                .arg(60_000)
                .query_async(manager)
                .await?;
            if claim.is_some() {
                let _ = presence.lost_tx.send(user);
            }
        }
    }
    Ok(())
}
