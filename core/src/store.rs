//! The whole storage port: every area's store, plus a health check.

use async_trait::async_trait;

use crate::account::AccountStore;
use crate::attachments::AttachmentStore;
use crate::audit::AuditStore;
use crate::auth::SessionStore;
use crate::channels::ChannelStore;
use crate::direct::DirectStore;
use crate::error::StoreResult;
use crate::invites::InviteStore;
use crate::members::MemberStore;
use crate::messages::{MessageStore, ReactionStore};
use crate::moderation::{BanStore, TimeoutStore};
use crate::reads::ReadStateStore;
use crate::search::SearchStore;
use crate::servers::ServerStore;
use crate::transfer::TransferStore;
use crate::users::UserStore;

/// Everything a storage adapter provides. Each area's trait documents what
/// its methods must return; the `testkit` conformance suite checks exactly that.
#[async_trait]
pub trait Store:
    UserStore
    + SessionStore
    + ServerStore
    + MemberStore
    + InviteStore
    + BanStore
    + ChannelStore
    + MessageStore
    + AccountStore
    + ReadStateStore
    + ReactionStore
    + TimeoutStore
    + AuditStore
    + TransferStore
    + DirectStore
    + AttachmentStore
    + SearchStore
    + Send
    + Sync
{
    /// `Ok` when the store can serve requests (for `/healthz`).
    async fn ping(&self) -> StoreResult<()>;
}
