//! The ports for file bytes: where blobs live ([`BlobStore`]) and how an
//! image is measured and shrunk ([`ImageProbe`]).

use std::pin::Pin;

use async_trait::async_trait;
use bytes::Bytes;
use futures::Stream;

/// A stream of a blob's bytes, in chunks.
pub type BlobStream = Pin<Box<dyn Stream<Item = Result<Bytes, BlobError>> + Send>>;

/// What a blob store or a blob stream can fail with.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BlobError {
    /// The stream handed to `put` was stopped on purpose (too large, the
    /// client went away); the message says why. Nothing is stored.
    #[error("upload stopped: {0}")]
    Aborted(String),
    /// The backend failed; for logs.
    #[error("blob storage failure: {0}")]
    Backend(String),
}

/// Bytes `start..=end` of a blob (both inclusive, as HTTP ranges are).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByteRange {
    /// The first byte.
    pub start: u64,
    /// The last byte (inclusive).
    pub end: u64,
}

impl ByteRange {
    /// How many bytes the range holds.
    pub fn len(&self) -> u64 {
        self.end - self.start + 1
    }

    /// Never: a range holds at least one byte.
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// Where attachment bytes are kept (a local directory, an S3 bucket).
/// Keys are short ASCII names (`[0-9a-f-.a-z]`) chosen by the core.
///
/// The blob-store conformance suite (`testkit::blobs`) checks every
/// adapter against this contract.
#[async_trait]
pub trait BlobStore: Send + Sync {
    /// Stores the stream's bytes under `key`, replacing any blob there,
    /// and answers how many bytes were stored. If the stream yields an
    /// error, nothing is left under `key` and that error is answered.
    async fn put(&self, key: &str, body: BlobStream) -> Result<u64, BlobError>;

    /// The blob's bytes (only `range` if given; a range past the end is
    /// cut to the end), or `None` if there is no such blob.
    async fn get(
        &self,
        key: &str,
        range: Option<ByteRange>,
    ) -> Result<Option<BlobStream>, BlobError>;

    /// The blob's size, or `None` if there is no such blob.
    async fn head(&self, key: &str) -> Result<Option<u64>, BlobError>;

    /// Removes the blob; removing a missing blob is not an error.
    async fn delete(&self, key: &str) -> Result<(), BlobError>;
}

/// An image's dimensions and its preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageInfo {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// A small rendition (at most 400 px on its longer side, JPEG or PNG),
    /// when one could be made.
    pub preview: Option<Bytes>,
}

/// Why an image was not measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImageRefusal {
    /// Its header declares more pixels than allowed (a decompression bomb
    /// or simply too big to decode safely).
    TooManyPixels {
        /// The declared width.
        width: u32,
        /// The declared height.
        height: u32,
        /// The limit.
        max_pixels: u64,
    },
    /// The bytes are not a decodable image (kept as a plain file).
    Undecodable,
}

/// Reads an image's dimensions and makes its preview, off the async
/// workers, refusing images of more than `max_pixels` pixels before
/// decoding them.
#[async_trait]
pub trait ImageProbe: Send + Sync {
    /// Measures `data` (a whole image file).
    async fn probe(&self, data: Bytes, max_pixels: u64) -> Result<ImageInfo, ImageRefusal>;

    /// Decodes `data` (refused like [`probe`](Self::probe) beyond
    /// `max_pixels`), crops the centred square, scales it to `side`×`side`
    /// and encodes it again as PNG: a fresh file without the original's
    /// metadata (EXIF, GPS positions).
    async fn square_png(
        &self,
        data: Bytes,
        side: u32,
        max_pixels: u64,
    ) -> Result<Bytes, ImageRefusal>;
}
