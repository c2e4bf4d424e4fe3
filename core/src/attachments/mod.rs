//! Attachments: files uploaded to a channel, then sent with a message.
//!
//! An upload is streamed to a [`BlobStore`] (never held whole in memory),
//! its content type is sniffed from its first bytes, images get their
//! dimensions and a small preview from an [`ImageProbe`] (off the async
//! workers, with a pixel limit), and the metadata is kept by the
//! [`AttachmentStore`]. An upload is *pending* until a message of its
//! uploader claims it, and removed by [`Chat::sweep_attachments`] once
//! its hour is over. Downloads go to members of the channel, or to anyone
//! holding a short-lived signed URL ([`UrlSigner`]).
//!
//! [`Chat::sweep_attachments`]: crate::Chat::sweep_attachments

mod blobs;
mod names;
mod sniff;
mod store;
pub(crate) mod usecases;

pub use blobs::{BlobError, BlobStore, BlobStream, ByteRange, ImageInfo, ImageProbe, ImageRefusal};
pub use names::sanitize_filename;
pub use sniff::{is_inline_image, sniff_content_type};
pub use store::AttachmentStore;
pub use usecases::{AttachmentDeps, AttachmentPolicy, Download, SignedUrl, Upload, UrlSigner};

use crate::ids::{AttachmentId, ChannelId, MessageId, UserId};
use crate::time::Timestamp;

/// The most attachments one message carries.
pub const MAX_ATTACHMENTS: usize = 10;

/// A stored attachment's metadata (the bytes are in the blob store under
/// [`Attachment::blob_key`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// Its id.
    pub id: AttachmentId,
    /// The channel it was uploaded to.
    pub channel_id: ChannelId,
    /// Who uploaded it.
    pub uploader_id: UserId,
    /// The message that carries it; `None` while pending.
    pub message_id: Option<MessageId>,
    /// The sanitised file name.
    pub filename: String,
    /// The type sniffed from its bytes.
    pub content_type: String,
    /// Its size in bytes.
    pub size: u64,
    /// An image's width in pixels.
    pub width: Option<u32>,
    /// An image's height in pixels.
    pub height: Option<u32>,
    /// Whether a preview blob exists (under [`Attachment::preview_key`]).
    pub has_preview: bool,
    /// Whether the message shows it hidden until clicked.
    pub spoiler: bool,
    /// When it was uploaded.
    pub created_at: Timestamp,
    /// When a pending upload is removed if no message claimed it.
    pub expires_at: Timestamp,
}

impl Attachment {
    /// The blob holding the file.
    pub fn blob_key(&self) -> String {
        blob_key(self.id)
    }

    /// The blob holding the preview.
    pub fn preview_key(&self) -> String {
        format!("{}.preview", self.id)
    }
}

/// The blob key of an attachment's file.
pub fn blob_key(id: AttachmentId) -> String {
    id.to_string()
}

/// An attachment as a message shows it: the metadata plus signed URLs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentView {
    /// The attachment.
    pub attachment: Attachment,
    /// A signed download URL (works without `Authorization` until it expires).
    pub url: String,
    /// A signed URL of the small preview, for images that have one.
    pub preview_url: Option<String>,
}
