//! Benchmark of the PostgreSQL store on a large channel.
//!
//! `cargo bench -p chat-postgres`. The database is `CHAT_BENCH_POSTGRES_URL`
//! if set (rows are added to it), else a new `chat_bench_<random>` database
//! made through `CHAT_TEST_POSTGRES_ADMIN_URL` and dropped at the end.
//! `CHAT_BENCH_MESSAGES` sets the channel's size (default 1,000,000).
//!
//! 1. Fills one channel with that many messages, interleaved in time with as
//!    many more spread over 9 other channels of the server (so the planner
//!    must pick the `(channel_id, id)` index, as in a real database), by
//!    `COPY … FROM STDIN BINARY` in batches of 100,000 rows (the store's own
//!    insert would take many minutes; the rows have the same shape, one per
//!    millisecond, UUID v7 ids in creation order), then `ANALYZE`.
//! 2. Times ~2,000 `history(before = a random id, limit = 50)` calls through
//!    the store (p50/p99/max), and prints the query's `EXPLAIN ANALYZE`.
//! 3. Times `insert_message` (with a nonce, as clients send) with 1 and 8
//!    concurrent senders.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chat_core::channels::ChannelStore;
use chat_core::ids::{ChannelId, MessageId, ServerId, UserId};
use chat_core::messages::{Message, MessageContent, MessageStore, Nonce};
use chat_core::testkit::{fixtures, Latencies};
use chat_core::Store;
use chat_core::{Clock, SystemClock, Timestamp};
use chat_postgres::{PgStore, PoolOptions};
use rand::Rng;
use tokio_postgres::binary_copy::BinaryCopyInWriter;
use tokio_postgres::types::{ToSql, Type};
use tokio_postgres::{Client, NoTls};
use uuid::Uuid;

const HISTORY_QUERIES: usize = 2_000;
const PAGE: u32 = 50;
const COPY_BATCH: usize = 100_000;
const SINGLE_INSERTS: usize = 5_000;
const CONCURRENT_SENDERS: usize = 8;
const INSERTS_PER_SENDER: usize = 1_000;
const OTHER_CHANNELS: usize = 9;

type Fail = Box<dyn std::error::Error + Send + Sync>;

#[tokio::main(flavor = "multi_thread")]
async fn main() -> Result<(), Fail> {
    let messages: usize = match std::env::var("CHAT_BENCH_MESSAGES") {
        Ok(n) => n.replace('_', "").parse()?,
        Err(_) => 1_000_000,
    };
    let db = BenchDb::open().await?;
    let store = Arc::new(PgStore::connect_with(&db.url, PoolOptions::default()).await?);
    let (client, driver) = tokio_postgres::connect(&db.url, NoTls).await?;
    tokio::spawn(driver);

    let place = Place::create(&store).await?;
    let t = Instant::now();
    let ids = fill(&client, &place, messages).await?;
    println!(
        "filled one channel with {messages} messages (and {messages} more in \
         {OTHER_CHANNELS} other channels) by COPY in {:.1} s",
        t.elapsed().as_secs_f64()
    );

    bench_history(&store, &client, &place, &ids).await?;
    bench_inserts(&store, &place, 1, SINGLE_INSERTS).await?;
    bench_inserts(&store, &place, CONCURRENT_SENDERS, INSERTS_PER_SENDER).await?;

    drop(client);
    db.close().await
}

/// The database the bench writes to, and whether to drop it at the end.
struct BenchDb {
    url: String,
    created: Option<(String, String)>,
}

impl BenchDb {
    async fn open() -> Result<BenchDb, Fail> {
        if let Ok(url) = std::env::var("CHAT_BENCH_POSTGRES_URL") {
            return Ok(BenchDb { url, created: None });
        }
        let admin = std::env::var("CHAT_TEST_POSTGRES_ADMIN_URL").map_err(|_| {
            "set CHAT_BENCH_POSTGRES_URL or CHAT_TEST_POSTGRES_ADMIN_URL \
             (`source scripts/lib/postgres.sh && start_postgres`)"
        })?;
        let name = format!("chat_bench_{}", Uuid::new_v4().simple());
        admin_sql(&admin, &format!("CREATE DATABASE \"{name}\"")).await?;
        let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
        let url = format!("{base}/{name}");
        println!("bench database {name}");
        Ok(BenchDb {
            url,
            created: Some((admin, name)),
        })
    }

    async fn close(self) -> Result<(), Fail> {
        if let Some((admin, name)) = self.created {
            admin_sql(&admin, &format!("DROP DATABASE \"{name}\" WITH (FORCE)")).await?;
        }
        Ok(())
    }
}

async fn admin_sql(url: &str, sql: &str) -> Result<(), Fail> {
    let (client, driver) = tokio_postgres::connect(url, NoTls).await?;
    tokio::spawn(driver);
    client.batch_execute(sql).await?;
    Ok(())
}

/// The author, server and channel the messages go to.
#[derive(Clone)]
struct Place {
    author: UserId,
    server: ServerId,
    channel: ChannelId,
    others: Vec<ChannelId>,
}

impl Place {
    async fn create(store: &Arc<PgStore>) -> Result<Place, Fail> {
        let shared: Arc<dyn Store> = store.clone();
        let name = format!("bench{}", &Uuid::new_v4().simple().to_string()[..8]);
        let community = fixtures::add_community(&shared, &name).await;
        let (user, server, channel) = (community.owner, community.server, community.general);
        let mut others = Vec::new();
        for i in 0..OTHER_CHANNELS {
            let other = fixtures::channel(server.id, &format!("other-{i}"), 0);
            store.insert_channel(&other).await?;
            others.push(other.id);
        }
        Ok(Place {
            author: user.id,
            server: server.id,
            channel: channel.id,
            others,
        })
    }

