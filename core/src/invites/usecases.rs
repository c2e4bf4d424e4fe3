use super::{Invite, JoinOutcome};
use crate::audit::{time_value, AuditAction, AuditChange, AuditTarget, AuditValue, TargetKind};
use crate::auth::Actor;
use crate::chat::Chat;
use crate::error::{Conflict, Error, Result, ValidationError};
use crate::ids::{InviteCode, ServerId, UserId};
use crate::limits::{Quota, Write};
use crate::members::{member_joined, LeaveReason, Member};
use crate::policy::{Action, Target};
use crate::presence::ShownStatus;
use crate::role::Role;
use crate::servers::{ServerDetails, ServerName};
use crate::time::Timestamp;

/// The longest an invite may live: one year.
const MAX_INVITE_SECONDS: u64 = 365 * 24 * 3600;
/// The most uses an invite may allow.
const MAX_INVITE_USES: u32 = 1_000_000;

/// Limits of a new invite; absent means unlimited.
#[derive(Debug, Clone, Copy, Default)]
pub struct InviteOptions {
    /// How many joins it allows.
    pub max_uses: Option<i64>,
    /// How long it lives, in seconds.
    pub expires_in_seconds: Option<i64>,
}

/// What anyone holding a code may see before joining.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitePreview {
    /// The code.
    pub code: InviteCode,
    /// The server's id.
    pub server_id: ServerId,
    /// The server's name.
    pub server_name: ServerName,
    /// The server's icon (public, as on the server itself), if it has one.
    pub icon_url: Option<String>,
    /// How many members it has.
    pub member_count: u64,
    /// How many of them others see online (invisible members count as
    /// offline).
    pub online_count: u64,
    /// When the invite expires.
    pub expires_at: Option<Timestamp>,
    /// The signed-in viewer's active ban from the server, if any: only
    /// the viewer learns of it, so the client can say so before Join.
    pub viewer_ban: Option<ViewerBan>,
}

/// What a banned viewer learns about their own ban from a preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewerBan {
    /// When it ends (`None`: permanent).
    pub expires_at: Option<Timestamp>,
}

impl Chat {
    /// Creates an invite (admin).
    pub async fn create_invite(
        &self,
        actor: &Actor,
        server: ServerId,
        options: InviteOptions,
    ) -> Result<Invite> {
        self.authorize(server, actor.user_id, Action::ManageInvites, Target::Server)
            .await?;
        self.check_quota(Quota::Invites(server)).await?;
        self.limit_write(actor.user_id, Write::CreateInvite).await?;
        let max_uses = in_range(options.max_uses, "max_uses", 1, MAX_INVITE_USES.into())?;
        let lifetime = in_range(
            options.expires_in_seconds,
            "expires_in_seconds",
            1,
            MAX_INVITE_SECONDS,
        )?;
        let now = self.now();
        let invite = Invite {
            code: self.deps.ids.new_invite_code(),
            server_id: server,
            created_by: actor.user_id,
            created_at: now,
            expires_at: lifetime.map(|s| now.plus_seconds(s as i64)),
            max_uses: max_uses.map(|n| n as u32),
            uses: 0,
        };
        self.deps.store.insert_invite(&invite).await?;
        let changes = vec![
            AuditChange::new(
                "max_uses",
                None,
                invite.max_uses.map(|n| AuditValue::Int(n.into())),
            ),
            AuditChange::new("expires_at", None, time_value(invite.expires_at)),
        ];
        let target = Some(AuditTarget::new(TargetKind::Invite, invite.code.as_str()));
        self.record(server, actor, AuditAction::InviteCreate, target, changes)
            .await?;
        Ok(invite)
    }

    /// The server's invites (admin).
    pub async fn list_invites(&self, actor: &Actor, server: ServerId) -> Result<Vec<Invite>> {
        self.authorize(server, actor.user_id, Action::ManageInvites, Target::Server)
            .await?;
        Ok(self.deps.store.invites_of(server).await?)
    }

    /// Revokes an invite (admin of its server).
    pub async fn revoke_invite(&self, actor: &Actor, code: &InviteCode) -> Result<()> {
        let invite = self.invite(code).await?;
        self.authorize(
            invite.server_id,
            actor.user_id,
            Action::ManageInvites,
            Target::Server,
        )
        .await
        .map_err(not_found_as_invite)?;
        self.deps.store.delete_invite(code).await?;
        let target = Some(AuditTarget::new(TargetKind::Invite, code.as_str()));
        self.record(
            invite.server_id,
            actor,
            AuditAction::InviteDelete,
            target,
            vec![],
        )
        .await
    }

