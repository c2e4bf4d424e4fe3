//! Operator acts on an account (`chat-server admin …`): reset a password,
//! disable and enable an account. Each ends the user's sessions, so the
//! gateway closes their sockets (4003).

use crate::chat::Chat;
use crate::error::{Error, Result, StoreError, ValidationError};
use crate::users::{Password, User, Username};

/// What `admin reset-password` did.
#[derive(Debug, Clone)]
pub struct PasswordReset {
    /// The account.
    pub user: User,
    /// The new password when the server generated it (to hand to the
    /// user once); `None` when the operator chose it.
    pub generated: Option<String>,
}

impl Chat {
    /// Sets a new password for `username`: `password` when given (checked
    /// like any new password), else a generated one (128 random bits,
    /// URL-safe), returned once. Every session of the user ends.
    pub async fn admin_reset_password(
        &self,
        username: &str,
        password: Option<&str>,
    ) -> Result<PasswordReset> {
        let user = self.user_named(username).await?;
        let (new, generated) = match password {
            Some(text) => (Password::parse(text)?, None),
            None => {
                let text = self.deps.mfa.new_ticket();
                (Password::parse(&text)?, Some(text))
            }
        };
        let hash = self
            .deps
            .hasher
            .hash(&new)
            .await
            .map_err(|e| Error::Storage(StoreError::Backend(e.to_string())))?;
        if !self.deps.store.set_password_hash(user.id, &hash).await? {
            return Err(Error::NotFound("user"));
        }
        self.end_all_sessions(&user).await?;
        Ok(PasswordReset { user, generated })
    }

    /// Disables (`true`) or enables (`false`) the account: a disabled user
    /// cannot log in, refresh or identify, and disabling ends every
    /// session they have. Returns the user as it was before.
    pub async fn admin_set_disabled(&self, username: &str, disabled: bool) -> Result<User> {
        let user = self.user_named(username).await?;
        // The flag first, then the sessions: a login racing this sees the
        // flag once its session exists (see `open_session`).
        if !self.deps.store.set_user_disabled(user.id, disabled).await? {
            return Err(Error::NotFound("user"));
        }
        if disabled {
            self.end_all_sessions(&user).await?;
        }
        Ok(user)
    }

    async fn user_named(&self, username: &str) -> Result<User> {
        let name =
            Username::parse(username).map_err(|e| ValidationError::new("username", e.message))?;
        self.deps
            .store
            .user_by_username(&name)
            .await?
            .ok_or(Error::NotFound("user"))
    }

    async fn end_all_sessions(&self, user: &User) -> Result<()> {
        self.deps.store.revoke_sessions_of(user.id).await?;
        self.announce_revoked(user.id, None);
        Ok(())
    }
}
