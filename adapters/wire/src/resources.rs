//! One struct per API.md resource, with a conversion from the core's type.

use chat_core::attachments::{Attachment, AttachmentView};
use chat_core::auth::AuthTokens;
use chat_core::channels::Channel;
use chat_core::invites::{Invite, InvitePreview};
use chat_core::members::MemberView;
use chat_core::messages::{AuthorSummary, MessageView, ReactionCount, ReplyPreview};
use chat_core::moderation::BanView;
use chat_core::pictures::{avatar_url, icon_url};
use chat_core::servers::{ServerDetails, ServerView};
use chat_core::users::{Profile, UserView};
use chat_core::Timestamp;
use serde::Serialize;

pub(crate) fn time(t: Timestamp) -> String {
    t.to_rfc3339()
}

/// `user`: `{id, username, display_name, bio, status, created_at}`, plus
/// `custom_status` (text or null; the usability issue's extension) and
/// `avatar_url` (a path, or null without an avatar).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UserDto {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub bio: String,
    pub status: &'static str,
    pub created_at: String,
    pub custom_status: Option<String>,
    pub avatar_url: Option<String>,
}

impl From<&UserView> for UserDto {
    fn from(v: &UserView) -> Self {
        let u = &v.user;
        Self {
            id: u.id.to_string(),
            username: u.username.as_str().to_owned(),
            display_name: u.display_name.as_str().to_owned(),
            bio: u.bio.as_str().to_owned(),
            status: v.status.as_str(),
            created_at: time(u.created_at),
            custom_status: u.custom_status.as_ref().map(|c| c.as_str().to_owned()),
            avatar_url: avatar_url(u),
        }
    }
}

/// `GET /users/{id}`: the user, plus `message_count` when the caller looks
/// at themself (the account deletion dialog says how many messages go).
#[derive(Debug, Clone, Serialize)]
pub struct ProfileDto {
    #[serde(flatten)]
    pub user: UserDto,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_count: Option<u64>,
}

impl From<&Profile> for ProfileDto {
    fn from(p: &Profile) -> Self {
        Self {
            user: UserDto::from(&p.view),
            message_count: p.message_count,
        }
    }
}

/// Sign-up, login and refresh: `{user, access_token, refresh_token, expires_in}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthDto {
    pub user: UserDto,
    pub access_token: String,
    pub refresh_token: String,
    pub token_type: &'static str,
    pub expires_in: u64,
}

impl From<&AuthTokens> for AuthDto {
    fn from(t: &AuthTokens) -> Self {
        Self {
            user: UserDto::from(&t.user),
            access_token: t.access.token.clone(),
            refresh_token: t.refresh_token.clone(),
            token_type: "Bearer",
            expires_in: t.access.expires_in,
        }
    }
}

/// `server`: `{id, name, description, owner_id, created_at, member_count,
/// my_role, icon_url}`, with `channels` when the server is read one at a time.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServerDto {
    pub id: String,
    pub name: String,
    pub description: String,
    pub owner_id: String,
    pub created_at: String,
    pub member_count: u64,
    /// The viewer's own role (each member's copy of `server.updated` too).
    pub my_role: &'static str,
    /// The icon's path, or null without an icon.
    pub icon_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channels: Option<Vec<ChannelDto>>,
}

impl From<&ServerView> for ServerDto {
    fn from(v: &ServerView) -> Self {
        let server = &v.server;
        Self {
            id: server.id.to_string(),
            name: server.name.as_str().to_owned(),
            description: server.description.as_str().to_owned(),
            owner_id: server.owner_id.to_string(),
            created_at: time(server.created_at),
            member_count: v.member_count,
            my_role: v.my_role.as_str(),
            icon_url: icon_url(server),
            channels: None,
        }
    }
}

impl From<&ServerDetails> for ServerDto {
    fn from(d: &ServerDetails) -> Self {
        Self {
            channels: Some(d.channels.iter().map(ChannelDto::from).collect()),
            ..Self::from(&d.view)
        }
    }
}

/// `member`: `{user_id, username, display_name, role, status, joined_at}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MemberDto {
    pub user_id: String,
    pub username: String,
    pub display_name: String,
    pub role: &'static str,
    pub status: &'static str,
    pub joined_at: String,
    /// When their running timeout ends; `null` when not timed out.
    pub timed_out_until: Option<String>,
    pub avatar_url: Option<String>,
}

