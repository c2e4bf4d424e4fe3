//! Benchmark of the SQLite store on its hot paths.
//!
//! Fills one channel with `CHAT_BENCH_MESSAGES` messages (default
//! 1,000,000) through `SqliteStore::insert_messages` (the same INSERT as
//! `insert_message`, batched in transactions), then measures:
//! - `history(channel, before = a random message, limit = 50)` latency over
//!   `CHAT_BENCH_QUERIES` pages (default 2,000), end to end through the
//!   async API (blocking-pool hop included);
//! - a history page *with reactions and replies* as the use case builds it:
//!   `history`, then `messages_by_ids` (what the page replies to), then
//!   `reaction_counts` (one grouped query): a fixed three queries per page,
//!   whatever it holds. Every 5th message replies to one 3 earlier; the
//!   newest `CHAT_BENCH_REACTED` messages (default 20,000) carry two
//!   reactions each, and these pages are read from among them;
//! - `insert_message` throughput with a nonce (as the web client sends),
//!   one sender, then 8 concurrent senders (`CHAT_BENCH_INSERTS`, default
//!   20,000 each run).
//!
//! Run: `cargo bench -p chat-sqlite` (quick: `CHAT_BENCH_MESSAGES=100000`).

use std::sync::Arc;
use std::time::{Duration, Instant};

use chat_core::channels::Channel;
use chat_core::ids::{ChannelId, MessageId, UserId};
use chat_core::messages::{Emoji, Message, MessageContent, MessageStore, Nonce, ReactionStore};
use chat_core::testkit::{fixtures, Latencies};
use chat_core::Store;
use chat_core::Timestamp;
use chat_sqlite::SqliteStore;
use rand::Rng;
use uuid::Uuid;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

const BATCH: usize = 10_000;
const PAGE: u32 = 50;
const SENDERS: usize = 8;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn main() -> Res<()> {
    let messages = env_usize("CHAT_BENCH_MESSAGES", 1_000_000);
    let queries = env_usize("CHAT_BENCH_QUERIES", 2_000);
    let inserts = env_usize("CHAT_BENCH_INSERTS", 20_000);
    let reacted = env_usize("CHAT_BENCH_REACTED", 20_000);
    // Like the product on this 2-core machine: two async workers.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    rt.block_on(run(messages, queries, inserts, reacted))
}

async fn run(messages: usize, queries: usize, inserts: usize, reacted: usize) -> Res<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.db");
    let store = Arc::new(SqliteStore::open(&path)?);
    let shared: Arc<dyn Store> = store.clone();
    let community = fixtures::add_community(&shared, "bencher").await;
    let (author, channel) = (community.owner.id, community.general);

    println!("chat-sqlite benchmark ({})", path.display());
    let started = Instant::now();
    let ids = fill(&store, author, &channel, messages).await?;
    let fill_time = started.elapsed();
    let size_mb = std::fs::metadata(&path)?.len() as f64 / 1e6;
    println!(
        "filled one channel with {messages} messages in {:.1} s ({:.0} msg/s), file {size_mb:.0} MB\n",
        fill_time.as_secs_f64(),
        messages as f64 / fill_time.as_secs_f64()
    );

    println!("EXPLAIN QUERY PLAN (history before an id):");
    for step in store.explain_history().await? {
        println!("  {step}");
    }
    println!();

    let history = history_latencies(&store, channel.id, &ids, queries).await?;
    let started = Instant::now();
    let reacted = react(&store, &ids, reacted, author).await?;
    println!(
        "added 2 reactions to each of the newest {reacted} messages in {:.1} s\n",
        started.elapsed().as_secs_f64()
    );
    let rich = rich_page_latencies(&store, channel.id, &ids, reacted, queries, author).await?;
    let one = insert_rate(&store, author, &channel, inserts, 1).await?;
    let many = insert_rate(&store, author, &channel, inserts, SENDERS).await?;

    println!(
        "| measure                                   |        p50 |        p99 |        max |"
    );
    println!(
        "|-------------------------------------------|-----------:|-----------:|-----------:|"
    );
    println!(
        "| history(before=random, limit=50), {queries:>5} q | {:>10} | {:>10} | {:>10} |",
        fmt(history.p50),
        fmt(history.p99),
        fmt(history.max)
    );
    println!(
        "| page + replies + reactions (3 queries)    | {:>10} | {:>10} | {:>10} |",
        fmt(rich.p50),
        fmt(rich.p99),
        fmt(rich.max)
    );
    println!();
    println!("| insert_message (with nonce)               |   messages |   inserts/s |");
    println!("|-------------------------------------------|-----------:|------------:|");
    println!("| 1 sender                                  | {inserts:>10} | {one:>11.0} |");
    println!(
        "| {SENDERS} concurrent senders                      | {inserts:>10} | {many:>11.0} |"
    );
    Ok(())
}

