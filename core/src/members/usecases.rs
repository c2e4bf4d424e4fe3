use std::collections::HashMap;

use super::{LeaveReason, Member};
use crate::audit::{AuditAction, AuditChange, AuditTarget, TargetKind};
use crate::auth::Actor;
use crate::chat::Chat;
use crate::error::{Conflict, Error, Result, ValidationError};
use crate::events::{Audience, EventKind};
use crate::ids::{ServerId, UserId};
use crate::policy::{Action, Target};
use crate::presence::ShownStatus;
use crate::role::Role;
use crate::servers::Server;
use crate::time::Timestamp;
use crate::users::{DisplayName, User, Username};

/// A member as others see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberView {
    /// The user.
    pub user_id: UserId,
    /// Their login name.
    pub username: Username,
    /// Their shown name.
    pub display_name: DisplayName,
    /// Their effective role.
    pub role: Role,
    /// Their status as others see it (invisible shows as offline).
    pub status: ShownStatus,
    /// When they joined.
    pub joined_at: Timestamp,
    /// When their running timeout ends (`None`: not timed out).
    pub timed_out_until: Option<Timestamp>,
    /// Their avatar's URL, if they set one.
    pub avatar_url: Option<String>,
}

impl Chat {
    /// The members of a server the caller belongs to, with live status.
    pub async fn list_members(&self, actor: &Actor, server: ServerId) -> Result<Vec<MemberView>> {
        let m = self
            .authorize(server, actor.user_id, Action::Participate, Target::Server)
            .await?;
        let store = &self.deps.store;
        let members = store.members_of(server).await?;
        let ids: Vec<UserId> = members.iter().map(|m| m.user_id).collect();
        // By id, so matching members to users stays linear in server size.
        let users: HashMap<UserId, User> = store
            .users_by_ids(&ids)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
        let timeouts: HashMap<UserId, Timestamp> = store
            .timeouts_of(server, self.now())
            .await?
            .into_iter()
            .collect();
        let views = members
            .into_iter()
            .filter_map(|member| {
                let user = users.get(&member.user_id)?;
                let until = timeouts.get(&member.user_id).copied();
                Some(self.view_of(&m.server, member, user, Some(actor.user_id), until))
            })
            .collect();
        Ok(views)
    }

    /// Leaves a server; the owner is refused with `owner_cannot_leave`.
    pub async fn leave_server(&self, actor: &Actor, server: ServerId) -> Result<()> {
        self.authorize(server, actor.user_id, Action::Leave, Target::Server)
            .await?;
        self.deps.store.remove_member(server, actor.user_id).await?;
        self.announce_left(server, actor.user_id, LeaveReason::Left);
        Ok(())
    }

    /// Makes a member admin or member (owner). `owner` is refused: ownership
    /// moves only by transfer.
    pub async fn set_role(
        &self,
        actor: &Actor,
        server: ServerId,
        user: UserId,
        role: Role,
    ) -> Result<MemberView> {
        let on = self
            .authorize_on_user(server, actor.user_id, user, Action::SetRole)
            .await?;
        let (m, target_role) = (on.actor, on.target_role);
        if role == Role::Owner {
            return Err(ValidationError::new(
                "role",
                "must be admin or member; use transfer-ownership to change the owner",
            )
            .into());
        }
        match target_role {
            None => return Err(Error::NotFound("member")),
            Some(Role::Owner) => {
                return Err(Conflict::Other(
                    "the owner's role changes only by transferring ownership",
                )
                .into())
            }
            Some(_) => {}
        }
        let updated = self
            .deps
            .store
            .set_role(server, user, role)
            .await?
            .ok_or(Error::NotFound("member"))?;
        let view = self
            .announce_member(&m.server, updated, member_updated)
            .await?;
        let old = target_role.map_or("member", Role::as_str);
        let changes = AuditChange::if_changed("role", old, role.as_str());
        let target = Some(AuditTarget::new(TargetKind::User, user));
        self.record(
            server,
            actor,
            AuditAction::MemberRoleUpdate,
            target,
            changes.into_iter().collect(),
        )
        .await?;
        Ok(view)
    }

    /// Publishes an event about `member` to their server: carrying the
    /// member as others see them, and, when they look different to
    /// themself (invisible shows as offline to others only), a second one
    /// to their own connections as they see themself. Returns the view
    /// others see.
    pub(crate) async fn announce_member(
        &self,
        server: &Server,
        member: Member,
        event: impl Fn(ServerId, MemberView) -> EventKind,
    ) -> Result<MemberView> {
        let user = self
            .deps
            .store
            .user_by_id(member.user_id)
            .await?
            .ok_or(Error::NotFound("member"))?;
        let until = self
            .deps
            .store
            .timeout_until(server.id, user.id, self.now())
            .await?;
        let to_others = self.view_of(server, member.clone(), &user, None, until);
        let to_self = self.view_of(server, member, &user, Some(user.id), until);
        // Only their live connections would see the second one.
        let looks_the_same = to_self.status == to_others.status;
        if looks_the_same || !self.deps.presence.is_connected(user.id) {
            let audience = Audience::Server(server.id);
            self.publish(audience, event(server.id, to_others.clone()));
        } else {
            let others = Audience::CoMembers {
                servers: vec![server.id],
                except: user.id,
            };
            self.publish(others, event(server.id, to_others.clone()));
            self.publish(Audience::User(user.id), event(server.id, to_self));
        }
        Ok(to_others)
    }

    /// Tells the server (the leaver included, last time) that a member is gone.
    pub(crate) fn announce_left(&self, server: ServerId, user: UserId, reason: LeaveReason) {
        self.publish(
            Audience::Server(server),
            EventKind::MemberLeft {
                server_id: server,
                user_id: user,
                reason,
            },
        );
    }

    /// `viewer`: who looks (`None`: everyone else but the member);
    /// `timed_out_until`: the end of their running timeout.
    fn view_of(
        &self,
        server: &Server,
        member: Member,
        user: &User,
        viewer: Option<UserId>,
        timed_out_until: Option<Timestamp>,
    ) -> MemberView {
        let connected = self.deps.presence.is_connected(user.id);
        let to_self = viewer == Some(user.id);
        MemberView {
            user_id: user.id,
            username: user.username.clone(),
            display_name: user.display_name.clone(),
            role: Role::effective(server.owner_id, user.id, member.role),
            status: user.status.shown_to(connected, to_self),
            joined_at: member.joined_at,
            timed_out_until,
            avatar_url: crate::pictures::avatar_url(user),
        }
    }
}

/// `member.joined`, for [`Chat::announce_member`].
pub(crate) fn member_joined(server_id: ServerId, member: MemberView) -> EventKind {
    EventKind::MemberJoined { server_id, member }
}

/// `member.updated`, for [`Chat::announce_member`].
pub(crate) fn member_updated(server_id: ServerId, member: MemberView) -> EventKind {
    EventKind::MemberUpdated { server_id, member }
}
