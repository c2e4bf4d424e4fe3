//! Password change and the sessions a user can see and end.

use crate::auth::{Actor, Session, REFRESH_TTL_SECONDS};
use crate::chat::Chat;
use crate::error::{Error, Result, StoreError, ValidationError};
use crate::ids::SessionId;
use crate::users::{Password, User};

/// A password change as typed.
#[derive(Debug, Clone)]
pub struct PasswordChange {
    /// The current password (checked, never validated).
    pub current_password: Password,
    /// The new password, as typed (validated here: 8–128 chars).
    pub new_password: String,
}

/// One of the caller's sessions, as the sessions list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    /// The session.
    pub session: Session,
    /// Whether it is the one making the request.
    pub current: bool,
}

impl Chat {
    /// Changes the caller's password after checking the current one
    /// (a wrong one is a validation error on `password`, as API.md says of every password asked again); every
    /// other session of the caller ends.
    pub async fn change_password(&self, actor: &Actor, change: PasswordChange) -> Result<()> {
        let new = Password::parse(&change.new_password)
            .map_err(|e| ValidationError::new("new_password", e.message))?;
        self.check_password(actor, &change.current_password, "password")
            .await?;
        let hash = self
            .deps
            .hasher
            .hash(&new)
            .await
            .map_err(|e| Error::Storage(StoreError::Backend(e.to_string())))?;
        if !self
            .deps
            .store
            .set_password_hash(actor.user_id, &hash)
            .await?
        {
            return Err(Error::Unauthenticated("this account no longer exists"));
        }
        self.end_other_sessions(actor).await
    }

    /// The caller's live sessions, the most recently used first.
    pub async fn sessions(&self, actor: &Actor) -> Result<Vec<SessionInfo>> {
        let now = self.now();
        let mut sessions: Vec<SessionInfo> = self
            .deps
            .store
            .sessions_of(actor.user_id)
            .await?
            .into_iter()
            .filter(|s| s.last_used_at.plus_seconds(REFRESH_TTL_SECONDS) > now)
            .map(|session| SessionInfo {
                current: session.id == actor.session_id,
                session,
            })
            .collect();
        sessions.sort_by(|a, b| {
            (b.current, b.session.last_used_at, b.session.id).cmp(&(
                a.current,
                a.session.last_used_at,
                a.session.id,
            ))
        });
        Ok(sessions)
    }

    /// Ends one of the caller's sessions (the current one too: that is a
    /// logout). Another user's or an unknown session is "not found".
    pub async fn end_session(&self, actor: &Actor, id: SessionId) -> Result<()> {
        let store = &self.deps.store;
        let mine = store
            .session_by_id(id)
            .await?
            .is_some_and(|s| s.user_id == actor.user_id && !s.revoked);
        if !mine || !store.revoke_session(id).await? {
            return Err(Error::NotFound("session"));
        }
        self.announce_revoked(actor.user_id, Some(id));
        Ok(())
    }

    /// Ends every session of the caller but the current one.
    pub async fn end_other_sessions(&self, actor: &Actor) -> Result<()> {
        let ended = self
            .deps
            .store
            .revoke_other_sessions(actor.user_id, actor.session_id)
            .await?;
        for id in ended {
            self.announce_revoked(actor.user_id, Some(id));
        }
        Ok(())
    }

    /// The caller's account, if `password` is theirs; otherwise a
    /// validation error on `field` (never 401: the session is fine).
    pub(crate) async fn check_password(
        &self,
        actor: &Actor,
        password: &Password,
        field: &'static str,
    ) -> Result<User> {
        let user = self.load_user(actor.user_id).await?;
        let ok = self
            .deps
            .hasher
            .verify(password, &user.password_hash)
            .await
            .map_err(|e| Error::Storage(StoreError::Backend(e.to_string())))?;
        if !ok {
            return Err(ValidationError::new(field, "this is not your current password").into());
        }
        Ok(user)
    }
}
