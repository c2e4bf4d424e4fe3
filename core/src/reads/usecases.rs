use super::buffer::{Noted, PendingMarker};
use super::{
    ChannelNotificationSettings, NotificationSettings, NotifyLevel, ReadState,
    ServerNotificationSettings,
};
use crate::auth::Actor;
use crate::chat::Chat;
use crate::error::{Result, ValidationError};
use crate::events::{Audience, EventKind};
use crate::ids::{ChannelId, MessageId, ServerId, UserId};
use crate::policy::{Action, Target};
use crate::time::Timestamp;

/// Changes to a server's notification settings; absent fields keep their
/// stored (or default) value.
#[derive(Debug, Clone, Default)]
pub struct ServerNotificationChanges {
    /// All, mentions or none (parse with [`NotifyLevel::parse_for_server`]).
    pub level: Option<NotifyLevel>,
    /// `Some(None)` unmutes.
    pub muted_until: Option<Option<Timestamp>>,
    /// Ignore `@everyone` and `@here`.
    pub suppress_everyone: Option<bool>,
}

/// Changes to a channel's notification settings; absent fields keep their
/// stored (or default) value.
#[derive(Debug, Clone, Default)]
pub struct ChannelNotificationChanges {
    /// Default, all, mentions or none.
    pub level: Option<NotifyLevel>,
    /// `Some(None)` unmutes.
    pub muted_until: Option<Option<Timestamp>>,
}

impl Chat {
    /// Marks `channel` read up to and including `message` for the caller
    /// and tells the caller's connections (`read_state.updated`). An older
    /// message than the current marker is accepted and changes nothing. A
    /// message that is not in the channel is a validation error on
    /// `message_id`; a channel the caller cannot see is "not found".
    pub async fn ack_channel(
        &self,
        actor: &Actor,
        channel: ChannelId,
        message: MessageId,
    ) -> Result<ReadState> {
        let (channel, _) = self
            .channel_for(actor, channel, Action::Participate)
            .await?;
        let store = &self.deps.store;
        let found = store.message_by_id(message).await?;
        if found.is_none_or(|m| m.channel_id != channel.id) {
            return Err(
                ValidationError::new("message_id", "must be a message of this channel").into(),
            );
        }
        let marker = (actor.user_id, channel.id, message);
        let known = match self.markers.note(marker, self.now(), true) {
            Noted::Pending(known) => known,
            Noted::WriteNow(write) => {
                let stored = store
                    .advance_read_marker(actor.user_id, channel.id, write)
                    .await?;
                self.markers.stored((actor.user_id, channel.id, stored));
                stored
            }
        };
        let counts = store
            .unread_after(actor.user_id, channel.id, Some(known))
            .await?;
        let state = ReadState::from_counts(channel.id, channel.server_id, Some(known), counts);
        self.publish(
            Audience::User(actor.user_id),
            EventKind::ReadStateUpdated {
                user_id: actor.user_id,
                state,
            },
        );
        Ok(state)
    }

    /// The caller's read state in every channel of every server they are
    /// in, reflecting every ack so far (pending markers are written first).
    pub async fn read_states(&self, actor: &Actor) -> Result<Vec<ReadState>> {
        let mine = self.markers.take_user(actor.user_id, self.now());
        self.write_markers(mine).await?;
        Ok(self.deps.store.read_states_of(actor.user_id).await?)
    }

    /// Writes the pending read markers that are due (every one with
    /// `all`: at shutdown). Call it every second or so, and once after the
    /// last request. Returns how many were written; a failed write leaves
    /// the unwritten markers pending for the next call.
    pub async fn flush_read_markers(&self, all: bool) -> Result<usize> {
        let due = self.markers.take_due(self.now(), all);
        let n = due.len();
        self.write_markers(due).await?;
        Ok(n)
    }

    /// How many read markers wait to be written (for tests and metrics).
    pub fn pending_read_markers(&self) -> usize {
        self.markers.pending_len()
    }

