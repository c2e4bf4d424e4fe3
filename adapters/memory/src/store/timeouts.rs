//! Timeouts: one end time per user and server, kept when the member
//! leaves; a timeout runs while `now` is before its end.

use async_trait::async_trait;
use chat_core::ids::{ServerId, UserId};
use chat_core::moderation::TimeoutStore;
use chat_core::{StoreResult, Timestamp};

use super::MemoryStore;

#[async_trait]
impl TimeoutStore for MemoryStore {
    async fn set_timeout(
        &self,
        server: ServerId,
        user: UserId,
        until: Timestamp,
    ) -> StoreResult<()> {
        self.state()
            .timeouts
            .entry(server)
            .or_default()
            .insert(user, until);
        Ok(())
    }

    async fn timeout_until(
        &self,
        server: ServerId,
        user: UserId,
        now: Timestamp,
    ) -> StoreResult<Option<Timestamp>> {
        let state = self.state();
        let until = state.timeouts.get(&server).and_then(|t| t.get(&user));
        Ok(until.copied().filter(|t| now < *t))
    }

    async fn timeouts_of(
        &self,
        server: ServerId,
        now: Timestamp,
    ) -> StoreResult<Vec<(UserId, Timestamp)>> {
        let state = self.state();
        Ok(state
            .timeouts
            .get(&server)
            .into_iter()
            .flatten()
            .filter(|(_, until)| now < **until)
            .map(|(user, until)| (*user, *until))
            .collect())
    }

    async fn clear_timeout(&self, server: ServerId, user: UserId) -> StoreResult<bool> {
        let mut state = self.state();
        let removed = state
            .timeouts
            .get_mut(&server)
            .and_then(|t| t.remove(&user));
        Ok(removed.is_some())
    }
}
