use async_trait::async_trait;

use super::Invite;
use crate::error::StoreResult;
use crate::ids::{InviteCode, ServerId};
use crate::members::Member;
use crate::time::Timestamp;

/// What an attempt to join through an invite did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinOutcome {
    /// The membership was stored and the invite's use counted.
    Joined,
    /// The user already was a member: nothing changed, no use counted.
    AlreadyMember,
    /// The user has an active ban in that server: nothing changed.
    Banned,
    /// The invite is expired or used up: nothing changed.
    Expired,
    /// There is no invite with this code for that server.
    NotFound,
}

/// Storage of invites.
#[async_trait]
pub trait InviteStore: Send + Sync {
    /// Stores a new invite.
    async fn insert_invite(&self, invite: &Invite) -> StoreResult<()>;

    /// The invite with this code, or `None`.
    async fn invite_by_code(&self, code: &InviteCode) -> StoreResult<Option<Invite>>;

    /// The server's invites, oldest first.
    async fn invites_of(&self, server: ServerId) -> StoreResult<Vec<Invite>>;

    /// Deletes the invite; `false` when there was none.
    async fn delete_invite(&self, code: &InviteCode) -> StoreResult<bool>;

    /// Lets `member.user_id` into `member.server_id` through the invite
    /// `code`, checking in this order: the invite exists for that server
    /// (else `NotFound`), the user is not already a member (else
    /// `AlreadyMember`), has no ban active at `now` (else `Banned`), and the
    /// invite is usable at `now` (else `Expired`). Counting the use and
    /// storing the membership happen together, and concurrent joins never
    /// push `uses` past `max_uses`.
    async fn join_with_invite(
        &self,
        code: &InviteCode,
        member: &Member,
        now: Timestamp,
    ) -> StoreResult<JoinOutcome>;
}
