use super::{Channel, ChannelName, Slowmode, Topic};
use crate::audit::{AuditAction, AuditChange, AuditTarget, AuditValue, TargetKind};
use crate::auth::Actor;
use crate::chat::{Access, Chat};
use crate::error::{Error, Result};
use crate::events::{Audience, EventKind};
use crate::ids::{ChannelId, ServerId};
use crate::limits::{Quota, Write};
use crate::policy::{Action, Target};

/// Changes to a channel; absent fields stay as they are.
#[derive(Debug, Clone, Default)]
pub struct ChannelChanges {
    /// A new name.
    pub name: Option<ChannelName>,
    /// A new topic.
    pub topic: Option<Topic>,
    /// A new sort key.
    pub position: Option<i64>,
    /// A new slow mode.
    pub slowmode: Option<Slowmode>,
}

impl Chat {
    /// Creates a channel at the end of the list (admin), without slow mode.
    pub async fn create_channel(
        &self,
        actor: &Actor,
        server: ServerId,
        name: ChannelName,
        topic: Option<Topic>,
    ) -> Result<Channel> {
        self.create_channel_with(actor, server, name, topic, None)
            .await
    }

    /// Creates a channel at the end of the list (admin), with a slow mode.
    pub async fn create_channel_with(
        &self,
        actor: &Actor,
        server: ServerId,
        name: ChannelName,
        topic: Option<Topic>,
        slowmode: Option<Slowmode>,
    ) -> Result<Channel> {
        self.authorize(
            server,
            actor.user_id,
            Action::ManageChannels,
            Target::Server,
        )
        .await?;
        self.check_quota(Quota::Channels(server)).await?;
        self.limit_write(actor.user_id, Write::CreateChannel)
            .await?;
        let store = &self.deps.store;
        let last = store
            .channels_of(server)
            .await?
            .iter()
            .map(|c| c.position)
            .max();
        let channel = Channel {
            id: ChannelId::from_uuid(self.deps.ids.new_uuid()),
            server_id: server,
            name,
            topic: topic.unwrap_or(Topic::parse("")?),
            position: last.map_or(0, |p| p.saturating_add(1)),
            slowmode: slowmode.unwrap_or_default(),
            created_at: self.now(),
        };
        store.insert_channel(&channel).await?;
        self.publish(
            Audience::Server(server),
            EventKind::ChannelCreated(channel.clone()),
        );
        let changes = vec![
            AuditChange::new("name", None, Some(channel.name.as_str().into())),
            AuditChange::new("topic", None, Some(channel.topic.as_str().into())),
            AuditChange::new("slowmode_seconds", None, Some(slowmode_value(&channel))),
        ];
        let target = Some(AuditTarget::new(TargetKind::Channel, channel.id));
        self.record(server, actor, AuditAction::ChannelCreate, target, changes)
            .await?;
        Ok(channel)
    }

    /// The server's channels by position.
    pub async fn list_channels(&self, actor: &Actor, server: ServerId) -> Result<Vec<Channel>> {
        self.authorize(server, actor.user_id, Action::Participate, Target::Server)
            .await?;
        Ok(self.deps.store.channels_of(server).await?)
    }

    /// One channel of a server the caller belongs to.
    pub async fn get_channel(&self, actor: &Actor, id: ChannelId) -> Result<Channel> {
        let (channel, _) = self.channel_for(actor, id, Action::Participate).await?;
        Ok(channel)
    }

