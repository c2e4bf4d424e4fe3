//! The blob-store conformance suite on the local directory adapter.

use std::sync::Arc;

use chat_blobs::FsBlobStore;
use chat_core::attachments::BlobStore;

async fn fresh() -> (Arc<dyn BlobStore>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let store = FsBlobStore::open(dir.path().join("blobs")).expect("open");
    (Arc::new(store), dir)
}

chat_core::blob_store_suite!(fresh);
