//! Invites: create (optional expiry and use limit), list, preview, join, revoke.

mod store;
mod usecases;

pub use store::{InviteStore, JoinOutcome};
pub use usecases::{InviteOptions, InvitePreview, ViewerBan};

use crate::ids::{InviteCode, ServerId, UserId};
use crate::time::Timestamp;

/// A stored invite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invite {
    /// The code people type or follow.
    pub code: InviteCode,
    /// The server it lets people into.
    pub server_id: ServerId,
    /// Who made it.
    pub created_by: UserId,
    /// When it was made.
    pub created_at: Timestamp,
    /// After this instant it lets nobody in (`None`: never expires).
    pub expires_at: Option<Timestamp>,
    /// How many joins it allows (`None`: unlimited).
    pub max_uses: Option<u32>,
    /// How many joins it has let in.
    pub uses: u32,
}

impl Invite {
    /// Whether it still lets someone in at `now`.
    pub fn is_usable(&self, now: Timestamp) -> bool {
        let fresh = self.expires_at.is_none_or(|t| now < t);
        let left = self.max_uses.is_none_or(|max| self.uses < max);
        fresh && left
    }
}