fn message(author: UserId, channel: &Channel, n: usize, nonce: Option<String>) -> Res<Message> {
    Ok(Message {
        id: MessageId::from_uuid(Uuid::now_v7()),
        channel_id: channel.id,
        server_id: channel.server_id,
        author_id: author,
        content: MessageContent::parse(&format!(
            "message number {n}: the quick brown fox jumps over the lazy dog 🦊"
        ))?,
        mentions: Vec::new(),
        created_at: Timestamp::from_millis(1_700_000_000_000 + n as i64),
        edited_at: None,
        nonce: nonce.map(|n| Nonce::parse(&n)).transpose()?,
        reply_to: None,
        pinned_at: None,
    })
}

async fn fill(
    store: &SqliteStore,
    author: UserId,
    channel: &Channel,
    total: usize,
) -> Res<Vec<MessageId>> {
    let mut ids = Vec::with_capacity(total);
    let mut n = 0;
    while n < total {
        let mut batch = (n..(n + BATCH).min(total))
            .map(|i| message(author, channel, i, None))
            .collect::<Res<Vec<_>>>()?;
        // Every 5th message replies to the one 3 before it.
        for j in (3..batch.len()).step_by(5) {
            batch[j].reply_to = Some(batch[j - 3].id);
        }
        ids.extend(batch.iter().map(|m| m.id));
        n += batch.len();
        store.insert_messages(batch).await?;
    }
    Ok(ids)
}

async fn history_latencies(
    store: &SqliteStore,
    channel: ChannelId,
    ids: &[MessageId],
    queries: usize,
) -> Res<Latencies> {
    let mut rng = rand::thread_rng();
    // Warm the page cache and statement cache like a running server.
    for _ in 0..100.min(queries) {
        let before = ids[rng.gen_range(0..ids.len())];
        store.history(channel, Some(before), PAGE).await?;
    }
    let mut took = Vec::with_capacity(queries);
    for _ in 0..queries {
        let i = rng.gen_range(0..ids.len());
        let started = Instant::now();
        let page = store.history(channel, Some(ids[i]), PAGE).await?;
        took.push(started.elapsed());
        if page.len() != i.min(PAGE as usize) {
            return Err(format!("page before #{i} has {} messages", page.len()).into());
        }
    }
    Latencies::of(took).ok_or_else(|| "no history queries were run".into())
}

/// Two reactions on each of the newest `n` messages; how many were reacted to.
async fn react(store: &SqliteStore, ids: &[MessageId], n: usize, author: UserId) -> Res<usize> {
    let n = n.min(ids.len());
    let (up, party) = (Emoji::parse("👍")?, Emoji::parse("🎉")?);
    for id in &ids[ids.len() - n..] {
        let m = store
            .message_by_id(*id)
            .await?
            .ok_or("a filled message is missing")?;
        store.add_reaction(&m, &up, author, 20).await?;
        store.add_reaction(&m, &party, author, 20).await?;
    }
    Ok(n)
}

/// A page as `Chat::history` builds it: the messages, what they reply to,
/// and their reactions for a viewer, before a random reacted message.
async fn rich_page_latencies(
    store: &SqliteStore,
    channel: ChannelId,
    ids: &[MessageId],
    reacted: usize,
    queries: usize,
    viewer: UserId,
) -> Res<Latencies> {
    if reacted <= PAGE as usize {
        return Err("CHAT_BENCH_REACTED must exceed the page size".into());
    }
    let mut rng = rand::thread_rng();
    let first = ids.len() - reacted + PAGE as usize;
    let mut took = Vec::with_capacity(queries);
    for _ in 0..queries {
        let i = rng.gen_range(first..ids.len());
        let started = Instant::now();
        let page = store.history(channel, Some(ids[i]), PAGE).await?;
        let replied: Vec<MessageId> = page.iter().filter_map(|m| m.reply_to).collect();
        let originals = store.messages_by_ids(&replied).await?;
        let page_ids: Vec<MessageId> = page.iter().map(|m| m.id).collect();
        let counts = store.reaction_counts(&page_ids, Some(viewer)).await?;
        took.push(started.elapsed());
        if counts.len() != 2 * page.len() || originals.len() != replied.len() {
            return Err(format!(
                "page before #{i}: {} counts, {} originals",
                counts.len(),
                originals.len()
            )
            .into());
        }
    }
    Latencies::of(took).ok_or_else(|| "no rich pages were read".into())
}

/// Inserts/s of `total` messages sent by `senders` concurrent tasks.
async fn insert_rate(
    store: &Arc<SqliteStore>,
    author: UserId,
    channel: &Channel,
    total: usize,
    senders: usize,
) -> Res<f64> {
    let per_sender = total / senders;
    let started = Instant::now();
    let mut tasks = Vec::with_capacity(senders);
    for s in 0..senders {
        let (store, channel) = (Arc::clone(store), channel.clone());
        tasks.push(tokio::spawn(async move {
            for i in 0..per_sender {
                let nonce = format!("{senders}-{s}-{i}");
                let m = message(author, &channel, i, Some(nonce)).map_err(|e| e.to_string())?;
                store.insert_message(&m).await.map_err(|e| e.to_string())?;
            }
            Ok::<(), String>(())
        }));
    }
    for t in tasks {
        t.await??;
    }
    Ok((per_sender * senders) as f64 / started.elapsed().as_secs_f64())
}

fn fmt(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}
