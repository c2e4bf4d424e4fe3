//! # chat-sqlite
//!
//! The embedded, persistent default store of the chat platform: one SQLite
//! file (the C library is compiled in, `rusqlite`'s `bundled` feature), so
//! a newcomer runs the product with no database to install.
//! [`SqliteStore`] implements [`chat_core::Store`] and every area trait
//! exactly as their doc comments say; the core's conformance suite checks it.
//!
//! ## How it works
//! - **No blocking on async workers.** SQLite calls block, so every call
//!   runs on tokio's blocking pool (`spawn_blocking`) with one connection,
//!   taken first through an async FIFO lock so waiting costs no thread: a
//!   single writer (SQLite has one writer at a time anyway; queueing in
//!   process is cheaper and fairer than retrying on `SQLITE_BUSY`) and a few
//!   read-only connections that WAL mode lets read while the writer writes.
//!   A single dedicated connection thread would be as safe but would queue
//!   every history read behind writes. See `db.rs`.
//! - **Settings.** WAL journal, `foreign_keys = ON`, a busy timeout for
//!   other processes, `synchronous = NORMAL` (durable across a process
//!   crash; a power loss may lose the last commits but never corrupts),
//!   and cached prepared statements.
//! - **Schema.** Versioned SQL files under `migrations/`, compiled in and
//!   applied at open (`migrate.rs`). Ids are 16-byte UUID blobs, so id order
//!   is creation order; times are milliseconds. Foreign keys cascade where
//!   "everything in it goes" (server, channel, user).
//! - **Atomic steps.** Each multi-row change (join by invite, ban, transfer,
//!   refresh rotation, message with nonce, …) is one `BEGIN IMMEDIATE`
//!   transaction, so concurrent writers wait rather than fail.
//! - **Errors.** A unique violation the contract names becomes
//!   `StoreError::Conflict`; anything else is `StoreError::Backend`.
//!
//! One module per area mirrors the core (`users.rs`, `messages.rs`, …).

mod account;
mod attachments;
mod audit;
mod channels;
mod codec;
mod db;
mod direct;
mod error;
mod invites;
mod members;
mod messages;
mod migrate;
mod moderation;
mod pins;
mod reactions;
mod reads;
mod search;
mod servers;
mod sessions;
mod timeouts;
mod transfer;
mod users;

use std::path::Path;
use std::sync::Arc;

use async_trait::async_trait;
use chat_core::{Store, StoreError, StoreResult};

use crate::db::Db;

/// The SQLite store. Cheap to clone; clones share the connections.
#[derive(Clone)]
pub struct SqliteStore {
    db: Arc<Db>,
}

impl SqliteStore {
    /// Opens the database file at `path`, creating it (and its parent
    /// folder) if missing, and brings its schema up to date.
    pub fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| {
                StoreError::Backend(format!(
                    "sqlite: cannot create folder {}: {e}",
                    parent.display()
                ))
            })?;
        }
        Ok(SqliteStore {
            db: Arc::new(Db::open_file(path)?),
        })
    }

    /// A private database in memory, gone when the store is dropped (tests,
    /// trying things out). It has a single connection.
    pub fn open_in_memory() -> Result<SqliteStore, StoreError> {
        Ok(SqliteStore {
            db: Arc::new(Db::open_in_memory()?),
        })
    }
}

impl SqliteStore {
    /// Copies the whole database into a new file at `to` with SQLite's
    /// online backup API, from a reader connection: a consistent snapshot,
    /// taken while the store keeps serving (writers are not blocked in WAL
    /// mode). Refuses to overwrite an existing file. To restore, stop the
    /// server and put the copy in place of the database file (removing
    /// its `-wal` and `-shm` files).
    pub async fn backup_to(&self, to: &Path) -> StoreResult<()> {
        if to.exists() {
            return Err(StoreError::Backend(format!(
                "sqlite: {} exists; choose a new file for the backup",
                to.display()
            )));
        }
        let target = to.to_path_buf();
        db::read(&self.db, move |conn| {
            conn.backup(rusqlite::MAIN_DB, &target, None).map_err(|e| {
                StoreError::Backend(format!(
                    "sqlite: backup to {} failed: {e}",
                    target.display()
                ))
            })
        })
        .await
    }
}

impl std::fmt::Debug for SqliteStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SqliteStore")
    }
}

#[async_trait]
impl Store for SqliteStore {
    async fn ping(&self) -> StoreResult<()> {
        db::read(&self.db, |conn| {
            conn.query_row("SELECT 1", [], |_| Ok(()))
                .map_err(error::backend)
        })
        .await
    }
}