    /// What a code leads to, for anyone (`viewer` is the signed-in caller,
    /// if any); an expired or used-up invite is `invite_expired`.
    pub async fn preview_invite(
        &self,
        code: &InviteCode,
        viewer: Option<UserId>,
    ) -> Result<InvitePreview> {
        let invite = self.invite(code).await?;
        if !invite.is_usable(self.now()) {
            return Err(Error::InviteExpired);
        }
        let store = &self.deps.store;
        let server = store
            .server_by_id(invite.server_id)
            .await?
            .ok_or(Error::NotFound("invite"))?;
        let viewer_ban = match viewer {
            Some(user) => store
                .active_ban(server.id, user, self.now())
                .await?
                .map(|b| ViewerBan {
                    expires_at: b.expires_at,
                }),
            None => None,
        };
        Ok(InvitePreview {
            code: invite.code,
            server_id: server.id,
            member_count: store.member_count(server.id).await?,
            online_count: self.online_count(server.id).await?,
            icon_url: crate::pictures::icon_url(&server),
            server_name: server.name,
            expires_at: invite.expires_at,
            viewer_ban,
        })
    }

    /// How many members of the server others see online.
    async fn online_count(&self, server: ServerId) -> Result<u64> {
        let store = &self.deps.store;
        let ids: Vec<UserId> = store
            .members_of(server)
            .await?
            .into_iter()
            .map(|m| m.user_id)
            .filter(|id| self.deps.presence.is_connected(*id))
            .collect();
        let users = store.users_by_ids(&ids).await?;
        let online = users
            .iter()
            .filter(|u| u.status.shown_to(true, false) != ShownStatus::Offline)
            .count();
        Ok(online as u64)
    }

    /// Joins the invite's server. `expected_server`, when given, must be
    /// the invite's server (else "not found"). Joining a server one is
    /// already in changes nothing and answers the server.
    pub async fn join_via_invite(
        &self,
        actor: &Actor,
        code: &InviteCode,
        expected_server: Option<ServerId>,
    ) -> Result<ServerDetails> {
        let invite = self.invite(code).await?;
        if expected_server.is_some_and(|id| id != invite.server_id) {
            return Err(Error::NotFound("invite"));
        }
        let member = Member {
            server_id: invite.server_id,
            user_id: actor.user_id,
            role: Role::Member,
            joined_at: self.now(),
        };
        let store = &self.deps.store;
        let newly_joined = match store.join_with_invite(code, &member, self.now()).await? {
            JoinOutcome::Joined => true,
            JoinOutcome::AlreadyMember => false,
            JoinOutcome::Banned => return Err(Conflict::Banned.into()),
            JoinOutcome::Expired => return Err(Error::InviteExpired),
            JoinOutcome::NotFound => return Err(Error::NotFound("invite")),
        };
        let server = store
            .server_by_id(invite.server_id)
            .await?
            .ok_or(Error::NotFound("invite"))?;
        let my_role = if newly_joined {
            Role::Member
        } else {
            let stored = store
                .member(server.id, actor.user_id)
                .await?
                .map_or(Role::Member, |m| m.role);
            Role::effective(server.owner_id, actor.user_id, stored)
        };
        if newly_joined {
            self.announce_member(&server, member, member_joined).await?;
            self.announce_if_removed_meanwhile(server.id, actor.user_id)
                .await?;
        }
        self.server_details(server, my_role).await
    }

    /// A ban (or kick) that removed the new member between the store's
    /// join and `member.joined` has announced `member.left` already, maybe
    /// before that `member.joined` subscribed their sockets again: if the
    /// membership is gone now, say so once more, after it. Banned
    /// meanwhile, the join answers `banned` as if the ban came first.
    async fn announce_if_removed_meanwhile(&self, server: ServerId, user: UserId) -> Result<()> {
        let store = &self.deps.store;
        if store.member(server, user).await?.is_some() {
            return Ok(());
        }
        if store.active_ban(server, user, self.now()).await?.is_some() {
            self.announce_left(server, user, LeaveReason::Banned);
            return Err(Conflict::Banned.into());
        }
        self.announce_left(server, user, LeaveReason::Kicked);
        Ok(())
    }

    async fn invite(&self, code: &InviteCode) -> Result<Invite> {
        self.deps
            .store
            .invite_by_code(code)
            .await?
            .ok_or(Error::NotFound("invite"))
    }
}

/// A missing-or-hidden server reads as a missing invite to the caller.
fn not_found_as_invite(e: Error) -> Error {
    match e {
        Error::NotFound(_) => Error::NotFound("invite"),
        other => other,
    }
}

/// `None` stays `None`; a number must be in `min..=max`.
fn in_range(value: Option<i64>, field: &'static str, min: u64, max: u64) -> Result<Option<u64>> {
    match value {
        None => Ok(None),
        Some(v) if v >= min as i64 && v as u64 <= max => Ok(Some(v as u64)),
        Some(_) => {
            Err(ValidationError::new(field, format!("must be between {min} and {max}")).into())
        }
    }
}
