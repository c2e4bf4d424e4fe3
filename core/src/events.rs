//! Domain events and the [`EventPublisher`] port.
//!
//! Use cases publish after their change is stored; a gateway delivers each
//! event to the connections its [`Audience`] names. The gateway keeps its
//! own map of who is in which server and must update it from the events
//! themselves: add the user *before* delivering `MemberJoined` about them,
//! remove them *after* delivering `MemberLeft` about them (so the removed
//! user is told, then hears nothing more), drop the server after
//! delivering `ServerDeleted`.

use crate::channels::Channel;
use crate::direct::{DirectChannelView, Recipient};
use crate::ids::{ChannelId, MessageId, ServerId, SessionId, UserId};
use crate::members::{LeaveReason, MemberView};
use crate::messages::{Emoji, MessageView};
use crate::presence::ShownStatus;
use crate::reads::{NotificationSettings, ReadState};
use crate::servers::ServerView;
use crate::time::Timestamp;

/// Who receives an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Audience {
    /// Every connection of every member of the server.
    Server(ServerId),
    /// Every connection of one user.
    User(UserId),
    /// Every connection of every member of any of these servers, once
    /// each, except the connections of `except`.
    CoMembers {
        /// The servers whose members hear it.
        servers: Vec<ServerId>,
        /// The user who does not (the actor).
        except: UserId,
    },
    /// Every connection of each of these users.
    Users(Vec<UserId>),
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    /// A message was sent.
    MessageCreated(MessageView),
    /// A message was edited, pinned or unpinned. Its reactions' `me` is
    /// for the receiving member: published once per view (see
    /// `Chat::announce_message_update`).
    MessageUpdated(MessageView),
    /// A message was deleted.
    MessageDeleted {
        /// The message.
        id: MessageId,
        /// Its channel.
        channel_id: ChannelId,
        /// Its server.
        server_id: ServerId,
    },
    /// A user reacted to a message.
    ReactionAdded {
        /// The message.
        message_id: MessageId,
        /// Its channel.
        channel_id: ChannelId,
        /// Its server.
        server_id: ServerId,
        /// The emoji.
        emoji: Emoji,
        /// Who reacted.
        user_id: UserId,
    },
    /// A user took their reaction back.
    ReactionRemoved {
        /// The message.
        message_id: MessageId,
        /// Its channel.
        channel_id: ChannelId,
        /// Its server.
        server_id: ServerId,
        /// The emoji.
        emoji: Emoji,
        /// Whose reaction.
        user_id: UserId,
    },
    /// An admin removed every reaction of a message.
    ReactionsCleared {
        /// The message.
        message_id: MessageId,
        /// Its channel.
        channel_id: ChannelId,
        /// Its server.
        server_id: ServerId,
    },
    /// A message of the channel was pinned or unpinned.
    ChannelPinsUpdated {
        /// The channel.
        channel_id: ChannelId,
        /// Its server.
        server_id: ServerId,
    },
    /// Someone started typing.
    TypingStarted {
        /// Where.
        channel_id: ChannelId,
        /// The channel's server.
        server_id: ServerId,
        /// Who.
        user_id: UserId,
        /// When the indicator should disappear.
        expires_at: Timestamp,
    },
    /// A user's status as the audience sees it changed.
    PresenceUpdated {
        /// Whose.
        user_id: UserId,
        /// As the audience sees it.
        status: ShownStatus,
    },
    /// A user joined a server.
    MemberJoined {
        /// The server.
        server_id: ServerId,
        /// The new member.
        member: MemberView,
    },
    /// A member's role or profile changed.
    MemberUpdated {
        /// The server.
        server_id: ServerId,
        /// The member as it is now.
        member: MemberView,
    },
    /// A member left or was removed.
    MemberLeft {
        /// The server.
        server_id: ServerId,
        /// Who.
        user_id: UserId,
        /// Why.
        reason: LeaveReason,
    },
    /// The server's name, description or owner changed. Published once
    /// per role, to the members who hold it, so each sees `my_role`.
    ServerUpdated {
        /// The server as it is now, as a member of one role sees it.
        view: ServerView,
    },
    /// The server is gone.
    ServerDeleted {
        /// Which.
        server_id: ServerId,
    },
    /// A channel was made.
    ChannelCreated(Channel),
    /// A channel changed.
    ChannelUpdated(Channel),
    /// A channel is gone.
    ChannelDeleted {
        /// Which.
        id: ChannelId,
        /// Its server.
        server_id: ServerId,
    },
    /// A user's read state in a channel changed (an ack); sent to that
    /// user's connections.
    ReadStateUpdated {
        /// Whose.
        user_id: UserId,
        /// The channel's state as it is now.
        state: ReadState,
    },
    /// A user's notification settings changed; sent to that user's
    /// connections. Holds just the entries that changed.
    NotificationSettingsUpdated {
        /// Whose.
        user_id: UserId,
        /// The changed entries.
        settings: NotificationSettings,
    },
    // --- direct messages ---
    /// A DM or group appeared for the audience (`channel.created`).
    DirectChannelCreated(DirectChannelView),
    /// A group was renamed or its owner changed (`channel.updated`).
    DirectChannelUpdated(DirectChannelView),
    /// A DM or group is gone for the audience (`channel.deleted`, no `server_id`).
    DirectChannelDeleted {
        /// Which.
        id: ChannelId,
    },
    /// Someone was added to a group (`recipient.added`).
    RecipientAdded {
        /// The group.
        channel_id: ChannelId,
        /// Who.
        recipient: Recipient,
    },
    /// Someone left or was removed from a group (`recipient.removed`).
    RecipientRemoved {
        /// The group.
        channel_id: ChannelId,
        /// Who.
        user_id: UserId,
    },
    // --- end direct messages ---
    /// Login sessions ended (logout, refresh-token reuse, account
    /// deletion): the gateway closes their connections (close code 4003).
    /// Not a client-visible event.
    SessionsRevoked {
        /// Whose sessions.
        user_id: UserId,
        /// The one session that ended; `None`: all of the user's sessions.
        session_id: Option<SessionId>,
    },
}

/// An event with its audience.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Who receives it.
    pub audience: Audience,
    /// What happened.
    pub kind: EventKind,
}

/// Resolves once the events published before it was asked for have left
/// this process (see [`EventPublisher::flushed`]).
pub type Flushed = std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>;

/// Delivers events; must not block (queue and return).
pub trait EventPublisher: Send + Sync {
    /// Hands the event over for delivery.
    fn publish(&self, event: Event);

    /// Resolves once every event published so far has been handed to
    /// whatever carries it to other instances (or given up as lost while
    /// that is unreachable). A write route awaits it before answering, so
    /// an acknowledged write's event survives this process dying right
    /// after. Ready at once when there is nothing beyond this process.
    fn flushed(&self) -> Flushed {
        Box::pin(std::future::ready(()))
    }
}
