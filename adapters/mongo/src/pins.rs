//! Pins (the `pinned_at` field of `messages`), and the two reads behind
//! replies and jumping: messages by a list of ids, and history forward.
//!
//! Without multi-document transactions, a pin counts the channel's pins,
//! then sets `pinned_at` on the message only if it is still unpinned (one
//! conditional update). Two pins of different messages at the very same
//! moment could both see 49 and leave 51: a narrow gap, accepted (the
//! limit is a tidiness rule, not a safety one); the SQL stores close it.

use chat_core::ids::{ChannelId, MessageId};
use chat_core::messages::{Message, PinOutcome};
use chat_core::time::Timestamp;
use chat_core::StoreResult;
use mongodb::bson::{doc, Bson, Document};
use mongodb::options::ReturnDocument;

use crate::codec::id_text;
use crate::error::Context;
use crate::indexes::names::MESSAGES;
use crate::messages::{by_id, from_doc};
use crate::{find_all, MongoStore};

fn pinned_filter(channel: ChannelId) -> Document {
    doc! { "channel_id": id_text(channel.as_uuid()), "pinned_at": { "$ne": Bson::Null } }
}

impl MongoStore {
    pub(crate) async fn messages_by_ids_(&self, ids: &[MessageId]) -> StoreResult<Vec<Message>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<String> = ids.iter().map(|id| id_text(id.as_uuid())).collect();
        let docs = find_all(
            &self.collection(MESSAGES),
            doc! { "_id": { "$in": ids } },
            doc! { "_id": 1 },
            "reading messages by id",
        )
        .await?;
        docs.iter().map(from_doc).collect()
    }

    pub(crate) async fn history_after_(
        &self,
        channel: ChannelId,
        after: MessageId,
        limit: u32,
    ) -> StoreResult<Vec<Message>> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let filter = doc! {
            "channel_id": id_text(channel.as_uuid()),
            "_id": { "$gt": id_text(after.as_uuid()) },
        };
        let cursor = self
            .collection(MESSAGES)
            .find(filter)
            .sort(doc! { "_id": 1 })
            .limit(i64::from(limit))
            .await
            .context("reading history forward")?;
        let docs: Vec<Document> = futures::TryStreamExt::try_collect(cursor)
            .await
            .context("reading history forward")?;
        docs.iter().map(from_doc).collect()
    }

    pub(crate) async fn pin(
        &self,
        channel: ChannelId,
        id: MessageId,
        at: Timestamp,
        max: usize,
    ) -> StoreResult<PinOutcome> {
        let messages = self.collection(MESSAGES);
        let mut filter = by_id(id);
        filter.insert("channel_id", id_text(channel.as_uuid()));
        let Some(found) = messages
            .find_one(filter.clone())
            .await
            .context("reading a message to pin")?
        else {
            return Ok(PinOutcome::NotFound);
        };
        if from_doc(&found)?.pinned_at.is_some() {
            return Ok(PinOutcome::AlreadyPinned);
        }
        let pinned = messages
            .count_documents(pinned_filter(channel))
            .await
            .context("counting pins")?;
        if usize::try_from(pinned).unwrap_or(usize::MAX) >= max {
            return Ok(PinOutcome::TooMany);
        }
        filter.insert("pinned_at", Bson::Null);
        let updated = messages
            .find_one_and_update(filter, doc! { "$set": { "pinned_at": at.millis() } })
            .return_document(ReturnDocument::After)
            .await
            .context("pinning a message")?;
        match updated {
            Some(doc) => Ok(PinOutcome::Pinned(from_doc(&doc)?)),
            // Pinned (or deleted) in between.
            None => Ok(PinOutcome::AlreadyPinned),
        }
    }

    pub(crate) async fn unpin(
        &self,
        channel: ChannelId,
        id: MessageId,
    ) -> StoreResult<Option<Message>> {
        let mut filter = pinned_filter(channel);
        filter.insert("_id", id_text(id.as_uuid()));
        let updated = self
            .collection(MESSAGES)
            .find_one_and_update(filter, doc! { "$set": { "pinned_at": Bson::Null } })
            .return_document(ReturnDocument::After)
            .await
            .context("unpinning a message")?;
        updated.as_ref().map(from_doc).transpose()
    }

    pub(crate) async fn pinned(&self, channel: ChannelId) -> StoreResult<Vec<Message>> {
        let docs = find_all(
            &self.collection(MESSAGES),
            pinned_filter(channel),
            doc! { "pinned_at": -1, "_id": -1 },
            "reading pins",
        )
        .await?;
        docs.iter().map(from_doc).collect()
    }
}
