use async_trait::async_trait;

use super::{Message, MessageContent};
use crate::error::StoreResult;
use crate::ids::{ChannelId, MessageId, UserId};
use crate::time::Timestamp;

/// What storing a message did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inserted {
    /// The message was stored.
    New,
    /// The author already sent a message with this nonce: that one is
    /// returned and nothing was stored.
    Duplicate(Message),
}

/// Storage of messages.
#[async_trait]
pub trait MessageStore: Send + Sync {
    /// Stores a message, unless its author already has one with the same
    /// nonce (in any channel): then returns `Inserted::Duplicate` with it.
    /// Concurrent sends with one nonce store exactly one message.
    async fn insert_message(&self, message: &Message) -> StoreResult<Inserted>;

    /// The message with this id, or `None`.
    async fn message_by_id(&self, id: MessageId) -> StoreResult<Option<Message>>;

    /// Up to `limit` messages of the channel, oldest first: those with the
    /// greatest ids below `before`, or the newest ones when `before` is `None`.
    async fn history(
        &self,
        channel: ChannelId,
        before: Option<MessageId>,
        limit: u32,
    ) -> StoreResult<Vec<Message>>;

    /// Replaces content and mentions and sets `edited_at`; returns the
    /// updated message, or `None` when there is no such message.
    async fn edit_message(
        &self,
        id: MessageId,
        content: &MessageContent,
        mentions: &[UserId],
        edited_at: Timestamp,
    ) -> StoreResult<Option<Message>>;

    /// Deletes the message; `false` when there was none.
    async fn delete_message(&self, id: MessageId) -> StoreResult<bool>;

    /// How many stored messages `author` wrote, in every channel (0 for
    /// an unknown user).
    async fn count_messages_by(&self, author: UserId) -> StoreResult<u64>;
}
