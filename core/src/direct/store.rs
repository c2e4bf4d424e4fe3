use async_trait::async_trait;

use super::{Block, DirectChannel, DmPolicy};
use crate::channels::ChannelName;
use crate::error::StoreResult;
use crate::ids::{ChannelId, UserId};
use crate::time::Timestamp;

/// Storage of direct channels, blocks and DM policies.
///
/// A direct channel's row is also a channel: `channel_by_id` returns it,
/// and messages are stored in it like in any channel.
#[async_trait]
pub trait DirectStore: Send + Sync {
    /// Stores `dm` (kind `Dm`, two participants) unless a DM between the
    /// same two people exists: then nothing is stored and that one is
    /// returned. Race-free: concurrent calls for one pair store one DM
    /// and all return it. Returns `(the DM, true when it was created)`.
    async fn open_dm(&self, dm: &DirectChannel) -> StoreResult<(DirectChannel, bool)>;

    /// Stores a new group (kind `Group`, with its owner and participants).
    async fn insert_group(&self, group: &DirectChannel) -> StoreResult<()>;

    /// The direct channel with this id, participants longest present
    /// first; `None` for an unknown id or a server's channel.
    async fn direct_channel(&self, id: ChannelId) -> StoreResult<Option<DirectChannel>>;

    /// Every direct channel `user` is in, in no particular order.
    async fn direct_channels_of(&self, user: UserId) -> StoreResult<Vec<DirectChannel>>;

    /// Adds `user` to the group at `joined_at`; `false` when they were
    /// already in it or there is no such channel.
    async fn add_participant(
        &self,
        id: ChannelId,
        user: UserId,
        joined_at: Timestamp,
    ) -> StoreResult<bool>;

    /// Removes `user` from the channel; `false` when they were not in it.
    async fn remove_participant(&self, id: ChannelId, user: UserId) -> StoreResult<bool>;

    /// Sets a group's name and owner; `false` when there is no such channel.
    async fn update_group(
        &self,
        id: ChannelId,
        name: &ChannelName,
        owner: UserId,
    ) -> StoreResult<bool>;

    /// Deletes the direct channel, its participants and its messages;
    /// `false` when there was none.
    async fn delete_direct(&self, id: ChannelId) -> StoreResult<bool>;

    /// Records that `block.user_id` blocks `block.blocked_id`; `false`
    /// (and the first time kept) when already blocked.
    async fn insert_block(&self, block: &Block) -> StoreResult<bool>;

    /// Lifts a block; `false` when there was none.
    async fn delete_block(&self, user: UserId, blocked: UserId) -> StoreResult<bool>;

    /// Whom `user` blocks, oldest block first.
    async fn blocks_of(&self, user: UserId) -> StoreResult<Vec<Block>>;

    /// Whether either of the two blocks the other.
    async fn blocked_between(&self, a: UserId, b: UserId) -> StoreResult<bool>;

    /// The user's DM policy; `None` when never set (the default applies).
    async fn dm_policy(&self, user: UserId) -> StoreResult<Option<DmPolicy>>;

    /// Sets the user's DM policy.
    async fn set_dm_policy(&self, user: UserId, policy: DmPolicy) -> StoreResult<()>;
}
