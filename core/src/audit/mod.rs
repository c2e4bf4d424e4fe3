//! The audit log: every moderation and configuration act in a server,
//! with who did it, to what, why (optional), and what changed.
//!
//! Recording is part of the use case that acts (after its change is
//! stored); reading is for admins and the owner. Entries older than the
//! retention period are pruned by the program that runs the server
//! ([`crate::Chat::prune_audit_log`]). Adding an act is one variant of
//! [`AuditAction`] and one [`crate::Chat::record`] call.

mod store;
mod usecases;

pub use store::{AuditQuery, AuditStore};
pub(crate) use usecases::time_value;
pub use usecases::{AuditEntryView, AuditFilter};

use crate::error::ValidationError;
use crate::ids::{AuditEntryId, ServerId, UserId};
use crate::text::bounded_text;
use crate::time::Timestamp;

bounded_text!(
    /// Why an act was done, as the actor said: 1–512 characters, trimmed.
    AuditReason, field = "reason", min = 1, max = 512, trim = true
);

impl AuditReason {
    /// A reason given as optional text: absent or blank means none.
    pub fn parse_optional(text: Option<&str>) -> Result<Option<Self>, ValidationError> {
        match text {
            Some(t) if !t.trim().is_empty() => Self::parse(t).map(Some),
            _ => Ok(None),
        }
    }
}

macro_rules! audit_actions {
    ($($(#[$doc:meta])* $variant:ident = $text:literal,)*) => {
        /// What was done. The API spells each as its snake_case text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum AuditAction {
            $($(#[$doc])* $variant,)*
        }

        impl AuditAction {
            /// Every action, in the order of the API's list.
            pub const ALL: &'static [AuditAction] = &[$(AuditAction::$variant,)*];

            /// The API's (and the stores') spelling.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(AuditAction::$variant => $text,)*
                }
            }
        }
    };
}

audit_actions! {
    /// The server's name or description changed.
    ServerUpdate = "server_update",
    /// A channel was created.
    ChannelCreate = "channel_create",
    /// A channel's name, topic or slow mode changed.
    ChannelUpdate = "channel_update",
    /// Only a channel's position changed.
    ChannelReorder = "channel_reorder",
    /// A channel was deleted.
    ChannelDelete = "channel_delete",
    /// A member's role changed.
    MemberRoleUpdate = "member_role_update",
    /// Ownership moved to another member.
    OwnershipTransfer = "ownership_transfer",
    /// A member was kicked.
    MemberKick = "member_kick",
    /// A user was banned.
    MemberBan = "member_ban",
    /// A ban was lifted.
    MemberUnban = "member_unban",
    /// A member was timed out.
    MemberTimeout = "member_timeout",
    /// A member's timeout was lifted.
    MemberTimeoutRemove = "member_timeout_remove",
    /// An invite was created.
    InviteCreate = "invite_create",
    /// An invite was revoked.
    InviteDelete = "invite_delete",
    /// A message was deleted by someone other than its author.
    MessageDelete = "message_delete",
}

impl AuditAction {
    /// Reads the API's spelling; anything else is a validation error on `action`.
    pub fn parse(text: &str) -> Result<Self, ValidationError> {
        Self::ALL
            .iter()
            .copied()
            .find(|a| a.as_str() == text)
            .ok_or_else(|| {
                let known: Vec<&str> = Self::ALL.iter().map(|a| a.as_str()).collect();
                ValidationError::new("action", format!("must be one of {}", known.join(", ")))
            })
    }
}

/// What kind of thing an act was aimed at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TargetKind {
    /// The server itself.
    Server,
    /// A channel.
    Channel,
    /// A user (member, banned user).
    User,
    /// An invite (its id is the code).
    Invite,
    /// A message.
    Message,
}

impl TargetKind {
    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Server => "server",
            TargetKind::Channel => "channel",
            TargetKind::User => "user",
            TargetKind::Invite => "invite",
            TargetKind::Message => "message",
        }
    }

    /// Reads a stored spelling.
    pub fn parse(text: &str) -> Result<Self, ValidationError> {
        [
            TargetKind::Server,
            TargetKind::Channel,
            TargetKind::User,
            TargetKind::Invite,
            TargetKind::Message,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
        .ok_or_else(|| ValidationError::new("target_type", "unknown target type"))
    }
}

/// What an act was aimed at: its kind and id (an invite's code, else a UUID).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AuditTarget {
    /// The kind.
    pub kind: TargetKind,
    /// The id, as text.
    pub id: String,
}

impl AuditTarget {
    /// A target of `kind` with this id.
    pub fn new(kind: TargetKind, id: impl ToString) -> Self {
        Self {
            kind,
            id: id.to_string(),
        }
    }
}

/// A value before or after a change.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AuditValue {
    /// Text (names, ids, roles, times in RFC 3339).
    Text(String),
    /// A number (positions, seconds, counts).
    Int(i64),
}

impl From<&str> for AuditValue {
    fn from(s: &str) -> Self {
        AuditValue::Text(s.to_owned())
    }
}

impl From<String> for AuditValue {
    fn from(s: String) -> Self {
        AuditValue::Text(s)
    }
}

impl From<i64> for AuditValue {
    fn from(n: i64) -> Self {
        AuditValue::Int(n)
    }
}

/// One field's change: `old` is absent for a creation, `new` for a removal.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AuditChange {
    /// The field, as the API spells it (`name`, `role`, `timed_out_until`…).
    pub key: String,
    /// The value before.
    pub old: Option<AuditValue>,
    /// The value after.
    pub new: Option<AuditValue>,
}

impl AuditChange {
    /// A change of `key` from `old` to `new`.
    pub fn new(key: &str, old: Option<AuditValue>, new: Option<AuditValue>) -> Self {
        Self {
            key: key.to_owned(),
            old,
            new,
        }
    }

    /// A change only when the values differ.
    pub fn if_changed<T: Into<AuditValue> + PartialEq>(key: &str, old: T, new: T) -> Option<Self> {
        (old != new).then(|| Self::new(key, Some(old.into()), Some(new.into())))
    }
}

/// A stored entry of a server's audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Its id (time ordered).
    pub id: AuditEntryId,
    /// The server.
    pub server_id: ServerId,
    /// Who acted.
    pub actor_id: UserId,
    /// What they did.
    pub action: AuditAction,
    /// To what, if to something other than the server as a whole.
    pub target: Option<AuditTarget>,
    /// Why, if said.
    pub reason: Option<AuditReason>,
    /// What changed.
    pub changes: Vec<AuditChange>,
    /// When.
    pub created_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn audit_reason_is_at_most_512_code_points_and_blank_means_none() {
        assert!(AuditReason::parse(&"é".repeat(512)).is_ok());
        assert_eq!(
            AuditReason::parse(&"é".repeat(513)).unwrap_err().field,
            "reason"
        );
        assert_eq!(AuditReason::parse_optional(Some("  ")).unwrap(), None);
        assert_eq!(AuditReason::parse_optional(None).unwrap(), None);
    }

    #[test]
    fn every_action_reads_back_from_its_spelling() {
        for a in AuditAction::ALL {
            assert_eq!(AuditAction::parse(a.as_str()).unwrap(), *a);
        }
        assert_eq!(AuditAction::parse("nope").unwrap_err().field, "action");
    }

    #[test]
    fn if_changed_skips_equal_values() {
        assert_eq!(AuditChange::if_changed("position", 1i64, 1i64), None);
        assert!(AuditChange::if_changed("name", "a", "b").is_some());
    }
}