    fn message(&self, id: Uuid, created_at: Timestamp, nonce: Option<Nonce>) -> Message {
        Message {
            id: MessageId::from_uuid(id),
            channel_id: self.channel,
            server_id: self.server,
            author_id: self.author,
            content: MessageContent::parse("a message of ordinary length, with an emoji 👋")
                .unwrap_or_else(|_| unreachable!("valid content")),
            mentions: Vec::new(),
            created_at,
            edited_at: None,
            nonce,
            reply_to: None,
            pinned_at: None,
        }
    }
}

/// Copies `n` messages into the channel and `n` into the others, taking
/// turns, one per millisecond ending before now; returns the channel's
/// message ids, oldest first.
async fn fill(client: &Client, place: &Place, n: usize) -> Result<Vec<Uuid>, Fail> {
    let total = 2 * n;
    let start = SystemClock.now().millis() - total as i64 - 60_000;
    let mut rng = rand::thread_rng();
    let mut ids = Vec::with_capacity(n);
    let types = [
        Type::UUID,
        Type::UUID,
        Type::UUID,
        Type::UUID,
        Type::TEXT,
        Type::UUID_ARRAY,
        Type::INT8,
        Type::INT8,
        Type::TEXT,
    ];
    let none: Option<i64> = None;
    let no_nonce: Option<&str> = None;
    let mentions: Vec<Uuid> = Vec::new();
    for batch in 0..total.div_ceil(COPY_BATCH) {
        let sink = client
            .copy_in(
                "COPY messages (id, channel_id, server_id, author_id, content, mentions, \
                 created_at, edited_at, nonce) FROM STDIN BINARY",
            )
            .await?;
        let writer = BinaryCopyInWriter::new(sink, &types);
        futures::pin_mut!(writer);
        for i in batch * COPY_BATCH..((batch + 1) * COPY_BATCH).min(total) {
            let ms = start + i as i64;
            let id = uuid::Builder::from_unix_timestamp_millis(ms as u64, &rng.gen()).into_uuid();
            let channel = if i % 2 == 0 {
                ids.push(id);
                place.channel
            } else {
                place.others[(i / 2) % place.others.len()]
            };
            let content = format!("message number {i} 🎉");
            let row: [&(dyn ToSql + Sync); 9] = [
                &id,
                &channel.as_uuid(),
                &place.server.as_uuid(),
                &place.author.as_uuid(),
                &content,
                &mentions,
                &ms,
                &none,
                &no_nonce,
            ];
            writer.as_mut().write(&row).await?;
        }
        writer.finish().await?;
    }
    client.batch_execute("ANALYZE messages").await?;
    Ok(ids)
}

async fn bench_history(
    store: &PgStore,
    client: &Client,
    place: &Place,
    ids: &[Uuid],
) -> Result<(), Fail> {
    if ids.is_empty() {
        return Ok(());
    }
    let mut rng = rand::thread_rng();
    let mut pick = || MessageId::from_uuid(ids[rng.gen_range(0..ids.len())]);
    for _ in 0..100 {
        store.history(place.channel, Some(pick()), PAGE).await?;
    }
    let mut times = Vec::with_capacity(HISTORY_QUERIES);
    for _ in 0..HISTORY_QUERIES {
        let before = pick();
        let t = Instant::now();
        let page = store.history(place.channel, Some(before), PAGE).await?;
        times.push(t.elapsed());
        if page.last().is_some_and(|m| m.id >= before) {
            return Err("history returned a message at or after `before`".into());
        }
    }
    println!(
        "history(before = random id, limit = {PAGE}) over {HISTORY_QUERIES} queries: {}",
        latencies(times)
    );

    let sample = ids[ids.len() / 2];
    let plan = client
        .query(
            // The store's query (src/messages.rs), word for word.
            "EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM messages \
             WHERE (channel_id, id) >= ($1, '00000000-0000-0000-0000-000000000000'::uuid) \
               AND (channel_id, id) < ($1, $2) \
             ORDER BY channel_id DESC, id DESC LIMIT $3",
            &[&place.channel.as_uuid(), &sample, &i64::from(PAGE)],
        )
        .await?;
    println!("EXPLAIN of the history query:");
    for row in plan {
        let line: String = row.try_get(0)?;
        println!("    {line}");
    }
    Ok(())
}

async fn bench_inserts(
    store: &Arc<PgStore>,
    place: &Place,
    senders: usize,
    each: usize,
) -> Result<(), Fail> {
    let place = Arc::new(place.clone());
    let t = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..senders {
        let (store, place) = (Arc::clone(store), Arc::clone(&place));
        tasks.push(tokio::spawn(async move {
            let mut times = Vec::with_capacity(each);
            for _ in 0..each {
                let nonce = Nonce::parse(&Uuid::new_v4().simple().to_string())?;
                let m = place.message(Uuid::now_v7(), SystemClock.now(), Some(nonce));
                let t = Instant::now();
                store.insert_message(&m).await?;
                times.push(t.elapsed());
            }
            Ok::<_, Fail>(times)
        }));
    }
    let mut times = Vec::new();
    for task in tasks {
        times.extend(task.await??);
    }
    let total = t.elapsed().as_secs_f64();
    println!(
        "insert_message with {senders} sender(s): {} inserts in {total:.2} s = {:.0} inserts/s; latency {}",
        times.len(),
        times.len() as f64 / total,
        latencies(times)
    );
    Ok(())
}

fn latencies(times: Vec<Duration>) -> String {
    Latencies::of(times).map_or_else(|| "no samples".into(), |l| l.to_string())
}
