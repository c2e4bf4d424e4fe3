use super::{Ban, BanReason};
use crate::audit::{AuditAction, AuditChange, AuditReason, AuditTarget, AuditValue, TargetKind};
use crate::auth::Actor;
use crate::chat::{Authorized, Chat};
use crate::error::{Error, Result, ValidationError};
use crate::ids::{ServerId, UserId};
use crate::limits::Write;
use crate::members::LeaveReason;
use crate::messages::{author_summary, AuthorSummary};
use crate::policy::{Action, Target};
use crate::role::Role;

/// The longest timed ban: ten years (longer is "permanent").
const MAX_BAN_SECONDS: i64 = 10 * 365 * 24 * 3600;

/// A ban to place.
#[derive(Debug, Clone)]
pub struct BanRequest {
    /// Whom.
    pub user_id: UserId,
    /// Why, if said.
    pub reason: Option<BanReason>,
    /// For how long, in seconds (`None`: permanent).
    pub duration_seconds: Option<i64>,
}

/// A ban as admins see it: with the banned user's names (their account
/// may be gone: then it shows as a deleted user).
#[derive(Debug, Clone)]
pub struct BanView {
    /// The ban.
    pub ban: Ban,
    /// Whom it bans.
    pub user: AuthorSummary,
}

impl Chat {
    /// Removes a member who may come back with an invite (admin who
    /// outranks them).
    pub async fn kick(&self, actor: &Actor, server: ServerId, user: UserId) -> Result<()> {
        let (_, target_role) = self.target_role(actor, server, user, Action::Kick).await?;
        if target_role.is_none() {
            return Err(Error::NotFound("member"));
        }
        self.deps.store.remove_member(server, user).await?;
        self.announce_left(server, user, LeaveReason::Kicked);
        let target = Some(AuditTarget::new(TargetKind::User, user));
        self.record(server, actor, AuditAction::MemberKick, target, vec![])
            .await
    }

    /// Bans a user for a time or for good (admin who outranks them); a
    /// member is removed at once. Users who are not members may be banned
    /// too, to keep them out.
    pub async fn ban(&self, actor: &Actor, server: ServerId, req: BanRequest) -> Result<BanView> {
        if let Some(d) = req.duration_seconds {
            if !(1..=MAX_BAN_SECONDS).contains(&d) {
                let rule = format!(
                    "must be between 1 and {MAX_BAN_SECONDS} seconds; omit it for a permanent ban"
                );
                return Err(ValidationError::new("duration_seconds", rule).into());
            }
        }
        self.target_role(actor, server, req.user_id, Action::Ban)
            .await?;
        self.limit_write(actor.user_id, Write::Ban).await?;
        let Some(target) = self.deps.store.user_by_id(req.user_id).await? else {
            return Err(Error::NotFound("user"));
        };
        let now = self.now();
        let ban = Ban {
            server_id: server,
            user_id: req.user_id,
            reason: req.reason,
            banned_by: actor.user_id,
            created_at: now,
            expires_at: req.duration_seconds.map(|d| now.plus_seconds(d)),
        };
        // What the store removed, not `target_role`: a join may have
        // landed since that read, and its sockets must be unsubscribed.
        if self.deps.store.ban(&ban).await? {
            self.announce_left(server, req.user_id, LeaveReason::Banned);
        }
        // The ban's own reason is the entry's, unless the request gave one.
        let audit = match (&self.audit_reason, &ban.reason) {
            (None, Some(r)) => self.with_audit_reason(AuditReason::parse(r.as_str()).ok()),
            _ => self.clone(),
        };
        let expires = ban.expires_at.map(|t| AuditValue::from(t.to_rfc3339()));
        let changes = vec![AuditChange::new("expires_at", None, expires)];
        let aim = Some(AuditTarget::new(TargetKind::User, req.user_id));
        audit
            .record(server, actor, AuditAction::MemberBan, aim, changes)
            .await?;
        let user = author_summary(req.user_id, Some(&target));
        Ok(BanView { ban, user })
    }

    /// The server's active bans (admin).
    pub async fn list_bans(&self, actor: &Actor, server: ServerId) -> Result<Vec<BanView>> {
        self.authorize(server, actor.user_id, Action::ManageBans, Target::Server)
            .await?;
        let bans = self.deps.store.bans_of(server, self.now()).await?;
        let ids: Vec<UserId> = bans.iter().map(|b| b.user_id).collect();
        let users = self.deps.store.users_by_ids(&ids).await?;
        Ok(bans
            .into_iter()
            .map(|ban| {
                let user = users.iter().find(|u| u.id == ban.user_id);
                let user = author_summary(ban.user_id, user);
                BanView { ban, user }
            })
            .collect())
    }

    /// Lifts a ban (admin).
    pub async fn unban(&self, actor: &Actor, server: ServerId, user: UserId) -> Result<()> {
        self.authorize(server, actor.user_id, Action::ManageBans, Target::Server)
            .await?;
        if !self.deps.store.unban(server, user).await? {
            return Err(Error::NotFound("ban"));
        }
        let target = Some(AuditTarget::new(TargetKind::User, user));
        self.record(server, actor, AuditAction::MemberUnban, target, vec![])
            .await
    }

    /// Loads the actor's membership and the target's effective role, and
    /// checks that the actor may do `action` to them.
    pub(super) async fn target_role(
        &self,
        actor: &Actor,
        server: ServerId,
        user: UserId,
        action: Action,
    ) -> Result<(Authorized, Option<Role>)> {
        let on = self
            .authorize_on_user(server, actor.user_id, user, action)
            .await?;
        Ok((on.actor, on.target_role))
    }
}
