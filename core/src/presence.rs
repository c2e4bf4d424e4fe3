//! Presence and typing: live state, kept behind the [`Presence`] port.
//!
//! A user's *chosen* [`Status`] is stored with the user (so "invisible"
//! survives a restart); whether they are *connected* is live state. What
//! others see is [`Status::shown_to`]: offline when not connected or invisible.

use crate::error::ValidationError;
use crate::ids::{ChannelId, UserId};
use crate::time::Timestamp;

/// The status a user picks for themself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Status {
    /// Shown as online while connected.
    #[default]
    Online,
    /// Shown as away.
    Away,
    /// Do not disturb.
    Dnd,
    /// Shown as offline to everyone else.
    Invisible,
}

/// A status as somebody sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShownStatus {
    /// Connected and online.
    Online,
    /// Connected and away.
    Away,
    /// Connected, do not disturb.
    Dnd,
    /// Not connected, or invisible to this viewer.
    Offline,
    /// Invisible, as the user sees themself.
    Invisible,
}

impl Status {
    /// Parses the API's spelling (`online|away|dnd|invisible`).
    pub fn parse(text: &str) -> Result<Self, ValidationError> {
        match text {
            "online" => Ok(Status::Online),
            "away" => Ok(Status::Away),
            "dnd" => Ok(Status::Dnd),
            "invisible" => Ok(Status::Invisible),
            _ => Err(ValidationError::new(
                "status",
                "must be one of online, away, dnd, invisible",
            )),
        }
    }

    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Online => "online",
            Status::Away => "away",
            Status::Dnd => "dnd",
            Status::Invisible => "invisible",
        }
    }

    /// What a viewer sees: `to_self` is true when the viewer is the user,
    /// who always sees the status they chose (they are, after all, here).
    /// Others see it only while the user is connected and not invisible.
    pub fn shown_to(self, connected: bool, to_self: bool) -> ShownStatus {
        match (self, connected || to_self) {
            (Status::Invisible, _) if to_self => ShownStatus::Invisible,
            (_, false) | (Status::Invisible, _) => ShownStatus::Offline,
            (Status::Online, true) => ShownStatus::Online,
            (Status::Away, true) => ShownStatus::Away,
            (Status::Dnd, true) => ShownStatus::Dnd,
        }
    }
}

impl ShownStatus {
    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ShownStatus::Online => "online",
            ShownStatus::Away => "away",
            ShownStatus::Dnd => "dnd",
            ShownStatus::Offline => "offline",
            ShownStatus::Invisible => "invisible",
        }
    }
}

/// How long a typing indicator lasts after a start (`typing.started`'s
/// `expires_at` is the start plus this): a rule of the product, the same
/// for every [`Presence`] implementation.
pub const TYPING_TTL_MS: i64 = 8_000;

/// How long after an accepted typing start a new start from the same user
/// in the same channel is ignored (no event), so a typist sends at most one
/// `typing.started` per this interval.
pub const TYPING_THROTTLE_MS: i64 = 3_000;

/// Live presence: which users have an open connection, and who is typing.
///
/// The gateway reports connections opening and closing; use cases ask.
/// Implementations must be cheap and non-blocking: they are called on every
/// member list and every typing frame.
pub trait Presence: Send + Sync {
    /// Counts a new connection of `user`; `true` when it is their first
    /// (they just came online).
    fn connect(&self, user: UserId) -> bool;

    /// Counts a closed connection of `user`; `true` when it was their last
    /// (they just went offline).
    fn disconnect(&self, user: UserId) -> bool;

    /// Whether the user has at least one open connection.
    fn is_connected(&self, user: UserId) -> bool;

    /// Records that `user` started typing in `channel` at `now`. Returns the
    /// instant the indicator expires (`now` + [`TYPING_TTL_MS`]), or `None`
    /// when a start from the same user in the same channel was accepted
    /// less than [`TYPING_THROTTLE_MS`] ago (throttled).
    fn start_typing(&self, user: UserId, channel: ChannelId, now: Timestamp) -> Option<Timestamp>;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_looks_offline_to_others_and_invisible_to_self() {
        assert_eq!(
            Status::Invisible.shown_to(true, false),
            ShownStatus::Offline
        );
        assert_eq!(
            Status::Invisible.shown_to(true, true),
            ShownStatus::Invisible
        );
    }

    #[test]
    fn not_connected_is_offline_to_others_only() {
        assert_eq!(Status::Away.shown_to(false, false), ShownStatus::Offline);
        assert_eq!(Status::Away.shown_to(false, true), ShownStatus::Away);
        assert_eq!(Status::Dnd.shown_to(true, false), ShownStatus::Dnd);
    }

    #[test]
    fn parse_rejects_offline() {
        assert_eq!(Status::parse("offline").unwrap_err().field, "status");
    }
}
