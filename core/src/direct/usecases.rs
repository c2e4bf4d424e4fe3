use std::collections::{HashMap, HashSet};

use super::{Block, ChannelKind, DirectChannel, DmPolicy, Participant, MAX_GROUP_SIZE};
use crate::auth::Actor;
use crate::channels::{Channel, ChannelName, Slowmode, Topic};
use crate::chat::Chat;
use crate::error::{Error, Result, ValidationError};
use crate::events::{Audience, EventKind};
use crate::ids::{ChannelId, MessageId, ServerId, UserId};
use crate::messages::Message;
use crate::presence::ShownStatus;
use crate::reads::ReadState;
use crate::time::Timestamp;
use crate::users::User;

/// Someone in a direct channel as others see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// Their id.
    pub id: UserId,
    /// Their login name.
    pub username: String,
    /// Their shown name.
    pub display_name: String,
    /// Their status as others see it.
    pub status: ShownStatus,
    /// Their avatar's URL, if they set one.
    pub avatar_url: Option<String>,
}

/// A direct channel as its participants see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectChannelView {
    /// The channel (its `name` is meaningful for groups only).
    pub channel: Channel,
    /// DM or group.
    pub kind: ChannelKind,
    /// A group's owner.
    pub owner_id: Option<UserId>,
    /// Everyone in it (the viewer included), longest present first.
    pub recipients: Vec<Recipient>,
    /// The newest message, if any.
    pub last_message_id: Option<MessageId>,
    /// When the last message was sent, or the channel made.
    pub last_activity_at: Timestamp,
}

/// The placeholder name stored for a DM (which has none).
const DM_NAME: &str = "direct message";

impl Chat {
    /// Opens the DM with one other person (`recipients` = `[them]`):
    /// `(it, true)` when created, `(the existing one, false)` otherwise;
    /// or, with 2–9 others, creates a group owned by the caller (`name`
    /// optional: the others' names by default). Unknown users, oneself,
    /// or more than 9 others are a validation error on `recipients`; a
    /// recipient whose DM policy refuses the caller, or a block either
    /// way, is `dm_not_allowed`.
    pub async fn open_direct(
        &self,
        actor: &Actor,
        recipients: Vec<UserId>,
        name: Option<ChannelName>,
    ) -> Result<(DirectChannelView, bool)> {
        let others = self.check_recipients(actor.user_id, &recipients).await?;
        for other in &others {
            self.ensure_may_message(actor.user_id, other.id).await?;
        }
        let now = self.now();
        let me = self.load_user(actor.user_id).await?;
        let mut participants = vec![Participant {
            user_id: me.id,
            joined_at: now,
        }];
        participants.extend(others.iter().map(|u| Participant {
            user_id: u.id,
            joined_at: now,
        }));
        let store = &self.deps.store;
        if others.len() == 1 {
            let dm = DirectChannel {
                channel: direct_channel_row(self.new_channel_id(), DM_NAME, now)?,
                kind: ChannelKind::Dm,
                owner_id: None,
                participants,
            };
            let (dm, created) = store.open_dm(&dm).await?;
            let view = self.direct_view(dm).await?;
            if created {
                self.publish(
                    Audience::Users(view.recipients.iter().map(|r| r.id).collect()),
                    EventKind::DirectChannelCreated(view.clone()),
                );
            }
            return Ok((view, created));
        }
        let name = match name {
            Some(n) => n,
            None => default_group_name(&others)?,
        };
        let group = DirectChannel {
            channel: direct_channel_row(self.new_channel_id(), name.as_str(), now)?,
            kind: ChannelKind::Group,
            owner_id: Some(me.id),
            participants,
        };
        store.insert_group(&group).await?;
        let view = self.direct_view(group).await?;
        self.publish(
            Audience::Users(view.recipients.iter().map(|r| r.id).collect()),
            EventKind::DirectChannelCreated(view.clone()),
        );
        Ok((view, true))
    }

    /// The caller's DMs and groups, the most recent activity first, in a
    /// fixed number of store calls however many there are (the newest
    /// message of each comes from the read states).
    pub async fn direct_channels(&self, actor: &Actor) -> Result<Vec<DirectChannelView>> {
        let reads = self.deps.store.read_states_of(actor.user_id).await?;
        self.direct_channels_with(actor, &reads).await
    }

