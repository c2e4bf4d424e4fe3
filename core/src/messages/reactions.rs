//! Reactions: who reacted to a message with which emoji, and the port
//! that stores them.

use async_trait::async_trait;

use super::{Emoji, Message};
use crate::error::StoreResult;
use crate::ids::{MessageId, UserId};

/// The most distinct emoji one message may carry.
pub const MAX_REACTION_EMOJI: usize = 20;

/// One emoji on a message as a viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReactionCount {
    /// The emoji.
    pub emoji: Emoji,
    /// How many users reacted with it (at least 1).
    pub count: u64,
    /// Whether the viewer is one of them.
    pub me: bool,
}

/// What adding a reaction did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReactionAdded {
    /// The reaction was stored.
    Added,
    /// The user had already reacted with this emoji; nothing changed.
    AlreadyThere,
    /// The emoji is new on the message and the message already carries
    /// the maximum of distinct emoji; nothing changed.
    TooMany,
}

/// Storage of reactions. A reaction goes with its message (deleting the
/// message, its channel or its server removes it) and with its user
/// (deleting the account removes it).
#[async_trait]
pub trait ReactionStore: Send + Sync {
    /// Records that `user` reacted to `message` with `emoji`:
    /// `AlreadyThere` when they already had; `TooMany` when `emoji` is not
    /// yet on the message and `max_emoji` distinct emoji already are;
    /// else `Added`. The message exists when this is called.
    async fn add_reaction(
        &self,
        message: &Message,
        emoji: &Emoji,
        user: UserId,
        max_emoji: usize,
    ) -> StoreResult<ReactionAdded>;

    /// Removes `user`'s `emoji` reaction from the message; `false` when
    /// there was none.
    async fn remove_reaction(
        &self,
        message: MessageId,
        emoji: &Emoji,
        user: UserId,
    ) -> StoreResult<bool>;

    /// Removes every reaction of the message; how many there were.
    async fn clear_reactions(&self, message: MessageId) -> StoreResult<u64>;

    /// The reactions of each of these messages as `viewer` sees them, in
    /// one read: `(message, count)` pairs grouped by message, each
    /// message's emoji in order of first use (the emoji whose oldest
    /// remaining reaction is oldest comes first). Messages without
    /// reactions (or unknown) have no pairs.
    async fn reaction_counts(
        &self,
        messages: &[MessageId],
        viewer: Option<UserId>,
    ) -> StoreResult<Vec<(MessageId, ReactionCount)>>;

    /// Up to `limit` users who reacted to the message with `emoji`,
    /// ordered by user id, those with ids greater than `after` when given.
    async fn reactors(
        &self,
        message: MessageId,
        emoji: &Emoji,
        after: Option<UserId>,
        limit: u32,
    ) -> StoreResult<Vec<UserId>>;
}
