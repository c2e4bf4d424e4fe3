//! Paging history forward (`after`) and jumping to a message (`around`):
//! what a client needs to open a channel at a linked message and scroll
//! on from there in both directions.

use super::{HistoryPage, DEFAULT_PAGE, LIMIT_RULE, MAX_PAGE};
use crate::auth::Actor;
use crate::chat::Chat;
use crate::error::{Error, Result, ValidationError};
use crate::ids::{ChannelId, MessageId};
use crate::policy::Action;

/// A page size from the client's `limit`: default 50, clamped to 100;
/// zero or negative is a validation error on `limit`.
pub(crate) fn page_limit(limit: Option<i64>) -> Result<u32> {
    match limit {
        None => Ok(DEFAULT_PAGE),
        Some(n) if n < 1 => Err(ValidationError::new("limit", LIMIT_RULE).into()),
        Some(n) => Ok(n.min(MAX_PAGE.into()) as u32),
    }
}

/// Where a history page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryAnchor {
    /// The newest messages.
    Newest,
    /// The messages just before this one.
    Before(MessageId),
    /// The messages just after this one.
    After(MessageId),
    /// The page centred on this one (which it includes).
    Around(MessageId),
}

impl Chat {
    /// A page of a channel's history, oldest first, from any anchor: the
    /// `limit` messages before or after a message of the channel, the page
    /// centred on one (`limit / 2` older ones, it, and the newer rest), or
    /// the newest. An anchor that is not a message of the channel is "not
    /// found".
    pub async fn history_page(
        &self,
        actor: &Actor,
        channel: ChannelId,
        anchor: HistoryAnchor,
        limit: Option<i64>,
    ) -> Result<HistoryPage> {
        let limit = page_limit(limit)?;
        let (channel, _) = self
            .channel_for(actor, channel, Action::Participate)
            .await?;
        let store = &self.deps.store;
        let anchor_id = match anchor {
            HistoryAnchor::Newest => None,
            HistoryAnchor::Before(id) | HistoryAnchor::After(id) | HistoryAnchor::Around(id) => {
                Some(id)
            }
        };
        let mut anchor_message = None;
        if let Some(id) = anchor_id {
            match store.message_by_id(id).await? {
                Some(m) if m.channel_id == channel.id => anchor_message = Some(m),
                _ => return Err(Error::NotFound("message")),
            }
        }
        let messages = match (anchor, anchor_message) {
            (HistoryAnchor::After(id), _) => store.history_after(channel.id, id, limit).await?,
            (HistoryAnchor::Around(id), Some(centre)) => {
                let older = limit / 2;
                let mut page = if older > 0 {
                    store.history(channel.id, Some(id), older).await?
                } else {
                    Vec::new()
                };
                let newer = limit - older - 1;
                page.push(centre);
                if newer > 0 {
                    page.extend(store.history_after(channel.id, id, newer).await?);
                }
                page
            }
            (HistoryAnchor::Before(id), _) => store.history(channel.id, Some(id), limit).await?,
            _ => store.history(channel.id, None, limit).await?,
        };
        self.message_views(messages, Some(actor.user_id)).await
    }
}
