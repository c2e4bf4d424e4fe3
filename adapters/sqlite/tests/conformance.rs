//! The core's storage conformance suite, each contract on a brand-new
//! database file in its own temporary folder.

use std::sync::Arc;

use chat_core::testkit::Fresh;
use chat_sqlite::SqliteStore;

async fn fresh() -> Fresh {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = SqliteStore::open(&dir.path().join("chat.db")).expect("open a fresh database");
    // The folder outlives the store (the guard drops after it).
    Fresh::with_guard(Arc::new(store), Box::new(dir))
}

chat_core::conformance_suite!(fresh);
