//! Attachment metadata (`attachments` table, migration 8).

use async_trait::async_trait;
use chat_core::attachments::{Attachment, AttachmentStore};
use chat_core::ids::{AttachmentId, ChannelId, MessageId, UserId};
use chat_core::{StoreResult, Timestamp};
use tokio_postgres::Row;
use uuid::Uuid;

use crate::rows::{all, col, first, time, unsigned};
use crate::PgStore;

pub(crate) const COLUMNS: &str =
    "id, channel_id, uploader_id, message_id, filename, content_type, size, \
     width, height, has_preview, spoiler, created_at, expires_at";

pub(crate) fn attachment(row: &Row) -> StoreResult<Attachment> {
    let dim = |name: &str| -> StoreResult<Option<u32>> {
        col::<Option<i64>>(row, name)?
            .map(|n| unsigned(name, n))
            .transpose()
    };
    Ok(Attachment {
        id: AttachmentId::from_uuid(col(row, "id")?),
        channel_id: ChannelId::from_uuid(col(row, "channel_id")?),
        uploader_id: UserId::from_uuid(col(row, "uploader_id")?),
        message_id: col::<Option<Uuid>>(row, "message_id")?.map(MessageId::from_uuid),
        filename: col(row, "filename")?,
        content_type: col(row, "content_type")?,
        size: unsigned("size", col::<i64>(row, "size")?)?,
        width: dim("width")?,
        height: dim("height")?,
        has_preview: col(row, "has_preview")?,
        spoiler: col(row, "spoiler")?,
        created_at: time(row, "created_at")?,
        expires_at: time(row, "expires_at")?,
    })
}

#[async_trait]
impl AttachmentStore for PgStore {
    async fn insert_attachment(&self, a: &Attachment) -> StoreResult<()> {
        let size = i64::try_from(a.size).unwrap_or(i64::MAX);
        let width = a.width.map(i64::from);
        let height = a.height.map(i64::from);
        self.execute(
            &format!(
                "INSERT INTO attachments ({COLUMNS}) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
            ),
            &[
                &a.id.as_uuid(),
                &a.channel_id.as_uuid(),
                &a.uploader_id.as_uuid(),
                &a.message_id.map(|m| m.as_uuid()),
                &a.filename,
                &a.content_type,
                &size,
                &width,
                &height,
                &a.has_preview,
                &a.spoiler,
                &a.created_at.millis(),
                &a.expires_at.millis(),
            ],
        )
        .await
        .map(|_| ())
    }

    async fn attachment_by_id(&self, id: AttachmentId) -> StoreResult<Option<Attachment>> {
        let rows = self
            .query(
                &format!("SELECT {COLUMNS} FROM attachments WHERE id = $1"),
                &[&id.as_uuid()],
            )
            .await?;
        first(&rows, attachment)
    }

    async fn attachments_by_ids(&self, ids: &[AttachmentId]) -> StoreResult<Vec<Attachment>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Uuid> = ids.iter().map(AttachmentId::as_uuid).collect();
        let rows = self
            .query(
                &format!("SELECT {COLUMNS} FROM attachments WHERE id = ANY($1) ORDER BY id"),
                &[&ids],
            )
            .await?;
        all(&rows, attachment)
    }

    async fn claim_attachments(
        &self,
        ids: &[AttachmentId],
        message: MessageId,
        spoiler: bool,
    ) -> StoreResult<u64> {
        if ids.is_empty() {
            return Ok(0);
        }
        let ids: Vec<Uuid> = ids.iter().map(AttachmentId::as_uuid).collect();
        self.execute(
            "UPDATE attachments SET message_id = $1, spoiler = $2 \
             WHERE message_id IS NULL AND id = ANY($3)",
            &[&message.as_uuid(), &spoiler, &ids],
        )
        .await
    }

    async fn attachments_of_messages(
        &self,
        messages: &[MessageId],
    ) -> StoreResult<Vec<Attachment>> {
        if messages.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Uuid> = messages.iter().map(MessageId::as_uuid).collect();
        let rows = self
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM attachments WHERE message_id = ANY($1) ORDER BY id"
                ),
                &[&ids],
            )
            .await?;
        all(&rows, attachment)
    }

    async fn expired_attachments(
        &self,
        now: Timestamp,
        limit: u32,
    ) -> StoreResult<Vec<Attachment>> {
        let rows = self
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM attachments \
                     WHERE message_id IS NULL AND expires_at <= $1 ORDER BY expires_at LIMIT $2"
                ),
                &[&now.millis(), &i64::from(limit)],
            )
            .await?;
        all(&rows, attachment)
    }

    async fn orphaned_attachments(&self, limit: u32) -> StoreResult<Vec<Attachment>> {
        let rows = self
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM attachments a \
                     WHERE NOT EXISTS (SELECT 1 FROM channels c WHERE c.id = a.channel_id) \
                     LIMIT $1"
                ),
                &[&i64::from(limit)],
            )
            .await?;
        all(&rows, attachment)
    }

    async fn delete_attachments(&self, ids: &[AttachmentId]) -> StoreResult<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let ids: Vec<Uuid> = ids.iter().map(AttachmentId::as_uuid).collect();
        self.execute("DELETE FROM attachments WHERE id = ANY($1)", &[&ids])
            .await
            .map(|_| ())
    }

    async fn attachment_usage(&self, user: UserId, since: Timestamp) -> StoreResult<(u64, u64)> {
        let rows = self
            .query(
                "SELECT COALESCE(SUM(size), 0)::bigint AS bytes, \
                 COUNT(*) FILTER (WHERE created_at >= $2) AS recent \
                 FROM attachments WHERE uploader_id = $1",
                &[&user.as_uuid(), &since.millis()],
            )
            .await?;
        let Some(row) = rows.first() else {
            return Ok((0, 0));
        };
        Ok((
            unsigned("bytes", col::<i64>(row, "bytes")?)?,
            unsigned("recent", col::<i64>(row, "recent")?)?,
        ))
    }
}
