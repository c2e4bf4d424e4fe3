//! [`Chat`]: the use cases, over one bundle of ports.

use std::sync::Arc;

use crate::auth::{PasswordHasher, TokenIssuer};
use crate::error::{Error, Result};
use crate::events::{Audience, Event, EventKind, EventPublisher};
use crate::ids::{IdGenerator, ServerId, UserId};
use crate::members::Member;
use crate::policy::{self, Action, Denial, Target};
use crate::presence::Presence;
use crate::role::Role;
use crate::servers::Server;
use crate::store::Store;
use crate::time::{Clock, Timestamp};

/// The ports the use cases run on. The choice of adapters is made once, by
/// whoever builds this (the `chat-server` binary, a test, an embedding program).
#[derive(Clone)]
pub struct Deps {
    /// Storage.
    pub store: Arc<dyn Store>,
    /// The time.
    pub clock: Arc<dyn Clock>,
    /// New ids and invite codes.
    pub ids: Arc<dyn IdGenerator>,
    /// Password hashing.
    pub hasher: Arc<dyn PasswordHasher>,
    /// Access and refresh tokens.
    pub tokens: Arc<dyn TokenIssuer>,
    /// Event delivery.
    pub events: Arc<dyn EventPublisher>,
    /// Live presence and typing.
    pub presence: Arc<dyn Presence>,
}

/// The chat application: every use case is a method, grouped by area in
/// the area modules (`auth`, `servers`, `messages`, …). Cheap to clone.
#[derive(Clone)]
pub struct Chat {
    pub(crate) deps: Deps,
    /// The reason recorded with audited acts (see `Chat::with_audit_reason`).
    pub(crate) audit_reason: Option<crate::audit::AuditReason>,
}

/// A member of a server as a use case sees them: the server, the
/// membership, and the effective role.
pub(crate) struct Membership {
    pub server: Server,
    pub member: Option<Member>,
}

impl Membership {
    /// The effective role of a membership the policy has already accepted
    /// (a member's), so it is present.
    pub fn member_role(&self) -> Role {
        self.role().unwrap_or(Role::Member)
    }

    /// The effective role, `None` when not a member.
    pub fn role(&self) -> Option<Role> {
        self.member
            .as_ref()
            .map(|m| Role::effective(self.server.owner_id, m.user_id, m.role))
    }
}

impl Chat {
    /// Builds the application over these ports.
    pub fn new(deps: Deps) -> Self {
        Self {
            deps,
            audit_reason: None,
        }
    }

    /// The ports, for adapters that need one directly (the gateway's presence).
    pub fn deps(&self) -> &Deps {
        &self.deps
    }

    /// `Ok` when storage answers.
    pub async fn health(&self) -> Result<()> {
        Ok(self.deps.store.ping().await?)
    }

    pub(crate) fn now(&self) -> Timestamp {
        self.deps.clock.now()
    }

    pub(crate) fn publish(&self, audience: Audience, kind: EventKind) {
        self.deps.events.publish(Event { audience, kind });
    }

    /// Loads the server and the user's membership in it. A missing server
    /// is "not found".
    pub(crate) async fn membership(&self, server: ServerId, user: UserId) -> Result<Membership> {
        let store = &self.deps.store;
        let server = store
            .server_by_id(server)
            .await?
            .ok_or(Error::NotFound("server"))?;
        let member = store.member(server.id, user).await?;
        Ok(Membership { server, member })
    }

    /// Loads the membership and applies the role policy; non-members get
    /// "not found" under the name `what`.
    pub(crate) async fn authorize(
        &self,
        server: ServerId,
        user: UserId,
        action: Action,
        target: Target,
    ) -> Result<Membership> {
        let m = self.membership(server, user).await?;
        check(m.role(), action, target)?;
        Ok(m)
    }
}

/// Applies the role policy and turns a denial into the use case error.
pub(crate) fn check(actor: Option<Role>, action: Action, target: Target) -> Result<()> {
    policy::authorize(actor, action, target).map_err(|d| match d {
        Denial::NotMember => Error::NotFound("server"),
        Denial::Forbidden => Error::Forbidden("your role does not allow this"),
        Denial::OwnerCannotLeave => crate::error::Conflict::OwnerCannotLeave.into(),
    })
}
