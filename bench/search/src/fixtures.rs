//! The few rows the benchmark needs, built directly (so this binary does
//! not turn on chat-core's `testkit` feature for the whole workspace).

use chat_core::channels::{Channel, ChannelName, Slowmode, Topic};
use chat_core::ids::{ChannelId, MessageId, ServerId, UserId};
use chat_core::members::Member;
use chat_core::messages::{Message, MessageContent};
use chat_core::presence::Status;
use chat_core::role::Role;
use chat_core::servers::{Description, Server, ServerName};
use chat_core::users::{Bio, DisplayName, PasswordHash, User, Username};
use chat_core::Timestamp;
use uuid::Uuid;

/// 2023-11-14T22:13:20Z.
pub const T0: Timestamp = Timestamp::from_millis(1_700_000_000_000);

pub fn user(name: &str) -> anyhow::Result<User> {
    Ok(User {
        id: UserId::from_uuid(Uuid::now_v7()),
        username: Username::parse(name)?,
        display_name: DisplayName::parse(name)?,
        bio: Bio::parse("")?,
        status: Status::Online,
        custom_status: None,
        password_hash: PasswordHash::new(format!("fake$hash-of-{name}")),
        created_at: T0,
        disabled: false,
        avatar_key: None,
    })
}

pub fn server(name: &str, owner: UserId) -> anyhow::Result<Server> {
    Ok(Server {
        id: ServerId::from_uuid(Uuid::now_v7()),
        name: ServerName::parse(name)?,
        description: Description::parse("")?,
        owner_id: owner,
        created_at: T0,
        icon_key: None,
    })
}

pub fn owner(server: ServerId, user: UserId) -> Member {
    Member {
        server_id: server,
        user_id: user,
        role: Role::Owner,
        joined_at: T0,
    }
}

pub fn channel(server: ServerId, name: &str, position: i64) -> anyhow::Result<Channel> {
    Ok(Channel {
        id: ChannelId::from_uuid(Uuid::now_v7()),
        server_id: server,
        name: ChannelName::parse(name)?,
        topic: Topic::parse("")?,
        position,
        slowmode: Slowmode::OFF,
        created_at: T0,
    })
}

pub fn message(
    channel: &Channel,
    author: UserId,
    text: &str,
    created_at: Timestamp,
) -> anyhow::Result<Message> {
    Ok(Message {
        id: MessageId::from_uuid(Uuid::now_v7()),
        channel_id: channel.id,
        server_id: channel.server_id,
        author_id: author,
        content: MessageContent::parse(text)?,
        mentions: Vec::new(),
        created_at,
        edited_at: None,
        nonce: None,
        reply_to: None,
        pinned_at: None,
    })
}
