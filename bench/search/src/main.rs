//! Message search benchmark: `cargo run --release -p chat-bench-search --
//! sqlite|postgres`. Fills one server of 20 channels with
//! `CHAT_BENCH_MESSAGES` messages (default 1,000,000; 10 authors; 6–14
//! words each from a skewed vocabulary), then times 100 searches of each
//! kind through the store port — the two calls one REST search makes
//! (`search_messages` for a page of 25 + 1, then `count_search` capped at
//! 1000) — and prints p50/p99 and the index size on disk.
//!
//! Queries: a rare word (50 messages), a common word (about 1 message in
//! 10, and a prefix as the last word always is), a phrase (`"release
//! candidate"`, 1 in 500, its words also common apart), and an author +
//! word (`from:` one of 10 authors, a common word).
//!
//! PostgreSQL: a fresh database `chat_bench_search_<random>` is made through
//! `CHAT_TEST_POSTGRES_ADMIN_URL` (as `scripts/lib/postgres.sh` exports)
//! and dropped at the end.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use chat_core::channels::Channel;
use chat_core::ids::UserId;
use chat_core::messages::Message;
use chat_core::search::{search_text, SearchFilter, SearchQuery, TOTAL_CAP};
use chat_core::Store;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

mod fixtures;

const CHANNELS: usize = 20;
const AUTHORS: usize = 10;
const RUNS: usize = 100;
const PAGE: u32 = 25;
const BATCH: usize = 20_000;

const COMMON: &[&str] = &[
    "the",
    "a",
    "to",
    "and",
    "of",
    "is",
    "in",
    "it",
    "you",
    "that",
    "for",
    "on",
    "we",
    "this",
    "with",
    "be",
    "have",
    "are",
    "not",
    "but",
    "deploy",
    "release",
    "candidate",
    "build",
    "test",
    "fix",
    "bug",
    "server",
    "client",
    "meeting",
    "today",
    "tomorrow",
    "lunch",
    "coffee",
    "docs",
    "review",
    "merge",
    "branch",
    "ship",
    "ok",
    "yes",
    "no",
    "thanks",
    "please",
    "maybe",
    "later",
    "café",
    "naïve",
    "über",
    "Zürich",
];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ru", "ta", "vo", "si", "pe", "du", "ga", "fi", "zo", "ha", "be", "qu",
    "xe", "wa", "jo", "ye",
];

struct Corpus {
    users: Vec<UserId>,
    channels: Vec<Channel>,
}

fn tail_word(i: usize) -> String {
    let mut w = String::new();
    let mut n = i;
    for _ in 0..3 {
        w.push_str(SYLLABLES[n % SYLLABLES.len()]);
        n /= SYLLABLES.len();
    }
    w
}

fn content(rng: &mut StdRng, n: usize) -> String {
    let len = rng.gen_range(6..=14);
    let mut words: Vec<String> = Vec::with_capacity(len + 2);
    for _ in 0..len {
        if rng.gen_bool(0.5) {
            words.push(COMMON[rng.gen_range(0..COMMON.len())].to_owned());
        } else {
            // Log-uniform over 8,000 tail words: a few frequent, most rare.
            let i = (8000f64.powf(rng.gen::<f64>()) as usize).saturating_sub(1);
            words.push(tail_word(i));
        }
    }
    if n % 500 == 7 {
        let at = rng.gen_range(0..words.len());
        words.insert(at, "release candidate".to_owned());
    }
    if n % 20_000 == 11 {
        words.push("xylophone".to_owned());
    }
    words.join(" ")
}

async fn setup(store: &Arc<dyn Store>) -> Result<Corpus> {
    let mut users = Vec::new();
    for i in 0..AUTHORS {
        let u = fixtures::user(&format!("author{i}"))?;
        store.insert_user(&u).await?;
        users.push(u.id);
    }
    let server = fixtures::server("bench", users[0])?;
    let owner = fixtures::owner(server.id, users[0]);
    let general = fixtures::channel(server.id, "general", 0)?;
    store.create_server(&server, &owner, &general).await?;
    let mut channels = vec![general];
    for i in 1..CHANNELS {
        let c = fixtures::channel(server.id, &format!("channel-{i}"), i as i64)?;
        store.insert_channel(&c).await?;
        channels.push(c);
    }
    Ok(Corpus { users, channels })
}

