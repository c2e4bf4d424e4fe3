//! The storage conformance suite of `chat-core`, run against [`MemoryStore`].

use std::sync::Arc;

use chat_core::testkit::Fresh;
use chat_memory::MemoryStore;

async fn fresh() -> Fresh {
    Fresh::new(Arc::new(MemoryStore::default()))
}

chat_core::conformance_suite!(fresh);
