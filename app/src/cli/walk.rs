//! Walks over a whole store through its ports, shared by `migrate` (which
//! copies what it walks), its verification (which counts it) and `dump`
//! (which prints it), so the three always cover the same records.

use std::collections::HashSet;

use chat_core::account::MfaState;
use chat_core::attachments::Attachment;
use chat_core::direct::{Block, DirectChannel, DmPolicy};
use chat_core::ids::{AttachmentId, ChannelId, MessageId, UserId};
use chat_core::messages::{Emoji, Message};
use chat_core::reads::NotificationSettings;
use chat_core::users::User;
use chat_core::Store;

/// Reactors read per store call.
const REACTORS_PAGE: u32 = 500;

/// A channel's messages, one page per `next`, the newest page first
/// (each page oldest first).
pub struct MessagePages<'a> {
    store: &'a dyn Store,
    channel: ChannelId,
    batch: u32,
    before: Option<MessageId>,
    done: bool,
}

impl<'a> MessagePages<'a> {
    pub fn new(store: &'a dyn Store, channel: ChannelId, batch: u32) -> Self {
        Self {
            store,
            channel,
            batch,
            before: None,
            done: false,
        }
    }

    /// The next page, or `None` after the oldest message.
    pub async fn next(&mut self) -> anyhow::Result<Option<Vec<Message>>> {
        if self.done {
            return Ok(None);
        }
        let page = self
            .store
            .history(self.channel, self.before, self.batch)
            .await?;
        let Some(oldest) = page.first() else {
            self.done = true;
            return Ok(None);
        };
        self.before = Some(oldest.id);
        Ok(Some(page))
    }
}

/// Runs `each` on every user of the store, in id order.
pub async fn each_user(
    store: &dyn Store,
    batch: u32,
    mut each: impl AsyncFnMut(&User) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    let mut after = None;
    loop {
        let users = store.users_after(after, batch).await?;
        let Some(last) = users.last() else {
            return Ok(());
        };
        after = Some(last.id);
        for user in &users {
            each(user).await?;
        }
    }
}

/// Every attachment (pending and sent), one page per `next`, in id order.
pub struct AttachmentPages<'a> {
    store: &'a dyn Store,
    batch: u32,
    after: Option<AttachmentId>,
}

impl<'a> AttachmentPages<'a> {
    pub fn new(store: &'a dyn Store, batch: u32) -> Self {
        Self {
            store,
            batch,
            after: None,
        }
    }

    /// The next page, or `None` after the last attachment.
    pub async fn next(&mut self) -> anyhow::Result<Option<Vec<Attachment>>> {
        let page = self.store.attachments_after(self.after, self.batch).await?;
        let Some(last) = page.last() else {
            return Ok(None);
        };
        self.after = Some(last.id);
        Ok(Some(page))
    }
}

/// Who reacted to a message with one emoji.
pub struct Reactions {
    pub message: MessageId,
    pub emoji: Emoji,
    /// Ordered by user id.
    pub users: Vec<UserId>,
}

/// The reactions of these messages, each message's emoji in order of
/// first use (adding them back in this order keeps that order).
pub async fn reactions_of(store: &dyn Store, page: &[Message]) -> anyhow::Result<Vec<Reactions>> {
    let ids: Vec<MessageId> = page.iter().map(|m| m.id).collect();
    let mut out = Vec::new();
    for (message, count) in store.reaction_counts(&ids, None).await? {
        let mut users = Vec::new();
        loop {
            let more = store
                .reactors(message, &count.emoji, users.last().copied(), REACTORS_PAGE)
                .await?;
            if more.is_empty() {
                break;
            }
            users.extend(more);
        }
        out.push(Reactions {
            message,
            emoji: count.emoji,
            users,
        });
    }
    Ok(out)
}

/// Every direct channel (DMs and groups) someone is in, in id order.
pub async fn direct_channels(store: &dyn Store, batch: u32) -> anyhow::Result<Vec<DirectChannel>> {
    let mut seen = HashSet::new();
    let mut all = Vec::new();
    each_user(store, batch, async |u| {
        for d in store.direct_channels_of(u.id).await? {
            if seen.insert(d.channel.id) {
                all.push(d);
            }
        }
        Ok(())
    })
    .await?;
    all.sort_by_key(|d| d.channel.id);
    Ok(all)
}

/// What is stored about a user beside their account row.
pub struct Extras {
    pub blocks: Vec<Block>,
    pub dm_policy: Option<DmPolicy>,
    pub mfa: Option<MfaState>,
    pub read_markers: Vec<(ChannelId, MessageId)>,
    /// Every stored notification setting (servers left and direct
    /// channels included).
    pub notifications: NotificationSettings,
}

pub async fn extras_of(store: &dyn Store, user: UserId) -> anyhow::Result<Extras> {
    Ok(Extras {
        blocks: store.blocks_of(user).await?,
        dm_policy: store.dm_policy(user).await?,
        mfa: store.mfa_of(user).await?,
        read_markers: store.read_markers_of(user).await?,
        notifications: store.stored_notification_settings(user).await?,
    })
}
