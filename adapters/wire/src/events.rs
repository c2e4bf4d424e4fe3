//! WebSocket event payloads: the `type` and `data` of each server event,
//! one typed shape per event (`docs/asyncapi.yaml`, checked by chat-ws's
//! `asyncapi` test).

use chat_core::events::EventKind;
use serde::Serialize;

use crate::direct::{DirectChannelDto, RecipientAddedDto, RecipientRemovedDto};
use crate::reads::{NotificationSettingsDto, ReadStateDto};
use crate::resources::{ChannelDto, MemberDto, MessageDto, ServerDto};

/// An event as clients see it, before the gateway adds its `seq`.
#[derive(Debug, Clone, PartialEq)]
pub struct EventPayload {
    /// The frame's `type` (`message.created`, …).
    pub kind: &'static str,
    /// The frame's `data`.
    pub data: EventData,
}

/// The `data` of an event frame. Untagged: the frame's `type` names the
/// shape, so each variant serializes as its payload alone.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum EventData {
    /// `message.created`, `message.updated`: the message.
    Message(Box<MessageDto>),
    /// `message.deleted`.
    MessageDeleted(MessageDeletedDto),
    /// `typing.started`.
    TypingStarted(TypingStartedDto),
    /// `presence.updated`.
    PresenceUpdated(PresenceUpdatedDto),
    /// `member.joined`, `member.updated`.
    Member(MemberEventDto),
    /// `member.left`.
    MemberLeft(MemberLeftDto),
    /// `server.updated`: the server as its recipients' role sees it.
    Server(ServerDto),
    /// `server.deleted`.
    ServerDeleted(ServerDeletedDto),
    /// `channel.created`, `channel.updated`: the channel.
    Channel(ChannelDto),
    /// `channel.deleted`.
    ChannelDeleted(ChannelDeletedDto),
    /// `reaction.added`, `reaction.removed`.
    Reaction(ReactionEventDto),
    /// `reaction.removed_all`.
    ReactionsCleared(ReactionsClearedDto),
    /// `channel.pins_updated`.
    ChannelPinsUpdated(ChannelPinsUpdatedDto),
    /// `read_state.updated`: one read state.
    ReadState(ReadStateDto),
    /// `notification_settings.updated`: all of the user's settings.
    NotificationSettings(NotificationSettingsDto),
    /// `channel.created`, `channel.updated` of a DM or group.
    DirectChannel(Box<DirectChannelDto>),
    /// `recipient.added`.
    RecipientAdded(RecipientAddedDto),
    /// `recipient.removed`.
    RecipientRemoved(RecipientRemovedDto),
}

/// `reaction.added` / `reaction.removed`: `{message_id, channel_id, server_id, emoji, user_id}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReactionEventDto {
    pub message_id: String,
    pub channel_id: String,
    pub server_id: String,
    pub emoji: String,
    pub user_id: String,
}

/// `reaction.removed_all`: `{message_id, channel_id, server_id}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReactionsClearedDto {
    pub message_id: String,
    pub channel_id: String,
    pub server_id: String,
}

/// `channel.pins_updated`: `{channel_id, server_id}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelPinsUpdatedDto {
    pub channel_id: String,
    pub server_id: String,
}

/// `message.deleted`: `{id, channel_id, server_id}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MessageDeletedDto {
    pub id: String,
    pub channel_id: String,
    pub server_id: String,
}

/// `typing.started`: `{channel_id, server_id, user_id, expires_at}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypingStartedDto {
    pub channel_id: String,
    pub server_id: String,
    pub user_id: String,
    pub expires_at: String,
}

/// `presence.updated`: `{user_id, status}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PresenceUpdatedDto {
    pub user_id: String,
    pub status: &'static str,
}

/// `member.joined`, `member.updated`: `{server_id, member}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberEventDto {
    pub server_id: String,
    pub member: MemberDto,
}

/// `member.left`: `{server_id, user_id, reason}` (`left|kicked|banned`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberLeftDto {
    pub server_id: String,
    pub user_id: String,
    pub reason: &'static str,
}

/// `server.deleted`: `{server_id}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServerDeletedDto {
    pub server_id: String,
}

/// `channel.deleted`: `{id, server_id}` (`server_id` `null` for a DM or group).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelDeletedDto {
    pub id: String,
    pub server_id: Option<String>,
}

