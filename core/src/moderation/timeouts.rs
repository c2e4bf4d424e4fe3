//! Timeouts: an admin who outranks a member (the same rule as kick) stops
//! them from writing, reacting and typing until a time at most 28 days
//! ahead; they still read. Setting and lifting tell the server with
//! `member.updated` and go to the audit log.

use crate::audit::{AuditAction, AuditChange, AuditTarget, TargetKind};
use crate::auth::Actor;
use crate::chat::Chat;
use crate::error::{Error, Result, ValidationError};
use crate::ids::{ServerId, UserId};
use crate::members::{member_updated, MemberView};
use crate::policy::Action;
use crate::time::Timestamp;

/// The longest timeout: 28 days.
pub const MAX_TIMEOUT_SECONDS: i64 = 28 * 24 * 3600;

impl Chat {
    /// Times a member out until `until` (in the future, at most 28 days
    /// ahead); returns the member as others now see them.
    pub async fn set_timeout(
        &self,
        actor: &Actor,
        server: ServerId,
        user: UserId,
        until: Timestamp,
    ) -> Result<MemberView> {
        let now = self.now();
        if until <= now || until > now.plus_seconds(MAX_TIMEOUT_SECONDS) {
            let rule = "must be a time in the future, at most 28 days from now";
            return Err(ValidationError::new("until", rule).into());
        }
        let (m, role) = self
            .target_role(actor, server, user, Action::Timeout)
            .await?;
        if role.is_none() {
            return Err(Error::NotFound("member"));
        }
        let store = &self.deps.store;
        let before = store.timeout_until(server, user, now).await?;
        store.set_timeout(server, user, until).await?;
        let member = store
            .member(server, user)
            .await?
            .ok_or(Error::NotFound("member"))?;
        let view = self
            .announce_member(&m.server, member, member_updated)
            .await?;
        let change = AuditChange::new(
            "timed_out_until",
            before.map(|t| t.to_rfc3339().into()),
            Some(until.to_rfc3339().into()),
        );
        let target = Some(AuditTarget::new(TargetKind::User, user));
        self.record(
            server,
            actor,
            AuditAction::MemberTimeout,
            target,
            vec![change],
        )
        .await?;
        Ok(view)
    }

    /// Lifts a member's timeout (same rule as setting it). Lifting when
    /// there is none is harmless; a user who is neither a member nor timed
    /// out is "not found".
    pub async fn lift_timeout(&self, actor: &Actor, server: ServerId, user: UserId) -> Result<()> {
        let (m, role) = self
            .target_role(actor, server, user, Action::Timeout)
            .await?;
        let store = &self.deps.store;
        let before = store.timeout_until(server, user, self.now()).await?;
        let existed = store.clear_timeout(server, user).await?;
        if role.is_none() && !existed {
            return Err(Error::NotFound("member"));
        }
        let Some(before) = before else {
            return Ok(());
        };
        if let Some(member) = store.member(server, user).await? {
            self.announce_member(&m.server, member, member_updated)
                .await?;
        }
        let change = AuditChange::new("timed_out_until", Some(before.to_rfc3339().into()), None);
        let target = Some(AuditTarget::new(TargetKind::User, user));
        self.record(
            server,
            actor,
            AuditAction::MemberTimeoutRemove,
            target,
            vec![change],
        )
        .await
    }

    /// Refuses with `timed_out` while the user is timed out in the server.
    pub(crate) async fn ensure_not_timed_out(&self, server: ServerId, user: UserId) -> Result<()> {
        match self
            .deps
            .store
            .timeout_until(server, user, self.now())
            .await?
        {
            Some(until) => Err(Error::TimedOut { until }),
            None => Ok(()),
        }
    }
}
