//! The blob-store conformance suite on the S3 adapter, against the
//! S3-compatible server `scripts/test` starts (`scripts/lib/s3.sh`:
//! `CHAT_TEST_S3_URL`). Each contract gets its own key prefix.

use std::sync::Arc;

use chat_blobs::S3BlobStore;
use chat_core::attachments::BlobStore;

async fn fresh() -> (Arc<dyn BlobStore>, ()) {
    let url = std::env::var("CHAT_TEST_S3_URL").expect(
        "CHAT_TEST_S3_URL is not set: run `source scripts/lib/s3.sh && start_s3` (scripts/test does)",
    );
    let (base, query) = url.split_once('?').unwrap_or((&url, ""));
    let prefixed = format!("{base}/t-{}?{query}", uuid::Uuid::new_v4().simple());
    let store = S3BlobStore::from_url(&prefixed).expect("a usable s3:// URL");
    (Arc::new(store), ())
}

chat_core::blob_store_suite!(fresh);
