use super::{
    mentioned_usernames, Inserted, Message, MessageContent, Nonce, ReactionCount, ReplyPreview,
};
use std::time::Duration;

use crate::attachments::AttachmentView;
use crate::audit::{AuditAction, AuditChange, AuditTarget, TargetKind};
use crate::auth::Actor;
use crate::channels::Channel;
use crate::chat::{check, Access, Chat};
use crate::error::{Error, Result, ValidationError};
use crate::events::{Audience, EventKind};
use crate::ids::{AttachmentId, ChannelId, MessageId, UserId};
use crate::limits::Write;
use crate::policy::{Action, Target};
use crate::role::Role;
use crate::users::{User, Username};

/// The most distinct `@names` resolved in one message.
const MAX_MENTIONS: usize = 50;

/// The author of a message as shown with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorSummary {
    /// Their id.
    pub id: UserId,
    /// Their login name.
    pub username: String,
    /// Their shown name.
    pub display_name: String,
    /// Their avatar's URL, if they set one.
    pub avatar_url: Option<String>,
}

/// A message with its author, as clients see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageView {
    /// The message.
    pub message: Message,
    /// Who wrote it.
    pub author: AuthorSummary,
    /// The message it replies to, if any.
    pub reply_to: Option<ReplyPreview>,
    /// Its reactions in order of first use, `me` for the viewer.
    pub reactions: Vec<ReactionCount>,
    /// Its files, in upload order, with signed URLs.
    pub attachments: Vec<AttachmentView>,
}

/// A message to send, with everything optional beyond its text.
#[derive(Debug, Clone)]
pub struct SendMessage {
    /// The text; may be empty only with attachments.
    pub content: MessageContent,
    /// The client's idempotency key.
    pub nonce: Option<Nonce>,
    /// The message this one answers.
    pub reply_to: Option<MessageId>,
    /// Pending uploads of the sender to this channel (at most 10).
    pub attachment_ids: Vec<AttachmentId>,
    /// Which of `attachment_ids` are shown as spoilers.
    pub spoiler_ids: Vec<AttachmentId>,
}

/// A page of history: the messages, oldest first.
pub type HistoryPage = Vec<MessageView>;

impl Chat {
    /// Sends a message, as a reply to `reply_to` when given (a message of
    /// the same channel; anything else is a validation error on
    /// `reply_to`). With a `nonce` the author already used, nothing is
    /// stored and the first message is returned with `false` ("not new").
    pub async fn send_message_replying(
        &self,
        actor: &Actor,
        channel: ChannelId,
        content: MessageContent,
        nonce: Option<Nonce>,
        reply_to: Option<MessageId>,
    ) -> Result<(MessageView, bool)> {
        let send = SendMessage {
            content,
            nonce,
            reply_to,
            attachment_ids: Vec::new(),
            spoiler_ids: Vec::new(),
        };
        self.send_message_with(actor, channel, send).await
    }

    /// Sends a message with its attachments (see
    /// [`Chat::send_message_replying`]): each attachment id must be a
    /// pending upload of the caller to this channel; the text may then be
    /// empty.
    pub async fn send_message_with(
        &self,
        actor: &Actor,
        channel: ChannelId,
        send: SendMessage,
    ) -> Result<(MessageView, bool)> {
        let SendMessage {
            content,
            nonce,
            reply_to,
            attachment_ids,
            spoiler_ids,
        } = send;
        if content.is_empty() && attachment_ids.is_empty() {
            return Err(ValidationError::new("content", super::CONTENT_RULE).into());
        }
        let (channel, m) = self
            .channel_for(actor, channel, Action::Participate)
            .await?;
        if let Access::Direct(direct) = &m {
            self.ensure_may_send(direct).await?;
        } else {
            self.ensure_not_timed_out(channel.server_id, actor.user_id)
                .await?;
        }
        if let Some(first) = self
            .wait_for_slowmode(&channel, m.member_role(), actor, nonce.as_ref())
            .await?
        {
            return Ok((self.message_view(first, Some(actor.user_id)).await?, false));
        }
        self.limit_write(actor.user_id, Write::Message(channel.id))
            .await?;
        self.check_reply_target(channel.id, reply_to).await?;
        let attachment_ids = self
            .check_pending(actor, channel.id, &attachment_ids)
            .await?;
        let mentions = self.resolve_mentions(&m, &content).await?;
        let message = Message {
            id: MessageId::from_uuid(self.deps.ids.new_uuid()),
            channel_id: channel.id,
            server_id: channel.server_id,
            author_id: actor.user_id,
            content,
            mentions,
            created_at: self.now(),
            edited_at: None,
            nonce,
            reply_to,
            pinned_at: None,
        };
        let (message, new) = match self.deps.store.insert_message(&message).await? {
            Inserted::New => (message, true),
            Inserted::Duplicate(first) => (first, false),
        };
        if new {
            self.claim(&attachment_ids, &spoiler_ids, message.id)
                .await?;
            self.mark_sent(actor.user_id, message.channel_id, message.id);
        }
        let view = self.message_view(message, Some(actor.user_id)).await?;
        if new {
            let audience = self.channel_audience(channel.server_id, channel.id).await?;
            self.publish(audience, EventKind::MessageCreated(view.clone()));
        }
        Ok((view, new))
    }

