use super::{Description, Server, ServerName};
use crate::audit::{AuditAction, AuditChange, AuditTarget, AuditValue, TargetKind};
use crate::auth::Actor;
use crate::channels::{Channel, ChannelName, Slowmode, Topic};
use crate::chat::Chat;
use crate::error::{Conflict, Error, Result};
use crate::events::{Audience, EventKind};
use crate::ids::{ChannelId, ServerId, UserId};
use crate::limits::{Quota, Write};
use crate::members::{member_joined, member_updated, Member};
use crate::policy::{Action, Target};
use crate::role::Role;

/// A server as one member sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerView {
    /// The server.
    pub server: Server,
    /// How many members it has.
    pub member_count: u64,
    /// The viewer's role in it.
    pub my_role: Role,
}

/// A server with its channels (by position).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerDetails {
    /// The server.
    pub view: ServerView,
    /// Its channels in order.
    pub channels: Vec<Channel>,
}

/// Changes to a server; absent fields stay as they are.
#[derive(Debug, Clone, Default)]
pub struct ServerChanges {
    /// A new name.
    pub name: Option<ServerName>,
    /// A new description.
    pub description: Option<Description>,
}

impl Chat {
    /// Creates a server owned by the caller, with a `general` channel.
    pub async fn create_server(
        &self,
        actor: &Actor,
        name: ServerName,
        description: Option<Description>,
    ) -> Result<ServerDetails> {
        self.check_quota(Quota::ServersOwned(actor.user_id)).await?;
        self.limit_write(actor.user_id, Write::CreateServer).await?;
        let now = self.now();
        let server = Server {
            id: ServerId::from_uuid(self.deps.ids.new_uuid()),
            name,
            description: description.unwrap_or(Description::parse("")?),
            owner_id: actor.user_id,
            created_at: now,
            icon_key: None,
        };
        let owner = Member {
            server_id: server.id,
            user_id: actor.user_id,
            role: Role::Owner,
            joined_at: now,
        };
        let general = Channel {
            id: ChannelId::from_uuid(self.deps.ids.new_uuid()),
            server_id: server.id,
            name: ChannelName::parse("general")?,
            topic: Topic::parse("")?,
            position: 0,
            slowmode: Slowmode::OFF,
            created_at: now,
        };
        self.deps
            .store
            .create_server(&server, &owner, &general)
            .await?;
        // The owner's open sockets start receiving the new server's events
        // (the gateway adds a user to a server on `MemberJoined`).
        self.announce_member(&server, owner, member_joined).await?;
        let view = ServerView {
            server,
            member_count: 1,
            my_role: Role::Owner,
        };
        Ok(ServerDetails {
            view,
            channels: vec![general],
        })
    }

    /// The servers the caller belongs to.
    pub async fn list_servers(&self, actor: &Actor) -> Result<Vec<ServerView>> {
        let store = &self.deps.store;
        let memberships = store.memberships_of(actor.user_id).await?;
        let mut views = Vec::new();
        for server in store.servers_of_user(actor.user_id).await? {
            let stored = memberships
                .iter()
                .find(|m| m.server_id == server.id)
                .map_or(Role::Member, |m| m.role);
            let my_role = Role::effective(server.owner_id, actor.user_id, stored);
            views.push(self.server_view(server, my_role).await?);
        }
        Ok(views)
    }

    /// Every server the caller belongs to with its channels (what the
    /// gateway's `ready` lists), oldest membership first, in a fixed number
    /// of store round trips however many servers there are.
    pub async fn servers_with_channels(&self, actor: &Actor) -> Result<Vec<ServerDetails>> {
        let mut servers = self.deps.store.servers_overview(actor.user_id).await?;
        for details in &mut servers {
            let view = &mut details.view;
            view.my_role = Role::effective(view.server.owner_id, actor.user_id, view.my_role);
        }
        Ok(servers)
    }

    /// A server the caller belongs to, with its channels.
    pub async fn get_server(&self, actor: &Actor, id: ServerId) -> Result<ServerDetails> {
        let m = self
            .authorize(id, actor.user_id, Action::Participate, Target::Server)
            .await?;
        let my_role = m.member_role();
        self.server_details(m.server, my_role).await
    }

