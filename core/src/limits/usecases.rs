//! The limits as use cases: throttled login and sign-up, and the checks
//! the write use cases call before they change anything.

use std::time::Duration;

use super::{Admission, ClientKey, Limits, Permit, Rule, BUSY_RETRY};
use crate::account::LoginProof;
use crate::auth::{AuthTokens, ClientInfo, Credentials, LoginOutcome, SignupRequest};
use crate::chat::Chat;
use crate::error::{Error, Result, ValidationError};
use crate::ids::{ChannelId, InviteCode, ServerId, UserId};
use crate::invites::InvitePreview;

/// A write that a per-user bucket limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write {
    /// Sending a message to a channel (each channel has its own bucket).
    Message(ChannelId),
    /// Creating a server.
    CreateServer,
    /// Creating a channel.
    CreateChannel,
    /// Creating an invite.
    CreateInvite,
    /// Banning someone.
    Ban,
    /// Uploading an avatar or a server icon.
    Picture,
}

/// What a quota counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Quota {
    /// Servers a user owns.
    ServersOwned(UserId),
    /// Channels of a server.
    Channels(ServerId),
    /// Active invites of a server.
    Invites(ServerId),
}

impl Chat {
    /// Logs in, throttled per client: the attempt takes its token from the
    /// (username, address) and the address buckets *before* the password
    /// is checked, so concurrent attempts cannot outrun the count; a
    /// success gives the tokens back. Limits off: plain [`Chat::login`].
    pub async fn login_from(
        &self,
        client: &ClientKey,
        credentials: Credentials,
        info: ClientInfo,
    ) -> Result<LoginOutcome> {
        let Some(limits) = &self.limits else {
            return self.login_with(credentials, info).await;
        };
        let p = &limits.policy;
        if credentials.password.expose().len() > p.max_login_password_bytes {
            let rule = format!("must be at most {} bytes", p.max_login_password_bytes);
            return Err(ValidationError::new("password", rule).into());
        }
        let user = fold(&credentials.username);
        let _by_address = enter(
            limits,
            &format!("login-address:{}", client.as_str()),
            p.logins_in_flight_per_address,
        )?;
        let _by_user = enter(
            limits,
            &format!("login-user:{user}"),
            p.logins_in_flight_per_username,
        )?;
        let pair = (
            format!("login:{user}|{}", client.as_str()),
            p.login_failures_per_user_and_address,
        );
        let address = (
            format!("login:{}", client.as_str()),
            p.login_failures_per_address,
        );
        let taken = [pair.clone(), address.clone()];
        self.take_all(limits, &taken).await?;
        let hashing = match hash_slot(limits) {
            Ok(slot) => slot,
            Err(e) => {
                self.give_back_all(limits, &taken).await;
                return Err(e);
            }
        };
        let outcome = self.login_with(credentials, info).await;
        drop(hashing);
        match &outcome {
            Ok(LoginOutcome::Tokens(_)) => {
                limits.counters.reset(&pair.0).await?;
                self.give_back_all(limits, &[address]).await;
            }
            // The password was right: it costs nothing; the second step
            // is throttled on its own ([`Chat::complete_mfa_from`]).
            Ok(LoginOutcome::MfaRequired { .. }) => self.give_back_all(limits, &taken).await,
            // A wrong password keeps its tokens: that is what they count.
            Err(Error::Unauthenticated(_)) => {}
            Err(_) => self.give_back_all(limits, &taken).await,
        }
        outcome
    }

    /// Signs up, throttled per client address (the token is taken before
    /// the password is hashed). Limits off: plain [`Chat::signup`].
    pub async fn signup_from(
        &self,
        client: &ClientKey,
        req: SignupRequest,
        info: ClientInfo,
    ) -> Result<AuthTokens> {
        let Some(limits) = &self.limits else {
            return self.signup_with(req, info).await;
        };
        let p = &limits.policy;
        let _by_address = enter(
            limits,
            &format!("signup-address:{}", client.as_str()),
            p.logins_in_flight_per_address,
        )?;
        let bucket = (format!("signup:{}", client.as_str()), p.signups_per_address);
        let taken = [bucket];
        self.take_all(limits, &taken).await?;
        let hashing = match hash_slot(limits) {
            Ok(slot) => slot,
            Err(e) => {
                self.give_back_all(limits, &taken).await;
                return Err(e);
            }
        };
        let outcome = self.signup_with(req, info).await;
        drop(hashing);
        if matches!(outcome, Err(Error::Storage(_) | Error::Unavailable { .. })) {
            self.give_back_all(limits, &taken).await;
        }
        outcome
    }

