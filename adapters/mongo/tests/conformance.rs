//! The core's storage conformance suite, run against MongoDB (FerretDB in
//! development and CI), each contract on a brand-new database.

mod common;

async fn fresh() -> chat_core::testkit::Fresh {
    let (store, guard) = common::fresh_store().await;
    chat_core::testkit::Fresh::with_guard(store, Box::new(guard))
}

chat_core::conformance_suite!(fresh);
