//! Redis adapters of `chat_core::cluster`: what several `chat-server`
//! instances share.
//!
//! [`RedisCluster::connect`] opens one multiplexed connection (a
//! `ConnectionManager`, which reconnects by itself) for commands and one
//! pub/sub connection (re-opened in a loop) for what the others send:
//!
//! - **events** ([`RedisCluster::bus`]): `PUBLISH chat:events`, one
//!   ordered writer per instance, each message tagged with the sender's
//!   instance id so it skips its own;
//! - **presence** ([`RedisCluster::presence`]): a set of online users per
//!   instance (`chat:presence:<instance>`) that expires unless its instance
//!   refreshes it, plus `chat:presence` notes so the others learn of a
//!   change at once;
//! - **counters** ([`RedisCluster::counters`]): each token bucket is one
//!   key, updated by a Lua script (atomic) and expiring once full again.
//!
//! While Redis is unreachable, events stop crossing instances (each
//! instance still serves its own sockets), the throttles fail closed
//! (503), [`chat_core::cluster::ClusterHealth::check`] fails (so
//! `/healthz` answers 503) and the logs say so once; when Redis is back
//! the loops reconnect, the presence sets are written again, and
//! `/healthz` recovers, with no restart. Once subscribed again, the
//! listener (the gateway) is told, and closes its sockets with 4010 so
//! their clients identify again and refetch what they missed.

mod bus;
mod counters;
mod presence;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chat_core::cluster::{BusListener, ClusterHealth, EventBus};
use chat_core::{StoreError, StoreResult};
use redis::aio::{ConnectionManager, ConnectionManagerConfig};

pub use counters::RedisCounters;
pub use presence::RedisPresence;

/// The pub/sub channel of events.
const EVENTS: &str = "chat:events";
/// The pub/sub channel of presence notes.
const PRESENCE: &str = "chat:presence";

/// Timings of the cluster's shared state.
#[derive(Debug, Clone, Copy)]
pub struct ClusterTimings {
    /// How long an instance's presence set outlives its last refresh (the
    /// longest a dead instance's users still show online).
    pub presence_ttl: Duration,
    /// How often each instance rewrites its presence set and re-reads the
    /// others'.
    pub presence_refresh: Duration,
    /// Wait before re-opening a lost pub/sub connection.
    pub reconnect_delay: Duration,
}

impl Default for ClusterTimings {
    fn default() -> Self {
        Self {
            presence_ttl: Duration::from_secs(15),
            presence_refresh: Duration::from_secs(3),
            reconnect_delay: Duration::from_millis(500),
        }
    }
}

/// One instance's link to the cluster's Redis. See the crate doc.
pub struct RedisCluster {
    instance: String,
    client: redis::Client,
    manager: ConnectionManager,
    /// Whether the pub/sub connection is subscribed now.
    subscribed: AtomicBool,
    bus: Arc<bus::RedisBus>,
    presence: Arc<RedisPresence>,
    counters: Arc<RedisCounters>,
    timings: ClusterTimings,
}

impl std::fmt::Debug for RedisCluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RedisCluster")
            .field("instance", &self.instance)
            .finish_non_exhaustive()
    }
}

/// Errors of the commands, as the core's store errors (all "try later").
pub(crate) fn unavailable(e: redis::RedisError) -> StoreError {
    StoreError::Unavailable(format!("redis: {e}"))
}

