//! Messages. History pages walk the `(channel_id, id)` index backwards from
//! `before` (UUID v7 ids order by creation). A nonce is unique per author:
//! the insert does nothing on a clash and the first message is read back,
//! so concurrent sends with one nonce store exactly one message.

use async_trait::async_trait;
use chat_core::ids::{ChannelId, MessageId, ServerId, UserId};
use chat_core::messages::{Inserted, Message, MessageContent, MessageStore, Nonce, PinOutcome};
use chat_core::{StoreError, StoreResult, Timestamp};
use tokio_postgres::Row;
use uuid::Uuid;

use crate::rows::{all, col, count, first, parsed, time, time_opt};
use crate::PgStore;

/// The columns every read names (never `*`: a cached prepared statement
/// must not change shape when a later migration adds a column).
pub(crate) const COLUMNS: &str = "id, channel_id, server_id, author_id, content, mentions, \
    created_at, edited_at, nonce, reply_to, pinned_at";

pub(crate) fn message(row: &Row) -> StoreResult<Message> {
    let mentions: Vec<Uuid> = col(row, "mentions")?;
    let nonce: Option<String> = col(row, "nonce")?;
    Ok(Message {
        id: MessageId::from_uuid(col(row, "id")?),
        channel_id: ChannelId::from_uuid(col(row, "channel_id")?),
        server_id: ServerId::from_uuid(col(row, "server_id")?),
        author_id: UserId::from_uuid(col(row, "author_id")?),
        content: parsed("content", MessageContent::from_stored(col(row, "content")?))?,
        mentions: mentions.into_iter().map(UserId::from_uuid).collect(),
        created_at: time(row, "created_at")?,
        edited_at: time_opt(row, "edited_at")?,
        nonce: nonce
            .map(|n| parsed("nonce", Nonce::from_stored(&n)))
            .transpose()?,
        reply_to: col::<Option<Uuid>>(row, "reply_to")?.map(MessageId::from_uuid),
        pinned_at: time_opt(row, "pinned_at")?,
    })
}

const INSERT: &str = "INSERT INTO messages \
    (id, channel_id, server_id, author_id, content, mentions, created_at, edited_at, nonce, \
     reply_to, pinned_at, search_text) \
    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";

impl PgStore {
    /// Inserts the message; `false` when its nonce clashed (nothing stored).
    async fn try_insert(&self, m: &Message) -> StoreResult<bool> {
        let mentions: Vec<Uuid> = m.mentions.iter().map(UserId::as_uuid).collect();
        let sql = match m.nonce {
            None => INSERT.to_owned(),
            Some(_) => format!("{INSERT} ON CONFLICT (author_id, nonce) DO NOTHING"),
        };
        let stored = self
            .execute(
                &sql,
                &[
                    &m.id.as_uuid(),
                    &m.channel_id.as_uuid(),
                    &m.server_id.as_uuid(),
                    &m.author_id.as_uuid(),
                    &m.content.as_str(),
                    &mentions,
                    &m.created_at.millis(),
                    &m.edited_at.map(Timestamp::millis),
                    &m.nonce.as_ref().map(Nonce::as_str),
                    &m.reply_to.map(|r| r.as_uuid()),
                    &m.pinned_at.map(Timestamp::millis),
                    &chat_core::search::search_text(m.content.as_str()),
                ],
            )
            .await?;
        Ok(stored > 0)
    }

    /// The author's message carrying `nonce`, if any.
    async fn by_nonce(&self, author: UserId, nonce: &Nonce) -> StoreResult<Option<Message>> {
        let rows = self
            .query(
                &format!("SELECT {COLUMNS} FROM messages WHERE author_id = $1 AND nonce = $2"),
                &[&author.as_uuid(), &nonce.as_str()],
            )
            .await?;
        first(&rows, message)
    }
}

#[async_trait]
impl MessageStore for PgStore {
    async fn insert_message(&self, m: &Message) -> StoreResult<Inserted> {
        // A few rounds only matter if the first message is deleted between
        // the clash and the read; then the next insert stores this one.
        for _ in 0..3 {
            if self.try_insert(m).await? {
                return Ok(Inserted::New);
            }
            if let Some(nonce) = &m.nonce {
                if let Some(first) = self.by_nonce(m.author_id, nonce).await? {
                    return Ok(Inserted::Duplicate(first));
                }
            }
        }
        Err(StoreError::Backend(
            "postgres: the message with this nonce keeps vanishing".into(),
        ))
    }

    async fn message_by_id(&self, id: MessageId) -> StoreResult<Option<Message>> {
        let rows = self
            .query(
                &format!("SELECT {COLUMNS} FROM messages WHERE id = $1"),
                &[&id.as_uuid()],
            )
            .await?;
        first(&rows, message)
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
        // Bounds as row comparisons on `(channel_id, id)`, with no
        // `channel_id = $1`: then only the `messages_by_channel` index yields
        // this order, so the planner always walks it backwards and stops
        // after `limit` rows. (With an equality it may pick the primary key
        // and filter by channel, which reads every newer message of other
        // channels first: slow for a quiet channel in a busy database.)
        // `Uuid::max()` is never a UUID v7, so "below it" is "all".
        let upper = before.map_or(Uuid::max(), |b| b.as_uuid());
        let rows = self
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM messages \
                 WHERE (channel_id, id) >= ($1, '00000000-0000-0000-0000-000000000000'::uuid) \
                   AND (channel_id, id) < ($1, $2) \
                 ORDER BY channel_id DESC, id DESC LIMIT $3"
                ),
                &[&channel.as_uuid(), &upper, &i64::from(limit)],
            )
            .await?;
        // Read newest first; pages are shown oldest first.
        let mut page = all(&rows, message)?;
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
        let mentions: Vec<Uuid> = mentions.iter().map(UserId::as_uuid).collect();
        let rows = self
            .query(
                &format!(
                    "UPDATE messages SET content = $2, mentions = $3, edited_at = $4, \
                 search_text = $5 WHERE id = $1 RETURNING {COLUMNS}"
                ),
                &[
                    &id.as_uuid(),
                    &content.as_str(),
                    &mentions,
                    &edited_at.millis(),
                    &chat_core::search::search_text(content.as_str()),
                ],
            )
            .await?;
        first(&rows, message)
    }

    async fn delete_message(&self, id: MessageId) -> StoreResult<bool> {
        let n = self
            .execute("DELETE FROM messages WHERE id = $1", &[&id.as_uuid()])
            .await?;
        Ok(n > 0)
    }

    async fn last_message_by(
        &self,
        channel: ChannelId,
        author: UserId,
    ) -> StoreResult<Option<Message>> {
        // One probe of `messages_by_author_channel`.
        let rows = self
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM messages WHERE author_id = $1 AND channel_id = $2 \
                     ORDER BY id DESC LIMIT 1"
                ),
                &[&author.as_uuid(), &channel.as_uuid()],
            )
            .await?;
        first(&rows, message)
    }

    async fn count_messages_by(&self, author: UserId) -> StoreResult<u64> {
        // `messages_author_nonce_key` starts with author_id: an index scan.
        let rows = self
            .query(
                "SELECT count(*) FROM messages WHERE author_id = $1",
                &[&author.as_uuid()],
            )
            .await?;
        rows.first().map_or(Ok(0), count)
    }
}
