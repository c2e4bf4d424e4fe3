//! Channels: names unique per server ignoring case, ordered lists.

use async_trait::async_trait;
use chat_core::channels::{Channel, ChannelStore};
use chat_core::ids::{ChannelId, ServerId};
use chat_core::{Conflict, StoreError, StoreResult};

use super::{MemoryStore, State};

#[async_trait]
impl ChannelStore for MemoryStore {
    async fn insert_channel(&self, channel: &Channel) -> StoreResult<()> {
        let mut state = self.state();
        if name_taken(&state, channel) {
            return Err(StoreError::Conflict(Conflict::ChannelNameTaken));
        }
        if state.channels.contains_key(&channel.id) {
            return Err(StoreError::Backend(format!(
                "channel {} already exists",
                channel.id
            )));
        }
        state.channels.insert(channel.id, channel.clone());
        state
            .channels_by_server
            .entry(channel.server_id)
            .or_default()
            .insert(channel.id);
        Ok(())
    }

    async fn channel_by_id(&self, id: ChannelId) -> StoreResult<Option<Channel>> {
        Ok(self.state().channels.get(&id).cloned())
    }

    async fn channels_of(&self, server: ServerId) -> StoreResult<Vec<Channel>> {
        let state = self.state();
        let mut channels: Vec<Channel> = state
            .channels_by_server
            .get(&server)
            .into_iter()
            .flatten()
            .filter_map(|id| state.channels.get(id).cloned())
            .collect();
        channels.sort_by_key(|c| (c.position, c.created_at, c.id));
        Ok(channels)
    }

    async fn update_channel(&self, channel: &Channel) -> StoreResult<bool> {
        let mut state = self.state();
        let Some(server_id) = state.channels.get(&channel.id).map(|c| c.server_id) else {
            return Ok(false);
        };
        let in_its_server = Channel {
            server_id,
            ..channel.clone()
        };
        if name_taken(&state, &in_its_server) {
            return Err(StoreError::Conflict(Conflict::ChannelNameTaken));
        }
        if let Some(stored) = state.channels.get_mut(&channel.id) {
            stored.name = channel.name.clone();
            stored.topic = channel.topic.clone();
            stored.position = channel.position;
            stored.slowmode = channel.slowmode;
        }
        Ok(true)
    }

    async fn delete_channel(&self, id: ChannelId) -> StoreResult<bool> {
        Ok(self.state().remove_channel(id).is_some())
    }
}

/// Whether another channel of `channel`'s server has its name, ignoring case.
fn name_taken(state: &State, channel: &Channel) -> bool {
    let folded = channel.name.folded();
    state
        .channels_by_server
        .get(&channel.server_id)
        .into_iter()
        .flatten()
        .filter(|id| **id != channel.id)
        .filter_map(|id| state.channels.get(id))
        .any(|other| other.name.folded() == folded)
}
