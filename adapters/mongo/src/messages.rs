//! Messages: the `messages` collection, keyed by their UUID v7 id so that
//! the `(channel_id, _id)` index serves history pages in creation order.
//!
//! Nonces: every message carries a `dedup_key` under a plain unique index:
//! `"<author_id>:<nonce>"` when it has a nonce, its own id otherwise (the
//! id has no `:`, so the two forms never collide). That makes "one message
//! per author and nonce" a single-document insert, with no partial index
//! (FerretDB 1.x has none) and no second collection to keep in step.

use async_trait::async_trait;
use chat_core::ids::{ChannelId, MessageId, UserId};
use chat_core::messages::{
    Inserted, Message, MessageContent, MessageStore, Nonce, PinOutcome, ReactionStore,
};
use chat_core::time::Timestamp;
use chat_core::{StoreError, StoreResult};
use futures::TryStreamExt;
use mongodb::bson::{doc, Bson, Document};
use mongodb::options::ReturnDocument;

use crate::codec::{id_text, opt_millis, Fields};
use crate::error::{backend, is_duplicate_key, Context};
use crate::indexes::names::MESSAGES;
use crate::MongoStore;

/// How often an insert retries when the message holding its nonce vanished
/// between the clash and the read (deleted meanwhile).
const NONCE_RETRIES: usize = 3;

fn dedup_key(message: &Message) -> String {
    match &message.nonce {
        Some(nonce) => format!(
            "{}:{}",
            id_text(message.author_id.as_uuid()),
            nonce.as_str()
        ),
        None => id_text(message.id.as_uuid()),
    }
}

fn to_doc(message: &Message) -> Document {
    let mentions: Vec<Bson> = message
        .mentions
        .iter()
        .map(|u| Bson::String(id_text(u.as_uuid())))
        .collect();
    doc! {
        "_id": id_text(message.id.as_uuid()),
        "channel_id": id_text(message.channel_id.as_uuid()),
        "server_id": id_text(message.server_id.as_uuid()),
        "author_id": id_text(message.author_id.as_uuid()),
        "content": message.content.as_str(),
        "mentions": mentions,
        "created_at": message.created_at.millis(),
        "edited_at": opt_millis(message.edited_at),
        "nonce": message.nonce.as_ref().map_or(Bson::Null, |n| Bson::String(n.as_str().to_owned())),
        "dedup_key": dedup_key(message),
        "reply_to": message.reply_to.map_or(Bson::Null, |r| Bson::String(id_text(r.as_uuid()))),
        "pinned_at": opt_millis(message.pinned_at),
        "search_text": chat_core::search::search_text(message.content.as_str()),
    }
}

pub(crate) fn from_doc(doc: &Document) -> StoreResult<Message> {
    let f = Fields::new(doc, MESSAGES);
    let nonce = f
        .opt_str("nonce")?
        .map(|n| Nonce::from_stored(n).map_err(|e| f.invalid("nonce", e)))
        .transpose()?;
    Ok(Message {
        id: f.id("_id")?,
        channel_id: f.id("channel_id")?,
        server_id: f.id("server_id")?,
        author_id: f.id("author_id")?,
        content: MessageContent::from_stored(f.str("content")?)
            .map_err(|e| f.invalid("content", e))?,
        mentions: f.ids("mentions")?,
        created_at: f.time("created_at")?,
        edited_at: f.opt_time("edited_at")?,
        nonce,
        reply_to: f
            .opt_str("reply_to")?
            .map(|t| {
                uuid::Uuid::parse_str(t)
                    .map(MessageId::from_uuid)
                    .map_err(|e| {
                        StoreError::Backend(format!("malformed `reply_to` in `{MESSAGES}`: {e}"))
                    })
            })
            .transpose()?,
        pinned_at: f.opt_time("pinned_at")?,
    })
}

pub(crate) fn by_id(id: MessageId) -> Document {
    doc! { "_id": id_text(id.as_uuid()) }
}

impl MongoStore {
    /// Stores many messages in batched inserts, for imports and benchmarks.
    /// Unlike `insert_message` it does not report nonce duplicates: a batch
    /// that breaks a nonce's uniqueness fails with `Backend` (the messages
    /// before the clash are stored).
    pub async fn import_messages(&self, messages: &[Message]) -> StoreResult<()> {
        if messages.is_empty() {
            return Ok(());
        }
        self.collection(MESSAGES)
            .insert_many(messages.iter().map(to_doc))
            .await
            .context("importing messages")?;
        Ok(())
    }

    async fn message_by_dedup_key(&self, key: &str) -> StoreResult<Option<Message>> {
        let found = self
            .collection(MESSAGES)
            .find_one(doc! { "dedup_key": key })
            .await
            .context("reading a message by nonce")?;
        found.as_ref().map(from_doc).transpose()
    }
}

