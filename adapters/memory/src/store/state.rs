//! The data behind the lock, with its indexes, and the few changes that
//! several areas share (removing a member, a message, a channel).

use std::collections::{BTreeMap, HashMap, HashSet};

use chat_core::account::{MfaState, MfaTicket};
use chat_core::audit::AuditEntry;
use chat_core::auth::Session;
use chat_core::channels::Channel;
use chat_core::ids::{AuditEntryId, ChannelId, InviteCode, MessageId, ServerId, SessionId, UserId};
use chat_core::invites::Invite;
use chat_core::members::Member;
use chat_core::messages::{Emoji, Message};
use chat_core::moderation::Ban;
use chat_core::reads::{
    ChannelNotificationSettings, NotificationSettings, ServerNotificationSettings,
};
use chat_core::servers::Server;
use chat_core::users::User;
use chat_core::Timestamp;

/// A stored refresh token (by hash): its session, lifetime, and whether it
/// was already exchanged.
#[derive(Debug, Clone)]
pub(super) struct RefreshRow {
    pub session: SessionId,
    pub expires_at: Timestamp,
    pub spent: bool,
}

/// A membership with the order in which it was stored, so lists "in the
/// order they joined" stay stable when two share a `joined_at`.
#[derive(Debug, Clone)]
pub(super) struct Joined {
    pub seq: u64,
    pub member: Member,
}

/// Everything the store holds.
#[derive(Debug, Default)]
pub(super) struct State {
    pub users: HashMap<UserId, User>,
    /// Lower-cased username → user, for case-blind uniqueness and lookup.
    pub usernames: HashMap<String, UserId>,
    pub sessions: HashMap<SessionId, Session>,
    /// Refresh-token hash → token row.
    pub refresh: HashMap<String, RefreshRow>,
    pub servers: HashMap<ServerId, Server>,
    /// Server → its members.
    pub members: HashMap<ServerId, HashMap<UserId, Joined>>,
    /// User → the servers they are a member of (reverse index of `members`).
    pub memberships: HashMap<UserId, HashSet<ServerId>>,
    pub invites: HashMap<InviteCode, Invite>,
    /// Server → its invite codes, in insertion order.
    pub invites_by_server: HashMap<ServerId, Vec<InviteCode>>,
    /// Server → banned user → ban (active or expired).
    pub bans: HashMap<ServerId, HashMap<UserId, Ban>>,
    pub channels: HashMap<ChannelId, Channel>,
    pub channels_by_server: HashMap<ServerId, HashSet<ChannelId>>,
    /// Channel → its messages by id, so a history page is a range scan.
    pub messages: HashMap<ChannelId, BTreeMap<MessageId, Message>>,
    /// Message → its channel, to find a message by id alone.
    pub message_channels: HashMap<MessageId, ChannelId>,
    /// (author, nonce) → message, for idempotent sends.
    pub nonces: HashMap<(UserId, String), MessageId>,
    /// User → two-factor state.
    pub mfa: HashMap<UserId, MfaState>,
    /// Ticket digest → pending two-factor login.
    pub mfa_tickets: HashMap<String, MfaTicket>,
    /// (user, channel) → read marker.
    pub read_markers: HashMap<(UserId, ChannelId), MessageId>,
    /// (user, server) → notification settings.
    pub server_notifications: HashMap<(UserId, ServerId), ServerNotificationSettings>,
    /// (user, channel) → notification settings.
    pub channel_notifications: HashMap<(UserId, ChannelId), ChannelNotificationSettings>,
    /// Message → its reactions `(emoji, user)`, oldest first (so the
    /// first occurrence of an emoji is its first use).
    pub reactions: HashMap<MessageId, Vec<(Emoji, UserId)>>,
    /// Server → timed-out user → end of the timeout (running or ended).
    pub timeouts: HashMap<ServerId, HashMap<UserId, Timestamp>>,
    /// Server → its audit log by id.
    pub audit: HashMap<ServerId, BTreeMap<AuditEntryId, AuditEntry>>,
    /// Direct messages, blocks and DM policies.
    pub direct: super::direct::DirectState,
    /// Attachments by id (upload order).
    pub attachments: BTreeMap<chat_core::ids::AttachmentId, chat_core::attachments::Attachment>,
    /// Insertion counter (see [`Joined`]).
    seq: u64,
}

