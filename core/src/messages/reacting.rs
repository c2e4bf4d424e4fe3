//! Reactions: add and remove one's own, list who reacted, and (admins)
//! remove them all. Every member of the server hears each change.

use super::{Emoji, ReactionAdded, MAX_REACTION_EMOJI};
use crate::auth::Actor;
use crate::chat::Chat;
use crate::error::{Conflict, Result};
use crate::events::EventKind;
use crate::ids::{MessageId, UserId};
use crate::policy::Action;
use crate::users::UserView;

impl Chat {
    /// Adds the caller's `emoji` reaction to a message they can see.
    /// Reacting twice changes nothing; a 21st distinct emoji is refused.
    pub async fn add_reaction(&self, actor: &Actor, id: MessageId, emoji: Emoji) -> Result<()> {
        let message = self
            .authorized_message(actor, id, Action::Participate)
            .await?;
        let added = self
            .deps
            .store
            .add_reaction(&message, &emoji, actor.user_id, MAX_REACTION_EMOJI)
            .await?;
        match added {
            ReactionAdded::AlreadyThere => Ok(()),
            ReactionAdded::TooMany => Err(Conflict::TooManyReactions.into()),
            ReactionAdded::Added => {
                let audience = self
                    .channel_audience(message.server_id, message.channel_id)
                    .await?;
                self.publish(
                    audience,
                    EventKind::ReactionAdded {
                        message_id: message.id,
                        channel_id: message.channel_id,
                        server_id: message.server_id,
                        emoji,
                        user_id: actor.user_id,
                    },
                );
                Ok(())
            }
        }
    }

    /// Removes the caller's `emoji` reaction; removing one that is not
    /// there changes nothing.
    pub async fn remove_reaction(&self, actor: &Actor, id: MessageId, emoji: Emoji) -> Result<()> {
        let message = self
            .authorized_message(actor, id, Action::Participate)
            .await?;
        let removed = self
            .deps
            .store
            .remove_reaction(id, &emoji, actor.user_id)
            .await?;
        if removed {
            let audience = self
                .channel_audience(message.server_id, message.channel_id)
                .await?;
            self.publish(
                audience,
                EventKind::ReactionRemoved {
                    message_id: message.id,
                    channel_id: message.channel_id,
                    server_id: message.server_id,
                    emoji,
                    user_id: actor.user_id,
                },
            );
        }
        Ok(())
    }

    /// Removes every reaction of a message (admins and the owner).
    pub async fn clear_reactions(&self, actor: &Actor, id: MessageId) -> Result<()> {
        let message = self
            .authorized_message(actor, id, Action::ManageMessages)
            .await?;
        if self.deps.store.clear_reactions(id).await? > 0 {
            let audience = self
                .channel_audience(message.server_id, message.channel_id)
                .await?;
            self.publish(
                audience,
                EventKind::ReactionsCleared {
                    message_id: message.id,
                    channel_id: message.channel_id,
                    server_id: message.server_id,
                },
            );
        }
        Ok(())
    }

    /// The users who reacted with `emoji`, by user id: `limit` (default
    /// 50, at most 100) of them, after the user id `after` when given.
    pub async fn reactors(
        &self,
        actor: &Actor,
        id: MessageId,
        emoji: Emoji,
        after: Option<UserId>,
        limit: Option<i64>,
    ) -> Result<Vec<UserView>> {
        let limit = super::page_limit(limit)?;
        self.authorized_message(actor, id, Action::Participate)
            .await?;
        let store = &self.deps.store;
        let ids = store.reactors(id, &emoji, after, limit).await?;
        let mut users = store.users_by_ids(&ids).await?;
        users.sort_by_key(|u| u.id);
        Ok(users
            .into_iter()
            .map(|user| {
                let connected = self.deps.presence.is_connected(user.id);
                let status = user.status.shown_to(connected, user.id == actor.user_id);
                UserView { user, status }
            })
            .collect())
    }
}