    /// A page of a channel's history, oldest first: the `limit` (default 50,
    /// at most 100) messages just before `before`, or the newest ones.
    pub async fn history(
        &self,
        actor: &Actor,
        channel: ChannelId,
        before: Option<MessageId>,
        limit: Option<i64>,
    ) -> Result<HistoryPage> {
        let limit = super::page_limit(limit)?;
        let (channel, _) = self
            .channel_for(actor, channel, Action::Participate)
            .await?;
        let store = &self.deps.store;
        if let Some(before) = before {
            let anchor = store.message_by_id(before).await?;
            if anchor.is_none_or(|m| m.channel_id != channel.id) {
                return Err(Error::NotFound("message"));
            }
        }
        let messages = store.history(channel.id, before, limit).await?;
        self.message_views(messages, Some(actor.user_id)).await
    }

    /// Edits one's own message.
    pub async fn edit_message(
        &self,
        actor: &Actor,
        id: MessageId,
        content: MessageContent,
    ) -> Result<MessageView> {
        let message = self
            .authorized_message(actor, id, Action::EditMessage)
            .await?;
        let access = match message.server_id.is_direct() {
            true => Access::Direct(self.direct_for(actor.user_id, message.channel_id).await?),
            false => {
                let (_, access) = self
                    .channel_for(actor, message.channel_id, Action::Participate)
                    .await?;
                access
            }
        };
        if content.is_empty()
            && self
                .deps
                .store
                .attachments_of_messages(&[id])
                .await?
                .is_empty()
        {
            return Err(ValidationError::new("content", super::CONTENT_RULE).into());
        }
        let mentions = self.resolve_mentions(&access, &content).await?;
        let edited = self
            .deps
            .store
            .edit_message(id, &content, &mentions, self.now())
            .await?
            .ok_or(Error::NotFound("message"))?;
        let view = self.message_view(edited, Some(actor.user_id)).await?;
        self.announce_message_update(&view).await?;
        Ok(view)
    }

    /// Deletes a message: one's own, or as an admin who outranks its author.
    pub async fn delete_message(&self, actor: &Actor, id: MessageId) -> Result<()> {
        let message = self
            .authorized_message(actor, id, Action::DeleteMessage)
            .await?;
        let files = self.deps.store.attachments_of_messages(&[id]).await?;
        self.deps.store.delete_message(id).await?;
        self.remove_attachments(&files).await?;
        let audience = self
            .channel_audience(message.server_id, message.channel_id)
            .await?;
        self.publish(
            audience,
            EventKind::MessageDeleted {
                id,
                channel_id: message.channel_id,
                server_id: message.server_id,
            },
        );
        if message.author_id == actor.user_id || message.server_id.is_direct() {
            return Ok(());
        }
        let changes = vec![
            AuditChange::new(
                "author_id",
                Some(message.author_id.to_string().into()),
                None,
            ),
            AuditChange::new(
                "channel_id",
                Some(message.channel_id.to_string().into()),
                None,
            ),
        ];
        let target = Some(AuditTarget::new(TargetKind::Message, id));
        self.record(
            message.server_id,
            actor,
            AuditAction::MessageDelete,
            target,
            changes,
        )
        .await
    }

    /// Tells the channel's server that the caller is typing (not the caller
    /// themself). Repeated starts within the throttle window are dropped.
    pub async fn start_typing(&self, actor: &Actor, channel: ChannelId) -> Result<()> {
        let (channel, access) = self
            .channel_for(actor, channel, Action::Participate)
            .await?;
        if !channel.is_direct() {
            self.ensure_not_timed_out(channel.server_id, actor.user_id)
                .await?;
        }
        let presence = &self.deps.presence;
        if let Some(expires_at) = presence.start_typing(actor.user_id, channel.id, self.now()) {
            let audience = match &access {
                Access::Direct(d) => Audience::Users(
                    d.user_ids()
                        .into_iter()
                        .filter(|u| *u != actor.user_id)
                        .collect(),
                ),
                Access::Server(_) => Audience::CoMembers {
                    servers: vec![channel.server_id],
                    except: actor.user_id,
                },
            };
            self.publish(
                audience,
                EventKind::TypingStarted {
                    channel_id: channel.id,
                    server_id: channel.server_id,
                    user_id: actor.user_id,
                    expires_at,
                },
            );
        }
        Ok(())
    }