    /// The second step of a login, throttled like the first: a wrong code
    /// keeps the token it took from the (username, address) and address
    /// buckets, so guessing codes costs the same as guessing passwords.
    /// Limits off: plain [`Chat::complete_mfa_login`].
    pub async fn complete_mfa_from(
        &self,
        client: &ClientKey,
        ticket: &str,
        proof: LoginProof,
        info: ClientInfo,
    ) -> Result<AuthTokens> {
        let Some(limits) = &self.limits else {
            return self.complete_mfa_login(ticket, proof, info).await;
        };
        let p = &limits.policy;
        let user = match self.mfa_ticket_username(ticket).await? {
            Some(name) => fold(name.as_str()),
            None => String::from("?"),
        };
        let pair = (
            format!("login:{user}|{}", client.as_str()),
            p.login_failures_per_user_and_address,
        );
        let address = (
            format!("login:{}", client.as_str()),
            p.login_failures_per_address,
        );
        let taken = [pair.clone(), address.clone()];
        self.take_all(limits, &taken).await?;
        let outcome = self.complete_mfa_login(ticket, proof, info).await;
        match &outcome {
            Ok(_) => {
                limits.counters.reset(&pair.0).await?;
                self.give_back_all(limits, &[address]).await;
            }
            Err(Error::InvalidCode { .. }) => {}
            Err(_) => self.give_back_all(limits, &taken).await,
        }
        outcome
    }

    /// Previews an invite, throttled per client address (the preview is
    /// open to anyone, so it must not become a code-guessing oracle).
    /// Limits off: plain [`Chat::preview_invite`].
    pub async fn preview_invite_from(
        &self,
        client: &ClientKey,
        code: &InviteCode,
        viewer: Option<UserId>,
    ) -> Result<InvitePreview> {
        if let Some(limits) = &self.limits {
            let bucket = (
                format!("preview:{}", client.as_str()),
                limits.policy.invite_previews_per_address,
            );
            self.take_all(limits, &[bucket]).await?;
        }
        self.preview_invite(code, viewer).await
    }

    /// Takes a token for a write by `user`; 429 when its bucket is empty.
    pub(crate) async fn limit_write(&self, user: UserId, write: Write) -> Result<()> {
        let Some(limits) = &self.limits else {
            return Ok(());
        };
        let p = &limits.policy;
        let bucket = match write {
            Write::Message(channel) => (
                format!("w:message:{user}:{channel}"),
                p.messages_per_channel,
            ),
            Write::CreateServer => (format!("w:server:{user}"), p.servers_created),
            Write::CreateChannel => (format!("w:channel:{user}"), p.channels_created),
            Write::CreateInvite => (format!("w:invite:{user}"), p.invites_created),
            Write::Ban => (format!("w:ban:{user}"), p.bans),
            Write::Picture => (format!("w:picture:{user}"), p.pictures),
        };
        self.take_all(limits, &[bucket]).await
    }

    /// Refuses (429 `rate_limited`) a creation that would go beyond a quota.
    pub(crate) async fn check_quota(&self, quota: Quota) -> Result<()> {
        let Some(limits) = &self.limits else {
            return Ok(());
        };
        let p = &limits.policy;
        let store = &self.deps.store;
        let now = self.now();
        let (count, max, what) = match quota {
            Quota::ServersOwned(user) => (
                store.count_owned_by(user).await? as usize,
                p.servers_owned,
                "servers you own",
            ),
            Quota::Channels(server) => (
                store.channels_of(server).await?.len(),
                p.channels_per_server,
                "channels in this server",
            ),
            Quota::Invites(server) => {
                let active = store
                    .invites_of(server)
                    .await?
                    .iter()
                    .filter(|i| i.is_usable(now))
                    .count();
                (
                    active,
                    p.invites_per_server,
                    "active invites of this server",
                )
            }
        };
        if count >= max {
            return Err(Error::QuotaExceeded { what, limit: max });
        }
        Ok(())
    }

    /// Takes one token from each bucket, in order; on a refusal gives the
    /// ones already taken back and answers 429 with the wait.
    async fn take_all(&self, limits: &Limits, buckets: &[(String, Rule)]) -> Result<()> {
        let now = self.now();
        for (i, (key, rule)) in buckets.iter().enumerate() {
            match limits.counters.take(key, *rule, now).await {
                Ok(Admission::Taken) => {}
                Ok(Admission::Refused { retry_after }) => {
                    self.give_back_all(limits, &buckets[..i]).await;
                    return Err(Error::RateLimited { retry_after });
                }
                Err(e) => {
                    self.give_back_all(limits, &buckets[..i]).await;
                    return Err(e.into());
                }
            }
        }
        Ok(())
    }

    /// Gives one token back to each bucket (best effort: a counter store
    /// that fails here only makes the next attempts wait a little longer).
    async fn give_back_all(&self, limits: &Limits, buckets: &[(String, Rule)]) {
        let now = self.now();
        for (key, rule) in buckets {
            let _ = limits.counters.give_back(key, *rule, now).await;
        }
    }
}

/// A permit of a per-client gauge, or 429 with a short wait.
fn enter(limits: &Limits, key: &str, max: u32) -> Result<Permit> {
    limits
        .in_flight
        .try_enter(key, max)
        .ok_or(Error::RateLimited {
            retry_after: BUSY_RETRY,
        })
}

/// A place in the hashing queue, or 503 `unavailable`: the process has as
/// much password work queued as it will take.
fn hash_slot(limits: &Limits) -> Result<Permit> {
    limits
        .in_flight
        .try_enter("hash-queue", limits.policy.hash_queue)
        .ok_or_else(|| Error::Unavailable {
            retry_after: Duration::from_secs(2),
            reason: "the password hashing queue is full".into(),
        })
}

/// The key of a typed username: case folded and cut short (no valid
/// username is longer than 32), so a huge typed name cannot bloat a map.
fn fold(username: &str) -> String {
    username.chars().take(64).collect::<String>().to_lowercase()
}
