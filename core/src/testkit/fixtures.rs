//! Short constructors for the records the contracts store, and a few
//! setups that go through the store (a user, a server with its owner, a
//! member), so each contract reads as what it checks.
//!
//! Times are fixed ([`T0`] plus seconds); ids are fresh UUID v7, so ids made
//! later order after ids made earlier.

use std::sync::Arc;

use uuid::Uuid;

use crate::auth::{RefreshGrant, Session};
use crate::channels::{Channel, ChannelName, Slowmode, Topic};
use crate::ids::{ChannelId, InviteCode, MessageId, ServerId, SessionId, UserId};
use crate::invites::{Invite, JoinOutcome};
use crate::members::Member;
use crate::messages::{Message, MessageContent, Nonce};
use crate::moderation::Ban;
use crate::presence::Status;
use crate::role::Role;
use crate::servers::{Description, Server, ServerName};
use crate::users::{Bio, DisplayName, PasswordHash, User, Username};
use crate::{Store, Timestamp};

/// The instant every contract starts from (2023-11-14T22:13:20Z).
pub const T0: Timestamp = Timestamp::from_millis(1_700_000_000_000);

/// `T0` plus `seconds`.
pub fn at(seconds: i64) -> Timestamp {
    T0.plus_seconds(seconds)
}

/// A fresh time-ordered UUID.
pub fn new_id() -> Uuid {
    Uuid::now_v7()
}

/// A user named `name` (a valid username), created at `T0`.
pub fn user(name: &str) -> User {
    User {
        id: UserId::from_uuid(new_id()),
        username: Username::parse(name).expect("a valid username"),
        display_name: DisplayName::parse(name).expect("a valid display name"),
        bio: Bio::parse("").expect("an empty bio"),
        status: Status::Online,
        custom_status: None,
        password_hash: PasswordHash::new(format!("fake$hash-of-{name}")),
        created_at: T0,
        disabled: false,
        avatar_key: None,
    }
}

/// A live session of `user`, created at `T0`.
pub fn session(user: UserId) -> Session {
    Session {
        id: SessionId::from_uuid(new_id()),
        user_id: user,
        created_at: T0,
        last_used_at: T0,
        user_agent: Some("Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0".to_owned()),
        ip_hint: Some("203.0.113.0/24".to_owned()),
        revoked: false,
    }
}

/// A live session of `user` with no user agent or address hint.
pub fn bare_session(user: UserId) -> Session {
    Session {
        user_agent: None,
        ip_hint: None,
        ..session(user)
    }
}

/// A refresh grant with this hash, valid until `expires_at`.
pub fn grant(hash: &str, expires_at: Timestamp) -> RefreshGrant {
    RefreshGrant {
        hash: hash.to_owned(),
        expires_at,
    }
}

/// A fresh refresh-token hash, unique per call.
pub fn token_hash() -> String {
    format!("hash-{}", Uuid::new_v4().simple())
}

/// A server named `name` owned by `owner`, created at `T0`.
pub fn server(name: &str, owner: UserId) -> Server {
    Server {
        id: ServerId::from_uuid(new_id()),
        name: ServerName::parse(name).expect("a valid server name"),
        description: Description::parse("").expect("an empty description"),
        owner_id: owner,
        created_at: T0,
        icon_key: None,
    }
}

/// A membership of `user` in `server` with `role`, joined at `joined_at`.
pub fn member(server: ServerId, user: UserId, role: Role, joined_at: Timestamp) -> Member {
    Member {
        server_id: server,
        user_id: user,
        role,
        joined_at,
    }
}

/// A channel of `server` named `name` at `position`, created at `T0`.
pub fn channel(server: ServerId, name: &str, position: i64) -> Channel {
    Channel {
        id: ChannelId::from_uuid(new_id()),
        server_id: server,
        name: ChannelName::parse(name).expect("a valid channel name"),
        topic: Topic::parse("").expect("an empty topic"),
        position,
        slowmode: Slowmode::OFF,
        created_at: T0,
    }
}

/// A message by `author` in `channel`, sent at `T0`, without nonce or mentions.
pub fn message(channel: &Channel, author: UserId, text: &str) -> Message {
    Message {
        id: MessageId::from_uuid(new_id()),
        channel_id: channel.id,
        server_id: channel.server_id,
        author_id: author,
        content: MessageContent::parse(text).expect("valid content"),
        mentions: Vec::new(),
        created_at: T0,
        edited_at: None,
        nonce: None,
        reply_to: None,
        pinned_at: None,
    }
}

/// `message` with a nonce.
pub fn message_with_nonce(channel: &Channel, author: UserId, text: &str, nonce: &str) -> Message {
    Message {
        nonce: Some(Nonce::parse(nonce).expect("a valid nonce")),
        ..message(channel, author, text)
    }
}

/// A fresh random invite code.
pub fn invite_code() -> InviteCode {
    InviteCode::parse(&Uuid::new_v4().simple().to_string()).expect("32 hex digits")
}

/// An unused invite to `server` by `created_by`, made at `T0`, with no
/// expiry and no use limit.
pub fn invite(server: ServerId, created_by: UserId) -> Invite {
    Invite {
        code: invite_code(),
        server_id: server,
        created_by,
        created_at: T0,
        expires_at: None,
        max_uses: None,
        uses: 0,
    }
}

/// A ban of `user` from `server` by `by`, made at `T0`, ending at `expires_at`.
pub fn ban(server: ServerId, user: UserId, by: UserId, expires_at: Option<Timestamp>) -> Ban {
    Ban {
        server_id: server,
        user_id: user,
        reason: None,
        banned_by: by,
        created_at: T0,
        expires_at,
    }
}

/// Stores a user named `name` and returns it.
pub async fn add_user(store: &Arc<dyn Store>, name: &str) -> User {
    let u = user(name);
    store.insert_user(&u).await.expect("insert_user");
    u
}

/// A stored server with its stored owner and first channel (`general`).
#[derive(Debug, Clone)]
pub struct Community {
    /// The owner.
    pub owner: User,
    /// The server.
    pub server: Server,
    /// The owner's membership.
    pub owner_member: Member,
    /// Its first channel, `general`.
    pub general: Channel,
}

/// Stores a user named `owner_name` and a server they own, with its first
/// channel.
pub async fn add_community(store: &Arc<dyn Store>, owner_name: &str) -> Community {
    let owner = add_user(store, owner_name).await;
    let server = server(&format!("{owner_name}'s server"), owner.id);
    let owner_member = member(server.id, owner.id, Role::Owner, T0);
    let general = channel(server.id, "general", 0);
    store
        .create_server(&server, &owner_member, &general)
        .await
        .expect("create_server");
    Community {
        owner,
        server,
        owner_member,
        general,
    }
}

/// Lets `user` into `server` (through a fresh unlimited invite) as a
/// member who joined at `joined_at`; returns the membership.
pub async fn add_member(
    store: &Arc<dyn Store>,
    server: &Server,
    user: UserId,
    joined_at: Timestamp,
) -> Member {
    let inv = invite(server.id, server.owner_id);
    store.insert_invite(&inv).await.expect("insert_invite");
    let m = member(server.id, user, Role::Member, joined_at);
    let outcome = store
        .join_with_invite(&inv.code, &m, joined_at)
        .await
        .expect("join_with_invite");
    assert_eq!(outcome, JoinOutcome::Joined, "setup: joining {}", server.id);
    m
}
