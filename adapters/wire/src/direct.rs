//! Direct messages on the wire: DMs and groups, their recipients, blocks.

use chat_core::direct::{Block, DirectChannelView, Recipient};
use chat_core::users::User;
use serde::Serialize;

use crate::resources::time;

/// A person in a DM or group: `{id, username, display_name, status, avatar_url}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecipientDto {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub status: &'static str,
    pub avatar_url: Option<String>,
}

impl From<&Recipient> for RecipientDto {
    fn from(r: &Recipient) -> Self {
        Self {
            id: r.id.to_string(),
            username: r.username.clone(),
            display_name: r.display_name.clone(),
            status: r.status.as_str(),
            avatar_url: r.avatar_url.clone(),
        }
    }
}

/// A DM or group: `{id, kind, server_id: null, name, owner_id,
/// recipients, last_message_id, last_activity_at, created_at}`. `name`
/// and `owner_id` are `null` for a DM.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DirectChannelDto {
    pub id: String,
    pub kind: &'static str,
    pub server_id: Option<String>,
    pub name: Option<String>,
    pub owner_id: Option<String>,
    pub recipients: Vec<RecipientDto>,
    pub last_message_id: Option<String>,
    pub last_activity_at: String,
    pub created_at: String,
}

impl From<&DirectChannelView> for DirectChannelDto {
    fn from(v: &DirectChannelView) -> Self {
        let group = v.kind == chat_core::direct::ChannelKind::Group;
        Self {
            id: v.channel.id.to_string(),
            kind: v.kind.as_str(),
            server_id: None,
            name: group.then(|| v.channel.name.as_str().to_owned()),
            owner_id: v.owner_id.map(|o| o.to_string()),
            recipients: v.recipients.iter().map(RecipientDto::from).collect(),
            last_message_id: v.last_message_id.map(|m| m.to_string()),
            last_activity_at: time(v.last_activity_at),
            created_at: time(v.channel.created_at),
        }
    }
}

/// An entry of `GET /me/blocks`: `{user_id, username, display_name,
/// avatar_url, created_at}` (a deleted account shows as "Deleted user").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BlockDto {
    pub user_id: String,
    pub username: String,
    pub display_name: String,
    pub avatar_url: Option<String>,
    pub created_at: String,
}

impl From<&(Block, Option<User>)> for BlockDto {
    fn from((b, u): &(Block, Option<User>)) -> Self {
        Self {
            user_id: b.blocked_id.to_string(),
            username: u
                .as_ref()
                .map_or("deleted-user", |u| u.username.as_str())
                .to_owned(),
            display_name: u
                .as_ref()
                .map_or("Deleted user", |u| u.display_name.as_str())
                .to_owned(),
            avatar_url: u.as_ref().and_then(chat_core::pictures::avatar_url),
            created_at: time(b.created_at),
        }
    }
}

/// `recipient.added`: `{channel_id, recipient}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecipientAddedDto {
    pub channel_id: String,
    pub recipient: RecipientDto,
}

/// `recipient.removed`: `{channel_id, user_id}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RecipientRemovedDto {
    pub channel_id: String,
    pub user_id: String,
}