    /// [`Chat::direct_channels`] with the caller's read states already
    /// read (`ready` has them): three store calls whatever the number of
    /// channels.
    pub async fn direct_channels_with(
        &self,
        actor: &Actor,
        reads: &[ReadState],
    ) -> Result<Vec<DirectChannelView>> {
        let store = &self.deps.store;
        let channels = store.direct_channels_of(actor.user_id).await?;
        if channels.is_empty() {
            return Ok(Vec::new());
        }
        let mut people: Vec<UserId> = channels.iter().flat_map(|c| c.user_ids()).collect();
        people.sort();
        people.dedup();
        let users = store.users_by_ids(&people).await?;
        let newest: HashMap<ChannelId, MessageId> = reads
            .iter()
            .filter_map(|r| Some((r.channel_id, r.last_message_id?)))
            .collect();
        let ids: Vec<MessageId> = channels
            .iter()
            .filter_map(|c| newest.get(&c.channel.id).copied())
            .collect();
        let last = if ids.is_empty() {
            Vec::new()
        } else {
            store.messages_by_ids(&ids).await?
        };
        let mut views: Vec<DirectChannelView> = channels
            .into_iter()
            .map(|c| {
                let newest = last.iter().find(|m| m.channel_id == c.channel.id);
                self.direct_view_from(c, &users, newest)
            })
            .collect();
        views.sort_by(|a, b| {
            b.last_activity_at
                .cmp(&a.last_activity_at)
                .then(b.channel.id.cmp(&a.channel.id))
        });
        Ok(views)
    }

    /// Adds `user` to a group (its owner only). Already there: nothing
    /// changes. A DM is `forbidden`; a full group is a validation error.
    pub async fn add_recipient(
        &self,
        actor: &Actor,
        channel: ChannelId,
        user: UserId,
    ) -> Result<DirectChannelView> {
        let group = self.owned_group(actor, channel).await?;
        if group.has(user) {
            return self.direct_view(group).await;
        }
        self.live_user(user).await?;
        if group.participants.len() >= MAX_GROUP_SIZE {
            return Err(ValidationError::new(
                "user_id",
                format!("a group holds at most {MAX_GROUP_SIZE} people"),
            )
            .into());
        }
        self.ensure_may_message(actor.user_id, user).await?;
        self.deps
            .store
            .add_participant(channel, user, self.now())
            .await?;
        let view = self.direct_view_of(channel).await?;
        if let Some(added) = view.recipients.iter().find(|r| r.id == user) {
            self.publish(
                Audience::Users(group.user_ids()),
                EventKind::RecipientAdded {
                    channel_id: channel,
                    recipient: added.clone(),
                },
            );
        }
        self.publish(
            Audience::User(user),
            EventKind::DirectChannelCreated(view.clone()),
        );
        Ok(view)
    }

    /// Removes someone else from a group (its owner only); to leave, see
    /// [`Chat::leave_direct`].
    pub async fn remove_recipient(
        &self,
        actor: &Actor,
        channel: ChannelId,
        user: UserId,
    ) -> Result<()> {
        if user == actor.user_id {
            return self.leave_direct(actor, channel).await;
        }
        let group = self.owned_group(actor, channel).await?;
        if !group.has(user) {
            return Err(Error::NotFound("recipient"));
        }
        self.deps.store.remove_participant(channel, user).await?;
        self.announce_removal(&group, user);
        Ok(())
    }