    /// Slow mode: a member (not an admin or the owner) who sent a message
    /// in the channel less than its slow mode ago waits (`rate_limited`
    /// with the time left). A retry of that very message (same nonce) is
    /// not a new message: it is returned, to answer as a duplicate.
    async fn wait_for_slowmode(
        &self,
        channel: &Channel,
        role: Role,
        actor: &Actor,
        nonce: Option<&Nonce>,
    ) -> Result<Option<Message>> {
        let wait = i64::from(channel.slowmode.seconds());
        if wait == 0 || role >= Role::Admin {
            return Ok(None);
        }
        let store = &self.deps.store;
        let Some(last) = store.last_message_by(channel.id, actor.user_id).await? else {
            return Ok(None);
        };
        if nonce.is_some() && last.nonce.as_ref() == nonce {
            return Ok(Some(last));
        }
        let left = last.created_at.plus_seconds(wait).millis() - self.now().millis();
        if left > 0 {
            let retry_after = Duration::from_millis(left.unsigned_abs());
            return Err(Error::RateLimited { retry_after });
        }
        Ok(None)
    }

    /// Loads a message and checks the caller may do `action` to it; a
    /// non-member is told the message does not exist.
    pub(crate) async fn authorized_message(
        &self,
        actor: &Actor,
        id: MessageId,
        action: Action,
    ) -> Result<Message> {
        let store = &self.deps.store;
        let message = store
            .message_by_id(id)
            .await?
            .ok_or(Error::NotFound("message"))?;
        if message.server_id.is_direct() {
            let direct = self
                .direct_for(actor.user_id, message.channel_id)
                .await
                .map_err(|_| Error::NotFound("message"))?;
            let own = message.author_id == actor.user_id;
            return match action {
                Action::Participate => Ok(message),
                Action::EditMessage | Action::DeleteMessage if own => Ok(message),
                _ => {
                    let _ = direct;
                    Err(Error::Forbidden("only the author may do this"))
                }
            };
        }
        let m = self.membership(message.server_id, actor.user_id).await?;
        let author = store.member(message.server_id, message.author_id).await?;
        let author_role = author.map(|a| Role::effective(m.server.owner_id, a.user_id, a.role));
        let own = message.author_id == actor.user_id;
        check(m.role(), action, Target::Message { author_role, own }).map_err(|e| match e {
            Error::NotFound(_) => Error::NotFound("message"),
            other => other,
        })?;
        Ok(message)
    }

    /// The ids of the server's members (or the direct channel's people)
    /// named as `@username` in the content.
    async fn resolve_mentions(
        &self,
        access: &Access,
        content: &MessageContent,
    ) -> Result<Vec<UserId>> {
        let store = &self.deps.store;
        let mut ids = Vec::new();
        for name in mentioned_usernames(content.as_str())
            .into_iter()
            .take(MAX_MENTIONS)
        {
            let Ok(name) = Username::parse(&name) else {
                continue;
            };
            let Some(user) = store.user_by_username(&name).await? else {
                continue;
            };
            let present = match access {
                Access::Server(a) => store.member(a.server.id, user.id).await?.is_some(),
                Access::Direct(d) => d.has(user.id),
            };
            if present {
                ids.push(user.id);
            }
        }
        Ok(ids)
    }
}

impl Chat {
    /// Sends a message (not a reply); see [`Chat::send_message_replying`].
    pub async fn send_message(
        &self,
        actor: &Actor,
        channel: ChannelId,
        content: MessageContent,
        nonce: Option<Nonce>,
    ) -> Result<(MessageView, bool)> {
        self.send_message_replying(actor, channel, content, nonce, None)
            .await
    }

    /// A reply must answer a message of the same channel.
    async fn check_reply_target(
        &self,
        channel: ChannelId,
        reply_to: Option<MessageId>,
    ) -> Result<()> {
        let Some(id) = reply_to else {
            return Ok(());
        };
        let target = self.deps.store.message_by_id(id).await?;
        if target.is_some_and(|m| m.channel_id == channel) {
            Ok(())
        } else {
            Err(ValidationError::new("reply_to", "must be a message of this channel").into())
        }
    }
}

/// The author as shown; a deleted account shows as such.
pub(crate) fn author_summary(id: UserId, user: Option<&User>) -> AuthorSummary {
    match user {
        Some(u) => AuthorSummary {
            id,
            username: u.username.as_str().to_owned(),
            display_name: u.display_name.as_str().to_owned(),
            avatar_url: crate::pictures::avatar_url(u),
        },
        None => AuthorSummary {
            id,
            username: crate::users::Username::deleted(id).as_str().to_owned(),
            display_name: String::from(crate::users::DELETED_DISPLAY_NAME),
            avatar_url: None,
        },
    }
}
