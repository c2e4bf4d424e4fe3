use async_trait::async_trait;

use super::Channel;
use crate::error::StoreResult;
use crate::ids::{ChannelId, ServerId};

/// Storage of channels.
#[async_trait]
pub trait ChannelStore: Send + Sync {
    /// Stores a new channel. Fails with `StoreError::Conflict(ChannelNameTaken)`
    /// when the server has a channel of that name ignoring case.
    async fn insert_channel(&self, channel: &Channel) -> StoreResult<()>;

    /// The channel with this id, or `None`.
    async fn channel_by_id(&self, id: ChannelId) -> StoreResult<Option<Channel>>;

    /// The server's channels ordered by `position`, then `created_at`, then id.
    async fn channels_of(&self, server: ServerId) -> StoreResult<Vec<Channel>>;

    /// Replaces name, topic, position and slow mode of the channel with `channel.id`.
    /// Returns `false` when there is no such channel; fails with
    /// `Conflict(ChannelNameTaken)` when another channel of the server has
    /// the new name ignoring case.
    async fn update_channel(&self, channel: &Channel) -> StoreResult<bool>;

    /// Deletes the channel and its messages; `false` when there was none.
    async fn delete_channel(&self, id: ChannelId) -> StoreResult<bool>;
}
