//! The event bus: `PUBLISH chat:events "<instance>\n<message>"`.
//!
//! One writer task per instance sends the queued messages in order,
//! several per round trip (a pipeline), so a burst costs few round trips
//! and the other instances receive this instance's events in the order
//! they were published. When Redis fails, the batch and whatever queued
//! meanwhile are dropped (counted in the log line when it recovers).
//!
//! Flushing: every message gets a number when queued; the writer
//! publishes (on a `watch`) how many it has finished with (published, or
//! dropped while Redis fails). [`EventBus::flushed`] waits until that
//! count reaches the number of the last message queued before the call.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use chat_core::cluster::{EventBus, Flushed};
use redis::aio::ConnectionManager;
use tokio::sync::{mpsc, watch};

use crate::EVENTS;

/// Messages sent in one pipeline at most.
const BATCH: usize = 256;

/// See the module doc.
pub(crate) struct RedisBus {
    tx: mpsc::UnboundedSender<Vec<u8>>,
    /// Messages queued so far.
    queued: AtomicU64,
    /// Messages the writer has finished with so far.
    done: watch::Receiver<u64>,
}

impl RedisBus {
    pub(crate) fn start(manager: ConnectionManager, instance: String) -> Arc<Self> {
        let (tx, rx) = mpsc::unbounded_channel();
        let (done_tx, done) = watch::channel(0);
        tokio::spawn(write(manager, instance, rx, done_tx));
        Arc::new(Self {
            tx,
            queued: AtomicU64::new(0),
            done,
        })
    }
}

impl EventBus for RedisBus {
    fn broadcast(&self, message: Vec<u8>) {
        // Counted before it is queued: a flush that sees the count waits
        // for a message the writer is sure to receive.
        self.queued.fetch_add(1, Ordering::AcqRel);
        // The writer lives as long as the runtime.
        let _ = self.tx.send(message);
    }

    fn flushed(&self) -> Flushed {
        let target = self.queued.load(Ordering::Acquire);
        let mut done = self.done.clone();
        Box::pin(async move {
            // An error means the writer is gone (the runtime is ending).
            let _ = done.wait_for(|n| *n >= target).await;
        })
    }
}

/// The message as published: the sender's id, a newline, the message.
fn tagged(instance: &str, message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(instance.len() + 1 + message.len());
    out.extend_from_slice(instance.as_bytes());
    out.push(b'\n');
    out.extend_from_slice(message);
    out
}

/// The message of a published payload, unless `instance` sent it (or it
/// has no tag).
pub(crate) fn from_others<'a>(instance: &str, payload: &'a [u8]) -> Option<&'a [u8]> {
    let newline = payload.iter().position(|b| *b == b'\n')?;
    let (sender, rest) = payload.split_at(newline);
    (sender != instance.as_bytes()).then(|| &rest[1..])
}

async fn write(
    mut manager: ConnectionManager,
    instance: String,
    mut rx: mpsc::UnboundedReceiver<Vec<u8>>,
    done: watch::Sender<u64>,
) {
    let mut failing = false;
    let mut lost = 0u64;
    let mut finished = 0u64;
    let mut batch = Vec::with_capacity(BATCH);
    while rx.recv_many(&mut batch, BATCH).await > 0 {
        let mut drained = 0u64;
        let mut pipe = redis::pipe();
        for message in &batch {
            pipe.cmd("PUBLISH")
                .arg(EVENTS)
                .arg(tagged(&instance, message))
                .ignore();
        }
        match pipe.query_async::<()>(&mut manager).await {
            Ok(()) if failing => {
                tracing::warn!(%instance, lost, "redis: publishing events again");
                failing = false;
                lost = 0;
            }
            Ok(()) => {}
            Err(e) => {
                // What queued up meanwhile is dropped too: memory stays
                // bounded during an outage, and nothing stale is sent late.
                while rx.try_recv().is_ok() {
                    drained += 1;
                }
                lost += batch.len() as u64 + drained;
                if !failing {
                    tracing::error!(%instance, error = %e, "redis: cannot publish events; other instances miss them until it is back");
                    failing = true;
                }
            }
        }
        finished += batch.len() as u64 + drained;
        done.send_replace(finished);
        batch.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_instance_skips_its_own_messages() {
        let sent = tagged("a", b"{\"x\":1}\nmore");
        assert_eq!(from_others("a", &sent), None);
        assert_eq!(from_others("b", &sent), Some(&b"{\"x\":1}\nmore"[..]));
        assert_eq!(from_others("b", b"untagged"), None);
    }
}