    /// Leaves a group: when the owner leaves, ownership passes to the
    /// longest present; the last one leaving deletes it. A DM cannot be
    /// left (`forbidden`).
    pub async fn leave_direct(&self, actor: &Actor, channel: ChannelId) -> Result<()> {
        let group = self.direct_for(actor.user_id, channel).await?;
        if group.kind != ChannelKind::Group {
            return Err(Error::Forbidden("a direct message cannot be left"));
        }
        let store = &self.deps.store;
        let rest: Vec<&Participant> = group
            .participants
            .iter()
            .filter(|p| p.user_id != actor.user_id)
            .collect();
        let Some(heir) = rest.iter().min_by_key(|p| (p.joined_at, p.user_id)) else {
            store.delete_direct(channel).await?;
            self.publish(
                Audience::User(actor.user_id),
                EventKind::DirectChannelDeleted { id: channel },
            );
            return Ok(());
        };
        store.remove_participant(channel, actor.user_id).await?;
        self.announce_removal(&group, actor.user_id);
        if group.owner_id == Some(actor.user_id) {
            store
                .update_group(channel, &group.channel.name, heir.user_id)
                .await?;
            let view = self.direct_view_of(channel).await?;
            self.publish(
                Audience::Users(view.recipients.iter().map(|r| r.id).collect()),
                EventKind::DirectChannelUpdated(view),
            );
        }
        Ok(())
    }

    /// Renames a group (its owner only).
    pub(crate) async fn rename_group(
        &self,
        actor: &Actor,
        channel: ChannelId,
        name: ChannelName,
    ) -> Result<DirectChannelView> {
        let group = self.owned_group(actor, channel).await?;
        let owner = group.owner_id.unwrap_or(actor.user_id);
        self.deps.store.update_group(channel, &name, owner).await?;
        let view = self.direct_view_of(channel).await?;
        self.publish(
            Audience::Users(group.user_ids()),
            EventKind::DirectChannelUpdated(view.clone()),
        );
        Ok(view)
    }

    /// Blocks a user: neither can open a DM with or add the other, and
    /// their DM becomes read-only. The blocked user is not told.
    pub async fn block_user(&self, actor: &Actor, user: UserId) -> Result<()> {
        if user == actor.user_id {
            return Err(ValidationError::new("user_id", "you cannot block yourself").into());
        }
        self.live_user(user).await?;
        let block = Block {
            user_id: actor.user_id,
            blocked_id: user,
            created_at: self.now(),
        };
        self.deps.store.insert_block(&block).await?;
        Ok(())
    }

    /// Lifts a block; not blocked: nothing changes.
    pub async fn unblock_user(&self, actor: &Actor, user: UserId) -> Result<()> {
        self.deps.store.delete_block(actor.user_id, user).await?;
        Ok(())
    }

    /// Whom the caller blocks (oldest first), with who they are.
    pub async fn blocked_users(&self, actor: &Actor) -> Result<Vec<(Block, Option<User>)>> {
        let blocks = self.deps.store.blocks_of(actor.user_id).await?;
        let ids: Vec<UserId> = blocks.iter().map(|b| b.blocked_id).collect();
        let users = self.deps.store.users_by_ids(&ids).await?;
        Ok(blocks
            .into_iter()
            .map(|b| {
                let u = users.iter().find(|u| u.id == b.blocked_id).cloned();
                (b, u)
            })
            .collect())
    }

    /// The caller's DM policy (the default when never set).
    pub async fn dm_policy(&self, actor: &Actor) -> Result<DmPolicy> {
        Ok(self
            .deps
            .store
            .dm_policy(actor.user_id)
            .await?
            .unwrap_or_default())
    }

    /// Sets the caller's DM policy.
    pub async fn set_dm_policy(&self, actor: &Actor, policy: DmPolicy) -> Result<DmPolicy> {
        self.deps.store.set_dm_policy(actor.user_id, policy).await?;
        Ok(policy)
    }

    /// The direct channel, if `user` is in it; anyone else is told it
    /// does not exist.
    pub(crate) async fn direct_for(&self, user: UserId, id: ChannelId) -> Result<DirectChannel> {
        match self.deps.store.direct_channel(id).await? {
            Some(d) if d.has(user) => Ok(d),
            _ => Err(Error::NotFound("channel")),
        }
    }

    /// The people who hear about what happens in a server's channel
    /// (everyone in the server) or a direct one (its participants).
    pub(crate) async fn channel_audience(
        &self,
        server: ServerId,
        channel: ChannelId,
    ) -> Result<Audience> {
        if !server.is_direct() {
            return Ok(Audience::Server(server));
        }
        let ids = match self.deps.store.direct_channel(channel).await? {
            Some(d) => d.user_ids(),
            None => Vec::new(),
        };
        Ok(Audience::Users(ids))
    }

