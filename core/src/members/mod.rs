//! Members: who belongs to a server, with which role; leave, list, roles.

mod store;
mod usecases;

pub use store::MemberStore;
pub use usecases::MemberView;
pub(crate) use usecases::{member_joined, member_updated};

use crate::ids::{ServerId, UserId};
use crate::role::Role;
use crate::time::Timestamp;

/// A stored membership. The role kept here is advisory for the owner:
/// [`Role::effective`] with the server's `owner_id` gives the real one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    /// The server.
    pub server_id: ServerId,
    /// The user.
    pub user_id: UserId,
    /// The stored role.
    pub role: Role,
    /// When the user joined.
    pub joined_at: Timestamp,
}

/// Why a member left a server, as `member.left` tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeaveReason {
    /// They left.
    Left,
    /// An admin removed them.
    Kicked,
    /// An admin banned them.
    Banned,
}

impl LeaveReason {
    /// The API's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            LeaveReason::Left => "left",
            LeaveReason::Kicked => "kicked",
            LeaveReason::Banned => "banned",
        }
    }
}
