//! Store URLs for the operator commands: `sqlite:PATH` (or a bare path),
//! `postgres://…` / `postgresql://…`, `mongodb://…`.

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use chat_core::Store;

/// Opens the store a URL names.
pub async fn open(url: &str) -> anyhow::Result<Arc<dyn Store>> {
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        let store = chat_postgres::PgStore::connect(url)
            .await
            .context("cannot use the PostgreSQL database")?;
        return Ok(Arc::new(store));
    }
    if url.starts_with("mongodb://") || url.starts_with("mongodb+srv://") {
        let store = chat_mongo::MongoStore::connect(url)
            .await
            .context("cannot use the MongoDB database")?;
        return Ok(Arc::new(store));
    }
    let path = url.strip_prefix("sqlite:").unwrap_or(url);
    let path = path.strip_prefix("//").unwrap_or(path);
    anyhow::ensure!(!path.is_empty(), "a store URL is empty");
    let store = chat_sqlite::SqliteStore::open(Path::new(path))
        .with_context(|| format!("cannot open the SQLite database at {path}"))?;
    Ok(Arc::new(store))
}
