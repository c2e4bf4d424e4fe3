//! Pins (the `pinned_at` column of `messages`), and the two reads behind
//! replies and jumping: messages by a list of ids, and history forward.
//!
//! A pin is one transaction that first locks the channel's row, so pins
//! of one channel take turns and the count they check cannot go stale:
//! concurrent pins never push a channel past its maximum.

use chat_core::ids::{ChannelId, MessageId};
use chat_core::messages::{Message, PinOutcome};
use chat_core::{StoreResult, Timestamp};
use uuid::Uuid;

use crate::error::db;
use crate::messages::{message, COLUMNS};
use crate::rows::{all, col, count, first};
use crate::sql::query;
use crate::PgStore;

impl PgStore {
    pub(crate) async fn messages_by_ids_(&self, ids: &[MessageId]) -> StoreResult<Vec<Message>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Uuid> = ids.iter().map(MessageId::as_uuid).collect();
        let rows = self
            .query(
                &format!("SELECT {COLUMNS} FROM messages WHERE id = ANY($1)"),
                &[&ids],
            )
            .await?;
        all(&rows, message)
    }

    /// Forward from `after`, walking `messages_by_channel` as `history`
    /// walks it backwards (row comparisons, no `channel_id = $1`).
    pub(crate) async fn history_after_(
        &self,
        channel: ChannelId,
        after: MessageId,
        limit: u32,
    ) -> StoreResult<Vec<Message>> {
        let rows = self
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM messages \
                     WHERE (channel_id, id) > ($1, $2) AND (channel_id, id) <= ($1, $3) \
                     ORDER BY channel_id, id LIMIT $4"
                ),
                &[
                    &channel.as_uuid(),
                    &after.as_uuid(),
                    &Uuid::max(),
                    &i64::from(limit),
                ],
            )
            .await?;
        all(&rows, message)
    }

    pub(crate) async fn pin(
        &self,
        channel: ChannelId,
        id: MessageId,
        at: Timestamp,
        max: usize,
    ) -> StoreResult<PinOutcome> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db)?;
        let (channel, id) = (channel.as_uuid(), id.as_uuid());
        query(
            &tx,
            "SELECT 1 FROM channels WHERE id = $1 FOR UPDATE",
            &[&channel],
        )
        .await?;
        let rows = query(
            &tx,
            "SELECT pinned_at FROM messages WHERE id = $1 AND channel_id = $2",
            &[&id, &channel],
        )
        .await?;
        let Some(row) = rows.first() else {
            return Ok(PinOutcome::NotFound);
        };
        if col::<Option<i64>>(row, "pinned_at")?.is_some() {
            return Ok(PinOutcome::AlreadyPinned);
        }
        let rows = query(
            &tx,
            "SELECT count(*) FROM messages WHERE channel_id = $1 AND pinned_at IS NOT NULL",
            &[&channel],
        )
        .await?;
        let pinned = rows.first().map(count).transpose()?.unwrap_or(0);
        if usize::try_from(pinned).unwrap_or(usize::MAX) >= max {
            return Ok(PinOutcome::TooMany);
        }
        let rows = query(
            &tx,
            &format!("UPDATE messages SET pinned_at = $2 WHERE id = $1 RETURNING {COLUMNS}"),
            &[&id, &at.millis()],
        )
        .await?;
        let pinned = first(&rows, message)?;
        tx.commit().await.map_err(db)?;
        Ok(pinned.map_or(PinOutcome::NotFound, PinOutcome::Pinned))
    }

    pub(crate) async fn unpin(
        &self,
        channel: ChannelId,
        id: MessageId,
    ) -> StoreResult<Option<Message>> {
        let rows = self
            .query(
                &format!(
                    "UPDATE messages SET pinned_at = NULL \
                     WHERE id = $1 AND channel_id = $2 AND pinned_at IS NOT NULL \
                     RETURNING {COLUMNS}"
                ),
                &[&id.as_uuid(), &channel.as_uuid()],
            )
            .await?;
        first(&rows, message)
    }

    pub(crate) async fn pinned(&self, channel: ChannelId) -> StoreResult<Vec<Message>> {
        let rows = self
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM messages \
                     WHERE channel_id = $1 AND pinned_at IS NOT NULL \
                     ORDER BY pinned_at DESC, id DESC"
                ),
                &[&channel.as_uuid()],
            )
            .await?;
        all(&rows, message)
    }
}
