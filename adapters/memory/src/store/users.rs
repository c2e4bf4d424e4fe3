//! Accounts: case-blind unique usernames, profiles, and account deletion.

use async_trait::async_trait;
use chat_core::ids::UserId;
use chat_core::presence::Status;
use chat_core::users::{Bio, CustomStatus, DisplayName, User, UserStore, Username};
use chat_core::{Conflict, StoreError, StoreResult};

use super::MemoryStore;

#[async_trait]
impl UserStore for MemoryStore {
    async fn insert_user(&self, user: &User) -> StoreResult<()> {
        let mut state = self.state();
        let folded = user.username.folded();
        if state.usernames.contains_key(&folded) {
            return Err(StoreError::Conflict(Conflict::UsernameTaken));
        }
        if state.users.contains_key(&user.id) {
            return Err(StoreError::Backend(format!(
                "user {} already exists",
                user.id
            )));
        }
        state.usernames.insert(folded, user.id);
        state.users.insert(user.id, user.clone());
        Ok(())
    }

    async fn user_by_id(&self, id: UserId) -> StoreResult<Option<User>> {
        Ok(self.state().users.get(&id).cloned())
    }

    async fn user_by_username(&self, username: &Username) -> StoreResult<Option<User>> {
        let state = self.state();
        let user = state
            .usernames
            .get(&username.folded())
            .and_then(|id| state.users.get(id))
            .cloned();
        Ok(user)
    }

    async fn users_by_ids(&self, ids: &[UserId]) -> StoreResult<Vec<User>> {
        let state = self.state();
        let mut seen = std::collections::HashSet::new();
        let users = ids
            .iter()
            .filter(|id| seen.insert(**id))
            .filter_map(|id| state.users.get(id).cloned())
            .collect();
        Ok(users)
    }

    async fn update_profile(
        &self,
        id: UserId,
        display_name: &DisplayName,
        bio: &Bio,
    ) -> StoreResult<Option<User>> {
        let mut state = self.state();
        let Some(user) = state.users.get_mut(&id) else {
            return Ok(None);
        };
        user.display_name = display_name.clone();
        user.bio = bio.clone();
        Ok(Some(user.clone()))
    }

    async fn set_status(&self, id: UserId, status: Status) -> StoreResult<bool> {
        let mut state = self.state();
        let Some(user) = state.users.get_mut(&id) else {
            return Ok(false);
        };
        user.status = status;
        Ok(true)
    }

    async fn set_custom_status(
        &self,
        id: UserId,
        custom_status: Option<&CustomStatus>,
    ) -> StoreResult<Option<User>> {
        let mut state = self.state();
        let Some(user) = state.users.get_mut(&id) else {
            return Ok(None);
        };
        user.custom_status = custom_status.cloned();
        Ok(Some(user.clone()))
    }

    async fn swap_avatar_key(
        &self,
        id: UserId,
        key: Option<&str>,
    ) -> StoreResult<Option<Option<String>>> {
        let mut state = self.state();
        let Some(user) = state.users.get_mut(&id) else {
            return Ok(None);
        };
        Ok(Some(std::mem::replace(
            &mut user.avatar_key,
            key.map(str::to_owned),
        )))
    }

    async fn erase_user(&self, tombstone: &User) -> StoreResult<bool> {
        let id = tombstone.id;
        let mut state = self.state();
        let Some(user) = state.users.get_mut(&id) else {
            return Ok(false);
        };
        let old_name = std::mem::replace(user, tombstone.clone()).username.folded();
        state.usernames.remove(&old_name);
        state.usernames.insert(tombstone.username.folded(), id);
        let sessions: Vec<_> = state
            .sessions
            .values()
            .filter(|s| s.user_id == id)
            .map(|s| s.id)
            .collect();
        for session in &sessions {
            state.sessions.remove(session);
        }
        state
            .refresh
            .retain(|_, row| !sessions.contains(&row.session));
        state.mfa.remove(&id);
        state.mfa_tickets.retain(|_, t| t.user_id != id);
        let servers: Vec<_> = state
            .memberships
            .get(&id)
            .map(|s| s.iter().copied().collect())
            .unwrap_or_default();
        for server in servers {
            state.remove_member(server, id);
        }
        for bans in state.bans.values_mut() {
            bans.remove(&id);
        }
        for timeouts in state.timeouts.values_mut() {
            timeouts.remove(&id);
        }
        state.read_markers.retain(|(user, _), _| *user != id);
        state
            .server_notifications
            .retain(|(user, _), _| *user != id);
        state
            .channel_notifications
            .retain(|(user, _), _| *user != id);
        state.direct.forget_user(id);
        Ok(true)
    }
}