fn messages(corpus: &Corpus, rng: &mut StdRng, from: usize, to: usize) -> Result<Vec<Message>> {
    let start = fixtures::T0;
    (from..to)
        .map(|n| {
            let channel = &corpus.channels[rng.gen_range(0..CHANNELS)];
            let author = corpus.users[rng.gen_range(0..AUTHORS)];
            let text = content(rng, n);
            fixtures::message(channel, author, &text, start.plus_millis(n as i64 * 1000))
        })
        .collect()
}

struct Query {
    name: &'static str,
    q: &'static str,
    author: bool,
}

const QUERIES: &[Query] = &[
    Query {
        name: "rare word",
        q: "xylophone",
        author: false,
    },
    Query {
        name: "common word",
        q: "the",
        author: false,
    },
    Query {
        name: "phrase",
        q: "\"release candidate\"",
        author: false,
    },
    Query {
        name: "from: + word",
        q: "deploy",
        author: true,
    },
];

fn pct(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

async fn measure(store: &Arc<dyn Store>, corpus: &Corpus) -> Result<()> {
    println!("| query | hits (capped) | p50 page | p99 page | p50 page+count | p99 page+count |");
    println!("|---|---|---|---|---|---|");
    for query in QUERIES {
        let filter = SearchFilter {
            query: SearchQuery::parse(query.q)?,
            channels: corpus.channels.iter().map(|c| c.id).collect(),
            author: query.author.then_some(corpus.users[3]),
            mentions: None,
            before: None,
            after: None,
            has_link: false,
            has_file: false,
        };
        let mut page_times = Vec::with_capacity(RUNS);
        let mut total_times = Vec::with_capacity(RUNS);
        let mut hits = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            let page = store.search_messages(&filter, None, PAGE + 1).await?;
            page_times.push(t.elapsed());
            hits = store.count_search(&filter, TOTAL_CAP).await?;
            total_times.push(t.elapsed());
            if page.is_empty() {
                bail!("{}: no hits", query.name);
            }
        }
        page_times.sort();
        total_times.sort();
        println!(
            "| {} (`{}`{}) | {} | {:.1} ms | {:.1} ms | {:.1} ms | {:.1} ms |",
            query.name,
            query.q,
            if query.author { ", author" } else { "" },
            hits,
            pct(&page_times, 0.5).as_secs_f64() * 1e3,
            pct(&page_times, 0.99).as_secs_f64() * 1e3,
            pct(&total_times, 0.5).as_secs_f64() * 1e3,
            pct(&total_times, 0.99).as_secs_f64() * 1e3,
        );
    }
    Ok(())
}

fn count() -> Result<usize> {
    Ok(match std::env::var("CHAT_BENCH_MESSAGES") {
        Ok(n) => n.replace('_', "").parse()?,
        Err(_) => 1_000_000,
    })
}

async fn sqlite(n: usize) -> Result<()> {
    let dir = tempfile::tempdir()?;
    let path = dir.path().join("bench.db");
    let store = chat_sqlite::SqliteStore::open(&path)?;
    let store: Arc<chat_sqlite::SqliteStore> = Arc::new(store);
    let dyn_store: Arc<dyn Store> = store.clone();
    let corpus = setup(&dyn_store).await?;
    let mut rng = StdRng::seed_from_u64(21);
    let t = Instant::now();
    let mut done = 0;
    while done < n {
        let to = (done + BATCH).min(n);
        store
            .insert_messages(messages(&corpus, &mut rng, done, to)?)
            .await?;
        done = to;
    }
    println!(
        "sqlite: stored {n} messages (FTS kept by triggers) in {:.0} s",
        t.elapsed().as_secs_f64()
    );
    let conn = rusqlite::Connection::open(&path)?;
    let fts: Result<i64, _> = conn.query_row(
        "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'messages_fts%' OR name = 'message_search' \
         OR name LIKE 'sqlite_autoindex_message_search%'",
        [],
        |r| r.get(0),
    );
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    let size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    match fts {
        Ok(b) => println!(
            "sqlite: search index {:.0} MiB of a {:.0} MiB database",
            b as f64 / 1048576.0,
            (pages * size) as f64 / 1048576.0
        ),
        Err(e) => println!(
            "sqlite: database {:.0} MiB (dbstat unavailable: {e})",
            (pages * size) as f64 / 1048576.0
        ),
    }
    measure(&dyn_store, &corpus).await
}

