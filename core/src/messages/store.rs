use async_trait::async_trait;

use super::{Message, MessageContent};
use crate::error::StoreResult;
use crate::ids::{ChannelId, MessageId, UserId};
use crate::time::Timestamp;

/// The most messages one channel may have pinned.
pub const MAX_PINS: usize = 50;

/// What pinning a message did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PinOutcome {
    /// The message is now pinned; here it is, with `pinned_at` set.
    Pinned(Message),
    /// It was pinned already; nothing changed.
    AlreadyPinned,
    /// The channel already has the maximum of pins; nothing changed.
    TooMany,
    /// There is no such message in that channel.
    NotFound,
}

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

    /// The messages with these ids that exist, in any order (unknown ids
    /// are skipped). One read, for the messages that a page replies to.
    async fn messages_by_ids(&self, ids: &[MessageId]) -> StoreResult<Vec<Message>>;

    /// Up to `limit` messages of the channel with ids greater than
    /// `after`, oldest first (the oldest of them).
    async fn history_after(
        &self,
        channel: ChannelId,
        after: MessageId,
        limit: u32,
    ) -> StoreResult<Vec<Message>>;

    /// Pins the message (of `channel`) at `at`: `Pinned` with the updated
    /// message; `AlreadyPinned` when it was; `TooMany` when the channel
    /// already has `max` pinned messages; `NotFound` when the message is
    /// not in that channel. (The count and the pin are one atomic step
    /// where the database allows it; the MongoDB adapter documents its gap.)
    async fn pin_message(
        &self,
        channel: ChannelId,
        id: MessageId,
        at: Timestamp,
        max: usize,
    ) -> StoreResult<PinOutcome>;

    /// Unpins the message (of `channel`); the updated message, or `None`
    /// when it was not pinned or is not in that channel.
    async fn unpin_message(
        &self,
        channel: ChannelId,
        id: MessageId,
    ) -> StoreResult<Option<Message>>;

    /// The channel's pinned messages, the most recently pinned first.
    async fn pinned_messages(&self, channel: ChannelId) -> StoreResult<Vec<Message>>;
    /// The newest (greatest id) message of `author` in `channel`, or
    /// `None` when they have none there (for slow mode).
    async fn last_message_by(
        &self,
        channel: ChannelId,
        author: UserId,
    ) -> StoreResult<Option<Message>>;

    /// How many stored messages `author` wrote, in every channel (0 for
    /// an unknown user).
    async fn count_messages_by(&self, author: UserId) -> StoreResult<u64>;
}