    /// Renames or re-describes a server (admin).
    pub async fn update_server(
        &self,
        actor: &Actor,
        id: ServerId,
        changes: ServerChanges,
    ) -> Result<ServerDetails> {
        let m = self
            .authorize(id, actor.user_id, Action::UpdateServer, Target::Server)
            .await?;
        let my_role = m.member_role();
        let before = m.server.clone();
        let name = changes.name.unwrap_or(m.server.name);
        let description = changes.description.unwrap_or(m.server.description);
        let server = self
            .deps
            .store
            .update_server(id, &name, &description)
            .await?
            .ok_or(Error::NotFound("server"))?;
        let details = self.server_details(server, my_role).await?;
        self.announce_server(&details.view).await?;
        let changes: Vec<AuditChange> = [
            AuditChange::if_changed("name", before.name.as_str(), name.as_str()),
            AuditChange::if_changed(
                "description",
                before.description.as_str(),
                description.as_str(),
            ),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !changes.is_empty() {
            self.record(id, actor, AuditAction::ServerUpdate, None, changes)
                .await?;
        }
        Ok(details)
    }

    /// Deletes a server and everything in it (owner).
    pub async fn delete_server(&self, actor: &Actor, id: ServerId) -> Result<()> {
        self.authorize(id, actor.user_id, Action::DeleteServer, Target::Server)
            .await?;
        // The icon's file would otherwise outlive the server.
        self.remove_picture(crate::pictures::PictureOf::Server(id))
            .await?;
        self.deps.store.delete_server(id).await?;
        self.publish(
            Audience::Server(id),
            EventKind::ServerDeleted { server_id: id },
        );
        Ok(())
    }

    /// Hands ownership to another member (owner); the old owner becomes admin.
    pub async fn transfer_ownership(
        &self,
        actor: &Actor,
        id: ServerId,
        to: UserId,
    ) -> Result<ServerDetails> {
        let on = self
            .authorize_on_user(id, actor.user_id, to, Action::TransferOwnership)
            .await?;
        if on.target.is_none() {
            return Err(Error::NotFound("member"));
        }
        if to == actor.user_id {
            return Err(Conflict::Other("you already own this server").into());
        }
        if !self
            .deps
            .store
            .transfer_ownership(id, actor.user_id, to)
            .await?
        {
            return Err(Conflict::Other("ownership changed meanwhile; reload and retry").into());
        }
        let server = self
            .deps
            .store
            .server_by_id(id)
            .await?
            .ok_or(Error::NotFound("server"))?;
        for user in [actor.user_id, to] {
            if let Some(member) = self.deps.store.member(id, user).await? {
                self.announce_member(&server, member, member_updated)
                    .await?;
            }
        }
        // The old owner is an admin now.
        let details = self.server_details(server, Role::Admin).await?;
        self.announce_server(&details.view).await?;
        let change = AuditChange::new(
            "owner_id",
            Some(AuditValue::from(actor.user_id.to_string())),
            Some(AuditValue::from(to.to_string())),
        );
        let target = Some(AuditTarget::new(TargetKind::User, to));
        self.record(
            id,
            actor,
            AuditAction::OwnershipTransfer,
            target,
            vec![change],
        )
        .await?;
        Ok(details)
    }

    pub(crate) async fn server_view(&self, server: Server, my_role: Role) -> Result<ServerView> {
        let member_count = self.deps.store.member_count(server.id).await?;
        Ok(ServerView {
            server,
            member_count,
            my_role,
        })
    }

    /// The server with its channels, as a member with `my_role` sees it.
    pub(crate) async fn server_details(
        &self,
        server: Server,
        my_role: Role,
    ) -> Result<ServerDetails> {
        let channels = self.deps.store.channels_of(server.id).await?;
        let view = self.server_view(server, my_role).await?;
        Ok(ServerDetails { view, channels })
    }

    /// Publishes `server.updated` once per role, to the members who hold
    /// it, so each member's copy carries their own `my_role`.
    pub(crate) async fn announce_server(&self, view: &ServerView) -> Result<()> {
        let server = &view.server;
        let members = self.deps.store.members_of(server.id).await?;
        for role in [Role::Owner, Role::Admin, Role::Member] {
            let holders: Vec<UserId> = members
                .iter()
                .filter(|m| Role::effective(server.owner_id, m.user_id, m.role) == role)
                .map(|m| m.user_id)
                .collect();
            if holders.is_empty() {
                continue;
            }
            let view = ServerView {
                my_role: role,
                ..view.clone()
            };
            self.publish(Audience::Users(holders), EventKind::ServerUpdated { view });
        }
        Ok(())
    }
}
