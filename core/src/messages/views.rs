//! Messages as a viewer sees them: author, the message replied to, and
//! the reactions with the viewer's own marked, for a whole page at once.
//!
//! A page costs a fixed number of store reads, whatever its size: the
//! messages replied to (one `messages_by_ids`), every author (one
//! `users_by_ids`) and every reaction count (one `reaction_counts`).

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{author_summary, AuthorSummary, Message, MessageView, ReactionCount};
use crate::attachments::AttachmentView;
use crate::chat::Chat;
use crate::error::{Error, Result};
use crate::events::{Audience, EventKind};
use crate::ids::{MessageId, UserId};
use crate::users::User;

/// How many characters of the replied message a reply shows.
pub const REPLY_PREVIEW_CHARS: usize = 100;

/// The message a reply answers, as shown with the reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplyPreview {
    /// The replied message exists.
    Message {
        /// Its id.
        id: MessageId,
        /// Its author.
        author: AuthorSummary,
        /// Its first [`REPLY_PREVIEW_CHARS`] characters (code points).
        content: String,
    },
    /// The replied message was deleted.
    Deleted {
        /// The id it had.
        id: MessageId,
    },
}

impl ReplyPreview {
    /// The id of the replied message.
    pub fn id(&self) -> MessageId {
        match self {
            ReplyPreview::Message { id, .. } | ReplyPreview::Deleted { id } => *id,
        }
    }
}

impl Chat {
    /// One message as `viewer` sees it.
    pub(crate) async fn message_view(
        &self,
        message: Message,
        viewer: Option<UserId>,
    ) -> Result<MessageView> {
        let mut views = self.message_views(vec![message], viewer).await?;
        views.pop().ok_or(Error::NotFound("message"))
    }

    /// Attaches authors, replied messages and reactions (with `me` for
    /// `viewer`) to messages, with one store call for each.
    pub(crate) async fn message_views(
        &self,
        messages: Vec<Message>,
        viewer: Option<UserId>,
    ) -> Result<Vec<MessageView>> {
        if messages.is_empty() {
            return Ok(Vec::new());
        }
        let store = &self.deps.store;
        let mut reply_ids: Vec<MessageId> = messages.iter().filter_map(|m| m.reply_to).collect();
        reply_ids.sort();
        reply_ids.dedup();
        let replied = if reply_ids.is_empty() {
            Vec::new()
        } else {
            store.messages_by_ids(&reply_ids).await?
        };
        let mut user_ids: Vec<UserId> = messages
            .iter()
            .chain(&replied)
            .map(|m| m.author_id)
            .collect();
        user_ids.sort();
        user_ids.dedup();
        let users: HashMap<UserId, User> = store
            .users_by_ids(&user_ids)
            .await?
            .into_iter()
            .map(|u| (u.id, u))
            .collect();
        let ids: Vec<MessageId> = messages.iter().map(|m| m.id).collect();
        let mut reactions: HashMap<MessageId, Vec<ReactionCount>> = HashMap::new();
        for (id, count) in store.reaction_counts(&ids, viewer).await? {
            reactions.entry(id).or_default().push(count);
        }
        let mut files: HashMap<MessageId, Vec<AttachmentView>> = HashMap::new();
        for a in store.attachments_of_messages(&ids).await? {
            if let Some(message) = a.message_id {
                files
                    .entry(message)
                    .or_default()
                    .push(self.attachment_view(a));
            }
        }
        let replied: HashMap<MessageId, Message> = replied.into_iter().map(|m| (m.id, m)).collect();
        Ok(messages
            .into_iter()
            .map(|message| MessageView {
                author: author_summary(message.author_id, users.get(&message.author_id)),
                reply_to: message
                    .reply_to
                    .map(|id| reply_preview(id, replied.get(&id), &users)),
                reactions: reactions.remove(&message.id).unwrap_or_default(),
                attachments: files.remove(&message.id).unwrap_or_default(),
                message,
            })
            .collect())
    }

    /// Publishes `message.updated` so that every member's copy marks their
    /// own reactions (`me`), as `server.updated` carries each member's
    /// `my_role`: one copy for the members who did not react, one for each
    /// group of members who reacted with the same emoji.
    pub(crate) async fn announce_message_update(&self, view: &MessageView) -> Result<()> {
        let server = view.message.server_id;
        if view.reactions.is_empty() {
            let audience = self
                .channel_audience(server, view.message.channel_id)
                .await?;
            self.publish(audience, EventKind::MessageUpdated(view.clone()));
            return Ok(());
        }
        let store = &self.deps.store;
        let mut mine: HashMap<UserId, Vec<usize>> = HashMap::new();
        for (i, r) in view.reactions.iter().enumerate() {
            for user in store
                .reactors(view.message.id, &r.emoji, None, u32::MAX)
                .await?
            {
                mine.entry(user).or_default().push(i);
            }
        }
        let members: HashSet<UserId> = self
            .channel_listeners(server, view.message.channel_id)
            .await?
            .into_iter()
            .collect();
        let mut groups: BTreeMap<Vec<usize>, Vec<UserId>> = BTreeMap::new();
        for &user in &members {
            let set = mine.get(&user).cloned().unwrap_or_default();
            groups.entry(set).or_default().push(user);
        }
        for (set, mut users) in groups {
            users.sort();
            let mut copy = view.clone();
            for (i, r) in copy.reactions.iter_mut().enumerate() {
                r.me = set.contains(&i);
            }
            self.publish(Audience::Users(users), EventKind::MessageUpdated(copy));
        }
        Ok(())
    }
}

fn reply_preview(
    id: MessageId,
    replied: Option<&Message>,
    users: &HashMap<UserId, User>,
) -> ReplyPreview {
    match replied {
        Some(m) => ReplyPreview::Message {
            id,
            author: author_summary(m.author_id, users.get(&m.author_id)),
            content: m
                .content
                .as_str()
                .chars()
                .take(REPLY_PREVIEW_CHARS)
                .collect(),
        },
        None => ReplyPreview::Deleted { id },
    }
}
