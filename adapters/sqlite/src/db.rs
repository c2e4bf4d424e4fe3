//! Connections and where queries run.
//!
//! SQLite is a blocking C library, so no query ever runs on an async
//! worker: each call first waits (asynchronously, in FIFO order) for a
//! connection, then runs on tokio's blocking pool (`spawn_blocking`) with
//! it. Waiting happens before the hop, so a queue of writers holds no
//! blocking threads. SQLite lets one writer and many readers work at once
//! in WAL mode, so the store keeps exactly that: one writer connection
//! (writers queue in process instead of spinning on `SQLITE_BUSY`) and a
//! few read-only connections that never wait for the writer. An in-memory
//! database cannot be shared between connections without shared-cache
//! locking, so there everything uses the writer.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use chat_core::{StoreError, StoreResult};
use rusqlite::{Connection, OpenFlags};
use tokio::sync::{Mutex, OwnedMutexGuard};

use crate::error::backend;

/// How many read-only connections a file database gets.
const READERS: usize = 4;
/// How long a connection waits for another process's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);
/// Prepared statements kept per connection (the store has about 70).
const STATEMENT_CACHE: usize = 128;

/// The connections of one database.
pub(crate) struct Db {
    // Readers first: fields drop in order, and the writer closing last
    // checkpoints the WAL back into the database file.
    readers: Vec<Arc<Mutex<Connection>>>,
    writer: Arc<Mutex<Connection>>,
    next_reader: AtomicUsize,
}

impl Db {
    /// Opens (creating if missing) the database file, sets it up and runs
    /// the migrations on the writer before any reader connects.
    pub(crate) fn open_file(path: &Path) -> StoreResult<Db> {
        let mut writer = Connection::open(path).map_err(|e| open_error(path, e))?;
        configure(&writer)?;
        // WAL is a property of the file: set once, every later connection sees it.
        let mode: String = writer
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(backend)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Backend(format!(
                "sqlite: could not switch {} to WAL mode (got {mode})",
                path.display()
            )));
        }
        crate::migrate::apply(&mut writer, crate::migrate::MIGRATIONS)?;
        let readers = (0..READERS)
            .map(|_| open_reader(path))
            .collect::<StoreResult<Vec<_>>>()?;
        Ok(Db::new(writer, readers))
    }

    /// A private in-memory database: one connection for everything.
    pub(crate) fn open_in_memory() -> StoreResult<Db> {
        let mut conn = Connection::open_in_memory().map_err(backend)?;
        configure(&conn)?;
        crate::migrate::apply(&mut conn, crate::migrate::MIGRATIONS)?;
        Ok(Db::new(conn, Vec::new()))
    }

    fn new(writer: Connection, readers: Vec<Connection>) -> Db {
        Db {
            readers: readers
                .into_iter()
                .map(|c| Arc::new(Mutex::new(c)))
                .collect(),
            writer: Arc::new(Mutex::new(writer)),
            next_reader: AtomicUsize::new(0),
        }
    }

    /// The writer connection, once the current write is done.
    async fn writer(&self) -> OwnedMutexGuard<Connection> {
        Arc::clone(&self.writer).lock_owned().await
    }

    /// A reader connection: a free one if any, else the next in turn.
    async fn reader(&self) -> OwnedMutexGuard<Connection> {
        if self.readers.is_empty() {
            return self.writer().await;
        }
        for conn in &self.readers {
            if let Ok(guard) = Arc::clone(conn).try_lock_owned() {
                return guard;
            }
        }
        let i = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        Arc::clone(&self.readers[i]).lock_owned().await
    }
}

/// Runs `f` with a reader connection on the blocking pool.
pub(crate) async fn read<T, F>(db: &Db, f: F) -> StoreResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut Connection) -> StoreResult<T> + Send + 'static,
{
    let started = std::time::Instant::now();
    let result = run(db.reader().await, f).await;
    record::<F>(started);
    result
}

