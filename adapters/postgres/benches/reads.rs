//! Benchmark of read states at scale on PostgreSQL: one user in 100
//! servers × 20 channels, `CHAT_BENCH_PER_CHANNEL` messages in each
//! (default 500: 1,000,000 in all), markers at 0–149 messages from each
//! channel's end, every tenth message a mention; times `read_states_of`
//! (one query for all 2,000 channels).
//!
//! Runs on the empty database `CHAT_TEST_POSTGRES_URL` (`source
//! scripts/lib/postgres.sh && start_postgres`):
//! `cargo bench -p chat-postgres --bench reads`. Messages go in through
//! the store's own `insert_message`, 32 at a time.

use std::sync::Arc;

use chat_core::messages::MessageStore;
use chat_core::testkit::{read_states_at_scale, ReadScale};
use chat_core::Store;
use chat_postgres::PgStore;
use futures::future::try_join_all;

type Fail = Box<dyn std::error::Error + Send + Sync>;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<(), Fail> {
    let url = std::env::var("CHAT_TEST_POSTGRES_URL")
        .map_err(|_| "set CHAT_TEST_POSTGRES_URL to an empty database (start_postgres)")?;
    let shape = ReadScale {
        servers: env_usize("CHAT_BENCH_SERVERS", 100),
        channels: env_usize("CHAT_BENCH_CHANNELS", 20),
        per_channel: env_usize("CHAT_BENCH_PER_CHANNEL", 500),
        queries: env_usize("CHAT_BENCH_QUERIES", 50),
    };
    let store = Arc::new(PgStore::connect(&url).await?);
    let shared: Arc<dyn Store> = store.clone();
    let figures = read_states_at_scale(&shared, shape, |batch| {
        let store = store.clone();
        async move {
            for chunk in batch.chunks(32) {
                try_join_all(chunk.iter().map(|m| store.insert_message(m))).await?;
            }
            Ok(())
        }
    })
    .await?;
    println!(
        "postgres: {} servers x {} channels, {} messages loaded in {:.1} s",
        shape.servers, shape.channels, figures.messages, figures.load_seconds
    );
    println!(
        "postgres: read_states_of ({} states, {} calls): {}",
        figures.states, shape.queries, figures.latencies
    );
    Ok(())
}