impl State {
    /// `user`'s stored notification settings of the servers `keep`
    /// accepts and of those servers' existing channels, each list by id.
    pub fn settings_of(
        &self,
        user: UserId,
        keep: impl Fn(ServerId) -> bool,
    ) -> NotificationSettings {
        let mut servers: Vec<_> = self
            .server_notifications
            .iter()
            .filter(|((u, server), _)| *u == user && keep(*server))
            .map(|(_, s)| *s)
            .collect();
        servers.sort_by_key(|s| s.server_id);
        let mut channels: Vec<_> = self
            .channel_notifications
            .iter()
            .filter(|((u, channel), s)| {
                *u == user && self.channels.contains_key(channel) && keep(s.server_id)
            })
            .map(|(_, s)| *s)
            .collect();
        channels.sort_by_key(|s| s.channel_id);
        NotificationSettings { servers, channels }
    }

    /// Stores a membership (replacing one of the same user and server).
    pub fn add_member(&mut self, member: &Member) {
        self.seq += 1;
        let joined = Joined {
            seq: self.seq,
            member: member.clone(),
        };
        self.members
            .entry(member.server_id)
            .or_default()
            .insert(member.user_id, joined);
        self.memberships
            .entry(member.user_id)
            .or_default()
            .insert(member.server_id);
    }

    /// The membership, if any.
    pub fn member(&self, server: ServerId, user: UserId) -> Option<&Member> {
        let joined = self.members.get(&server)?.get(&user)?;
        Some(&joined.member)
    }

    /// Removes a membership; `false` when there was none.
    pub fn remove_member(&mut self, server: ServerId, user: UserId) -> bool {
        let removed = self
            .members
            .get_mut(&server)
            .and_then(|members| members.remove(&user))
            .is_some();
        if let Some(servers) = self.memberships.get_mut(&user) {
            servers.remove(&server);
            if servers.is_empty() {
                self.memberships.remove(&user);
            }
        }
        removed
    }

    /// Whether the user has a ban in the server active at `now`.
    pub fn is_banned(&self, server: ServerId, user: UserId, now: Timestamp) -> bool {
        self.bans
            .get(&server)
            .and_then(|bans| bans.get(&user))
            .is_some_and(|ban| ban.is_active(now))
    }

    /// Removes a message and its index entries.
    pub fn remove_message(&mut self, id: MessageId) -> Option<Message> {
        let channel = self.message_channels.remove(&id)?;
        let message = self.messages.get_mut(&channel)?.remove(&id)?;
        self.forget_nonce(&message);
        self.reactions.remove(&id);
        Some(message)
    }

    /// Removes a channel and all its messages.
    pub fn remove_channel(&mut self, id: ChannelId) -> Option<Channel> {
        let channel = self.channels.remove(&id)?;
        if let Some(ids) = self.channels_by_server.get_mut(&channel.server_id) {
            ids.remove(&id);
        }
        for message in self.messages.remove(&id).unwrap_or_default().into_values() {
            self.message_channels.remove(&message.id);
            self.reactions.remove(&message.id);
            self.forget_nonce(&message);
        }
        Some(channel)
    }

    /// The message, if any.
    pub fn message(&self, id: MessageId) -> Option<&Message> {
        let channel = self.message_channels.get(&id)?;
        self.messages.get(channel)?.get(&id)
    }

    fn forget_nonce(&mut self, message: &Message) {
        if let Some(nonce) = &message.nonce {
            let key = (message.author_id, nonce.as_str().to_owned());
            // Only drop the index entry if it points at this message.
            if self.nonces.get(&key) == Some(&message.id) {
                self.nonces.remove(&key);
            }
        }
    }
}