impl From<&MemberView> for MemberDto {
    fn from(m: &MemberView) -> Self {
        Self {
            user_id: m.user_id.to_string(),
            username: m.username.as_str().to_owned(),
            display_name: m.display_name.as_str().to_owned(),
            role: m.role.as_str(),
            status: m.status.as_str(),
            joined_at: time(m.joined_at),
            timed_out_until: m.timed_out_until.map(time),
            avatar_url: m.avatar_url.clone(),
        }
    }
}

/// `channel`: `{id, kind, server_id, name, topic, position, created_at}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChannelDto {
    pub id: String,
    /// `text` for a server's channel (DMs and groups: [`crate::DirectChannelDto`]).
    pub kind: &'static str,
    /// `null` for a DM or group.
    pub server_id: Option<String>,
    pub name: String,
    pub topic: String,
    pub position: i64,
    pub created_at: String,
    /// Seconds members wait between their messages (0: off).
    pub slowmode_seconds: u32,
}

impl From<&Channel> for ChannelDto {
    fn from(c: &Channel) -> Self {
        Self {
            id: c.id.to_string(),
            kind: if c.is_direct() { "group" } else { "text" },
            server_id: (!c.is_direct()).then(|| c.server_id.to_string()),
            name: c.name.as_str().to_owned(),
            topic: c.topic.as_str().to_owned(),
            position: c.position,
            created_at: time(c.created_at),
            slowmode_seconds: c.slowmode.seconds(),
        }
    }
}

/// A message's author (or a ban's user): `{id, username, display_name, avatar_url}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthorDto {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub avatar_url: Option<String>,
}

impl From<&AuthorSummary> for AuthorDto {
    fn from(a: &AuthorSummary) -> Self {
        Self {
            id: a.id.to_string(),
            username: a.username.clone(),
            display_name: a.display_name.clone(),
            avatar_url: a.avatar_url.clone(),
        }
    }
}

/// `message`: `{id, channel_id, server_id, author, content, mentions, created_at, edited_at, nonce}`,
/// plus `reply_to`, `reactions` (for the viewer) and `pinned`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MessageDto {
    pub id: String,
    pub channel_id: String,
    pub server_id: String,
    pub author: AuthorDto,
    pub content: String,
    pub mentions: Vec<String>,
    pub created_at: String,
    pub edited_at: Option<String>,
    pub nonce: Option<String>,
    pub reply_to: Option<ReplyDto>,
    pub reactions: Vec<ReactionDto>,
    pub pinned: bool,
    pub attachments: Vec<AttachmentDto>,
}

/// A message's file: `{id, filename, content_type, size, width, height,
/// url, preview_url, spoiler}`; `url` (and `preview_url` for images with a
/// preview) are signed and work without `Authorization` for a while.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttachmentDto {
    pub id: String,
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    pub width: Option<u32>,
    pub height: Option<u32>,
    pub url: String,
    pub preview_url: Option<String>,
    pub spoiler: bool,
}

impl From<&AttachmentView> for AttachmentDto {
    fn from(v: &AttachmentView) -> Self {
        let a = &v.attachment;
        Self {
            id: a.id.to_string(),
            filename: a.filename.clone(),
            content_type: a.content_type.clone(),
            size: a.size,
            width: a.width,
            height: a.height,
            url: v.url.clone(),
            preview_url: v.preview_url.clone(),
            spoiler: a.spoiler,
        }
    }
}

/// An upload as answered by `POST /channels/{id}/attachments`:
/// `{id, filename, content_type, size, width?, height?, expires_at}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UploadDto {
    pub id: String,
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    pub expires_at: String,
}

impl From<&Attachment> for UploadDto {
    fn from(a: &Attachment) -> Self {
        Self {
            id: a.id.to_string(),
            filename: a.filename.clone(),
            content_type: a.content_type.clone(),
            size: a.size,
            width: a.width,
            height: a.height,
            expires_at: time(a.expires_at),
        }
    }
}

/// A reply's `reply_to`: `{id, author, content}` (the first 100
/// characters), or `{id, deleted: true}` once the original is gone.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum ReplyDto {
    Message {
        id: String,
        author: AuthorDto,
        content: String,
    },
    Deleted {
        id: String,
        deleted: bool,
    },
}

