//! Channels of a server: create, list by position, read, update, delete.

mod store;
mod usecases;

pub use store::ChannelStore;
pub use usecases::ChannelChanges;

use crate::error::ValidationError;
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

/// How long members wait between their messages in a channel: 0 (off)
/// to 21600 seconds (6 hours). Admins and the owner are exempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Slowmode(u32);

impl Slowmode {
    /// The longest wait, in seconds.
    pub const MAX_SECONDS: u32 = 21_600;
    /// No wait.
    pub const OFF: Slowmode = Slowmode(0);

    /// Checks a number of seconds given by a client (field `slowmode_seconds`).
    pub fn parse(seconds: i64) -> Result<Self, ValidationError> {
        u32::try_from(seconds)
            .ok()
            .filter(|s| *s <= Self::MAX_SECONDS)
            .map(Slowmode)
            .ok_or_else(|| {
                ValidationError::new(
                    "slowmode_seconds",
                    format!("must be a whole number from 0 to {}", Self::MAX_SECONDS),
                )
            })
    }

    /// The wait in seconds (0: off).
    pub fn seconds(self) -> u32 {
        self.0
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
    /// How long members wait between their messages here.
    pub slowmode: Slowmode,
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
    fn slowmode_is_0_to_21600_seconds() {
        assert_eq!(Slowmode::parse(0).unwrap(), Slowmode::OFF);
        assert_eq!(Slowmode::parse(21_600).unwrap().seconds(), 21_600);
        for bad in [-1, 21_601, i64::MAX] {
            assert_eq!(Slowmode::parse(bad).unwrap_err().field, "slowmode_seconds");
        }
    }

    #[test]
    fn topic_is_bounded() {
        assert_eq!(Topic::parse(&"t".repeat(1001)).unwrap_err().field, "topic");
    }
}
