//! Benchmark of the MongoDB store: history pages in a large channel, and
//! message inserts with 1 and 8 concurrent senders.
//!
//! `cargo bench -p chat-mongo`, against the server in `CHAT_BENCH_MONGO_URL`
//! (or `CHAT_TEST_MONGO_URL`). Knobs: `CHAT_BENCH_MESSAGES` (channel size,
//! default 1,000,000), `CHAT_BENCH_LOAD_SECS` (loading stops there and the
//! benchmark runs on what was loaded, default 600), `CHAT_BENCH_PAGES`
//! (history queries, default 1000), `CHAT_BENCH_HISTORY_SECS` (history
//! stops there, default 300: on FerretDB 1.x a page costs a scan of the
//! whole collection), `CHAT_BENCH_INSERT_SECS` (per insert run, default 10).
//! It works in a fresh database that it drops at the end.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chat_core::ids::{ChannelId, MessageId, ServerId, UserId};
use chat_core::messages::{Message, MessageContent, MessageStore, Nonce};
use chat_core::testkit::{fixtures, Latencies};
use chat_core::time::Timestamp;
use chat_core::Store;
use chat_mongo::MongoStore;
use mongodb::bson::{doc, Document};
use rand::Rng;
use uuid::Uuid;

type AnyResult<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

const BATCH: usize = 1_000;
const PAGE: u32 = 50;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(default)
}

fn url() -> AnyResult<String> {
    ["CHAT_BENCH_MONGO_URL", "CHAT_TEST_MONGO_URL"]
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
        .ok_or_else(|| {
            "set CHAT_BENCH_MONGO_URL or CHAT_TEST_MONGO_URL (e.g. `source scripts/lib/ferretdb.sh \
             && start_ferretdb`)"
                .into()
        })
}

fn main() -> AnyResult<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(run())
}

/// One user in one server with one channel: what every message needs.
#[derive(Clone, Copy)]
struct Scene {
    author: UserId,
    server: ServerId,
    channel: ChannelId,
}

async fn run() -> AnyResult<()> {
    let url = url()?;
    let database = format!("chat_bench_{}", Uuid::new_v4().simple());
    let store = Arc::new(MongoStore::connect_database(&url, &database).await?);
    let outcome = bench(&store, &url).await;
    store.drop_database().await?;
    outcome
}

async fn bench(store: &Arc<MongoStore>, url: &str) -> AnyResult<()> {
    println!(
        "chat-mongo benchmark — server: {}",
        describe_server(url).await?
    );
    let scene = scene(store).await;
    let wanted = env_number("CHAT_BENCH_MESSAGES", 1_000_000);
    let budget = Duration::from_secs(env_number("CHAT_BENCH_LOAD_SECS", 600));
    let ids = load(store, &scene, wanted, budget).await?;
    let pages = env_number("CHAT_BENCH_PAGES", 1_000);
    let history_budget = Duration::from_secs(env_number("CHAT_BENCH_HISTORY_SECS", 300));
    history(store, &scene, &ids, pages, history_budget).await?;
    let insert_for = Duration::from_secs(env_number("CHAT_BENCH_INSERT_SECS", 10));
    for senders in [1, 8] {
        inserts(store, &scene, senders, insert_for).await?;
    }
    Ok(())
}

/// Names the server, saying whether it is FerretDB (it answers `buildInfo`
/// with a `ferretdbVersion`).
async fn describe_server(url: &str) -> AnyResult<String> {
    let client = mongodb::Client::with_uri_str(url).await?;
    let info: Document = client
        .database("admin")
        .run_command(doc! { "buildInfo": 1 })
        .await?;
    let version = info.get_str("version").unwrap_or("?");
    Ok(match info.get_str("ferretdbVersion") {
        Ok(ferret) => format!(
            "measured on FerretDB {ferret} (MongoDB wire protocol, reports {version}); \
             figures for MongoDB itself will differ"
        ),
        Err(_) => format!("MongoDB {version}"),
    })
}

/// A user owning a server with its `general` channel, where messages go.
async fn scene(store: &Arc<MongoStore>) -> Scene {
    let shared: Arc<dyn Store> = store.clone();
    let community = fixtures::add_community(&shared, "bench").await;
    Scene {
        author: community.owner.id,
        server: community.server.id,
        channel: community.general.id,
    }
}

