//! [`Chat`]: the use cases, over one bundle of ports.

use std::sync::Arc;

use crate::account::MfaCrypto;
use crate::auth::{PasswordHasher, TokenIssuer};
use crate::error::{Error, Result};
use crate::events::{Audience, Event, EventKind, EventPublisher};
use crate::ids::{IdGenerator, ServerId, UserId};
use crate::limits::{CounterStore, InFlight, LimitPolicy, Limits};
use crate::members::Member;
use crate::policy::{self, Action, Denial, Target};
use crate::presence::Presence;
use crate::reads::MarkerBuffer;
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
    /// Two-factor sign-in's cryptography.
    pub mfa: Arc<dyn MfaCrypto>,
}

/// The chat application: every use case is a method, grouped by area in
/// the area modules (`auth`, `servers`, `messages`, …). Cheap to clone.
#[derive(Clone)]
pub struct Chat {
    pub(crate) deps: Deps,
    /// The throttles and quotas; `None`: no limits.
    pub(crate) limits: Option<Arc<Limits>>,
    /// Read markers waiting to be written (see [`crate::reads`]).
    pub(crate) markers: Arc<MarkerBuffer>,
    /// The reason recorded with audited acts (see `Chat::with_audit_reason`).
    pub(crate) audit_reason: Option<crate::audit::AuditReason>,
    /// Blob storage, image probing and URL signing; `None`: no uploads.
    pub(crate) attachments: Option<Arc<crate::attachments::AttachmentDeps>>,
    /// The service a cluster shares, checked by [`Chat::health`]; `None`:
    /// a single instance.
    pub(crate) cluster: Option<Arc<dyn crate::cluster::ClusterHealth>>,
    /// The sign-up challenge; `None`: off (see [`crate::challenge`]).
    pub(crate) challenge: Option<Arc<crate::challenge::SignupChallenge>>,
}

/// A server and a user's membership in it, as loaded: the user may not
/// be a member. [`Chat::authorize`] turns it into an [`Authorized`].
pub(crate) struct Membership {
    pub server: Server,
    pub member: Option<Member>,
}

impl Membership {
    /// The effective role, `None` when not a member.
    pub fn role(&self) -> Option<Role> {
        self.member
            .as_ref()
            .map(|m| Role::effective(self.server.owner_id, m.user_id, m.role))
    }
}

/// What [`Chat::authorize`] proved: the server, the caller's membership in
/// it and the caller's effective role. There is no "not a member" here, so
/// no role has to be guessed.
pub(crate) struct Authorized {
    pub server: Server,
    #[allow(dead_code)] // the membership row, for use cases that need it
    pub member: Member,
    pub role: Role,
}

impl Authorized {
    /// The caller's effective role, as proven.
    pub fn member_role(&self) -> Role {
        self.role
    }
}

/// What the access check of a channel proved: a server channel's
/// membership, or a direct channel the caller is in.
pub(crate) enum Access {
    /// A server's channel: the caller's authorization in the server.
    Server(Authorized),
    /// A DM or group the caller is in.
    Direct(crate::direct::DirectChannel),
}

impl Access {
    /// The caller's effective role; a DM has no roles: everyone is a member.
    pub fn member_role(&self) -> Role {
        match self {
            Access::Server(a) => a.member_role(),
            Access::Direct(_) => Role::Member,
        }
    }
}

/// What [`Chat::authorize_on_user`] proved: the caller's authorization
/// and the target user's membership, if any, with its effective role.
pub(crate) struct OnUser {
    pub actor: Authorized,
    pub target: Option<Member>,
    pub target_role: Option<Role>,
}

impl Chat {
    /// Builds the application over these ports.
    pub fn new(deps: Deps) -> Self {
        Self {
            deps,
            limits: None,
            markers: Arc::new(MarkerBuffer::default()),
            audit_reason: None,
            attachments: None,
            cluster: None,
            challenge: None,
        }
    }

    /// Makes [`Chat::health`] check the service a cluster of instances
    /// shares too (see [`crate::cluster`]).
    pub fn with_cluster(mut self, cluster: Arc<dyn crate::cluster::ClusterHealth>) -> Self {
        self.cluster = Some(cluster);
        self
    }

    /// Turns the limits on: `policy`'s numbers, buckets kept in `counters`.
    pub fn with_limits(mut self, policy: LimitPolicy, counters: Arc<dyn CounterStore>) -> Self {
        self.limits = Some(Arc::new(Limits {
            policy,
            counters,
            in_flight: InFlight::default(),
        }));
        self
    }

    /// Whether limits are on.
    pub fn limits_on(&self) -> bool {
        self.limits.is_some()
    }

    /// The ports, for adapters that need one directly (the gateway's presence).
    pub fn deps(&self) -> &Deps {
        &self.deps
    }

    /// `Ok` when storage answers, and the cluster's shared service too
    /// when there is one.
    pub async fn health(&self) -> Result<()> {
        self.deps.store.ping().await?;
        if let Some(cluster) = &self.cluster {
            cluster.check().await?;
        }
        Ok(())
    }

    pub(crate) fn now(&self) -> Timestamp {
        self.deps.clock.now()
    }

    pub(crate) fn publish(&self, audience: Audience, kind: EventKind) {
        self.deps.events.publish(Event { audience, kind });
    }

    /// Resolves once the events published so far have left this process
    /// for the other instances (at once on a single instance); see
    /// [`crate::events::EventPublisher::flushed`]. Write routes await it
    /// before acknowledging.
    pub async fn events_flushed(&self) {
        self.deps.events.flushed().await;
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
    /// "not found" (the server's).
    pub(crate) async fn authorize(
        &self,
        server: ServerId,
        user: UserId,
        action: Action,
        target: Target,
    ) -> Result<Authorized> {
        let m = self.membership(server, user).await?;
        check(m.role(), action, target)?;
        proven(m)
    }

    /// The one place a target member's role is loaded: the caller's
    /// membership and `target`'s in `server`, with the role policy applied
    /// for `action` done to `target` (whose role is `None` when they are
    /// not a member: the use case decides what that means).
    pub(crate) async fn authorize_on_user(
        &self,
        server: ServerId,
        actor: UserId,
        target: UserId,
        action: Action,
    ) -> Result<OnUser> {
        let m = self.membership(server, actor).await?;
        let member = self.deps.store.member(server, target).await?;
        let target_role = member
            .as_ref()
            .map(|t| Role::effective(m.server.owner_id, target, t.role));
        check(m.role(), action, Target::User(target_role))?;
        Ok(OnUser {
            actor: proven(m)?,
            target: member,
            target_role,
        })
    }
}

/// A membership the policy accepted: the policy refuses every non-member,
/// so a missing row here is the same "not found" it would have answered.
fn proven(m: Membership) -> Result<Authorized> {
    let Some(member) = m.member else {
        return Err(Error::NotFound("server"));
    };
    let role = Role::effective(m.server.owner_id, member.user_id, member.role);
    Ok(Authorized {
        server: m.server,
        member,
        role,
    })
}

/// Applies the role policy and turns a denial into the use case error.
pub(crate) fn check(actor: Option<Role>, action: Action, target: Target) -> Result<()> {
    policy::authorize(actor, action, target).map_err(|d| match d {
        Denial::NotMember => Error::NotFound("server"),
        Denial::Forbidden => Error::Forbidden("your role does not allow this"),
        Denial::OwnerCannotLeave => crate::error::Conflict::OwnerCannotLeave.into(),
    })
}
