//! Pins: admins and the owner pin a channel's messages (at most
//! [`MAX_PINS`] per channel); members list them, newest pin first.

use super::{MessageView, PinOutcome, MAX_PINS};
use crate::auth::Actor;
use crate::chat::Chat;
use crate::error::{Conflict, Error, Result};
use crate::events::EventKind;
use crate::ids::{ChannelId, MessageId};
use crate::policy::Action;

impl Chat {
    /// Pins a message of the channel. Pinning a pinned message changes
    /// nothing; a 51st pin is refused.
    pub async fn pin_message(
        &self,
        actor: &Actor,
        channel: ChannelId,
        id: MessageId,
    ) -> Result<()> {
        let (channel, _) = self
            .channel_for(actor, channel, Action::ManageMessages)
            .await?;
        let outcome = self
            .deps
            .store
            .pin_message(channel.id, id, self.now(), MAX_PINS)
            .await?;
        match outcome {
            PinOutcome::Pinned(message) => self.announce_pin_change(actor, message).await,
            PinOutcome::AlreadyPinned => Ok(()),
            PinOutcome::TooMany => Err(Conflict::TooManyPins.into()),
            PinOutcome::NotFound => Err(Error::NotFound("message")),
        }
    }

    /// Unpins a message of the channel; unpinning one that is not pinned
    /// changes nothing (a message of another channel is not found).
    pub async fn unpin_message(
        &self,
        actor: &Actor,
        channel: ChannelId,
        id: MessageId,
    ) -> Result<()> {
        let (channel, _) = self
            .channel_for(actor, channel, Action::ManageMessages)
            .await?;
        let store = &self.deps.store;
        match store.unpin_message(channel.id, id).await? {
            Some(message) => self.announce_pin_change(actor, message).await,
            None => match store.message_by_id(id).await? {
                Some(m) if m.channel_id == channel.id => Ok(()),
                _ => Err(Error::NotFound("message")),
            },
        }
    }

    /// The channel's pinned messages, the most recently pinned first.
    pub async fn pins(&self, actor: &Actor, channel: ChannelId) -> Result<Vec<MessageView>> {
        let (channel, _) = self
            .channel_for(actor, channel, Action::Participate)
            .await?;
        let pinned = self.deps.store.pinned_messages(channel.id).await?;
        self.message_views(pinned, Some(actor.user_id)).await
    }

    /// `message.updated` with the new `pinned`, then `channel.pins_updated`.
    async fn announce_pin_change(&self, actor: &Actor, message: super::Message) -> Result<()> {
        let (channel_id, server_id) = (message.channel_id, message.server_id);
        let view = self.message_view(message, Some(actor.user_id)).await?;
        self.announce_message_update(&view).await?;
        let audience = self.channel_audience(server_id, channel_id).await?;
        self.publish(
            audience,
            EventKind::ChannelPinsUpdated {
                channel_id,
                server_id,
            },
        );
        Ok(())
    }
}