async fn postgres(n: usize) -> Result<()> {
    let admin_url = std::env::var("CHAT_TEST_POSTGRES_ADMIN_URL").context(
        "CHAT_TEST_POSTGRES_ADMIN_URL (source scripts/lib/postgres.sh && start_postgres)",
    )?;
    let name = format!(
        "chat_bench_search_{}",
        &uuid::Uuid::new_v4().simple().to_string()[..12]
    );
    let (admin, driver) = tokio_postgres::connect(&admin_url, tokio_postgres::NoTls).await?;
    tokio::spawn(driver);
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await?;
    let url = match admin_url.rfind('/') {
        Some(i) => format!("{}/{name}", &admin_url[..i]),
        None => bail!("no database in the admin URL"),
    };
    let result = postgres_in(&url, n).await;
    admin
        .batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .await?;
    result
}

async fn postgres_in(url: &str, n: usize) -> Result<()> {
    let store = Arc::new(chat_postgres::PgStore::connect(url).await?);
    let dyn_store: Arc<dyn Store> = store.clone();
    let corpus = setup(&dyn_store).await?;
    let (client, driver) = tokio_postgres::connect(url, tokio_postgres::NoTls).await?;
    tokio::spawn(driver);
    let server = corpus.channels[0].server_id.as_uuid();
    let mut rng = StdRng::seed_from_u64(21);
    let t = Instant::now();
    // Load without the GIN index, then build it (as a restore would).
    client.batch_execute("DROP INDEX messages_search").await?;
    let insert = client
        .prepare(
            "INSERT INTO messages (id, channel_id, server_id, author_id, content, mentions, created_at, search_text) \
             SELECT id, ch, $3, au, c, '{}', ts, st \
             FROM unnest($1::uuid[], $2::uuid[], $4::uuid[], $5::text[], $6::bigint[], $7::text[]) \
             AS t(id, ch, au, c, ts, st)",
        )
        .await?;
    let mut done = 0;
    while done < n {
        let to = (done + BATCH).min(n);
        let batch = messages(&corpus, &mut rng, done, to)?;
        let ids: Vec<uuid::Uuid> = batch.iter().map(|m| m.id.as_uuid()).collect();
        let channels: Vec<uuid::Uuid> = batch.iter().map(|m| m.channel_id.as_uuid()).collect();
        let authors: Vec<uuid::Uuid> = batch.iter().map(|m| m.author_id.as_uuid()).collect();
        let contents: Vec<&str> = batch.iter().map(|m| m.content.as_str()).collect();
        let times: Vec<i64> = batch.iter().map(|m| m.created_at.millis()).collect();
        let texts: Vec<String> = contents.iter().map(|c| search_text(c)).collect();
        client
            .execute(
                &insert,
                &[
                    &ids, &channels, &server, &authors, &contents, &times, &texts,
                ],
            )
            .await?;
        done = to;
    }
    let loaded = t.elapsed();
    let t = Instant::now();
    client
        .batch_execute(
            "CREATE INDEX messages_search ON messages USING gin (search_vector); ANALYZE messages",
        )
        .await?;
    println!(
        "postgres: loaded {n} messages in {:.0} s, built the GIN index in {:.0} s",
        loaded.as_secs_f64(),
        t.elapsed().as_secs_f64()
    );
    let row = client
        .query_one(
            "SELECT pg_relation_size('messages_search'), pg_total_relation_size('messages'), \
             (SELECT SUM(pg_column_size(search_vector)) + SUM(pg_column_size(search_text)) FROM messages)::bigint",
            &[],
        )
        .await?;
    let (gin, total, columns): (i64, i64, i64) = (row.get(0), row.get(1), row.get(2));
    println!(
        "postgres: GIN index {:.0} MiB, search_text + search_vector {:.0} MiB, messages table in all {:.0} MiB",
        gin as f64 / 1048576.0,
        columns as f64 / 1048576.0,
        total as f64 / 1048576.0
    );
    measure(&dyn_store, &corpus).await
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> Result<()> {
    let n = count()?;
    match std::env::args().nth(1).as_deref() {
        Some("sqlite") => sqlite(n).await,
        Some("postgres") => postgres(n).await,
        _ => bail!("usage: chat-bench-search sqlite|postgres (CHAT_BENCH_MESSAGES=1000000)"),
    }
}
