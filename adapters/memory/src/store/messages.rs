//! Messages: idempotent inserts by (author, nonce), and history pages as
//! range scans over each channel's id-ordered map.

use std::ops::Bound;

use async_trait::async_trait;
use chat_core::ids::{ChannelId, MessageId, UserId};
use chat_core::messages::{Inserted, Message, MessageContent, MessageStore, PinOutcome};
use chat_core::{StoreError, StoreResult, Timestamp};

use super::MemoryStore;

#[async_trait]
impl MessageStore for MemoryStore {
    async fn insert_message(&self, message: &Message) -> StoreResult<Inserted> {
        let mut state = self.state();
        let key = message
            .nonce
            .as_ref()
            .map(|n| (message.author_id, n.as_str().to_owned()));
        if let Some(key) = &key {
            let earlier = state
                .nonces
                .get(key)
                .and_then(|id| state.message_channels.get(id).map(|c| (c, id)))
                .and_then(|(c, id)| state.messages.get(c)?.get(id));
            if let Some(earlier) = earlier {
                return Ok(Inserted::Duplicate(earlier.clone()));
            }
        }
        if state.message_channels.contains_key(&message.id) {
            return Err(StoreError::Backend(format!(
                "message {} already exists",
                message.id
            )));
        }
        if let Some(key) = key {
            state.nonces.insert(key, message.id);
        }
        state
            .message_channels
            .insert(message.id, message.channel_id);
        state
            .messages
            .entry(message.channel_id)
            .or_default()
            .insert(message.id, message.clone());
        Ok(Inserted::New)
    }

    async fn message_by_id(&self, id: MessageId) -> StoreResult<Option<Message>> {
        let state = self.state();
        let message = state
            .message_channels
            .get(&id)
            .and_then(|channel| state.messages.get(channel)?.get(&id))
            .cloned();
        Ok(message)
    }

    async fn history(
        &self,
        channel: ChannelId,
        before: Option<MessageId>,
        limit: u32,
    ) -> StoreResult<Vec<Message>> {
        let state = self.state();
        let Some(messages) = state.messages.get(&channel) else {
            return Ok(Vec::new());
        };
        let newest_first: Vec<&Message> = match before {
            Some(before) => messages
                .range(..before)
                .rev()
                .take(limit as usize)
                .map(|(_, m)| m)
                .collect(),
            None => messages.values().rev().take(limit as usize).collect(),
        };
        Ok(newest_first.into_iter().rev().cloned().collect())
    }

    async fn edit_message(
        &self,
        id: MessageId,
        content: &MessageContent,
        mentions: &[UserId],
        edited_at: Timestamp,
    ) -> StoreResult<Option<Message>> {
        let mut state = self.state();
        let Some(channel) = state.message_channels.get(&id).copied() else {
            return Ok(None);
        };
        let Some(message) = state
            .messages
            .get_mut(&channel)
            .and_then(|m| m.get_mut(&id))
        else {
            return Ok(None);
        };
        message.content = content.clone();
        message.mentions = mentions.to_vec();
        message.edited_at = Some(edited_at);
        Ok(Some(message.clone()))
    }

    async fn delete_message(&self, id: MessageId) -> StoreResult<bool> {
        Ok(self.state().remove_message(id).is_some())
    }

    async fn messages_by_ids(&self, ids: &[MessageId]) -> StoreResult<Vec<Message>> {
        let state = self.state();
        Ok(ids
            .iter()
            .filter_map(|id| state.message(*id))
            .cloned()
            .collect())
    }

    async fn history_after(
        &self,
        channel: ChannelId,
        after: MessageId,
        limit: u32,
    ) -> StoreResult<Vec<Message>> {
        let state = self.state();
        let Some(messages) = state.messages.get(&channel) else {
            return Ok(Vec::new());
        };
        Ok(messages
            .range((Bound::Excluded(after), Bound::Unbounded))
            .take(limit as usize)
            .map(|(_, m)| m.clone())
            .collect())
    }

    async fn pin_message(
        &self,
        channel: ChannelId,
        id: MessageId,
        at: Timestamp,
        max: usize,
    ) -> StoreResult<PinOutcome> {
        let mut state = self.state();
        let Some(messages) = state.messages.get_mut(&channel) else {
            return Ok(PinOutcome::NotFound);
        };
        let pinned = messages.values().filter(|m| m.pinned_at.is_some()).count();
        let Some(message) = messages.get_mut(&id) else {
            return Ok(PinOutcome::NotFound);
        };
        if message.pinned_at.is_some() {
            return Ok(PinOutcome::AlreadyPinned);
        }
        if pinned >= max {
            return Ok(PinOutcome::TooMany);
        }
        message.pinned_at = Some(at);
        Ok(PinOutcome::Pinned(message.clone()))
    }

    async fn unpin_message(
        &self,
        channel: ChannelId,
        id: MessageId,
    ) -> StoreResult<Option<Message>> {
        let mut state = self.state();
        let message = state
            .messages
            .get_mut(&channel)
            .and_then(|m| m.get_mut(&id))
            .filter(|m| m.pinned_at.is_some());
        Ok(message.map(|m| {
            m.pinned_at = None;
            m.clone()
        }))
    }

    async fn pinned_messages(&self, channel: ChannelId) -> StoreResult<Vec<Message>> {
        let state = self.state();
        let mut pinned: Vec<Message> = state
            .messages
            .get(&channel)
            .into_iter()
            .flat_map(|m| m.values())
            .filter(|m| m.pinned_at.is_some())
            .cloned()
            .collect();
        pinned.sort_by(|a, b| b.pinned_at.cmp(&a.pinned_at).then(b.id.cmp(&a.id)));
        Ok(pinned)
    }

    async fn last_message_by(
        &self,
        channel: ChannelId,
        author: UserId,
    ) -> StoreResult<Option<Message>> {
        let state = self.state();
        let newest = state
            .messages
            .get(&channel)
            .into_iter()
            .flat_map(|messages| messages.values().rev())
            .find(|m| m.author_id == author);
        Ok(newest.cloned())
    }

    async fn count_messages_by(&self, author: UserId) -> StoreResult<u64> {
        let state = self.state();
        let count = state
            .messages
            .values()
            .flat_map(|channel| channel.values())
            .filter(|m| m.author_id == author)
            .count();
        Ok(count as u64)
    }
}
