use async_trait::async_trait;

use super::{has_link, SearchQuery};
use crate::error::StoreResult;
use crate::ids::{ChannelId, MessageId, UserId};
use crate::messages::Message;
use crate::time::Timestamp;

/// The most matches a search counts; `total_estimate` stops there.
pub const TOTAL_CAP: u64 = 1000;

/// What a search asks a store for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchFilter {
    /// The words, phrases and exclusions the content must satisfy.
    pub query: SearchQuery,
    /// Only messages of these channels (the ones the caller may read).
    pub channels: Vec<ChannelId>,
    /// Only messages written by this user.
    pub author: Option<UserId>,
    /// Only messages that mention this user.
    pub mentions: Option<UserId>,
    /// Only messages sent strictly before this time.
    pub before: Option<Timestamp>,
    /// Only messages sent strictly after this time.
    pub after: Option<Timestamp>,
    /// Only messages containing `http://` or `https://` (ASCII case ignored).
    pub has_link: bool,
    /// Only messages that carry at least one attachment (pending uploads,
    /// not yet given to a message, do not count).
    pub has_file: bool,
}

impl SearchFilter {
    /// The reference answer: whether `message`, which carries attachments
    /// when `has_files`, matches every part of the filter (the memory
    /// store uses it; the conformance cases hold the other stores to it).
    pub fn matches(&self, message: &Message, has_files: bool) -> bool {
        self.channels.contains(&message.channel_id)
            && (!self.has_file || has_files)
            && self.author.is_none_or(|a| message.author_id == a)
            && self.mentions.is_none_or(|u| message.mentions.contains(&u))
            && self.before.is_none_or(|t| message.created_at < t)
            && self.after.is_none_or(|t| message.created_at > t)
            && (!self.has_link || has_link(message.content.as_str()))
            && self.query.matches(message.content.as_str())
    }
}

/// Full-text search over messages. Edits are searchable by their new
/// content and deleted messages are gone as soon as the edit or delete
/// returns.
#[async_trait]
pub trait SearchStore: Send + Sync {
    /// Up to `limit` messages matching `filter` (see
    /// [`SearchFilter::matches`]), newest (greatest id) first; with a
    /// `cursor`, only those with ids below it. An empty `channels` list
    /// matches nothing.
    async fn search_messages(
        &self,
        filter: &SearchFilter,
        cursor: Option<MessageId>,
        limit: u32,
    ) -> StoreResult<Vec<Message>>;

    /// How many messages match `filter`, counting no further than `cap`.
    async fn count_search(&self, filter: &SearchFilter, cap: u64) -> StoreResult<u64>;
}
