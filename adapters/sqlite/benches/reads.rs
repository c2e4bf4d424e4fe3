//! Benchmark of read states at scale on SQLite: one user in 100 servers ×
//! 20 channels, 500 messages in each (1,000,000 in all), markers at
//! 0–149 messages from each channel's end, every tenth message a mention;
//! times `read_states_of` (one query for all 2,000 channels).
//!
//! `cargo bench -p chat-sqlite --bench reads` (quick:
//! `CHAT_BENCH_PER_CHANNEL=50`).

use std::sync::Arc;

use chat_core::testkit::{read_states_at_scale, ReadScale};
use chat_core::Store;
use chat_sqlite::SqliteStore;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn main() -> Res<()> {
    let shape = ReadScale {
        servers: env_usize("CHAT_BENCH_SERVERS", 100),
        channels: env_usize("CHAT_BENCH_CHANNELS", 20),
        per_channel: env_usize("CHAT_BENCH_PER_CHANNEL", 500),
        queries: env_usize("CHAT_BENCH_QUERIES", 50),
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(async {
        let dir = tempfile::tempdir()?;
        let store = Arc::new(SqliteStore::open(&dir.path().join("bench.db"))?);
        let shared: Arc<dyn Store> = store.clone();
        let figures = read_states_at_scale(&shared, shape, |batch| {
            let store = store.clone();
            async move { store.insert_messages(batch).await.map(drop) }
        })
        .await?;
        println!(
            "sqlite: {} servers x {} channels, {} messages loaded in {:.1} s",
            shape.servers, shape.channels, figures.messages, figures.load_seconds
        );
        println!(
            "sqlite: read_states_of ({} states, {} calls): {}",
            figures.states, shape.queries, figures.latencies
        );
        Ok(())
    })
}
