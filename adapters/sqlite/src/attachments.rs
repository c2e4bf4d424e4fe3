//! Attachment metadata (`attachments` table, migration 8).

use async_trait::async_trait;
use chat_core::attachments::{Attachment, AttachmentStore};
use chat_core::ids::{AttachmentId, ChannelId, MessageId, UserId};
use chat_core::{StoreResult, Timestamp};
use rusqlite::{params, params_from_iter, OptionalExtension, Row};

use crate::db::{execute, read, write};
use crate::error::backend;
use crate::pins::placeholders;
use crate::SqliteStore;

pub(crate) const COLUMNS: &str =
    "id, channel_id, uploader_id, message_id, filename, content_type, size, \
     width, height, has_preview, spoiler, created_at, expires_at";

pub(crate) fn from_row(row: &Row<'_>) -> rusqlite::Result<Attachment> {
    Ok(Attachment {
        id: AttachmentId::from_uuid(row.get(0)?),
        channel_id: ChannelId::from_uuid(row.get(1)?),
        uploader_id: UserId::from_uuid(row.get(2)?),
        message_id: row
            .get::<_, Option<uuid::Uuid>>(3)?
            .map(MessageId::from_uuid),
        filename: row.get(4)?,
        content_type: row.get(5)?,
        size: row.get::<_, i64>(6)?.max(0) as u64,
        width: row
            .get::<_, Option<i64>>(7)?
            .map(|w| w.clamp(0, u32::MAX.into()) as u32),
        height: row
            .get::<_, Option<i64>>(8)?
            .map(|h| h.clamp(0, u32::MAX.into()) as u32),
        has_preview: row.get(9)?,
        spoiler: row.get(10)?,
        created_at: Timestamp::from_millis(row.get(11)?),
        expires_at: Timestamp::from_millis(row.get(12)?),
    })
}

fn uuids<'a, T: 'a>(ids: &'a [T], f: impl Fn(&T) -> uuid::Uuid + 'a) -> Vec<uuid::Uuid> {
    ids.iter().map(f).collect()
}

#[async_trait]
impl AttachmentStore for SqliteStore {
    async fn insert_attachment(&self, a: &Attachment) -> StoreResult<()> {
        let a = a.clone();
        write(&self.db, move |conn| {
            execute(conn, &format!(
                "INSERT INTO attachments ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
            ), params![
                    a.id.as_uuid(),
                    a.channel_id.as_uuid(),
                    a.uploader_id.as_uuid(),
                    a.message_id.map(|m| m.as_uuid()),
                    a.filename,
                    a.content_type,
                    i64::try_from(a.size).unwrap_or(i64::MAX),
                    a.width.map(i64::from),
                    a.height.map(i64::from),
                    a.has_preview,
                    a.spoiler,
                    a.created_at.millis(),
                    a.expires_at.millis(),
                ])
            .map(|_| ())
        })
        .await
    }

    async fn attachment_by_id(&self, id: AttachmentId) -> StoreResult<Option<Attachment>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(&format!("SELECT {COLUMNS} FROM attachments WHERE id = ?1"))
                .and_then(|mut st| st.query_row(params![id.as_uuid()], from_row).optional())
                .map_err(backend)
        })
        .await
    }

    async fn attachments_by_ids(&self, ids: &[AttachmentId]) -> StoreResult<Vec<Attachment>> {
        attachments_where_in(self, "id", uuids(ids, |i| i.as_uuid())).await
    }

    async fn claim_attachments(
        &self,
        ids: &[AttachmentId],
        message: MessageId,
        spoiler: bool,
    ) -> StoreResult<u64> {
        let ids = uuids(ids, |i| i.as_uuid());
        if ids.is_empty() {
            return Ok(0);
        }
        write(&self.db, move |conn| {
            let sql = format!(
                "UPDATE attachments SET message_id = ?1, spoiler = ?2
                 WHERE message_id IS NULL AND id IN ({})",
                placeholders(3, ids.len())
            );
            let mut values: Vec<rusqlite::types::Value> = vec![
                rusqlite::types::Value::Blob(message.as_uuid().as_bytes().to_vec()),
                rusqlite::types::Value::Integer(i64::from(spoiler)),
            ];
            values.extend(
                ids.iter()
                    .map(|id| rusqlite::types::Value::Blob(id.as_bytes().to_vec())),
            );
            execute(conn, &sql, params_from_iter(values)).map(|n| n as u64)
        })
        .await
    }

    async fn attachments_of_messages(
        &self,
        messages: &[MessageId],
    ) -> StoreResult<Vec<Attachment>> {
        attachments_where_in(self, "message_id", uuids(messages, |i| i.as_uuid())).await
    }

    async fn expired_attachments(
        &self,
        now: Timestamp,
        limit: u32,
    ) -> StoreResult<Vec<Attachment>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM attachments
                 WHERE message_id IS NULL AND expires_at <= ?1 ORDER BY expires_at LIMIT ?2"
            ))
            .and_then(|mut st| {
                st.query_map(params![now.millis(), limit], from_row)?
                    .collect()
            })
            .map_err(backend)
        })
        .await
    }

    async fn orphaned_attachments(&self, limit: u32) -> StoreResult<Vec<Attachment>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(&format!(
                "SELECT {COLUMNS} FROM attachments a
                 WHERE NOT EXISTS (SELECT 1 FROM channels c WHERE c.id = a.channel_id)
                 LIMIT ?1"
            ))
            .and_then(|mut st| st.query_map(params![limit], from_row)?.collect())
            .map_err(backend)
        })
        .await
    }

    async fn delete_attachments(&self, ids: &[AttachmentId]) -> StoreResult<()> {
        let ids = uuids(ids, |i| i.as_uuid());
        if ids.is_empty() {
            return Ok(());
        }
        write(&self.db, move |conn| {
            let sql = format!(
                "DELETE FROM attachments WHERE id IN ({})",
                placeholders(1, ids.len())
            );
            execute(conn, &sql, params_from_iter(ids.iter())).map(|_| ())
        })
        .await
    }

    async fn attachment_usage(&self, user: UserId, since: Timestamp) -> StoreResult<(u64, u64)> {
        read(&self.db, move |conn| {
            conn.prepare_cached(
                "SELECT COALESCE(SUM(size), 0), COALESCE(SUM(created_at >= ?2), 0)
                 FROM attachments WHERE uploader_id = ?1",
            )
            .and_then(|mut st| {
                st.query_row(params![user.as_uuid(), since.millis()], |r| {
                    Ok((
                        r.get::<_, i64>(0)?.max(0) as u64,
                        r.get::<_, i64>(1)?.max(0) as u64,
                    ))
                })
            })
            .map_err(backend)
        })
        .await
    }
}

/// The attachments whose `column` is one of `ids`, in id order.
async fn attachments_where_in(
    store: &SqliteStore,
    column: &'static str,
    ids: Vec<uuid::Uuid>,
) -> StoreResult<Vec<Attachment>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    read(&store.db, move |conn| {
        let sql = format!(
            "SELECT {COLUMNS} FROM attachments WHERE {column} IN ({}) ORDER BY id",
            placeholders(1, ids.len())
        );
        conn.prepare_cached(&sql)
            .and_then(|mut st| {
                st.query_map(params_from_iter(ids.iter()), from_row)?
                    .collect()
            })
            .map_err(backend)
    })
    .await
}