impl RedisCluster {
    /// Connects to the Redis at `url` as instance `instance` (an id unique
    /// in the cluster). Fails when Redis cannot be reached now. Must run
    /// inside the tokio runtime; nothing is received until
    /// [`RedisCluster::start`].
    pub async fn connect(
        url: &str,
        instance: &str,
        timings: ClusterTimings,
    ) -> Result<Arc<Self>, String> {
        let client = redis::Client::open(url).map_err(|e| format!("bad Redis URL: {e}"))?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Duration::from_secs(2))
            .set_response_timeout(Duration::from_secs(2))
            .set_number_of_retries(2)
            .set_max_delay(1_000);
        let manager = tokio::time::timeout(
            Duration::from_secs(5),
            client.get_connection_manager_with_config(config),
        )
        .await
        .map_err(|_| "Redis did not answer within 5 s".to_owned())?
        .map_err(|e| format!("cannot connect to Redis: {e}"))?;
        let bus = bus::RedisBus::start(manager.clone(), instance.to_owned());
        let presence = RedisPresence::start(manager.clone(), instance.to_owned(), timings);
        let counters = Arc::new(RedisCounters::new(manager.clone()));
        Ok(Arc::new(Self {
            instance: instance.to_owned(),
            client,
            manager,
            subscribed: AtomicBool::new(false),
            bus,
            presence,
            counters,
            timings,
        }))
    }

    /// This instance's id.
    pub fn instance(&self) -> &str {
        &self.instance
    }

    /// The event bus to give the gateway.
    pub fn bus(&self) -> Arc<dyn EventBus> {
        self.bus.clone()
    }

    /// Cluster-wide presence (the core's `Presence` port).
    pub fn presence(&self) -> Arc<RedisPresence> {
        Arc::clone(&self.presence)
    }

    /// Cluster-wide token buckets (the core's `CounterStore` port).
    pub fn counters(&self) -> Arc<RedisCounters> {
        Arc::clone(&self.counters)
    }

    /// Starts receiving: the other instances' events go to `listener`.
    /// Call once, inside the tokio runtime.
    pub fn start(self: &Arc<Self>, listener: Arc<dyn BusListener>) {
        tokio::spawn(Arc::clone(self).receive(listener));
    }

    /// Subscribes, hands over what arrives, and subscribes again after a
    /// lost connection (forever).
    async fn receive(self: Arc<Self>, listener: Arc<dyn BusListener>) {
        use futures::StreamExt;
        let mut reported_down = false;
        loop {
            match self.subscribe().await {
                Ok(pubsub) => {
                    self.subscribed.store(true, Ordering::Release);
                    // Whatever changed while we were away: read it all again.
                    self.presence.resync_soon();
                    if reported_down {
                        tracing::warn!(instance = %self.instance, "redis: subscribed again; events cross instances again");
                        // The events missed meanwhile: the sockets here
                        // reconnect and refetch (after subscribing, so
                        // nothing is missed again while they do).
                        listener.resubscribed();
                    }
                    let mut stream = pubsub.into_on_message();
                    while let Some(msg) = stream.next().await {
                        let channel = msg.get_channel_name();
                        let payload = msg.get_payload_bytes();
                        if channel == EVENTS {
                            if let Some(event) = bus::from_others(&self.instance, payload) {
                                listener.received(event);
                            }
                        } else if channel == PRESENCE {
                            self.presence.note(payload);
                        }
                    }
                    self.subscribed.store(false, Ordering::Release);
                    tracing::error!(instance = %self.instance, "redis: subscription lost; events from other instances stop until it is back");
                    // Reported; the failed attempts that follow say nothing more.
                    reported_down = true;
                    tokio::time::sleep(self.timings.reconnect_delay).await;
                    continue;
                }
                Err(e) => {
                    if !reported_down {
                        tracing::error!(instance = %self.instance, error = %e, "redis: cannot subscribe; events from other instances stop until it is back");
                        reported_down = true;
                    }
                }
            }
            tokio::time::sleep(self.timings.reconnect_delay).await;
        }
    }

    async fn subscribe(&self) -> redis::RedisResult<redis::aio::PubSub> {
        let connect = self.client.get_async_pubsub();
        let mut pubsub = tokio::time::timeout(Duration::from_secs(2), connect)
            .await
            .map_err(|_| {
                redis::RedisError::from((redis::ErrorKind::IoError, "connect timed out"))
            })??;
        pubsub.subscribe(EVENTS).await?;
        pubsub.subscribe(PRESENCE).await?;
        Ok(pubsub)
    }
}

#[async_trait]
impl ClusterHealth for RedisCluster {
    /// Redis answers a PING and this instance is subscribed.
    async fn check(&self) -> StoreResult<()> {
        let mut conn = self.manager.clone();
        let cmd = redis::cmd("PING");
        let ping = cmd.query_async::<String>(&mut conn);
        match tokio::time::timeout(Duration::from_secs(1), ping).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => return Err(unavailable(e)),
            Err(_) => return Err(StoreError::Unavailable("redis: no answer to PING".into())),
        }
        if !self.subscribed.load(Ordering::Acquire) {
            return Err(StoreError::Unavailable(
                "redis: not subscribed to the other instances' events".into(),
            ));
        }
        Ok(())
    }
}
