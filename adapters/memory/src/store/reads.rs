//! Read markers and notification settings: maps keyed by (user, place);
//! counts are range scans of the channel's id-ordered message map.

use std::ops::Bound;

use async_trait::async_trait;
use chat_core::ids::{ChannelId, MessageId, ServerId, UserId};
use chat_core::reads::{
    ChannelNotificationSettings, NotificationSettings, ReadState, ReadStateStore,
    ServerNotificationSettings, UnreadCounts, UNREAD_CAP,
};
use chat_core::StoreResult;

use super::state::State;
use super::MemoryStore;

/// Counts the messages of `channel` after `after` (up to the cap + 1) and
/// those mentioning `user` (in a direct channel: not written by `user`).
fn counts(
    state: &State,
    user: UserId,
    channel: ChannelId,
    after: Option<MessageId>,
) -> UnreadCounts {
    let Some(messages) = state.messages.get(&channel) else {
        return UnreadCounts::default();
    };
    let lower = after.map_or(Bound::Unbounded, Bound::Excluded);
    let range = messages.range((lower, Bound::Unbounded));
    let direct = state.direct.is_direct(channel);
    UnreadCounts {
        counted: range.clone().take(UNREAD_CAP as usize + 1).count() as u64,
        mentions: range
            .filter(|(_, m)| {
                if direct {
                    m.author_id != user
                } else {
                    m.mentions.contains(&user)
                }
            })
            .count() as u64,
        last_message_id: messages.keys().next_back().copied(),
    }
}

#[async_trait]
impl ReadStateStore for MemoryStore {
    async fn advance_read_marker(
        &self,
        user: UserId,
        channel: ChannelId,
        message: MessageId,
    ) -> StoreResult<MessageId> {
        let mut state = self.state();
        let marker = state.read_markers.entry((user, channel)).or_insert(message);
        *marker = (*marker).max(message);
        Ok(*marker)
    }

    async fn read_states_of(&self, user: UserId) -> StoreResult<Vec<ReadState>> {
        let state = self.state();
        let mut servers: Vec<_> = state
            .memberships
            .get(&user)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default();
        servers.sort();
        let mut out = Vec::new();
        for c in state.direct.channels_of(user) {
            let marker = state.read_markers.get(&(user, c)).copied();
            let counts = counts(&state, user, c, marker);
            out.push(ReadState::from_counts(c, ServerId::DIRECT, marker, counts));
        }
        for server in servers {
            let mut channels: Vec<_> = state
                .channels_by_server
                .get(&server)
                .into_iter()
                .flatten()
                .filter_map(|id| state.channels.get(id))
                .collect();
            channels.sort_by_key(|c| (c.position, c.id));
            for c in channels {
                let marker = state.read_markers.get(&(user, c.id)).copied();
                let counts = counts(&state, user, c.id, marker);
                out.push(ReadState::from_counts(c.id, server, marker, counts));
            }
        }
        Ok(out)
    }

    async fn unread_after(
        &self,
        user: UserId,
        channel: ChannelId,
        after: Option<MessageId>,
    ) -> StoreResult<UnreadCounts> {
        Ok(counts(&self.state(), user, channel, after))
    }

    async fn put_server_notifications(
        &self,
        user: UserId,
        settings: &ServerNotificationSettings,
    ) -> StoreResult<()> {
        self.state()
            .server_notifications
            .insert((user, settings.server_id), *settings);
        Ok(())
    }

    async fn put_channel_notifications(
        &self,
        user: UserId,
        settings: &ChannelNotificationSettings,
    ) -> StoreResult<()> {
        self.state()
            .channel_notifications
            .insert((user, settings.channel_id), *settings);
        Ok(())
    }

    async fn notification_settings_of(&self, user: UserId) -> StoreResult<NotificationSettings> {
        let state = self.state();
        let member_of = |server| {
            state
                .memberships
                .get(&user)
                .is_some_and(|s| s.contains(&server))
        };
        Ok(state.settings_of(user, member_of))
    }
}
