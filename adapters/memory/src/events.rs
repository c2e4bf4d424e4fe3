//! [`MemoryEvents`]: an in-process event bus that can also record.
//!
//! Subscribers get a `tokio::sync::broadcast::Receiver<Event>`: a WebSocket
//! gateway (or any other consumer in the same process) can run one task
//! that receives every event and fans it out, and tests can await events.
//! A broadcast channel never blocks the publisher (the port requires
//! that); a receiver that falls more than `capacity` events behind gets
//! `RecvError::Lagged(n)` and must treat the skipped events as lost
//! (a gateway would resynchronise or drop those connections).
//!
//! Recording (`events()` / `take()`) keeps every event in memory, which is
//! what tests want and a long-running server does not: use
//! [`MemoryEvents::broadcast_only`] there.

use std::sync::{Mutex, MutexGuard, PoisonError};

use chat_core::events::{Event, EventPublisher};
use tokio::sync::broadcast;

/// How many events a subscriber may fall behind by default.
pub const DEFAULT_CAPACITY: usize = 4096;

/// An [`EventPublisher`] that broadcasts to subscribers and, unless built
/// with [`MemoryEvents::broadcast_only`], records every event.
#[derive(Debug)]
pub struct MemoryEvents {
    sender: broadcast::Sender<Event>,
    recorded: Option<Mutex<Vec<Event>>>,
}

impl Default for MemoryEvents {
    /// Records every event; subscribers may lag by [`DEFAULT_CAPACITY`].
    fn default() -> Self {
        Self::recording(DEFAULT_CAPACITY)
    }
}

impl MemoryEvents {
    /// Records every event and broadcasts it; subscribers may lag by
    /// `capacity` events (at least 1).
    pub fn recording(capacity: usize) -> Self {
        Self {
            sender: broadcast::channel(capacity.max(1)).0,
            recorded: Some(Mutex::new(Vec::new())),
        }
    }

    /// Only broadcasts (nothing is kept): for long-running programs.
    pub fn broadcast_only(capacity: usize) -> Self {
        Self {
            sender: broadcast::channel(capacity.max(1)).0,
            recorded: None,
        }
    }

    /// A receiver of every event published from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.sender.subscribe()
    }

    /// Every event recorded so far, oldest first (empty when not recording).
    pub fn events(&self) -> Vec<Event> {
        self.recorded().map(|r| r.clone()).unwrap_or_default()
    }

    /// Every event recorded so far, oldest first, forgetting them.
    pub fn take(&self) -> Vec<Event> {
        self.recorded()
            .map(|mut r| std::mem::take(&mut *r))
            .unwrap_or_default()
    }

    fn recorded(&self) -> Option<MutexGuard<'_, Vec<Event>>> {
        let log = self.recorded.as_ref()?;
        Some(log.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl EventPublisher for MemoryEvents {
    fn publish(&self, event: Event) {
        if let Some(mut log) = self.recorded() {
            log.push(event.clone());
        }
        // No subscriber is not an error: the event is simply not delivered.
        let _ = self.sender.send(event);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chat_core::events::{Audience, EventKind};
    use chat_core::ids::ServerId;
    use uuid::Uuid;

    fn deleted() -> Event {
        let server_id = ServerId::from_uuid(Uuid::now_v7());
        Event {
            audience: Audience::Server(server_id),
            kind: EventKind::ServerDeleted { server_id },
        }
    }

    #[test]
    fn records_and_takes_events_in_order() {
        let events = MemoryEvents::default();
        let (a, b) = (deleted(), deleted());
        events.publish(a.clone());
        events.publish(b.clone());
        assert_eq!(events.events(), vec![a.clone(), b.clone()]);
        assert_eq!(events.take(), vec![a, b]);
        assert!(events.events().is_empty());
    }

    #[tokio::test]
    async fn subscribers_receive_published_events() {
        let events = MemoryEvents::broadcast_only(8);
        let mut rx = events.subscribe();
        let e = deleted();
        events.publish(e.clone());
        assert_eq!(rx.recv().await.unwrap(), e);
        assert!(events.events().is_empty());
    }
}