    /// Sending a message marks its channel read up to it for the sender;
    /// the write waits for the next flush (sends are the hot path).
    pub(crate) fn mark_sent(&self, user: UserId, channel: ChannelId, message: MessageId) {
        self.markers
            .note((user, channel, message), self.now(), false);
    }

    async fn write_markers(&self, markers: Vec<PendingMarker>) -> Result<()> {
        for (i, &(user, channel, message)) in markers.iter().enumerate() {
            match self
                .deps
                .store
                .advance_read_marker(user, channel, message)
                .await
            {
                Ok(stored) => self.markers.stored((user, channel, stored)),
                Err(e) => {
                    self.markers.put_back(&markers[i..]);
                    return Err(e.into());
                }
            }
        }
        Ok(())
    }

    /// The caller's stored notification settings (servers and channels
    /// without an entry use the defaults).
    pub async fn notification_settings(&self, actor: &Actor) -> Result<NotificationSettings> {
        Ok(self
            .deps
            .store
            .notification_settings_of(actor.user_id)
            .await?)
    }

    /// Sets the caller's notification settings for a server they are in,
    /// and tells their connections (`notification_settings.updated`).
    pub async fn set_server_notifications(
        &self,
        actor: &Actor,
        server: ServerId,
        changes: ServerNotificationChanges,
    ) -> Result<ServerNotificationSettings> {
        self.authorize(server, actor.user_id, Action::Participate, Target::Server)
            .await?;
        if changes.level == Some(NotifyLevel::Default) {
            return Err(
                ValidationError::new("level", "must be \"all\", \"mentions\" or \"none\"").into(),
            );
        }
        let current = self
            .notification_settings(actor)
            .await?
            .servers
            .into_iter()
            .find(|s| s.server_id == server)
            .unwrap_or(ServerNotificationSettings::default_for(server));
        let settings = ServerNotificationSettings {
            server_id: server,
            level: changes.level.unwrap_or(current.level),
            muted_until: changes.muted_until.unwrap_or(current.muted_until),
            suppress_everyone: changes
                .suppress_everyone
                .unwrap_or(current.suppress_everyone),
        };
        self.deps
            .store
            .put_server_notifications(actor.user_id, &settings)
            .await?;
        self.publish_settings(
            actor.user_id,
            NotificationSettings {
                servers: vec![settings],
                channels: Vec::new(),
            },
        );
        Ok(settings)
    }

    /// Sets the caller's notification settings for a channel they can see,
    /// and tells their connections (`notification_settings.updated`).
    pub async fn set_channel_notifications(
        &self,
        actor: &Actor,
        channel: ChannelId,
        changes: ChannelNotificationChanges,
    ) -> Result<ChannelNotificationSettings> {
        let (channel, _) = self
            .channel_for(actor, channel, Action::Participate)
            .await?;
        let current = self
            .notification_settings(actor)
            .await?
            .channels
            .into_iter()
            .find(|c| c.channel_id == channel.id)
            .unwrap_or(ChannelNotificationSettings::default_for(
                channel.id,
                channel.server_id,
            ));
        let settings = ChannelNotificationSettings {
            channel_id: channel.id,
            server_id: channel.server_id,
            level: changes.level.unwrap_or(current.level),
            muted_until: changes.muted_until.unwrap_or(current.muted_until),
        };
        self.deps
            .store
            .put_channel_notifications(actor.user_id, &settings)
            .await?;
        self.publish_settings(
            actor.user_id,
            NotificationSettings {
                servers: Vec::new(),
                channels: vec![settings],
            },
        );
        Ok(settings)
    }

    fn publish_settings(&self, user_id: UserId, settings: NotificationSettings) {
        self.publish(
            Audience::User(user_id),
            EventKind::NotificationSettingsUpdated { user_id, settings },
        );
    }
}
