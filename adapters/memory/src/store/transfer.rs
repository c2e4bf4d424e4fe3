//! Whole-store walks for copying: users, servers and attachments in id
//! order, a user's read markers, and memberships stored as given.

use async_trait::async_trait;
use chat_core::attachments::Attachment;
use chat_core::ids::{AttachmentId, ChannelId, MessageId, ServerId, UserId};
use chat_core::members::Member;
use chat_core::reads::NotificationSettings;
use chat_core::servers::Server;
use chat_core::transfer::TransferStore;
use chat_core::users::User;
use chat_core::StoreResult;

use super::MemoryStore;

/// The `limit` smallest items with a key above `after`, in key order.
fn page<K: Ord + Copy, T: Clone>(
    items: impl Iterator<Item = (K, T)>,
    after: Option<K>,
    limit: u32,
) -> Vec<T> {
    let mut found: Vec<(K, T)> = items
        .filter(|(k, _)| after.is_none_or(|a| *k > a))
        .collect();
    found.sort_by_key(|(k, _)| *k);
    found
        .into_iter()
        .take(limit as usize)
        .map(|(_, t)| t)
        .collect()
}

#[async_trait]
impl TransferStore for MemoryStore {
    async fn users_after(&self, after: Option<UserId>, limit: u32) -> StoreResult<Vec<User>> {
        let state = self.state();
        Ok(page(
            state.users.iter().map(|(k, u)| (*k, u.clone())),
            after,
            limit,
        ))
    }

    async fn servers_after(&self, after: Option<ServerId>, limit: u32) -> StoreResult<Vec<Server>> {
        let state = self.state();
        Ok(page(
            state.servers.iter().map(|(k, s)| (*k, s.clone())),
            after,
            limit,
        ))
    }

    async fn insert_member(&self, member: &Member) -> StoreResult<bool> {
        let mut state = self.state();
        if state.member(member.server_id, member.user_id).is_some() {
            return Ok(false);
        }
        state.add_member(member);
        Ok(true)
    }

    async fn attachments_after(
        &self,
        after: Option<AttachmentId>,
        limit: u32,
    ) -> StoreResult<Vec<Attachment>> {
        let state = self.state();
        Ok(page(
            state.attachments.iter().map(|(k, a)| (*k, a.clone())),
            after,
            limit,
        ))
    }

    async fn read_markers_of(&self, user: UserId) -> StoreResult<Vec<(ChannelId, MessageId)>> {
        let state = self.state();
        let mut markers: Vec<_> = state
            .read_markers
            .iter()
            .filter(|((u, _), _)| *u == user)
            .map(|((_, c), m)| (*c, *m))
            .collect();
        markers.sort();
        Ok(markers)
    }

    async fn stored_notification_settings(
        &self,
        user: UserId,
    ) -> StoreResult<NotificationSettings> {
        let state = self.state();
        // Direct channels' settings are under the stand-in server, which
        // is not in `servers`.
        Ok(state.settings_of(user, |server| {
            server.is_direct() || state.servers.contains_key(&server)
        }))
    }
}
