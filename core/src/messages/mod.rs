//! Messages: send (idempotent by nonce), history, edit, delete, mentions,
//! replies, reactions, pins and jumping to a message.

mod emoji;
mod jump;
mod mentions;
mod pins;
mod reacting;
mod reactions;
mod store;
mod usecases;
mod views;

pub use emoji::Emoji;
pub(crate) use jump::page_limit;
pub use jump::HistoryAnchor;
pub use mentions::mentioned_usernames;
pub use reactions::{ReactionAdded, ReactionCount, ReactionStore, MAX_REACTION_EMOJI};
pub use store::{Inserted, MessageStore, PinOutcome, MAX_PINS};
pub(crate) use usecases::author_summary;
pub use usecases::{AuthorSummary, HistoryPage, MessageView, SendMessage};
pub use views::{ReplyPreview, REPLY_PREVIEW_CHARS};

use crate::ids::{ChannelId, MessageId, ServerId, UserId};
use crate::text::bounded_text;
use crate::time::Timestamp;

bounded_text!(
    /// A message's text: 0–4000 characters after trimming, any Unicode.
    /// Only a message with attachments may be empty: the use cases refuse
    /// an empty text otherwise (see [`CONTENT_RULE`]).
    MessageContent, field = "content", min = 0, max = 4000, trim = true, multiline = true
);

/// The rule an empty text breaks when a message has no attachments.
pub const CONTENT_RULE: &str = "must be 1 to 4000 characters";

impl MessageContent {
    /// Whether the text is empty (after trimming).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
bounded_text!(
    /// A client's idempotency key for sending: 1–100 characters.
    Nonce, field = "nonce", min = 1, max = 100, trim = false
);

/// How many messages a history page holds when the client does not say.
pub const DEFAULT_PAGE: u32 = 50;
/// The most messages a history page holds; larger asks are clamped.
pub const MAX_PAGE: u32 = 100;
/// The rule a history `limit` breaks, for a person.
pub const LIMIT_RULE: &str = "must be a positive whole number (pages hold at most 100)";

/// A stored message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Its id; ordering by id orders by creation.
    pub id: MessageId,
    /// The channel it is in.
    pub channel_id: ChannelId,
    /// The channel's server.
    pub server_id: ServerId,
    /// Who wrote it.
    pub author_id: UserId,
    /// The trimmed text.
    pub content: MessageContent,
    /// Members mentioned with `@username`, in order of first mention.
    pub mentions: Vec<UserId>,
    /// When it was sent.
    pub created_at: Timestamp,
    /// When it was last edited.
    pub edited_at: Option<Timestamp>,
    /// The sender's idempotency key, if given.
    pub nonce: Option<Nonce>,
    /// The message this one answers (same channel when sent; it may be
    /// gone since).
    pub reply_to: Option<MessageId>,
    /// When an admin pinned it to its channel; `None`: not pinned.
    pub pinned_at: Option<Timestamp>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_is_trimmed_and_may_be_empty_for_the_use_cases_to_judge() {
        assert_eq!(MessageContent::parse("  hi  ").unwrap().as_str(), "hi");
        assert!(MessageContent::parse(" \n\t ").unwrap().is_empty());
    }

    #[test]
    fn content_counts_code_points_not_bytes() {
        assert!(MessageContent::parse(&"🎉".repeat(4000)).is_ok());
        assert!(MessageContent::parse(&"🎉".repeat(4001)).is_err());
    }

    #[test]
    fn nonce_is_bounded() {
        assert!(Nonce::parse("").is_err());
        assert_eq!(Nonce::parse(&"n".repeat(101)).unwrap_err().field, "nonce");
    }
}
