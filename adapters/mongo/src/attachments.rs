//! Attachments: the `attachments` collection (`_id`: the attachment id as
//! text, so `_id` order is upload order). Giving a pending upload to a
//! message goes through a claim (see claims.rs) so that two racing sends
//! cannot both take it.

use async_trait::async_trait;
use chat_core::attachments::{Attachment, AttachmentStore};
use chat_core::ids::{AttachmentId, MessageId, UserId};
use chat_core::{StoreResult, Timestamp};
use mongodb::bson::{doc, Bson, Document};

use crate::codec::{id_text, Fields};
use crate::error::Context;
use crate::indexes::names::{ATTACHMENTS, ATTACHMENT_CLAIMS, CHANNELS};
use crate::{find_all, MongoStore};

fn to_doc(a: &Attachment) -> Document {
    doc! {
        "_id": id_text(a.id.as_uuid()),
        "channel_id": id_text(a.channel_id.as_uuid()),
        "uploader_id": id_text(a.uploader_id.as_uuid()),
        "message_id": a.message_id.map_or(Bson::Null, |m| Bson::String(id_text(m.as_uuid()))),
        "filename": &a.filename,
        "content_type": &a.content_type,
        "size": i64::try_from(a.size).unwrap_or(i64::MAX),
        "width": a.width.map_or(Bson::Null, |w| Bson::Int64(i64::from(w))),
        "height": a.height.map_or(Bson::Null, |h| Bson::Int64(i64::from(h))),
        "has_preview": a.has_preview,
        "spoiler": a.spoiler,
        "created_at": a.created_at.millis(),
        "expires_at": a.expires_at.millis(),
    }
}

pub(crate) fn from_doc(d: &Document) -> StoreResult<Attachment> {
    let f = Fields::new(d, ATTACHMENTS);
    let message_id = match f.opt_str("message_id")? {
        Some(_) => Some(f.id("message_id")?),
        None => None,
    };
    let size = f.i64("size")?;
    Ok(Attachment {
        id: f.id("_id")?,
        channel_id: f.id("channel_id")?,
        uploader_id: f.id("uploader_id")?,
        message_id,
        filename: f.str("filename")?.to_owned(),
        content_type: f.str("content_type")?.to_owned(),
        size: u64::try_from(size).map_err(|_| f.bad("size", "is negative"))?,
        width: f.opt_u32("width")?,
        height: f.opt_u32("height")?,
        has_preview: f.bool("has_preview")?,
        spoiler: f.bool("spoiler")?,
        created_at: f.time("created_at")?,
        expires_at: f.time("expires_at")?,
    })
}

fn texts<T: Copy>(ids: &[T], uuid: impl Fn(T) -> uuid::Uuid) -> Vec<String> {
    ids.iter().map(|id| id_text(uuid(*id))).collect()
}

impl MongoStore {
    async fn attachments_where(
        &self,
        filter: Document,
        what: &str,
    ) -> StoreResult<Vec<Attachment>> {
        let docs = find_all(
            &self.collection(ATTACHMENTS),
            filter,
            doc! { "_id": 1 },
            what,
        )
        .await?;
        docs.iter().map(from_doc).collect()
    }
}

#[async_trait]
impl AttachmentStore for MongoStore {
    async fn insert_attachment(&self, a: &Attachment) -> StoreResult<()> {
        self.collection(ATTACHMENTS)
            .insert_one(to_doc(a))
            .await
            .context("storing an attachment")?;
        Ok(())
    }

    async fn attachment_by_id(&self, id: AttachmentId) -> StoreResult<Option<Attachment>> {
        let found = self
            .collection(ATTACHMENTS)
            .find_one(doc! { "_id": id_text(id.as_uuid()) })
            .await
            .context("reading an attachment")?;
        found.as_ref().map(from_doc).transpose()
    }

