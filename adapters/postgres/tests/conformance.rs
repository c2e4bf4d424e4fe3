//! The core's storage conformance suite against a real PostgreSQL: every
//! contract on its own brand-new database.

mod common;

use std::sync::Arc;

async fn fresh() -> chat_core::testkit::Fresh {
    let (store, db) = common::fresh_store().await;
    chat_core::testkit::Fresh::with_guard(Arc::new(store), Box::new(db))
}

chat_core::conformance_suite!(fresh);
