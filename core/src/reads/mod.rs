//! Read state and notification settings: where each user stopped reading
//! in each channel (a read marker), the unread and mention counts that
//! follow from it, and how loudly each server and channel may notify them.
//!
//! Markers only move forward. Acks are cheap for clients to send often, so
//! the use cases coalesce marker writes in a [`MarkerBuffer`] (at most one
//! store write per user and channel every [`ACK_WRITE_INTERVAL_MS`]; the
//! newest marker wins) and the program flushes it on a timer and at
//! shutdown ([`crate::Chat::flush_read_markers`]). Reads flush the
//! reader's own pending markers first, so they always show the newest ack.

mod buffer;
mod store;
mod usecases;

pub use buffer::MarkerBuffer;
pub use store::ReadStateStore;
pub use usecases::{ChannelNotificationChanges, ServerNotificationChanges};

use crate::error::ValidationError;
use crate::ids::{ChannelId, MessageId, ServerId};
use crate::time::Timestamp;

/// Unread counts are exact up to this many; above it they are reported as
/// this many with `unread_capped`. Stores count at most `UNREAD_CAP + 1`
/// messages per channel.
pub const UNREAD_CAP: u32 = 100;

/// The least time between two store writes of one user's marker in one
/// channel; acks in between are kept in memory (the newest wins) and
/// written by the next flush.
pub const ACK_WRITE_INTERVAL_MS: i64 = 3_000;

/// How far a user has read in one channel, and what is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadState {
    /// The channel.
    pub channel_id: ChannelId,
    /// Its server.
    pub server_id: ServerId,
    /// The newest message read; `None` when the user never read the
    /// channel (then every message of it is unread).
    pub last_read: Option<MessageId>,
    /// Messages after the marker, at most [`UNREAD_CAP`].
    pub unread_count: u32,
    /// `true` when more than [`UNREAD_CAP`] messages follow the marker.
    pub unread_capped: bool,
    /// Messages after the marker that mention the user.
    pub mention_count: u32,
    /// The channel's newest message (what "mark as read" acks), `None`
    /// in an empty channel.
    pub last_message_id: Option<MessageId>,
}

/// What a store counts in one channel after a marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct UnreadCounts {
    /// Messages after the marker, counted up to `UNREAD_CAP + 1`.
    pub counted: u64,
    /// Messages after the marker that mention the user.
    pub mentions: u64,
    /// The channel's newest message.
    pub last_message_id: Option<MessageId>,
}

impl ReadState {
    /// The state from a store's counts.
    pub fn from_counts(
        channel_id: ChannelId,
        server_id: ServerId,
        last_read: Option<MessageId>,
        counts: UnreadCounts,
    ) -> Self {
        let capped = counts.counted > u64::from(UNREAD_CAP);
        Self {
            channel_id,
            server_id,
            last_read,
            unread_count: if capped {
                UNREAD_CAP
            } else {
                counts.counted as u32
            },
            unread_capped: capped,
            mention_count: u32::try_from(counts.mentions).unwrap_or(u32::MAX),
            last_message_id: counts.last_message_id,
        }
    }
}

/// How much a server or channel may notify: everything, mentions only, or
/// nothing. A channel may also follow its server (`Default`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotifyLevel {
    /// Follow the server's level (channels only).
    Default,
    /// Every message.
    All,
    /// Only messages that mention the user.
    Mentions,
    /// Nothing.
    None,
}

impl NotifyLevel {
    /// The wire and storage spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            NotifyLevel::Default => "default",
            NotifyLevel::All => "all",
            NotifyLevel::Mentions => "mentions",
            NotifyLevel::None => "none",
        }
    }

    /// Parses a channel's level (`default` allowed).
    pub fn parse_for_channel(text: &str) -> Result<Self, ValidationError> {
        match text {
            "default" => Ok(NotifyLevel::Default),
            "all" => Ok(NotifyLevel::All),
            "mentions" => Ok(NotifyLevel::Mentions),
            "none" => Ok(NotifyLevel::None),
            _ => Err(ValidationError::new(
                "level",
                "must be \"default\", \"all\", \"mentions\" or \"none\"",
            )),
        }
    }

    /// Parses a server's level (`default` is not one).
    pub fn parse_for_server(text: &str) -> Result<Self, ValidationError> {
        match Self::parse_for_channel(text) {
            Ok(NotifyLevel::Default) | Err(_) => Err(ValidationError::new(
                "level",
                "must be \"all\", \"mentions\" or \"none\"",
            )),
            Ok(level) => Ok(level),
        }
    }
}

/// A user's notification settings for one server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ServerNotificationSettings {
    /// The server.
    pub server_id: ServerId,
    /// All, mentions or none (never `Default`).
    pub level: NotifyLevel,
    /// Silent until then; `None`: not muted.
    pub muted_until: Option<Timestamp>,
    /// Ignore `@everyone` and `@here`.
    pub suppress_everyone: bool,
}

impl ServerNotificationSettings {
    /// What a server notifies when the user never chose: everything.
    pub fn default_for(server_id: ServerId) -> Self {
        Self {
            server_id,
            level: NotifyLevel::All,
            muted_until: None,
            suppress_everyone: false,
        }
    }
}

/// A user's notification settings for one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChannelNotificationSettings {
    /// The channel.
    pub channel_id: ChannelId,
    /// Its server.
    pub server_id: ServerId,
    /// `Default` follows the server.
    pub level: NotifyLevel,
    /// Silent until then; `None`: not muted.
    pub muted_until: Option<Timestamp>,
}

impl ChannelNotificationSettings {
    /// What a channel does when the user never chose: follow the server.
    pub fn default_for(channel_id: ChannelId, server_id: ServerId) -> Self {
        Self {
            channel_id,
            server_id,
            level: NotifyLevel::Default,
            muted_until: None,
        }
    }
}

/// A user's stored notification settings (servers and channels without
/// an entry use the defaults).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotificationSettings {
    /// Per server.
    pub servers: Vec<ServerNotificationSettings>,
    /// Per channel.
    pub channels: Vec<ChannelNotificationSettings>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use uuid::Uuid;

    fn ids() -> (ChannelId, ServerId) {
        (
            ChannelId::from_uuid(Uuid::now_v7()),
            ServerId::from_uuid(Uuid::now_v7()),
        )
    }

    #[test]
    fn counts_above_the_cap_are_reported_as_the_cap_and_capped() {
        let (c, s) = ids();
        let counts = |counted| UnreadCounts {
            counted,
            ..UnreadCounts::default()
        };
        let state = ReadState::from_counts(c, s, None, counts(101));
        assert_eq!((state.unread_count, state.unread_capped), (100, true));
        let state = ReadState::from_counts(c, s, None, counts(100));
        assert_eq!((state.unread_count, state.unread_capped), (100, false));
    }

    #[test]
    fn a_server_level_cannot_be_default_but_a_channel_level_can() {
        assert_eq!(
            NotifyLevel::parse_for_server("default").unwrap_err().field,
            "level"
        );
        assert_eq!(
            NotifyLevel::parse_for_channel("default").unwrap(),
            NotifyLevel::Default
        );
        assert_eq!(
            NotifyLevel::parse_for_server("loud").unwrap_err().field,
            "level"
        );
    }
}
