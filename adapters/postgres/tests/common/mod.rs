//! Empty places to test in, on the real PostgreSQL of
//! `CHAT_TEST_POSTGRES_ADMIN_URL` (a role that may create databases).
//! Without it the tests fail and say how to start one: they never pass by
//! skipping.
//!
//! - [`TestDb`]: a brand-new database with a random name (for what is about
//!   whole databases: connecting, migrating). `CREATE DATABASE` costs about
//!   a second on our disks, so most tests use
//! - [`TestSchema`]: a brand-new schema with a random name, reached through
//!   `search_path` in the URL, so the store creates and sees only its own
//!   tables. It lives in the run's database (`CHAT_TEST_POSTGRES_URL`, made
//!   and dropped by `start_postgres`/`stop_postgres`) when set, else in the
//!   admin database.
//!
//! Both are dropped when their guard is.

#![allow(dead_code)] // each test file uses a different part

use chat_postgres::PgStore;
use std::collections::HashMap;
use std::sync::{mpsc, LazyLock, Mutex};

use tokio_postgres::NoTls;

const ADMIN_URL: &str = "CHAT_TEST_POSTGRES_ADMIN_URL";

/// The admin URL, or a failure explaining how to get one.
pub fn admin_url() -> String {
    match std::env::var(ADMIN_URL) {
        Ok(url) if !url.is_empty() => url,
        _ => panic!(
            "{ADMIN_URL} is not set: these tests need a real PostgreSQL. \
             `scripts/test` starts one; by hand: \
             `source scripts/lib/postgres.sh && start_postgres`, then run the tests \
             from that shell"
        ),
    }
}

/// `url` pointing at database `db` instead (same server, role and options).
pub fn with_database(url: &str, db: &str) -> String {
    let (url, query) = match url.split_once('?') {
        Some((u, q)) => (u, format!("?{q}")),
        None => (url, String::new()),
    };
    let scheme_end = url.find("://").map_or(0, |i| i + 3);
    let base = match url[scheme_end..].find('/') {
        Some(i) => &url[..scheme_end + i],
        None => url,
    };
    format!("{base}/{db}{query}")
}

/// A database that exists while this guard lives.
pub struct TestDb {
    admin_url: String,
    name: String,
    /// The URL of the database.
    pub url: String,
}

impl TestDb {
    /// Creates an empty database with a random name.
    pub async fn create() -> TestDb {
        let admin_url = admin_url();
        let name = format!("chat_t_{}", uuid::Uuid::new_v4().simple());
        admin_exec(&admin_url, &format!("CREATE DATABASE \"{name}\""));
        let url = with_database(&admin_url, &name);
        TestDb {
            admin_url,
            name,
            url,
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let sql = format!("DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)", self.name);
        admin_exec(&self.admin_url, &sql);
    }
}

/// Runs one statement on the server at `url` and waits for it.
///
/// Each URL gets one long-lived connection on its own thread and runtime:
/// connecting costs ~100 ms of SCRAM hashing in debug builds, and guards
/// must run statements from `Drop`, which cannot await.
pub fn admin_exec(url: &str, sql: &str) {
    let jobs = {
        let mut workers = WORKERS.lock().unwrap_or_else(|e| e.into_inner());
        workers
            .entry(url.to_owned())
            .or_insert_with(|| spawn_worker(url.to_owned()))
            .clone()
    };
    let (reply, answer) = mpsc::channel();
    jobs.send((sql.to_owned(), reply)).unwrap();
    if let Err(e) = answer.recv().unwrap() {
        panic!("{sql}: {e}");
    }
}

type Job = (String, mpsc::Sender<Result<(), String>>);

static WORKERS: LazyLock<Mutex<HashMap<String, mpsc::Sender<Job>>>> =
    LazyLock::new(Default::default);

fn spawn_worker(url: String) -> mpsc::Sender<Job> {
    let (jobs, queue) = mpsc::channel::<Job>();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let mut client: Option<tokio_postgres::Client> = None;
        while let Ok((sql, reply)) = queue.recv() {
            let result = rt.block_on(async {
                if client.as_ref().is_none_or(|c| c.is_closed()) {
                    let (c, driver) = tokio_postgres::connect(&url, NoTls)
                        .await
                        .map_err(|e| format!("cannot connect to {ADMIN_URL}: {e:?}"))?;
                    tokio::spawn(driver);
                    client = Some(c);
                }
                match &client {
                    Some(c) => c.batch_execute(&sql).await.map_err(|e| format!("{e:?}")),
                    None => Err(String::from("no connection")),
                }
            });
            let _ = reply.send(result);
        }
    });
    jobs
}

/// A schema that exists while this guard lives.
pub struct TestSchema {
    base_url: String,
    name: String,
    /// A URL whose `search_path` is the schema.
    pub url: String,
}

impl TestSchema {
    /// Creates an empty schema with a random name.
    pub async fn create() -> TestSchema {
        let admin = admin_url();
        let base_url = std::env::var("CHAT_TEST_POSTGRES_URL")
            .ok()
            .filter(|u| !u.is_empty())
            .unwrap_or(admin);
        let name = format!("chat_t_{}", uuid::Uuid::new_v4().simple());
        admin_exec(&base_url, &format!("CREATE SCHEMA \"{name}\""));
        let separator = if base_url.contains('?') { '&' } else { '?' };
        let url = format!("{base_url}{separator}options=-c%20search_path%3D{name}");
        TestSchema {
            base_url,
            name,
            url,
        }
    }
}

impl Drop for TestSchema {
    fn drop(&mut self) {
        let sql = format!("DROP SCHEMA IF EXISTS \"{}\" CASCADE", self.name);
        admin_exec(&self.base_url, &sql);
    }
}

/// A connected, migrated store in a brand-new schema.
pub async fn fresh_store() -> (PgStore, TestSchema) {
    let schema = TestSchema::create().await;
    let store = PgStore::connect(&schema.url).await.unwrap();
    (store, schema)
}

#[test]
fn with_database_swaps_only_the_path() {
    assert_eq!(
        with_database("postgres://u:p@h:5432/postgres", "x"),
        "postgres://u:p@h:5432/x"
    );
    assert_eq!(
        with_database("postgres://u:p@h:5432/postgres?sslmode=disable", "x"),
        "postgres://u:p@h:5432/x?sslmode=disable"
    );
    assert_eq!(with_database("postgres://h", "x"), "postgres://h/x");
}
