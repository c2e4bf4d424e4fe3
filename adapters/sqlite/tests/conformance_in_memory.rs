//! The core's storage conformance suite on `SqliteStore::open_in_memory`
//! (one connection for reads and writes), each contract on its own database.

use std::sync::Arc;

use chat_core::testkit::Fresh;
use chat_sqlite::SqliteStore;

async fn fresh() -> Fresh {
    Fresh::new(Arc::new(
        SqliteStore::open_in_memory().expect("open an in-memory database"),
    ))
}

chat_core::conformance_suite!(fresh);
