//! # chat-blobs
//!
//! The adapters behind the core's attachment ports:
//! - [`FsBlobStore`]: blobs as files in a directory (the default, under
//!   the data directory);
//! - [`ImageCrateProbe`]: image dimensions and previews with the `image`
//!   crate, on the blocking pool, with the pixel limit checked from the
//!   header before anything is decoded;
//! - [`HmacSigner`]: HMAC-SHA256 signatures of download URLs.

mod fs;
mod images;
mod signer;

pub use fs::FsBlobStore;
pub use images::ImageCrateProbe;
pub use signer::HmacSigner;