/// The client-visible form of an event; `None` for internal events
/// (`SessionsRevoked`), which the gateway acts on instead of sending.
pub fn event_payload(event: &EventKind) -> Option<EventPayload> {
    let (kind, data) = match event {
        EventKind::MessageCreated(m) => ("message.created", EventData::Message(Box::new(m.into()))),
        EventKind::MessageUpdated(m) => ("message.updated", EventData::Message(Box::new(m.into()))),
        EventKind::MessageDeleted {
            id,
            channel_id,
            server_id,
        } => (
            "message.deleted",
            EventData::MessageDeleted(MessageDeletedDto {
                id: id.to_string(),
                channel_id: channel_id.to_string(),
                server_id: server_id.to_string(),
            }),
        ),
        EventKind::ReactionAdded {
            message_id,
            channel_id,
            server_id,
            emoji,
            user_id,
        } => (
            "reaction.added",
            EventData::Reaction(ReactionEventDto {
                message_id: message_id.to_string(),
                channel_id: channel_id.to_string(),
                server_id: server_id.to_string(),
                emoji: emoji.as_str().to_owned(),
                user_id: user_id.to_string(),
            }),
        ),
        EventKind::ReactionRemoved {
            message_id,
            channel_id,
            server_id,
            emoji,
            user_id,
        } => (
            "reaction.removed",
            EventData::Reaction(ReactionEventDto {
                message_id: message_id.to_string(),
                channel_id: channel_id.to_string(),
                server_id: server_id.to_string(),
                emoji: emoji.as_str().to_owned(),
                user_id: user_id.to_string(),
            }),
        ),
        EventKind::ReactionsCleared {
            message_id,
            channel_id,
            server_id,
        } => (
            "reaction.removed_all",
            EventData::ReactionsCleared(ReactionsClearedDto {
                message_id: message_id.to_string(),
                channel_id: channel_id.to_string(),
                server_id: server_id.to_string(),
            }),
        ),
        EventKind::ChannelPinsUpdated {
            channel_id,
            server_id,
        } => (
            "channel.pins_updated",
            EventData::ChannelPinsUpdated(ChannelPinsUpdatedDto {
                channel_id: channel_id.to_string(),
                server_id: server_id.to_string(),
            }),
        ),
        EventKind::TypingStarted {
            channel_id,
            server_id,
            user_id,
            expires_at,
        } => (
            "typing.started",
            EventData::TypingStarted(TypingStartedDto {
                channel_id: channel_id.to_string(),
                server_id: server_id.to_string(),
                user_id: user_id.to_string(),
                expires_at: expires_at.to_rfc3339(),
            }),
        ),
        EventKind::PresenceUpdated { user_id, status } => (
            "presence.updated",
            EventData::PresenceUpdated(PresenceUpdatedDto {
                user_id: user_id.to_string(),
                status: status.as_str(),
            }),
        ),
        EventKind::MemberJoined { server_id, member } => (
            "member.joined",
            EventData::Member(MemberEventDto {
                server_id: server_id.to_string(),
                member: member.into(),
            }),
        ),
        EventKind::MemberUpdated { server_id, member } => (
            "member.updated",
            EventData::Member(MemberEventDto {
                server_id: server_id.to_string(),
                member: member.into(),
            }),
        ),
        EventKind::MemberLeft {
            server_id,
            user_id,
            reason,
        } => (
            "member.left",
            EventData::MemberLeft(MemberLeftDto {
                server_id: server_id.to_string(),
                user_id: user_id.to_string(),
                reason: reason.as_str(),
            }),
        ),
        EventKind::ServerUpdated { view } => ("server.updated", EventData::Server(view.into())),
        EventKind::ServerDeleted { server_id } => (
            "server.deleted",
            EventData::ServerDeleted(ServerDeletedDto {
                server_id: server_id.to_string(),
            }),
        ),
        EventKind::ChannelCreated(c) => ("channel.created", EventData::Channel(c.into())),
        EventKind::ChannelUpdated(c) => ("channel.updated", EventData::Channel(c.into())),
        EventKind::ChannelDeleted { id, server_id } => (
            "channel.deleted",
            EventData::ChannelDeleted(ChannelDeletedDto {
                id: id.to_string(),
                server_id: Some(server_id.to_string()),
            }),
        ),
        EventKind::DirectChannelCreated(v) => (
            "channel.created",
            EventData::DirectChannel(Box::new(v.into())),
        ),
        EventKind::DirectChannelUpdated(v) => (
            "channel.updated",
            EventData::DirectChannel(Box::new(v.into())),
        ),
        EventKind::DirectChannelDeleted { id } => (
            "channel.deleted",
            EventData::ChannelDeleted(ChannelDeletedDto {
                id: id.to_string(),
                server_id: None,
            }),
        ),
        EventKind::RecipientAdded {
            channel_id,
            recipient,
        } => (
            "recipient.added",
            EventData::RecipientAdded(RecipientAddedDto {
                channel_id: channel_id.to_string(),
                recipient: recipient.into(),
            }),
        ),
        EventKind::RecipientRemoved {
            channel_id,
            user_id,
        } => (
            "recipient.removed",
            EventData::RecipientRemoved(RecipientRemovedDto {
                channel_id: channel_id.to_string(),
                user_id: user_id.to_string(),
            }),
        ),
        EventKind::ReadStateUpdated { state, .. } => (
            "read_state.updated",
            EventData::ReadState(ReadStateDto::from(state)),
        ),
        EventKind::NotificationSettingsUpdated { settings, .. } => (
            "notification_settings.updated",
            EventData::NotificationSettings(NotificationSettingsDto::from(settings)),
        ),
        EventKind::SessionsRevoked { .. } => return None,
    };
    Some(EventPayload { kind, data })
}
