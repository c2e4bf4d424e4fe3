//! Read states and notification settings as clients see them.

use chat_core::reads::{
    ChannelNotificationSettings, NotificationSettings, ReadState, ServerNotificationSettings,
};
use serde::Serialize;

/// `read_state`: `{channel_id, server_id, last_read_message_id,
/// last_message_id, unread_count, unread_capped, mention_count}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadStateDto {
    pub channel_id: String,
    pub server_id: String,
    pub last_read_message_id: Option<String>,
    pub last_message_id: Option<String>,
    pub unread_count: u32,
    pub unread_capped: bool,
    pub mention_count: u32,
}

impl From<&ReadState> for ReadStateDto {
    fn from(s: &ReadState) -> Self {
        Self {
            channel_id: s.channel_id.to_string(),
            server_id: s.server_id.to_string(),
            last_read_message_id: s.last_read.map(|m| m.to_string()),
            last_message_id: s.last_message_id.map(|m| m.to_string()),
            unread_count: s.unread_count,
            unread_capped: s.unread_capped,
            mention_count: s.mention_count,
        }
    }
}

/// A server's notification settings: `{server_id, level, muted_until,
/// suppress_everyone}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServerNotificationsDto {
    pub server_id: String,
    pub level: &'static str,
    pub muted_until: Option<String>,
    pub suppress_everyone: bool,
}

impl From<&ServerNotificationSettings> for ServerNotificationsDto {
    fn from(s: &ServerNotificationSettings) -> Self {
        Self {
            server_id: s.server_id.to_string(),
            level: s.level.as_str(),
            muted_until: s.muted_until.map(|t| t.to_rfc3339()),
            suppress_everyone: s.suppress_everyone,
        }
    }
}

/// A channel's notification settings: `{channel_id, server_id, level,
/// muted_until}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelNotificationsDto {
    pub channel_id: String,
    pub server_id: String,
    pub level: &'static str,
    pub muted_until: Option<String>,
}

impl From<&ChannelNotificationSettings> for ChannelNotificationsDto {
    fn from(s: &ChannelNotificationSettings) -> Self {
        Self {
            channel_id: s.channel_id.to_string(),
            server_id: s.server_id.to_string(),
            level: s.level.as_str(),
            muted_until: s.muted_until.map(|t| t.to_rfc3339()),
        }
    }
}

/// `{servers: [...], channels: [...]}`: stored settings (the rest are
/// defaults: server `all`, channel `default`, not muted).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotificationSettingsDto {
    pub servers: Vec<ServerNotificationsDto>,
    pub channels: Vec<ChannelNotificationsDto>,
}

impl From<&NotificationSettings> for NotificationSettingsDto {
    fn from(s: &NotificationSettings) -> Self {
        Self {
            servers: s.servers.iter().map(Into::into).collect(),
            channels: s.channels.iter().map(Into::into).collect(),
        }
    }
}
