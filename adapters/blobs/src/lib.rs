//! # chat-blobs
//!
//! The adapters behind the core's attachment ports:
//! - [`FsBlobStore`]: blobs as files in a directory (the default, under
//!   the data directory);
//! - [`S3BlobStore`]: blobs as objects of an S3-compatible bucket (the
//!   choice when several instances share the files);
//! - [`ImageCrateProbe`]: image dimensions and previews with the `image`
//!   crate, on the blocking pool, with the pixel limit checked from the
//!   header before anything is decoded;
//! - [`HmacSigner`]: HMAC-SHA256 signatures of download URLs.

mod fs;
mod images;
mod s3;
mod signer;

pub use fs::FsBlobStore;
pub use images::ImageCrateProbe;
pub use s3::S3BlobStore;
pub use signer::HmacSigner;