/// The metric of store call latency (`/metrics`): seconds from asking for
/// a connection to the answer, by operation (the store method the call
/// is made from).
const STORE_CALL_SECONDS: &str = "chat_store_call_duration_seconds";

fn record<F>(started: std::time::Instant) {
    metrics::histogram!(
        STORE_CALL_SECONDS,
        "store" => "sqlite",
        "operation" => operation_of::<F>(),
    )
    .record(started.elapsed().as_secs_f64());
}

/// The store method a closure is written in, from its type's name
/// (`chat_sqlite::users::<impl …>::user_by_id::{{closure}}…` →
/// `user_by_id`): the operation label, with no list to keep up to date.
fn operation_of<F>() -> &'static str {
    let name = std::any::type_name::<F>();
    let outer = name.split("::{{closure}}").next().unwrap_or(name);
    let method = outer.rsplit("::").next().unwrap_or(outer);
    // async_trait's methods carry their lifetimes: `insert_user<'_, '_>`.
    method.split('<').next().unwrap_or(method)
}

/// Runs `f` with the writer connection on the blocking pool.
pub(crate) async fn write<T, F>(db: &Db, f: F) -> StoreResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut Connection) -> StoreResult<T> + Send + 'static,
{
    let started = std::time::Instant::now();
    let result = run(db.writer().await, f).await;
    record::<F>(started);
    result
}

/// Runs one cached statement; the number of rows it changed.
pub(crate) fn execute<P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
) -> StoreResult<usize> {
    conn.prepare_cached(sql)
        .and_then(|mut st| st.execute(params))
        .map_err(backend)
}

/// Every row `sql` yields for `params`, each made by `row` (the statement
/// is cached on the connection).
pub(crate) fn all_rows<T, P, F>(
    conn: &Connection,
    sql: &str,
    params: P,
    row: F,
) -> StoreResult<Vec<T>>
where
    P: rusqlite::Params,
    F: FnMut(&rusqlite::Row<'_>) -> rusqlite::Result<T>,
{
    conn.prepare_cached(sql)
        .and_then(|mut st| st.query_map(params, row)?.collect())
        .map_err(backend)
}

/// The guard moves into the blocking task, so the connection stays taken
/// until `f` is done even if the caller's future is dropped meanwhile.
async fn run<T, F>(mut conn: OwnedMutexGuard<Connection>, f: F) -> StoreResult<T>
where
    T: Send + 'static,
    F: FnOnce(&mut Connection) -> StoreResult<T> + Send + 'static,
{
    tokio::task::spawn_blocking(move || f(&mut conn))
        .await
        .map_err(|e| StoreError::Backend(format!("sqlite worker failed: {e}")))?
}

fn open_reader(path: &Path) -> StoreResult<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(path, e))?;
    configure(&conn)?;
    Ok(conn)
}

/// Per-connection settings.
///
/// `synchronous = NORMAL` in WAL mode: a commit is durable across a crash
/// of the process (the WAL is written before the commit returns) and the
/// database can never be corrupted; only a power loss or OS crash may lose
/// the last transactions since the previous checkpoint. `FULL` would add an
/// fsync to every message sent, costing far more than the latency budget.
fn configure(conn: &Connection) -> StoreResult<()> {
    conn.busy_timeout(BUSY_TIMEOUT).map_err(backend)?;
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
        .map_err(backend)?;
    conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
    Ok(())
}

fn open_error(path: &Path, e: rusqlite::Error) -> StoreError {
    StoreError::Backend(format!("sqlite: cannot open {}: {e}", path.display()))
}

#[cfg(test)]
mod metric_tests {
    use super::*;

    #[test]
    fn the_operation_is_the_method_a_closure_is_written_in() {
        fn user_by_id() -> &'static str {
            let f = |_: &mut Connection| -> StoreResult<()> { Ok(()) };
            name_of(&f)
        }
        fn name_of<F>(_: &F) -> &'static str {
            operation_of::<F>()
        }
        assert_eq!(user_by_id(), "user_by_id");
    }
}