impl From<&ReplyPreview> for ReplyDto {
    fn from(r: &ReplyPreview) -> Self {
        match r {
            ReplyPreview::Message {
                id,
                author,
                content,
            } => ReplyDto::Message {
                id: id.to_string(),
                author: AuthorDto::from(author),
                content: content.clone(),
            },
            ReplyPreview::Deleted { id } => ReplyDto::Deleted {
                id: id.to_string(),
                deleted: true,
            },
        }
    }
}

/// One emoji of a message's reactions: `{emoji, count, me}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReactionDto {
    pub emoji: String,
    pub count: u64,
    pub me: bool,
}

impl From<&ReactionCount> for ReactionDto {
    fn from(r: &ReactionCount) -> Self {
        Self {
            emoji: r.emoji.as_str().to_owned(),
            count: r.count,
            me: r.me,
        }
    }
}

impl From<&MessageView> for MessageDto {
    fn from(v: &MessageView) -> Self {
        let m = &v.message;
        Self {
            id: m.id.to_string(),
            channel_id: m.channel_id.to_string(),
            server_id: m.server_id.to_string(),
            author: AuthorDto::from(&v.author),
            content: m.content.as_str().to_owned(),
            mentions: m.mentions.iter().map(ToString::to_string).collect(),
            created_at: time(m.created_at),
            edited_at: m.edited_at.map(time),
            nonce: m.nonce.as_ref().map(|n| n.as_str().to_owned()),
            reply_to: v.reply_to.as_ref().map(ReplyDto::from),
            reactions: v.reactions.iter().map(ReactionDto::from).collect(),
            pinned: m.pinned_at.is_some(),
            attachments: v.attachments.iter().map(AttachmentDto::from).collect(),
        }
    }
}

/// `invite`: `{code, server_id, created_by, created_at, expires_at, max_uses, uses}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InviteDto {
    pub code: String,
    pub server_id: String,
    pub created_by: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub max_uses: Option<u32>,
    pub uses: u32,
}

impl From<&Invite> for InviteDto {
    fn from(i: &Invite) -> Self {
        Self {
            code: i.code.as_str().to_owned(),
            server_id: i.server_id.to_string(),
            created_by: i.created_by.to_string(),
            created_at: time(i.created_at),
            expires_at: i.expires_at.map(time),
            max_uses: i.max_uses,
            uses: i.uses,
        }
    }
}

/// The server part of an invite preview: `{id, name, member_count, online_count}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreviewServerDto {
    pub id: String,
    pub name: String,
    pub member_count: u64,
    pub online_count: u64,
    pub icon_url: Option<String>,
}

/// A signed-in viewer's own ban, in an invite preview: `{expires_at}`
/// (null: permanent).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreviewBanDto {
    pub expires_at: Option<String>,
}

/// `GET /invites/{code}`: `{code, server: {id, name, member_count,
/// online_count, icon_url}, expires_at}`, plus `ban` only for a signed-in banned viewer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct InvitePreviewDto {
    pub code: String,
    pub server: PreviewServerDto,
    pub expires_at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ban: Option<PreviewBanDto>,
}

impl From<&InvitePreview> for InvitePreviewDto {
    fn from(p: &InvitePreview) -> Self {
        Self {
            code: p.code.as_str().to_owned(),
            server: PreviewServerDto {
                id: p.server_id.to_string(),
                name: p.server_name.as_str().to_owned(),
                member_count: p.member_count,
                online_count: p.online_count,
                icon_url: p.icon_url.clone(),
            },
            expires_at: p.expires_at.map(time),
            ban: p.viewer_ban.map(|b| PreviewBanDto {
                expires_at: b.expires_at.map(time),
            }),
        }
    }
}

/// `ban`: `{user_id, server_id, reason, banned_by, created_at, expires_at}`,
/// plus `user` (`{id, username, display_name}`) so admins see whom it bans.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BanDto {
    pub user_id: String,
    pub server_id: String,
    pub reason: Option<String>,
    pub banned_by: String,
    pub created_at: String,
    pub expires_at: Option<String>,
    pub user: AuthorDto,
}

impl From<&BanView> for BanDto {
    fn from(v: &BanView) -> Self {
        let b = &v.ban;
        Self {
            user_id: b.user_id.to_string(),
            server_id: b.server_id.to_string(),
            reason: b.reason.as_ref().map(|r| r.as_str().to_owned()),
            banned_by: b.banned_by.to_string(),
            created_at: time(b.created_at),
            expires_at: b.expires_at.map(time),
            user: AuthorDto::from(&v.user),
        }
    }
}
