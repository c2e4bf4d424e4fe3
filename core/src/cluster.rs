//! Ports for running several instances of the server as one cluster.
//!
//! One instance needs none of these: its gateway delivers events itself,
//! [`crate::presence::Presence`] and [`crate::limits::CounterStore`] keep
//! their state in memory. Several instances behind a load balancer share
//! what a user may meet on any of them:
//!
//! - **events**: a gateway hands each dispatch it delivers locally to the
//!   [`EventBus`], which carries it to every other instance, whose gateway
//!   (a [`BusListener`]) delivers it to its own sockets. The message is
//!   opaque bytes the gateway encodes: the bus never knows event kinds, so
//!   a new kind crosses the cluster with no change here.
//! - **presence**: the same `Presence` port, implemented over shared keys
//!   that expire, so the users of an instance that died stop counting as
//!   online within the keys' lifetime.
//! - **counters**: the same `CounterStore` port over shared atomic buckets,
//!   so a throttle counts attempts on every instance together.
//!
//! [`ClusterHealth`] lets `/healthz` say when the shared service is gone.

use async_trait::async_trait;

use crate::error::StoreResult;
pub use crate::events::Flushed;

/// Carries gateway dispatches to the other instances. Must not block
/// (queue and return); a message sent while the bus is down may be lost
/// (the instances say so in `/healthz`, and close their sockets once it
/// is back so clients refetch: see [`BusListener::resubscribed`]).
pub trait EventBus: Send + Sync {
    /// Hands `message` over for delivery to every *other* instance, in the
    /// order of the calls.
    fn broadcast(&self, message: Vec<u8>);

    /// Resolves once every message broadcast before this call has been
    /// handed to the shared service (or dropped because it cannot be
    /// reached): one round trip when the queue is empty.
    fn flushed(&self) -> Flushed {
        Box::pin(std::future::ready(()))
    }
}

/// Receives what other instances broadcast.
pub trait BusListener: Send + Sync {
    /// One message another instance passed to [`EventBus::broadcast`].
    /// Must not block.
    fn received(&self, message: &[u8]);

    /// The bus receives again after a time it could not (the shared
    /// service was unreachable): what the others broadcast meanwhile is
    /// lost for this instance. Must not block.
    fn resubscribed(&self) {}
}

/// Whether the service the cluster shares answers.
#[async_trait]
pub trait ClusterHealth: Send + Sync {
    /// `Ok` when the shared service can be used now.
    async fn check(&self) -> StoreResult<()>;
}