    /// The users who would receive an event about the channel, one by one.
    pub(crate) async fn channel_listeners(
        &self,
        server: ServerId,
        channel: ChannelId,
    ) -> Result<Vec<UserId>> {
        if server.is_direct() {
            return Ok(match self.deps.store.direct_channel(channel).await? {
                Some(d) => d.user_ids(),
                None => Vec::new(),
            });
        }
        Ok(self
            .deps
            .store
            .members_of(server)
            .await?
            .into_iter()
            .map(|m| m.user_id)
            .collect())
    }

    /// A send to a DM whose two people block one another (either way) is
    /// refused with `blocked`, and one to a DM whose other person deleted
    /// their account with `dm_not_allowed` (nobody can read it any more);
    /// groups are not affected (a deleted account has left them).
    pub(crate) async fn ensure_may_send(&self, direct: &DirectChannel) -> Result<()> {
        if direct.kind != ChannelKind::Dm {
            return Ok(());
        }
        let ids = direct.user_ids();
        if let [a, b] = ids[..] {
            let store = &self.deps.store;
            if store.blocked_between(a, b).await? {
                return Err(Error::Blocked);
            }
            if store.users_by_ids(&ids).await?.iter().any(User::is_deleted) {
                return Err(Error::DmNotAllowed);
            }
        }
        Ok(())
    }

    /// Leaves every group `actor` is in (their account is being deleted),
    /// each as [`Chat::leave_direct`] does; their DMs are kept.
    pub(crate) async fn leave_groups(&self, actor: &Actor) -> Result<()> {
        for d in self.deps.store.direct_channels_of(actor.user_id).await? {
            if d.kind == ChannelKind::Group {
                self.leave_direct(actor, d.channel.id).await?;
            }
        }
        Ok(())
    }

    /// A user who exists and has not deleted their account; anyone else
    /// is "not found".
    async fn live_user(&self, id: UserId) -> Result<User> {
        self.deps
            .store
            .user_by_id(id)
            .await?
            .filter(|u| !u.is_deleted())
            .ok_or(Error::NotFound("user"))
    }

    /// The people `user` talks with in DMs and groups (for presence).
    pub(crate) async fn direct_partners(&self, user: UserId) -> Result<Vec<UserId>> {
        let mut seen = HashSet::new();
        for d in self.deps.store.direct_channels_of(user).await? {
            seen.extend(d.user_ids());
        }
        seen.remove(&user);
        let mut ids: Vec<UserId> = seen.into_iter().collect();
        ids.sort();
        Ok(ids)
    }

    /// Whether `from` may open a DM with (or add to a group) `to`: no
    /// block either way, and `to`'s DM policy lets `from` in. The answer
    /// is the same `dm_not_allowed` whatever the reason.
    async fn ensure_may_message(&self, from: UserId, to: UserId) -> Result<()> {
        let store = &self.deps.store;
        if store.blocked_between(from, to).await? {
            return Err(Error::DmNotAllowed);
        }
        let allowed = match store.dm_policy(to).await?.unwrap_or_default() {
            DmPolicy::Everyone => true,
            DmPolicy::Nobody => false,
            DmPolicy::ServerMembers => self.share_a_server(from, to).await?,
        };
        if allowed {
            Ok(())
        } else {
            Err(Error::DmNotAllowed)
        }
    }

    pub(crate) async fn share_a_server(&self, a: UserId, b: UserId) -> Result<bool> {
        let store = &self.deps.store;
        let mine: HashSet<ServerId> = store
            .memberships_of(a)
            .await?
            .into_iter()
            .map(|m| m.server_id)
            .collect();
        Ok(store
            .memberships_of(b)
            .await?
            .iter()
            .any(|m| mine.contains(&m.server_id)))
    }

