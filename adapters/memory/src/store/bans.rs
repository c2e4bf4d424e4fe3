//! Bans: one per user and server (a new ban replaces the old), active
//! while unexpired; banning also removes the membership, atomically.

use async_trait::async_trait;
use chat_core::ids::{ServerId, UserId};
use chat_core::moderation::{Ban, BanStore};
use chat_core::{StoreResult, Timestamp};

use super::MemoryStore;

#[async_trait]
impl BanStore for MemoryStore {
    async fn ban(&self, ban: &Ban) -> StoreResult<bool> {
        let mut state = self.state();
        state
            .bans
            .entry(ban.server_id)
            .or_default()
            .insert(ban.user_id, ban.clone());
        Ok(state.remove_member(ban.server_id, ban.user_id))
    }

    async fn active_ban(
        &self,
        server: ServerId,
        user: UserId,
        now: Timestamp,
    ) -> StoreResult<Option<Ban>> {
        let state = self.state();
        let ban = state.bans.get(&server).and_then(|bans| bans.get(&user));
        Ok(ban.filter(|b| b.is_active(now)).cloned())
    }

    async fn bans_of(&self, server: ServerId, now: Timestamp) -> StoreResult<Vec<Ban>> {
        let state = self.state();
        let mut bans: Vec<Ban> = state
            .bans
            .get(&server)
            .into_iter()
            .flat_map(|bans| bans.values())
            .filter(|b| b.is_active(now))
            .cloned()
            .collect();
        bans.sort_by_key(|b| (b.created_at, b.user_id));
        Ok(bans)
    }

    async fn unban(&self, server: ServerId, user: UserId) -> StoreResult<bool> {
        let mut state = self.state();
        let removed = state
            .bans
            .get_mut(&server)
            .and_then(|bans| bans.remove(&user));
        Ok(removed.is_some())
    }
}
