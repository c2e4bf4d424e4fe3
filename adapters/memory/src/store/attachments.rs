//! Attachment metadata, by id (so every list comes in upload order).

use async_trait::async_trait;
use chat_core::attachments::{Attachment, AttachmentStore};
use chat_core::ids::{AttachmentId, MessageId, UserId};
use chat_core::{StoreResult, Timestamp};

use super::MemoryStore;

#[async_trait]
impl AttachmentStore for MemoryStore {
    async fn insert_attachment(&self, attachment: &Attachment) -> StoreResult<()> {
        self.state()
            .attachments
            .insert(attachment.id, attachment.clone());
        Ok(())
    }

    async fn attachment_by_id(&self, id: AttachmentId) -> StoreResult<Option<Attachment>> {
        Ok(self.state().attachments.get(&id).cloned())
    }

    async fn attachments_by_ids(&self, ids: &[AttachmentId]) -> StoreResult<Vec<Attachment>> {
        let state = self.state();
        let mut found: Vec<Attachment> = ids
            .iter()
            .filter_map(|id| state.attachments.get(id).cloned())
            .collect();
        found.sort_by_key(|a| a.id);
        found.dedup_by_key(|a| a.id);
        Ok(found)
    }

    async fn claim_attachments(
        &self,
        ids: &[AttachmentId],
        message: MessageId,
        spoiler: bool,
    ) -> StoreResult<u64> {
        let mut state = self.state();
        let mut claimed = 0;
        for id in ids {
            if let Some(a) = state.attachments.get_mut(id) {
                if a.message_id.is_none() {
                    a.message_id = Some(message);
                    a.spoiler = spoiler;
                    claimed += 1;
                }
            }
        }
        Ok(claimed)
    }

    async fn attachments_of_messages(
        &self,
        messages: &[MessageId],
    ) -> StoreResult<Vec<Attachment>> {
        let state = self.state();
        Ok(state
            .attachments
            .values()
            .filter(|a| a.message_id.is_some_and(|m| messages.contains(&m)))
            .cloned()
            .collect())
    }

    async fn expired_attachments(
        &self,
        now: Timestamp,
        limit: u32,
    ) -> StoreResult<Vec<Attachment>> {
        let state = self.state();
        Ok(state
            .attachments
            .values()
            .filter(|a| a.message_id.is_none() && a.expires_at <= now)
            .take(limit as usize)
            .cloned()
            .collect())
    }

    async fn orphaned_attachments(&self, limit: u32) -> StoreResult<Vec<Attachment>> {
        let state = self.state();
        Ok(state
            .attachments
            .values()
            .filter(|a| !state.channels.contains_key(&a.channel_id))
            .take(limit as usize)
            .cloned()
            .collect())
    }

    async fn delete_attachments(&self, ids: &[AttachmentId]) -> StoreResult<()> {
        let mut state = self.state();
        for id in ids {
            state.attachments.remove(id);
        }
        Ok(())
    }

    async fn attachment_usage(&self, user: UserId, since: Timestamp) -> StoreResult<(u64, u64)> {
        let state = self.state();
        let mine = state.attachments.values().filter(|a| a.uploader_id == user);
        let (mut bytes, mut recent) = (0u64, 0u64);
        for a in mine {
            bytes = bytes.saturating_add(a.size);
            if a.created_at >= since {
                recent += 1;
            }
        }
        Ok((bytes, recent))
    }
}
