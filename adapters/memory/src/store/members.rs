//! Memberships: read, list in join order, change roles, remove.

use async_trait::async_trait;
use chat_core::ids::{ServerId, UserId};
use chat_core::members::{Member, MemberStore};
use chat_core::role::Role;
use chat_core::StoreResult;

use super::MemoryStore;

#[async_trait]
impl MemberStore for MemoryStore {
    async fn member(&self, server: ServerId, user: UserId) -> StoreResult<Option<Member>> {
        Ok(self.state().member(server, user).cloned())
    }

    async fn members_of(&self, server: ServerId) -> StoreResult<Vec<Member>> {
        let state = self.state();
        let Some(members) = state.members.get(&server) else {
            return Ok(Vec::new());
        };
        let mut joined: Vec<_> = members.values().collect();
        joined.sort_by_key(|j| (j.member.joined_at, j.seq));
        Ok(joined.into_iter().map(|j| j.member.clone()).collect())
    }

    async fn memberships_of(&self, user: UserId) -> StoreResult<Vec<Member>> {
        let state = self.state();
        let Some(servers) = state.memberships.get(&user) else {
            return Ok(Vec::new());
        };
        let mut joined: Vec<_> = servers
            .iter()
            .filter_map(|server| state.members.get(server)?.get(&user))
            .collect();
        joined.sort_by_key(|j| (j.member.joined_at, j.seq));
        Ok(joined.into_iter().map(|j| j.member.clone()).collect())
    }

    async fn member_count(&self, server: ServerId) -> StoreResult<u64> {
        let state = self.state();
        Ok(state.members.get(&server).map_or(0, |m| m.len() as u64))
    }

    async fn set_role(
        &self,
        server: ServerId,
        user: UserId,
        role: Role,
    ) -> StoreResult<Option<Member>> {
        let mut state = self.state();
        let Some(joined) = state
            .members
            .get_mut(&server)
            .and_then(|m| m.get_mut(&user))
        else {
            return Ok(None);
        };
        joined.member.role = role;
        Ok(Some(joined.member.clone()))
    }

    async fn remove_member(&self, server: ServerId, user: UserId) -> StoreResult<bool> {
        Ok(self.state().remove_member(server, user))
    }
}