    /// The other people of a new DM or group, checked.
    async fn check_recipients(&self, me: UserId, ids: &[UserId]) -> Result<Vec<User>> {
        let invalid = |m: &str| Error::from(ValidationError::new("recipients", m));
        let mut unique: Vec<UserId> = Vec::new();
        for id in ids {
            if !unique.contains(id) {
                unique.push(*id);
            }
        }
        if unique.is_empty() {
            return Err(invalid("must name at least one user"));
        }
        if unique.contains(&me) {
            return Err(invalid("must not include yourself"));
        }
        if unique.len() > MAX_GROUP_SIZE - 1 {
            return Err(invalid("must name at most 9 other users"));
        }
        let users = self.deps.store.users_by_ids(&unique).await?;
        let mut found = Vec::with_capacity(unique.len());
        for id in unique {
            match users.iter().find(|u| u.id == id && !u.is_deleted()) {
                Some(u) => found.push(u.clone()),
                None => return Err(invalid("names a user who does not exist")),
            }
        }
        Ok(found)
    }

    /// A group the caller owns; a DM or someone else's group is
    /// `forbidden`, a channel the caller is not in "not found".
    async fn owned_group(&self, actor: &Actor, channel: ChannelId) -> Result<DirectChannel> {
        let group = self.direct_for(actor.user_id, channel).await?;
        if group.kind != ChannelKind::Group || group.owner_id != Some(actor.user_id) {
            return Err(Error::Forbidden("only the group's owner may do this"));
        }
        Ok(group)
    }

    fn announce_removal(&self, group: &DirectChannel, user: UserId) {
        self.publish(
            Audience::Users(group.user_ids()),
            EventKind::RecipientRemoved {
                channel_id: group.channel.id,
                user_id: user,
            },
        );
        self.publish(
            Audience::User(user),
            EventKind::DirectChannelDeleted {
                id: group.channel.id,
            },
        );
    }

    async fn direct_view_of(&self, id: ChannelId) -> Result<DirectChannelView> {
        let direct = self
            .deps
            .store
            .direct_channel(id)
            .await?
            .ok_or(Error::NotFound("channel"))?;
        self.direct_view(direct).await
    }

    pub(crate) async fn direct_view(&self, direct: DirectChannel) -> Result<DirectChannelView> {
        let store = &self.deps.store;
        let users = store.users_by_ids(&direct.user_ids()).await?;
        let last = store.history(direct.channel.id, None, 1).await?;
        Ok(self.direct_view_from(direct, &users, last.last()))
    }

    /// The view of `direct`, its people found among `users`, its newest
    /// message `last`.
    fn direct_view_from(
        &self,
        direct: DirectChannel,
        users: &[User],
        last: Option<&Message>,
    ) -> DirectChannelView {
        let recipients = direct
            .user_ids()
            .iter()
            .filter_map(|id| users.iter().find(|u| u.id == *id))
            .map(|u| Recipient {
                id: u.id,
                username: u.username.as_str().to_owned(),
                display_name: u.display_name.as_str().to_owned(),
                status: u
                    .status
                    .shown_to(self.deps.presence.is_connected(u.id), false),
                avatar_url: crate::pictures::avatar_url(u),
            })
            .collect();
        DirectChannelView {
            last_message_id: last.map(|m| m.id),
            last_activity_at: last.map_or(direct.channel.created_at, |m| m.created_at),
            kind: direct.kind,
            owner_id: direct.owner_id,
            recipients,
            channel: direct.channel,
        }
    }

    fn new_channel_id(&self) -> ChannelId {
        ChannelId::from_uuid(self.deps.ids.new_uuid())
    }
}

fn direct_channel_row(id: ChannelId, name: &str, now: Timestamp) -> Result<Channel> {
    Ok(Channel {
        id,
        server_id: ServerId::DIRECT,
        name: ChannelName::parse(name)?,
        topic: Topic::parse("")?,
        position: 0,
        slowmode: Slowmode::OFF,
        created_at: now,
    })
}

/// "ann, bob, cat", cut to a channel name's 100 characters.
fn default_group_name(others: &[User]) -> Result<ChannelName> {
    let joined = others
        .iter()
        .map(|u| u.display_name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let cut: String = joined.chars().take(100).collect();
    Ok(ChannelName::parse(&cut).or_else(|_| ChannelName::parse("group"))?)
}