#[async_trait]
impl MessageStore for MongoStore {
    async fn insert_message(&self, message: &Message) -> StoreResult<Inserted> {
        let document = to_doc(message);
        let key = dedup_key(message);
        for _ in 0..NONCE_RETRIES {
            let err = match self.collection(MESSAGES).insert_one(&document).await {
                Ok(_) => return Ok(Inserted::New),
                Err(e) if message.nonce.is_some() && is_duplicate_key(&e) => e,
                Err(e) => return Err(backend("inserting a message", e)),
            };
            if let Some(earlier) = self.message_by_dedup_key(&key).await? {
                return Ok(Inserted::Duplicate(earlier));
            }
            // The clash was with our own id, not the nonce: report it.
            if self.message_by_id(message.id).await?.is_some() {
                return Err(backend("inserting a message", err));
            }
        }
        Err(StoreError::Backend(
            "mongodb: inserting a message: its nonce kept clashing with a message that then vanished"
                .to_owned(),
        ))
    }

    async fn message_by_id(&self, id: MessageId) -> StoreResult<Option<Message>> {
        let found = self
            .collection(MESSAGES)
            .find_one(by_id(id))
            .await
            .context("reading a message")?;
        found.as_ref().map(from_doc).transpose()
    }

    async fn messages_by_ids(&self, ids: &[MessageId]) -> StoreResult<Vec<Message>> {
        self.messages_by_ids_(ids).await
    }

    async fn history_after(
        &self,
        channel: ChannelId,
        after: MessageId,
        limit: u32,
    ) -> StoreResult<Vec<Message>> {
        self.history_after_(channel, after, limit).await
    }

    async fn pin_message(
        &self,
        channel: ChannelId,
        id: MessageId,
        at: Timestamp,
        max: usize,
    ) -> StoreResult<PinOutcome> {
        self.pin(channel, id, at, max).await
    }

    async fn unpin_message(
        &self,
        channel: ChannelId,
        id: MessageId,
    ) -> StoreResult<Option<Message>> {
        self.unpin(channel, id).await
    }

    async fn pinned_messages(&self, channel: ChannelId) -> StoreResult<Vec<Message>> {
        self.pinned(channel).await
    }

    async fn history(
        &self,
        channel: ChannelId,
        before: Option<MessageId>,
        limit: u32,
    ) -> StoreResult<Vec<Message>> {
        if limit == 0 {
            return Ok(Vec::new());
        }
        let mut filter = doc! { "channel_id": id_text(channel.as_uuid()) };
        if let Some(before) = before {
            filter.insert("_id", doc! { "$lt": id_text(before.as_uuid()) });
        }
        let cursor = self
            .collection(MESSAGES)
            .find(filter)
            .sort(doc! { "_id": -1 })
            .limit(i64::from(limit))
            .await
            .context("reading history")?;
        let docs: Vec<Document> = cursor.try_collect().await.context("reading history")?;
        let mut page = docs.iter().map(from_doc).collect::<StoreResult<Vec<_>>>()?;
        page.reverse();
        Ok(page)
    }

    async fn edit_message(
        &self,
        id: MessageId,
        content: &MessageContent,
        mentions: &[UserId],
        edited_at: Timestamp,
    ) -> StoreResult<Option<Message>> {
        let mentions: Vec<Bson> = mentions
            .iter()
            .map(|u| Bson::String(id_text(u.as_uuid())))
            .collect();
        let set = doc! { "$set": {
            "content": content.as_str(),
            "mentions": mentions,
            "edited_at": edited_at.millis(),
            "search_text": chat_core::search::search_text(content.as_str()),
        } };
        let updated = self
            .collection(MESSAGES)
            .find_one_and_update(by_id(id), set)
            .return_document(ReturnDocument::After)
            .await
            .context("editing a message")?;
        updated.as_ref().map(from_doc).transpose()
    }

    async fn delete_message(&self, id: MessageId) -> StoreResult<bool> {
        // Its reactions first: an interrupted delete leaves the message.
        self.clear_reactions(id).await?;
        let result = self
            .collection(MESSAGES)
            .delete_one(by_id(id))
            .await
            .context("deleting a message")?;
        Ok(result.deleted_count > 0)
    }

    async fn last_message_by(
        &self,
        channel: ChannelId,
        author: UserId,
    ) -> StoreResult<Option<Message>> {
        let filter = doc! {
            "author_id": id_text(author.as_uuid()),
            "channel_id": id_text(channel.as_uuid()),
        };
        let found = self
            .collection(MESSAGES)
            .find_one(filter)
            .sort(doc! { "_id": -1 })
            .await
            .context("reading an author's newest message")?;
        found.as_ref().map(from_doc).transpose()
    }

    async fn count_messages_by(&self, author: UserId) -> StoreResult<u64> {
        // The `by_author` index answers it.
        self.collection(MESSAGES)
            .count_documents(doc! { "author_id": id_text(author.as_uuid()) })
            .await
            .context("counting a user's messages")
    }
}
