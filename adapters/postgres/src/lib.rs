//! # chat-postgres
//!
//! The PostgreSQL storage adapter of chat-core: [`PgStore`] implements
//! [`chat_core::Store`] over `tokio-postgres` with a `deadpool-postgres`
//! pool, for operators who outgrow one box (several app instances can share
//! one database; switching to it is one setting in `app/`).
//!
//! - [`PgStore::connect`] parses the URL, checks the server answers and
//!   applies the embedded migrations (`migrate`, SQL in `src/migrations/`)
//!   under an advisory lock, so instances starting together are safe.
//! - One module per area mirrors the core (`users`, `sessions`, `servers`,
//!   `members`, `invites`, `bans`, `channels`, `messages`); every query is a
//!   cached prepared statement, and every multi-row change is a transaction
//!   whose conditional updates keep the core's invariants under concurrency.
//! - Unique violations become the core's conflicts (`error`); a lost
//!   connection is a `StoreError::Backend`, never a panic.
//!
//! ## Schema choices
//! - Ids are native `uuid` (compared bytewise, so UUID v7 order is creation
//!   order); times are `bigint` milliseconds, like [`chat_core::Timestamp`].
//! - Case-blind uniqueness (usernames, channel names per server) uses
//!   "folded" columns computed in Rust, so Unicode folding is the same in
//!   every store.
//! - Foreign keys cascade where the domain deletes "everything in it"
//!   (server → channels → messages; server → members, invites, bans;
//!   user → sessions, memberships, bans, messages).
//! - Connections are plain TCP (`NoTls`): a server that requires TLS is
//!   refused with a clear error.

mod account;
mod attachments;
mod audit;
mod bans;
mod channels;
mod connect;
mod direct;
mod error;
mod invites;
mod members;
mod messages;
mod migrate;
mod pins;
mod reactions;
mod reads;
mod rows;
mod search;
mod servers;
mod sessions;
mod sql;
mod timeouts;
mod transfer;
mod users;

use async_trait::async_trait;
use chat_core::{Store, StoreResult};
use deadpool_postgres::{Object, Pool};

pub use connect::PoolOptions;

/// The PostgreSQL store: a pool of connections to one migrated database.
#[derive(Clone)]
pub struct PgStore {
    pool: Pool,
}

impl std::fmt::Debug for PgStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgStore")
            .field("pool", &self.pool.status())
            .finish()
    }
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user:pass@host:port/db`
    /// or the key=value form), checks it answers, and applies any pending
    /// migrations. The error says what went wrong in one line, without the
    /// password.
    pub async fn connect(url: &str) -> StoreResult<PgStore> {
        Self::connect_with(url, PoolOptions::default()).await
    }

    /// [`PgStore::connect`] with explicit pool settings.
    pub async fn connect_with(url: &str, options: PoolOptions) -> StoreResult<PgStore> {
        let pool = connect::pool(url, &options).await?;
        let store = PgStore { pool };
        migrate::run(&mut store.client().await?).await?;
        Ok(store)
    }

    /// A pooled connection.
    async fn client(&self) -> StoreResult<Object> {
        self.pool.get().await.map_err(error::pool)
    }
}

#[async_trait]
impl Store for PgStore {
    async fn ping(&self) -> StoreResult<()> {
        let client = self.client().await?;
        client.simple_query("SELECT 1").await.map_err(error::db)?;
        Ok(())
    }
}