    /// Renames, re-topics or moves a channel (admin).
    pub async fn update_channel(
        &self,
        actor: &Actor,
        id: ChannelId,
        changes: ChannelChanges,
    ) -> Result<Channel> {
        let (current, access) = self.channel_for(actor, id, Action::ManageChannels).await?;
        if let Access::Direct(_) = access {
            let Some(name) = changes.name else {
                return Ok(current);
            };
            return Ok(self.rename_group(actor, id, name).await?.channel);
        }
        let before = current.clone();
        let channel = Channel {
            name: changes.name.unwrap_or(current.name),
            topic: changes.topic.unwrap_or(current.topic),
            position: changes.position.unwrap_or(current.position),
            slowmode: changes.slowmode.unwrap_or(current.slowmode),
            ..current
        };
        if !self.deps.store.update_channel(&channel).await? {
            return Err(Error::NotFound("channel"));
        }
        self.publish(
            Audience::Server(channel.server_id),
            EventKind::ChannelUpdated(channel.clone()),
        );
        self.record_channel_update(actor, &before, &channel).await?;
        Ok(channel)
    }

    /// Deletes a channel and its messages (admin).
    pub async fn delete_channel(&self, actor: &Actor, id: ChannelId) -> Result<()> {
        let (channel, access) = self.channel_for(actor, id, Action::ManageChannels).await?;
        if let Access::Direct(_) = access {
            return Err(Error::Forbidden(
                "a group is deleted when its last member leaves",
            ));
        }
        self.deps.store.delete_channel(id).await?;
        self.publish(
            Audience::Server(channel.server_id),
            EventKind::ChannelDeleted {
                id,
                server_id: channel.server_id,
            },
        );
        let changes = vec![AuditChange::new(
            "name",
            Some(channel.name.as_str().into()),
            None,
        )];
        let target = Some(AuditTarget::new(TargetKind::Channel, id));
        self.record(
            channel.server_id,
            actor,
            AuditAction::ChannelDelete,
            target,
            changes,
        )
        .await
    }

    /// Records what an update changed: `channel_reorder` when only the
    /// position moved, `channel_update` otherwise, nothing when nothing did.
    async fn record_channel_update(
        &self,
        actor: &Actor,
        before: &Channel,
        after: &Channel,
    ) -> Result<()> {
        let position = AuditChange::if_changed("position", before.position, after.position);
        let others: Vec<AuditChange> = [
            AuditChange::if_changed("name", before.name.as_str(), after.name.as_str()),
            AuditChange::if_changed("topic", before.topic.as_str(), after.topic.as_str()),
            AuditChange::if_changed(
                "slowmode_seconds",
                slowmode_value(before),
                slowmode_value(after),
            ),
        ]
        .into_iter()
        .flatten()
        .collect();
        let action = if others.is_empty() {
            AuditAction::ChannelReorder
        } else {
            AuditAction::ChannelUpdate
        };
        let changes: Vec<AuditChange> = others.into_iter().chain(position).collect();
        if changes.is_empty() {
            return Ok(());
        }
        let target = Some(AuditTarget::new(TargetKind::Channel, after.id));
        self.record(after.server_id, actor, action, target, changes)
            .await
    }

    /// Loads a channel and checks the caller may do `action` in its server;
    /// a non-member is told the channel does not exist.
    pub(crate) async fn channel_for(
        &self,
        actor: &Actor,
        id: ChannelId,
        action: Action,
    ) -> Result<(Channel, Access)> {
        let channel = self
            .deps
            .store
            .channel_by_id(id)
            .await?
            .ok_or(Error::NotFound("channel"))?;
        if channel.is_direct() {
            let direct = self.direct_for(actor.user_id, id).await?;
            let owner = direct.owner_id == Some(actor.user_id);
            return match action {
                Action::Participate | Action::ManageMessages => {
                    Ok((channel, Access::Direct(direct)))
                }
                Action::ManageChannels if owner => Ok((channel, Access::Direct(direct))),
                _ => Err(Error::Forbidden("not in a direct message")),
            };
        }
        let m = self
            .authorize(channel.server_id, actor.user_id, action, Target::Server)
            .await
            .map_err(|e| match e {
                Error::NotFound(_) => Error::NotFound("channel"),
                other => other,
            })?;
        Ok((channel, Access::Server(m)))
    }
}

fn slowmode_value(channel: &Channel) -> AuditValue {
    AuditValue::Int(channel.slowmode.seconds().into())
}
