use super::{
    AccessClaims, AccessToken, RefreshGrant, Rotation, Session, REFRESH_TTL_SECONDS,
    SESSION_MAX_AGE_SECONDS, SESSION_TOUCH_SECONDS,
};
use crate::chat::Chat;
use crate::error::{Conflict, Error, Result, StoreError};
use crate::events::{Audience, EventKind};
use crate::ids::{SessionId, UserId};
use crate::presence::Status;
use crate::users::{Bio, DisplayName, Password, User, UserView, Username};

const WRONG_CREDENTIALS: &str = "wrong username or password";
const BAD_TOKEN: &str = "missing, invalid or expired token";

/// A sign-up, already validated.
#[derive(Debug, Clone)]
pub struct SignupRequest {
    /// The login name.
    pub username: Username,
    /// The password.
    pub password: Password,
    /// The shown name; the username when absent.
    pub display_name: Option<DisplayName>,
}

/// A login attempt, as typed (not validated: a malformed name is simply
/// wrong credentials).
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The login name as typed.
    pub username: String,
    /// The password as typed.
    pub password: Password,
}

/// What sign-up, login and refresh hand back.
#[derive(Debug, Clone)]
pub struct AuthTokens {
    /// The user, as they see themself.
    pub user: UserView,
    /// The access token.
    pub access: AccessToken,
    /// The refresh token (shown once, stored only as a hash).
    pub refresh_token: String,
}

/// What a login hands back: tokens, or (with two-factor sign-in on) a
/// ticket for the second step, `POST /auth/mfa`.
// One is made per login and moved once: boxing the tokens would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum LoginOutcome {
    /// Logged in.
    Tokens(AuthTokens),
    /// The password was right; a code is needed next.
    MfaRequired {
        /// The ticket (shown once, stored only as a digest).
        ticket: String,
    },
}

/// Where a login comes from, as its session will show it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientInfo {
    /// The `User-Agent` header.
    pub user_agent: Option<String>,
    /// A coarse network hint (see [`Session::ip_hint`]).
    pub ip_hint: Option<String>,
}

/// The longest `User-Agent` kept with a session, in chars.
const USER_AGENT_MAX_CHARS: usize = 256;

impl ClientInfo {
    /// The client info with the user agent cut to a sane length.
    pub fn new(user_agent: Option<&str>, ip_hint: Option<String>) -> Self {
        let user_agent = user_agent
            .map(str::trim)
            .filter(|ua| !ua.is_empty())
            .map(|ua| ua.chars().take(USER_AGENT_MAX_CHARS).collect());
        Self {
            user_agent,
            ip_hint,
        }
    }
}

/// An authenticated caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    /// Who.
    pub user_id: UserId,
    /// Through which login session.
    pub session_id: SessionId,
}

impl Chat {
    /// Creates an account and logs it in.
    pub async fn signup(&self, req: SignupRequest) -> Result<AuthTokens> {
        self.signup_with(req, ClientInfo::default()).await
    }

    /// [`Chat::signup`], remembering where the session comes from.
    pub async fn signup_with(&self, req: SignupRequest, client: ClientInfo) -> Result<AuthTokens> {
        let store = &self.deps.store;
        if store.user_by_username(&req.username).await?.is_some() {
            return Err(Conflict::UsernameTaken.into());
        }
        let password_hash = self
            .deps
            .hasher
            .hash(&req.password)
            .await
            .map_err(hash_failed)?;
        let display_name = match req.display_name {
            Some(name) => name,
            None => DisplayName::parse(req.username.as_str())?,
        };
        let user = User {
            id: UserId::from_uuid(self.deps.ids.new_uuid()),
            username: req.username,
            display_name,
            bio: Bio::parse("")?,
            status: Status::Online,
            custom_status: None,
            password_hash,
            created_at: self.now(),
            disabled: false,
            avatar_key: None,
        };
        store.insert_user(&user).await?;
        self.open_session(user, client).await
    }

    /// Logs in with a username (any case) and password, for a user without
    /// two-factor sign-in (with it on, this answers `unauthenticated`: use
    /// [`Chat::login_from`]).
    pub async fn login(&self, credentials: Credentials) -> Result<AuthTokens> {
        match self.login_with(credentials, ClientInfo::default()).await? {
            LoginOutcome::Tokens(tokens) => Ok(tokens),
            LoginOutcome::MfaRequired { .. } => {
                Err(Error::Unauthenticated("a two-factor code is required"))
            }
        }
    }

    /// Logs in with a username (any case) and password: tokens, or a
    /// ticket for the second step when the user has two-factor sign-in on.
    pub async fn login_with(
        &self,
        credentials: Credentials,
        client: ClientInfo,
    ) -> Result<LoginOutcome> {
        let user = match Username::parse(&credentials.username) {
            Ok(name) => self.deps.store.user_by_username(&name).await?,
            Err(_) => None,
        };
        let Some(user) = user else {
            // Spend the same effort as a real check, so response time does
            // not tell which usernames exist.
            let _ = self.deps.hasher.hash(&credentials.password).await;
            return Err(Error::Unauthenticated(WRONG_CREDENTIALS));
        };
        let hasher = &self.deps.hasher;
        let ok = hasher
            .verify(&credentials.password, &user.password_hash)
            .await
            .map_err(hash_failed)?;
        if !ok {
            return Err(Error::Unauthenticated(WRONG_CREDENTIALS));
        }
        // Said only to whoever knows the password: a disabled account is
        // not revealed to someone guessing usernames.
        if user.disabled {
            return Err(Error::AccountDisabled);
        }
        if self.mfa_enabled(user.id).await? {
            let ticket = self.issue_mfa_ticket(user.id).await?;
            return Ok(LoginOutcome::MfaRequired { ticket });
        }
        Ok(LoginOutcome::Tokens(self.open_session(user, client).await?))
    }

