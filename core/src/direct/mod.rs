//! Direct messages: one-to-one conversations (`dm`) and small groups
//! (`group`) outside servers, blocking, and who may message whom.
//!
//! A direct channel is an ordinary [`Channel`] whose `server_id` is
//! [`ServerId::DIRECT`] (no server): its messages, history, edits,
//! reactions and typing go through the same use cases as a server's,
//! whose access check dispatches on [`Channel::is_direct`]. What only direct
//! channels have (kind, recipients, owner, the pair key) lives beside it
//! in the [`DirectStore`].

mod store;
mod usecases;

pub use store::DirectStore;
pub use usecases::{DirectChannelView, Recipient};

use crate::channels::Channel;
use crate::error::ValidationError;
use crate::ids::{ServerId, UserId};
use crate::time::Timestamp;

impl ServerId {
    /// The stand-in server id of every direct channel (the nil UUID): no
    /// real server has it, so server-based checks find no membership.
    pub const DIRECT: ServerId = ServerId::from_uuid(uuid::Uuid::nil());

    /// Whether this is [`ServerId::DIRECT`].
    pub fn is_direct(self) -> bool {
        self == Self::DIRECT
    }
}

/// What a channel is: a server's text channel, or a direct conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChannelKind {
    /// A channel of a server.
    Text,
    /// Two people, no name, no owner.
    Dm,
    /// 3–10 people, a name and an owner.
    Group,
}

impl ChannelKind {
    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ChannelKind::Text => "text",
            ChannelKind::Dm => "dm",
            ChannelKind::Group => "group",
        }
    }

    /// Reads the stored name back.
    pub fn from_stored(text: &str) -> Option<Self> {
        match text {
            "text" => Some(ChannelKind::Text),
            "dm" => Some(ChannelKind::Dm),
            "group" => Some(ChannelKind::Group),
            _ => None,
        }
    }
}

impl Channel {
    /// Whether this channel is a DM or group (it has no server).
    pub fn is_direct(&self) -> bool {
        self.server_id.is_direct()
    }
}

/// Who may open a DM with a user (or add them to a group).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DmPolicy {
    /// Anyone.
    Everyone,
    /// People who share a server with them (the default).
    #[default]
    ServerMembers,
    /// No one.
    Nobody,
}

impl DmPolicy {
    /// Parses the wire name (field `dm_policy`).
    pub fn parse(text: &str) -> Result<Self, ValidationError> {
        Self::from_stored(text).ok_or_else(|| {
            ValidationError::new(
                "dm_policy",
                "must be one of everyone, server_members, nobody",
            )
        })
    }

    /// Reads a stored name back.
    pub fn from_stored(text: &str) -> Option<Self> {
        match text {
            "everyone" => Some(DmPolicy::Everyone),
            "server_members" => Some(DmPolicy::ServerMembers),
            "nobody" => Some(DmPolicy::Nobody),
            _ => None,
        }
    }

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            DmPolicy::Everyone => "everyone",
            DmPolicy::ServerMembers => "server_members",
            DmPolicy::Nobody => "nobody",
        }
    }
}

/// A user in a direct channel, with when they joined it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Participant {
    /// Who.
    pub user_id: UserId,
    /// Since when (ownership passes to the longest present).
    pub joined_at: Timestamp,
}

/// A stored direct channel: the channel row and what only DMs have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectChannel {
    /// The channel (`server_id` is [`ServerId::DIRECT`]; a DM's name is a
    /// placeholder, a group's is its name).
    pub channel: Channel,
    /// DM or group.
    pub kind: ChannelKind,
    /// A group's owner; `None` for a DM.
    pub owner_id: Option<UserId>,
    /// Who is in it, longest present first.
    pub participants: Vec<Participant>,
}

impl DirectChannel {
    /// Whether `user` is in it.
    pub fn has(&self, user: UserId) -> bool {
        self.participants.iter().any(|p| p.user_id == user)
    }

    /// The ids of who is in it.
    pub fn user_ids(&self) -> Vec<UserId> {
        self.participants.iter().map(|p| p.user_id).collect()
    }
}

/// The key that makes a DM unique per pair of people, whichever opened it:
/// the two ids, smaller first.
pub fn pair_key(a: UserId, b: UserId) -> String {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    format!("{lo}:{hi}")
}

/// A block: `user_id` blocked `blocked_id` at `created_at`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Who blocked.
    pub user_id: UserId,
    /// Whom.
    pub blocked_id: UserId,
    /// When.
    pub created_at: Timestamp,
}

/// The most people in a group, the creator included.
pub const MAX_GROUP_SIZE: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dm_policy_round_trips_and_defaults_to_server_members() {
        for p in [
            DmPolicy::Everyone,
            DmPolicy::ServerMembers,
            DmPolicy::Nobody,
        ] {
            assert_eq!(DmPolicy::parse(p.as_str()).unwrap(), p);
        }
        assert_eq!(DmPolicy::default(), DmPolicy::ServerMembers);
        assert_eq!(DmPolicy::parse("friends").unwrap_err().field, "dm_policy");
    }

    #[test]
    fn pair_key_ignores_order() {
        let a = UserId::from_uuid(uuid::Uuid::now_v7());
        let b = UserId::from_uuid(uuid::Uuid::now_v7());
        assert_eq!(pair_key(a, b), pair_key(b, a));
        assert_ne!(pair_key(a, a), pair_key(a, b));
    }
}
