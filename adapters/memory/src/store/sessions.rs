//! Login sessions and refresh-token rotation with reuse detection.

use async_trait::async_trait;
use chat_core::auth::{RefreshGrant, Rotation, Session, SessionStore};
use chat_core::ids::{SessionId, UserId};
use chat_core::{StoreError, StoreResult, Timestamp};

use super::state::RefreshRow;
use super::MemoryStore;

#[async_trait]
impl SessionStore for MemoryStore {
    async fn create_session(&self, session: &Session, refresh: &RefreshGrant) -> StoreResult<()> {
        let mut state = self.state();
        if state.sessions.contains_key(&session.id) || state.refresh.contains_key(&refresh.hash) {
            return Err(StoreError::Backend(format!(
                "session {} or its refresh token already exists",
                session.id
            )));
        }
        state.sessions.insert(session.id, session.clone());
        state
            .refresh
            .insert(refresh.hash.clone(), row(session.id, refresh));
        Ok(())
    }

    async fn session_by_id(&self, id: SessionId) -> StoreResult<Option<Session>> {
        Ok(self.state().sessions.get(&id).cloned())
    }

    async fn rotate_refresh(
        &self,
        presented: &str,
        next: &RefreshGrant,
        now: Timestamp,
    ) -> StoreResult<Rotation> {
        let mut state = self.state();
        let Some(token) = state.refresh.get(presented).cloned() else {
            return Ok(Rotation::Invalid);
        };
        if token.spent {
            return Ok(Rotation::Reused(token.session));
        }
        if now >= token.expires_at {
            return Ok(Rotation::Invalid);
        }
        let session = match state.sessions.get(&token.session) {
            Some(s) if !s.revoked => s.clone(),
            _ => return Ok(Rotation::Invalid),
        };
        if state.refresh.contains_key(&next.hash) {
            return Err(StoreError::Backend(
                "next refresh token already exists".into(),
            ));
        }
        if let Some(spent) = state.refresh.get_mut(presented) {
            spent.spent = true;
        }
        state
            .refresh
            .insert(next.hash.clone(), row(session.id, next));
        Ok(Rotation::Rotated(session))
    }

    async fn revoke_session(&self, id: SessionId) -> StoreResult<bool> {
        let mut state = self.state();
        let Some(session) = state.sessions.get_mut(&id) else {
            return Ok(false);
        };
        session.revoked = true;
        Ok(true)
    }

    async fn revoke_sessions_of(&self, user: UserId) -> StoreResult<()> {
        let mut state = self.state();
        for session in state.sessions.values_mut().filter(|s| s.user_id == user) {
            session.revoked = true;
        }
        Ok(())
    }

    async fn sessions_of(&self, user: UserId) -> StoreResult<Vec<Session>> {
        let state = self.state();
        let live = state.sessions.values();
        Ok(live
            .filter(|s| s.user_id == user && !s.revoked)
            .cloned()
            .collect())
    }

    async fn touch_session(&self, id: SessionId, now: Timestamp) -> StoreResult<bool> {
        let mut state = self.state();
        let Some(session) = state.sessions.get_mut(&id) else {
            return Ok(false);
        };
        session.last_used_at = session.last_used_at.max(now);
        Ok(true)
    }

    async fn revoke_other_sessions(
        &self,
        user: UserId,
        keep: SessionId,
    ) -> StoreResult<Vec<SessionId>> {
        let mut state = self.state();
        let mut ended = Vec::new();
        for session in state.sessions.values_mut() {
            if session.user_id == user && session.id != keep && !session.revoked {
                session.revoked = true;
                ended.push(session.id);
            }
        }
        Ok(ended)
    }
}

fn row(session: SessionId, grant: &RefreshGrant) -> RefreshRow {
    RefreshRow {
        session,
        expires_at: grant.expires_at,
        spent: false,
    }
}
