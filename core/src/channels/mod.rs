//! Channels of a server: create, list by position, read, update, delete.

mod store;
mod usecases;

pub use store::ChannelStore;
pub use usecases::ChannelChanges;

use crate::ids::{ChannelId, ServerId};
use crate::text::bounded_text;
use crate::time::Timestamp;

bounded_text!(
    /// A channel's name: 1–100 characters, trimmed; unique in its server
    /// ignoring case.
    ChannelName, field = "name", min = 1, max = 100, trim = true
);
bounded_text!(
    /// A channel's topic: 0–1000 characters.
    Topic, field = "topic", min = 0, max = 1000, trim = false, multiline = true
);

impl ChannelName {
    /// The lower-cased form that uniqueness compares.
    pub fn folded(&self) -> String {
        self.as_str().to_lowercase()
    }
}

/// A stored channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    /// Its id.
    pub id: ChannelId,
    /// The server it belongs to.
    pub server_id: ServerId,
    /// Its name.
    pub name: ChannelName,
    /// Its topic.
    pub topic: Topic,
    /// Sort key: lists order by `position`, then `created_at`.
    pub position: i64,
    /// When it was made.
    pub created_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_name_is_bounded_and_folds_unicode_case() {
        assert_eq!(ChannelName::parse("").unwrap_err().field, "name");
        assert_eq!(ChannelName::parse("Ünïcode").unwrap().folded(), "ünïcode");
    }

    #[test]
    fn topic_is_bounded() {
        assert_eq!(Topic::parse(&"t".repeat(1001)).unwrap_err().field, "topic");
    }
}