fn message(scene: &Scene, n: u64, nonce: Option<Nonce>) -> AnyResult<Message> {
    let id = Uuid::now_v7();
    Ok(Message {
        id: MessageId::from_uuid(id),
        channel_id: scene.channel,
        server_id: scene.server,
        author_id: scene.author,
        content: MessageContent::parse(&format!("benchmark message number {n}, about 40 chars"))?,
        mentions: Vec::new(),
        created_at: Timestamp::from_millis(1_700_000_000_000 + n as i64),
        edited_at: None,
        nonce,
        reply_to: None,
        pinned_at: None,
    })
}

/// Loads up to `wanted` messages in batches, stopping at `budget`.
async fn load(
    store: &MongoStore,
    scene: &Scene,
    wanted: u64,
    budget: Duration,
) -> AnyResult<Vec<MessageId>> {
    let started = Instant::now();
    let mut ids = Vec::with_capacity(wanted as usize);
    while (ids.len() as u64) < wanted && started.elapsed() < budget {
        let left = (wanted - ids.len() as u64).min(BATCH as u64);
        let batch = (0..left)
            .map(|i| message(scene, ids.len() as u64 + i, None))
            .collect::<AnyResult<Vec<_>>>()?;
        store.import_messages(&batch).await?;
        ids.extend(batch.iter().map(|m| m.id));
        if ids.len() % 100_000 == 0 {
            eprintln!(
                "  loaded {} messages ({:.0?})",
                ids.len(),
                started.elapsed()
            );
        }
    }
    let took = started.elapsed();
    println!(
        "load: {} messages in {:.1?} ({:.0} msg/s, batches of {BATCH})",
        ids.len(),
        took,
        ids.len() as f64 / took.as_secs_f64()
    );
    if (ids.len() as u64) < wanted {
        println!(
            "  NOTE: stopped at {} of {wanted} messages: loading hit the {:?} budget \
             (CHAT_BENCH_LOAD_SECS); the figures below are for this smaller channel",
            ids.len(),
            budget
        );
    }
    Ok(ids)
}

/// Up to `pages` history pages before random ids, stopping at `budget`
/// (at least one page).
async fn history(
    store: &MongoStore,
    scene: &Scene,
    ids: &[MessageId],
    pages: u64,
    budget: Duration,
) -> AnyResult<()> {
    if ids.is_empty() || pages == 0 {
        return Ok(());
    }
    let mut rng = rand::thread_rng();
    let mut took = Vec::with_capacity(pages as usize);
    let mut returned = 0usize;
    let started = Instant::now();
    while (took.len() as u64) < pages && (took.is_empty() || started.elapsed() < budget) {
        let before = ids[rng.gen_range(0..ids.len())];
        let t0 = Instant::now();
        let page = store.history(scene.channel, Some(before), PAGE).await?;
        took.push(t0.elapsed());
        returned += page.len();
    }
    let pages_read = took.len();
    let Some(latencies) = Latencies::of(took) else {
        return Err("no history page was read".into());
    };
    println!(
        "history (limit={PAGE}, before=random id, channel of {} messages, {pages_read} pages, \
         {:.1} messages/page): {latencies}",
        ids.len(),
        returned as f64 / pages_read as f64,
    );
    if (pages_read as u64) < pages {
        println!(
            "  NOTE: {} of {pages} pages: history hit the {budget:?} budget \
             (CHAT_BENCH_HISTORY_SECS)",
            pages_read
        );
    }
    Ok(())
}

/// `senders` tasks each send messages (with a nonce, as clients do) one
/// after another for `duration`.
async fn inserts(
    store: &Arc<MongoStore>,
    scene: &Scene,
    senders: usize,
    duration: Duration,
) -> AnyResult<()> {
    let started = Instant::now();
    let mut tasks = Vec::new();
    for s in 0..senders {
        let store = Arc::clone(store);
        let scene = *scene;
        tasks.push(tokio::spawn(async move {
            let mut sent = 0u64;
            while started.elapsed() < duration {
                let nonce = Nonce::parse(&format!("s{s}-{sent}-{}", Uuid::new_v4().simple()))?;
                store
                    .insert_message(&message(&scene, sent, Some(nonce))?)
                    .await?;
                sent += 1;
            }
            AnyResult::Ok(sent)
        }));
    }
    let mut total = 0;
    for task in tasks {
        total += task.await??;
    }
    let took = started.elapsed();
    println!(
        "inserts with {senders} sender(s): {total} messages in {took:.1?} = {:.0} msg/s",
        total as f64 / took.as_secs_f64()
    );
    Ok(())
}
