//! The storage port of attachment metadata.

use async_trait::async_trait;

use super::Attachment;
use crate::error::StoreResult;
use crate::ids::{AttachmentId, MessageId, UserId};
use crate::time::Timestamp;

/// Attachment metadata. Attachments of several messages come back in
/// upload order (by id).
#[async_trait]
pub trait AttachmentStore: Send + Sync {
    /// Stores a new attachment (pending: `message_id` is `None`).
    async fn insert_attachment(&self, attachment: &Attachment) -> StoreResult<()>;

    /// The attachment, pending or sent.
    async fn attachment_by_id(&self, id: AttachmentId) -> StoreResult<Option<Attachment>>;

    /// The attachments among `ids` that exist, in id order.
    async fn attachments_by_ids(&self, ids: &[AttachmentId]) -> StoreResult<Vec<Attachment>>;

    /// Gives the still pending attachments among `ids` to `message`, with
    /// `spoiler`; already claimed ones are left alone. Answers how many
    /// were claimed, so two sends racing for one upload cannot both win.
    async fn claim_attachments(
        &self,
        ids: &[AttachmentId],
        message: MessageId,
        spoiler: bool,
    ) -> StoreResult<u64>;

    /// The attachments of these messages, in id order.
    async fn attachments_of_messages(&self, messages: &[MessageId])
        -> StoreResult<Vec<Attachment>>;

    /// Up to `limit` pending attachments whose `expires_at` is at or before `now`.
    async fn expired_attachments(&self, now: Timestamp, limit: u32)
        -> StoreResult<Vec<Attachment>>;

    /// Up to `limit` attachments (pending or sent) whose channel no longer
    /// exists: deleting a channel or a server leaves them behind.
    async fn orphaned_attachments(&self, limit: u32) -> StoreResult<Vec<Attachment>>;

    /// Removes these attachments' metadata (missing ids are ignored).
    async fn delete_attachments(&self, ids: &[AttachmentId]) -> StoreResult<()>;

    /// The user's stored bytes (pending and sent) and how many uploads
    /// they made at or after `since`.
    async fn attachment_usage(&self, user: UserId, since: Timestamp) -> StoreResult<(u64, u64)>;
}
