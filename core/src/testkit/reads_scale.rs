//! [`read_states_at_scale`]: the read-state benchmark every SQL store runs
//! (one user in many servers of many channels, most of them unread), so
//! their figures compare like for like.

use std::future::Future;
use std::sync::Arc;
use std::time::Instant;

use super::fixtures::{add_user, at, channel, member, message, server};
use super::Latencies;
use crate::error::StoreResult;
use crate::messages::Message;
use crate::role::Role;
use crate::Store;

/// The shape of the scenario.
#[derive(Debug, Clone, Copy)]
pub struct ReadScale {
    /// Servers the reader owns (so is a member of).
    pub servers: usize,
    /// Channels per server.
    pub channels: usize,
    /// Messages per channel.
    pub per_channel: usize,
    /// Timed `read_states_of` calls.
    pub queries: usize,
}

/// What the scenario measured.
#[derive(Debug, Clone, Copy)]
pub struct ReadScaleFigures {
    /// Messages stored.
    pub messages: usize,
    /// Seconds spent storing them (through `bulk`).
    pub load_seconds: f64,
    /// Read states returned per call (one per channel).
    pub states: usize,
    /// Latency of one `read_states_of` call.
    pub latencies: Latencies,
}

/// Builds the scenario and times `read_states_of`: channel `i` has its
/// marker `i % 150` messages before its end (so some are capped at 100),
/// every tenth message mentions the reader. `bulk` stores a batch of
/// messages (the store's own insert, or a faster import).
pub async fn read_states_at_scale<F, Fut>(
    store: &Arc<dyn Store>,
    shape: ReadScale,
    mut bulk: F,
) -> StoreResult<ReadScaleFigures>
where
    F: FnMut(Vec<Message>) -> Fut,
    Fut: Future<Output = StoreResult<()>>,
{
    let reader = add_user(store, "reader").await;
    let writer = add_user(store, "writer").await;
    let mut channels = Vec::with_capacity(shape.servers * shape.channels);
    for s in 0..shape.servers {
        let srv = server(&format!("server {s}"), reader.id);
        let first = channel(srv.id, "channel-0", 0);
        store
            .create_server(&srv, &member(srv.id, reader.id, Role::Owner, at(0)), &first)
            .await?;
        channels.push(first);
        for c in 1..shape.channels {
            let ch = channel(srv.id, &format!("channel-{c}"), c as i64);
            store.insert_channel(&ch).await?;
            channels.push(ch);
        }
    }
    let started = Instant::now();
    let mut markers = Vec::with_capacity(channels.len());
    let mut batch = Vec::new();
    for (i, ch) in channels.iter().enumerate() {
        let unread = i % 150;
        for n in 0..shape.per_channel {
            let mut m = message(ch, writer.id, &format!("message {n}"));
            if n % 10 == 0 {
                m.mentions = vec![reader.id];
            }
            if n + unread + 1 == shape.per_channel {
                markers.push((ch.id, m.id));
            }
            batch.push(m);
            if batch.len() >= 10_000 {
                bulk(std::mem::take(&mut batch)).await?;
            }
        }
    }
    if !batch.is_empty() {
        bulk(batch).await?;
    }
    let load_seconds = started.elapsed().as_secs_f64();
    for (channel, marker) in markers {
        store
            .advance_read_marker(reader.id, channel, marker)
            .await?;
    }
    let mut samples = Vec::with_capacity(shape.queries);
    let mut states = 0;
    for _ in 0..shape.queries {
        let t = Instant::now();
        states = store.read_states_of(reader.id).await?.len();
        samples.push(t.elapsed());
    }
    Ok(ReadScaleFigures {
        messages: channels.len() * shape.per_channel,
        load_seconds,
        states,
        latencies: Latencies::of(samples).unwrap_or(Latencies {
            p50: Default::default(),
            p99: Default::default(),
            max: Default::default(),
        }),
    })
}
