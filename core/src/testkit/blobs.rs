//! The blob-store conformance suite: every [`BlobStore`] adapter runs it
//! (see [`blob_store_suite!`](crate::blob_store_suite)).

use std::sync::Arc;

use bytes::Bytes;
use futures::StreamExt;

use crate::attachments::{BlobError, BlobStore, BlobStream, ByteRange};

fn chunks(parts: Vec<Vec<u8>>) -> BlobStream {
    Box::pin(futures::stream::iter(
        parts.into_iter().map(|p| Ok(Bytes::from(p))),
    ))
}

async fn read(blobs: &Arc<dyn BlobStore>, key: &str, range: Option<ByteRange>) -> Option<Vec<u8>> {
    let mut stream = blobs.get(key, range).await.expect("get")?;
    let mut out = Vec::new();
    while let Some(chunk) = stream.next().await {
        out.extend_from_slice(&chunk.expect("chunk"));
    }
    Some(out)
}

fn pattern(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

/// `put` stores a stream of many chunks and answers its size; `get`
/// gives the same bytes back, `head` the size.
pub async fn put_then_get_and_head_give_the_bytes_back(blobs: &Arc<dyn BlobStore>) {
    let data = pattern(3 * 1024 * 1024 + 17);
    let parts: Vec<Vec<u8>> = data.chunks(64 * 1024 + 3).map(<[u8]>::to_vec).collect();
    let size = blobs.put("blob-a", chunks(parts)).await.unwrap();
    assert_eq!(size, data.len() as u64);
    assert_eq!(blobs.head("blob-a").await.unwrap(), Some(data.len() as u64));
    assert_eq!(read(blobs, "blob-a", None).await, Some(data));
    let size = blobs.put("blob-empty", chunks(vec![])).await.unwrap();
    assert_eq!(size, 0);
    assert_eq!(read(blobs, "blob-empty", None).await, Some(vec![]));
}

/// `get` with a range gives exactly those bytes; a range past the end is
/// cut to the end.
pub async fn get_with_a_range_gives_those_bytes(blobs: &Arc<dyn BlobStore>) {
    let data = pattern(1000);
    blobs
        .put("ranged", chunks(vec![data.clone()]))
        .await
        .unwrap();
    let mid = read(blobs, "ranged", Some(ByteRange { start: 10, end: 19 })).await;
    assert_eq!(mid, Some(data[10..20].to_vec()));
    let last = read(
        blobs,
        "ranged",
        Some(ByteRange {
            start: 999,
            end: 999,
        }),
    )
    .await;
    assert_eq!(last, Some(vec![data[999]]));
    let cut = read(
        blobs,
        "ranged",
        Some(ByteRange {
            start: 990,
            end: 5000,
        }),
    )
    .await;
    assert_eq!(cut, Some(data[990..].to_vec()));
}

/// Unknown keys: `get` and `head` answer `None`; `delete` removes a blob
/// and deleting a missing one is fine; `put` replaces.
pub async fn missing_blobs_are_none_delete_is_idempotent_and_put_replaces(
    blobs: &Arc<dyn BlobStore>,
) {
    assert!(read(blobs, "nothing-here", None).await.is_none());
    assert_eq!(blobs.head("nothing-here").await.unwrap(), None);
    blobs.delete("nothing-here").await.unwrap();
    blobs
        .put("k", chunks(vec![b"first".to_vec()]))
        .await
        .unwrap();
    blobs
        .put("k", chunks(vec![b"second!".to_vec()]))
        .await
        .unwrap();
    assert_eq!(read(blobs, "k", None).await, Some(b"second!".to_vec()));
    blobs.delete("k").await.unwrap();
    assert_eq!(blobs.head("k").await.unwrap(), None);
    assert!(read(blobs, "k", None).await.is_none());
}

/// A stream that fails part way leaves nothing under the key and `put`
/// answers the stream's error.
pub async fn a_failing_stream_leaves_nothing_behind(blobs: &Arc<dyn BlobStore>) {
    let big = pattern(2 * 1024 * 1024);
    let stream: BlobStream = Box::pin(futures::stream::iter(vec![
        Ok(Bytes::from(big.clone())),
        Ok(Bytes::from(big)),
        Err(BlobError::Aborted("too large".into())),
    ]));
    let outcome = blobs.put("broken", stream).await;
    assert_eq!(outcome, Err(BlobError::Aborted("too large".into())));
    assert_eq!(blobs.head("broken").await.unwrap(), None);
    assert!(read(blobs, "broken", None).await.is_none());
}

/// Expands to one `#[tokio::test]` per blob-store contract, each on the
/// store from `$fresh().await` (an `async fn() -> (Arc<dyn BlobStore>, guard)`).
#[macro_export]
macro_rules! blob_store_suite {
    ($fresh:path) => {
        $crate::__blob_tests!($fresh;
            put_then_get_and_head_give_the_bytes_back,
            get_with_a_range_gives_those_bytes,
            missing_blobs_are_none_delete_is_idempotent_and_put_replaces,
            a_failing_stream_leaves_nothing_behind,
        );
    };
}

/// The expansion behind [`blob_store_suite!`]; not for direct use.
#[doc(hidden)]
#[macro_export]
macro_rules! __blob_tests {
    ($fresh:path; $($contract:ident),* $(,)?) => {
        $(
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn $contract() {
                let (blobs, _guard) = $fresh().await;
                $crate::testkit::blobs::$contract(&blobs).await;
            }
        )*
    };
}
