//! Moderation: kick, ban (for a time or for good), list bans, unban;
//! timeouts (a member can read but not write until a time).

mod store;
mod timeouts;
mod usecases;

pub use store::{BanStore, TimeoutStore};
pub use timeouts::MAX_TIMEOUT_SECONDS;
pub use usecases::{BanRequest, BanView};

use crate::ids::{ServerId, UserId};
use crate::text::bounded_text;
use crate::time::Timestamp;

bounded_text!(
    /// Why a user was banned: 0–500 characters.
    BanReason, field = "reason", min = 0, max = 500, trim = true, multiline = true
);

/// A stored ban.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ban {
    /// The server.
    pub server_id: ServerId,
    /// The banned user.
    pub user_id: UserId,
    /// Why, if said.
    pub reason: Option<BanReason>,
    /// The admin who banned.
    pub banned_by: UserId,
    /// When.
    pub created_at: Timestamp,
    /// When it ends (`None`: permanent).
    pub expires_at: Option<Timestamp>,
}

impl Ban {
    /// Whether it still keeps the user out at `now`.
    pub fn is_active(&self, now: Timestamp) -> bool {
        self.expires_at.is_none_or(|t| now < t)
    }
}
