//! WebSocket event payloads: the `type` and `data` of each server event.

use chat_core::events::EventKind;
use serde_json::{json, Value};

use crate::resources::{ChannelDto, MemberDto, MessageDto, ServerDto};

/// An event as clients see it, before the gateway adds its `seq`.
#[derive(Debug, Clone, PartialEq)]
pub struct EventPayload {
    /// The frame's `type` (`message.created`, …).
    pub kind: &'static str,
    /// The frame's `data`.
    pub data: Value,
}

/// The client-visible form of an event; `None` for internal events
/// (`SessionsRevoked`), which the gateway acts on instead of sending.
pub fn event_payload(event: &EventKind) -> Option<EventPayload> {
    let (kind, data) = match event {
        EventKind::MessageCreated(m) => ("message.created", json!(MessageDto::from(m))),
        EventKind::MessageUpdated(m) => ("message.updated", json!(MessageDto::from(m))),
        EventKind::MessageDeleted {
            id,
            channel_id,
            server_id,
        } => (
            "message.deleted",
            json!({"id": id.to_string(), "channel_id": channel_id.to_string(), "server_id": server_id.to_string()}),
        ),
        EventKind::ReactionAdded {
            message_id,
            channel_id,
            server_id,
            emoji,
            user_id,
        } => (
            "reaction.added",
            json!({
                "message_id": message_id.to_string(),
                "channel_id": channel_id.to_string(),
                "server_id": server_id.to_string(),
                "emoji": emoji.as_str(),
                "user_id": user_id.to_string(),
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
            json!({
                "message_id": message_id.to_string(),
                "channel_id": channel_id.to_string(),
                "server_id": server_id.to_string(),
                "emoji": emoji.as_str(),
                "user_id": user_id.to_string(),
            }),
        ),
        EventKind::ReactionsCleared {
            message_id,
            channel_id,
            server_id,
        } => (
            "reaction.removed_all",
            json!({
                "message_id": message_id.to_string(),
                "channel_id": channel_id.to_string(),
                "server_id": server_id.to_string(),
            }),
        ),
        EventKind::ChannelPinsUpdated {
            channel_id,
            server_id,
        } => (
            "channel.pins_updated",
            json!({"channel_id": channel_id.to_string(), "server_id": server_id.to_string()}),
        ),
        EventKind::TypingStarted {
            channel_id,
            server_id,
            user_id,
            expires_at,
        } => (
            "typing.started",
            json!({
                "channel_id": channel_id.to_string(),
                "server_id": server_id.to_string(),
                "user_id": user_id.to_string(),
                "expires_at": expires_at.to_rfc3339(),
            }),
        ),
        EventKind::PresenceUpdated { user_id, status } => (
            "presence.updated",
            json!({"user_id": user_id.to_string(), "status": status.as_str()}),
        ),
        EventKind::MemberJoined { server_id, member } => (
            "member.joined",
            json!({"server_id": server_id.to_string(), "member": MemberDto::from(member)}),
        ),
        EventKind::MemberUpdated { server_id, member } => (
            "member.updated",
            json!({"server_id": server_id.to_string(), "member": MemberDto::from(member)}),
        ),
        EventKind::MemberLeft {
            server_id,
            user_id,
            reason,
        } => (
            "member.left",
            json!({"server_id": server_id.to_string(), "user_id": user_id.to_string(), "reason": reason.as_str()}),
        ),
        EventKind::ServerUpdated { view } => ("server.updated", json!(ServerDto::from(view))),
        EventKind::ServerDeleted { server_id } => (
            "server.deleted",
            json!({"server_id": server_id.to_string()}),
        ),
        EventKind::ChannelCreated(c) => ("channel.created", json!(ChannelDto::from(c))),
        EventKind::ChannelUpdated(c) => ("channel.updated", json!(ChannelDto::from(c))),
        EventKind::ChannelDeleted { id, server_id } => (
            "channel.deleted",
            json!({"id": id.to_string(), "server_id": server_id.to_string()}),
        ),
        EventKind::SessionsRevoked { .. } => return None,
    };
    Some(EventPayload { kind, data })
}
