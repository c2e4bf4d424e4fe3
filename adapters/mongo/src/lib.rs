//! # chat-mongo
//!
//! The MongoDB storage adapter: [`MongoStore`] implements every storage port
//! of `chat-core` over the official `mongodb` driver, so that moving a
//! deployment from PostgreSQL to MongoDB is a change of configuration.
//!
//! It never uses multi-document transactions, because they need a replica
//! set and FerretDB has none: each operation that touches several documents
//! is ordered so that an interruption between its steps is either harmless
//! or finished by repeating it (see `docs/decisions.md`, "MongoDB adapter"). Races (refresh token
//! rotation, ownership transfer, invite uses) are settled by inserting a
//! "claim" document under a unique `_id` (`claims.rs`), because FerretDB
//! 1.x does not apply conditional updates atomically. Every rule works on
//! MongoDB 6+ and on FerretDB 1.x alike.
//!
//! One module per area, mirroring the core (`users.rs`, `sessions.rs`,
//! `servers.rs`, …); `codec.rs` reads documents back, `error.rs` maps driver
//! errors, `indexes.rs` lists the collections and their indexes.

mod account;
mod attachments;
mod audit;
mod channels;
mod claims;
mod codec;
mod connection;
mod direct;
mod error;
mod indexes;
mod invites;
mod members;
mod messages;
mod moderation;
mod pins;
mod reactions;
mod reads;
mod search;
mod servers;
mod sessions;
mod timeouts;
mod timing;
mod transfer;
mod users;

use async_trait::async_trait;
use chat_core::{Store, StoreResult};
use futures::TryStreamExt;
use mongodb::bson::Document;
use mongodb::{Collection, Database};

pub use connection::DEFAULT_DATABASE;

/// A chat store kept in one MongoDB database.
#[derive(Debug, Clone)]
pub struct MongoStore {
    db: Database,
}

impl MongoStore {
    /// Connects to `url` (`mongodb://…` or `mongodb+srv://…`) and prepares
    /// the database named by the URL's path, or [`DEFAULT_DATABASE`] when it
    /// names none: checks that the server answers (within 5 s unless the URL
    /// sets `serverSelectionTimeoutMS`) and creates the indexes.
    pub async fn connect(url: &str) -> StoreResult<MongoStore> {
        let (options, database) = connection::options(url).await?;
        Self::open(options, &database).await
    }

    /// Like [`MongoStore::connect`], but uses `database` whatever the URL
    /// says (tests and benchmarks use a fresh one each).
    pub async fn connect_database(url: &str, database: &str) -> StoreResult<MongoStore> {
        let (options, _) = connection::options(url).await?;
        Self::open(options, database).await
    }

    async fn open(options: mongodb::options::ClientOptions, database: &str) -> StoreResult<Self> {
        let db = connection::open(options, database).await?;
        Ok(Self { db })
    }

    /// The name of the database this store uses.
    pub fn database_name(&self) -> &str {
        self.db.name()
    }

    /// Drops the whole database: every record of this store is gone.
    /// For tests and benchmarks.
    pub async fn drop_database(&self) -> StoreResult<()> {
        self.db
            .drop()
            .await
            .map_err(|e| error::backend("dropping the database", e))
    }

    fn collection(&self, name: &str) -> Collection<Document> {
        self.db.collection(name)
    }
}

/// Every document `filter` matches, in `sort` order.
async fn find_all(
    collection: &Collection<Document>,
    filter: Document,
    sort: Document,
    context: &str,
) -> StoreResult<Vec<Document>> {
    let cursor = collection
        .find(filter)
        .sort(sort)
        .await
        .map_err(|e| error::backend(context, e))?;
    cursor
        .try_collect()
        .await
        .map_err(|e| error::backend(context, e))
}

#[async_trait]
impl Store for MongoStore {
    async fn ping(&self) -> StoreResult<()> {
        connection::ping(&self.db)
            .await
            .map_err(|e| error::backend("ping", e))
    }
}