    /// Exchanges a live refresh token for a new pair. A spent token
    /// presented again revokes its whole session; so does a refresh of a
    /// session older than [`SESSION_MAX_AGE_SECONDS`] (the absolute
    /// lifetime, besides the sliding one of each refresh token).
    pub async fn refresh(&self, refresh_token: &str) -> Result<AuthTokens> {
        let tokens = &self.deps.tokens;
        let store = &self.deps.store;
        let presented = tokens.hash_refresh_token(refresh_token);
        let next_token = tokens.new_refresh_token();
        let next = self.refresh_grant(&next_token);
        match store.rotate_refresh(&presented, &next, self.now()).await? {
            Rotation::Rotated(session) => {
                let age_limit = session.created_at.plus_seconds(SESSION_MAX_AGE_SECONDS);
                if self.now() >= age_limit {
                    store.revoke_session(session.id).await?;
                    self.announce_revoked(session.user_id, Some(session.id));
                    return Err(Error::Unauthenticated(
                        "this session is too old to refresh; log in again",
                    ));
                }
                store.touch_session(session.id, self.now()).await?;
                let user = store
                    .user_by_id(session.user_id)
                    .await?
                    .ok_or(Error::Unauthenticated(BAD_TOKEN))?;
                if user.disabled {
                    store.revoke_session(session.id).await?;
                    self.announce_revoked(session.user_id, Some(session.id));
                    return Err(Error::AccountDisabled);
                }
                Ok(self.tokens_for(user, session.id, next_token))
            }
            Rotation::Reused(session_id) => {
                if let Some(session) = store.session_by_id(session_id).await? {
                    store.revoke_session(session_id).await?;
                    self.announce_revoked(session.user_id, Some(session_id));
                }
                Err(Error::Unauthenticated(
                    "this refresh token was already used; the session is revoked",
                ))
            }
            Rotation::Invalid => Err(Error::Unauthenticated(BAD_TOKEN)),
        }
    }

    /// Ends the caller's session: its access and refresh tokens stop working.
    pub async fn logout(&self, actor: &Actor) -> Result<()> {
        self.deps.store.revoke_session(actor.session_id).await?;
        self.announce_revoked(actor.user_id, Some(actor.session_id));
        Ok(())
    }

    /// Tells the gateway to close the sockets of ended sessions.
    pub(crate) fn announce_revoked(&self, user_id: UserId, session_id: Option<SessionId>) {
        self.publish(
            Audience::User(user_id),
            EventKind::SessionsRevoked {
                user_id,
                session_id,
            },
        );
    }

    /// The caller behind an access token: well signed, unexpired, and its
    /// session not revoked.
    pub async fn authenticate(&self, access_token: &str) -> Result<Actor> {
        let claims = self
            .deps
            .tokens
            .verify_access(access_token, self.now())
            .ok_or(Error::Unauthenticated(BAD_TOKEN))?;
        let now = self.now();
        let session = self
            .deps
            .store
            .session_by_id(claims.session_id)
            .await?
            .filter(|s| !s.revoked && s.user_id == claims.user_id)
            .ok_or(Error::Unauthenticated(
                "this session has ended; log in again",
            ))?;
        if session.last_used_at.plus_seconds(SESSION_TOUCH_SECONDS) <= now {
            self.deps.store.touch_session(session.id, now).await?;
        }
        Ok(Actor {
            user_id: claims.user_id,
            session_id: claims.session_id,
        })
    }

    /// Whether the session still authenticates (the gateway asks this to
    /// close sockets of ended sessions).
    pub async fn session_is_live(&self, session: SessionId) -> Result<bool> {
        let s = self.deps.store.session_by_id(session).await?;
        Ok(s.is_some_and(|s| !s.revoked))
    }

    /// Opens a login session for `user`; a disabled user gets none. The
    /// flag is read again once the session exists: an operator disabling
    /// the account meanwhile (flag set, then every session revoked) must
    /// not leave this one behind.
    pub(crate) async fn open_session(&self, user: User, client: ClientInfo) -> Result<AuthTokens> {
        if user.disabled {
            return Err(Error::AccountDisabled);
        }
        let now = self.now();
        let session = Session {
            id: SessionId::from_uuid(self.deps.ids.new_uuid()),
            user_id: user.id,
            created_at: now,
            last_used_at: now,
            user_agent: client.user_agent,
            ip_hint: client.ip_hint,
            revoked: false,
        };
        let refresh_token = self.deps.tokens.new_refresh_token();
        let grant = self.refresh_grant(&refresh_token);
        let store = &self.deps.store;
        store.create_session(&session, &grant).await?;
        if store.user_by_id(user.id).await?.is_some_and(|u| u.disabled) {
            store.revoke_session(session.id).await?;
            return Err(Error::AccountDisabled);
        }
        Ok(self.tokens_for(user, session.id, refresh_token))
    }

    fn refresh_grant(&self, token: &str) -> RefreshGrant {
        RefreshGrant {
            hash: self.deps.tokens.hash_refresh_token(token),
            expires_at: self.now().plus_seconds(REFRESH_TTL_SECONDS),
        }
    }

    fn tokens_for(&self, user: User, session_id: SessionId, refresh_token: String) -> AuthTokens {
        let claims = AccessClaims {
            user_id: user.id,
            session_id,
        };
        let access = self.deps.tokens.issue_access(claims, self.now());
        let connected = self.deps.presence.is_connected(user.id);
        AuthTokens {
            user: UserView::of_self(user, connected),
            access,
            refresh_token,
        }
    }
}

fn hash_failed(e: super::HashError) -> Error {
    Error::Storage(StoreError::Backend(e.to_string()))
}