    async fn attachments_by_ids(&self, ids: &[AttachmentId]) -> StoreResult<Vec<Attachment>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids = texts(ids, |i| i.as_uuid());
        self.attachments_where(doc! { "_id": { "$in": ids } }, "reading attachments")
            .await
    }

    async fn claim_attachments(
        &self,
        ids: &[AttachmentId],
        message: MessageId,
        spoiler: bool,
    ) -> StoreResult<u64> {
        let mut claimed = 0;
        for a in self.attachments_by_ids(ids).await? {
            if a.message_id.is_some() {
                continue;
            }
            let key = id_text(a.id.as_uuid());
            let claim = doc! { "_id": &key, "message_id": id_text(message.as_uuid()) };
            if !self.claim(ATTACHMENT_CLAIMS, claim).await? {
                continue;
            }
            self.collection(ATTACHMENTS)
                .update_one(
                    doc! { "_id": &key },
                    doc! { "$set": { "message_id": id_text(message.as_uuid()), "spoiler": spoiler } },
                )
                .await
                .context("giving an attachment to a message")?;
            claimed += 1;
        }
        Ok(claimed)
    }

    async fn attachments_of_messages(
        &self,
        messages: &[MessageId],
    ) -> StoreResult<Vec<Attachment>> {
        if messages.is_empty() {
            return Ok(Vec::new());
        }
        let ids = texts(messages, |i| i.as_uuid());
        self.attachments_where(
            doc! { "message_id": { "$in": ids } },
            "reading messages' attachments",
        )
        .await
    }

    async fn expired_attachments(
        &self,
        now: Timestamp,
        limit: u32,
    ) -> StoreResult<Vec<Attachment>> {
        let mut expired = self
            .attachments_where(
                doc! { "message_id": Bson::Null, "expires_at": { "$lte": now.millis() } },
                "reading expired attachments",
            )
            .await?;
        expired.truncate(limit as usize);
        Ok(expired)
    }

    async fn orphaned_attachments(&self, limit: u32) -> StoreResult<Vec<Attachment>> {
        // No joins: the channels attachments name, less those that exist.
        let named = self
            .collection(ATTACHMENTS)
            .distinct("channel_id", doc! {})
            .await
            .context("listing the channels of attachments")?;
        if named.is_empty() {
            return Ok(Vec::new());
        }
        let existing = find_all(
            &self.collection(CHANNELS),
            doc! { "_id": { "$in": named.clone() } },
            doc! { "_id": 1 },
            "reading the channels of attachments",
        )
        .await?;
        let existing: Vec<&Bson> = existing.iter().filter_map(|d| d.get("_id")).collect();
        let gone: Vec<Bson> = named
            .into_iter()
            .filter(|c| !existing.contains(&c))
            .collect();
        if gone.is_empty() {
            return Ok(Vec::new());
        }
        let mut orphans = self
            .attachments_where(
                doc! { "channel_id": { "$in": gone } },
                "reading orphaned attachments",
            )
            .await?;
        orphans.truncate(limit as usize);
        Ok(orphans)
    }

    async fn delete_attachments(&self, ids: &[AttachmentId]) -> StoreResult<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let ids = texts(ids, |i| i.as_uuid());
        self.collection(ATTACHMENTS)
            .delete_many(doc! { "_id": { "$in": ids.clone() } })
            .await
            .context("deleting attachments")?;
        self.collection(ATTACHMENT_CLAIMS)
            .delete_many(doc! { "_id": { "$in": ids } })
            .await
            .context("deleting attachment claims")?;
        Ok(())
    }

    async fn attachment_usage(&self, user: UserId, since: Timestamp) -> StoreResult<(u64, u64)> {
        let mine = self
            .attachments_where(
                doc! { "uploader_id": id_text(user.as_uuid()) },
                "reading a user's attachments",
            )
            .await?;
        let bytes = mine.iter().fold(0u64, |n, a| n.saturating_add(a.size));
        let recent = mine.iter().filter(|a| a.created_at >= since).count() as u64;
        Ok((bytes, recent))
    }
}
