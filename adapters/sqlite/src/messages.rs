//! Messages (`messages` table): idempotent send by nonce, and history read
//! from the `(channel_id, id)` index.

use async_trait::async_trait;
use chat_core::ids::{ChannelId, MessageId, ServerId, UserId};
use chat_core::messages::{Inserted, Message, MessageContent, MessageStore, Nonce, PinOutcome};
use chat_core::{StoreResult, Timestamp};
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};

use crate::codec::{decode_ids, encode_ids, parsed, parsed_opt};
use crate::db::{all_rows, execute, read, write};
use crate::error::backend;
use crate::{pins, SqliteStore};

macro_rules! message_columns {
    () => {
        "id, channel_id, server_id, author_id, content, mentions, created_at, edited_at, nonce, reply_to, pinned_at"
    };
}

/// The one INSERT of a message. A second message of the same author with
/// the same nonce is skipped (0 rows changed), not an error.
const INSERT: &str = "INSERT INTO messages
        (id, channel_id, server_id, author_id, content, mentions, created_at, edited_at, nonce,
         reply_to, pinned_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
     ON CONFLICT (author_id, nonce) WHERE nonce IS NOT NULL DO NOTHING";

pub(crate) use message_columns;

/// The history page query; `EXPLAIN QUERY PLAN` of it must use `messages_history`.
pub(crate) const HISTORY_BEFORE_SQL: &str = concat!(
    "SELECT ",
    message_columns!(),
    " FROM messages WHERE channel_id = ?1 AND id < ?2 ORDER BY id DESC LIMIT ?3"
);

const HISTORY_NEWEST_SQL: &str = concat!(
    "SELECT ",
    message_columns!(),
    " FROM messages WHERE channel_id = ?1 ORDER BY id DESC LIMIT ?2"
);

pub(crate) fn message_from_row(row: &Row<'_>) -> rusqlite::Result<Message> {
    Ok(Message {
        id: MessageId::from_uuid(row.get(0)?),
        channel_id: ChannelId::from_uuid(row.get(1)?),
        server_id: ServerId::from_uuid(row.get(2)?),
        author_id: UserId::from_uuid(row.get(3)?),
        content: parsed(row, 4, MessageContent::from_stored)?,
        mentions: decode_ids(row, 5)?
            .into_iter()
            .map(UserId::from_uuid)
            .collect(),
        created_at: Timestamp::from_millis(row.get(6)?),
        edited_at: row.get::<_, Option<i64>>(7)?.map(Timestamp::from_millis),
        nonce: parsed_opt(row, 8, Nonce::from_stored)?,
        reply_to: row
            .get::<_, Option<uuid::Uuid>>(9)?
            .map(MessageId::from_uuid),
        pinned_at: row.get::<_, Option<i64>>(10)?.map(Timestamp::from_millis),
    })
}

/// Runs [`INSERT`]; whether a row was stored.
fn insert(conn: &Connection, m: &Message) -> StoreResult<bool> {
    execute(
        conn,
        INSERT,
        params![
            m.id.as_uuid(),
            m.channel_id.as_uuid(),
            m.server_id.as_uuid(),
            m.author_id.as_uuid(),
            m.content.as_str(),
            encode_ids(m.mentions.iter().map(UserId::as_uuid)),
            m.created_at.millis(),
            m.edited_at.map(Timestamp::millis),
            m.nonce.as_ref().map(Nonce::as_str),
            m.reply_to.map(|r| r.as_uuid()),
            m.pinned_at.map(Timestamp::millis),
        ],
    )
    .map(|n| n > 0)
}

fn by_nonce(conn: &Connection, author: UserId, nonce: &Nonce) -> StoreResult<Option<Message>> {
    conn.prepare_cached(concat!(
        "SELECT ",
        message_columns!(),
        " FROM messages WHERE author_id = ?1 AND nonce = ?2"
    ))
    .and_then(|mut st| {
        st.query_row(params![author.as_uuid(), nonce.as_str()], message_from_row)
            .optional()
    })
    .map_err(backend)
}

fn store_one(conn: &mut Connection, m: &Message) -> StoreResult<Inserted> {
    let Some(nonce) = &m.nonce else {
        // No nonce: a single INSERT is already atomic.
        insert(conn, m)?;
        return Ok(Inserted::New);
    };
    // Insert-or-skip and reading the first message are one transaction, so
    // the first cannot vanish in between.
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(backend)?;
    if insert(&tx, m)? {
        tx.commit().map_err(backend)?;
        return Ok(Inserted::New);
    }
    match by_nonce(&tx, m.author_id, nonce)? {
        Some(first) => Ok(Inserted::Duplicate(first)),
        None => Err(chat_core::StoreError::Backend(
            "sqlite: message skipped as a duplicate nonce, but no first message found".into(),
        )),
    }
}

impl SqliteStore {
    /// Bulk import: stores `messages` in one transaction with the same SQL
    /// as [`MessageStore::insert_message`] (duplicates by nonce are skipped).
    /// Returns how many were stored. For imports and benchmarks.
    pub async fn insert_messages(&self, messages: Vec<Message>) -> StoreResult<usize> {
        write(&self.db, move |conn| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            let mut stored = 0;
            for m in &messages {
                stored += usize::from(insert(&tx, m)?);
            }
            tx.commit().map_err(backend)?;
            Ok(stored)
        })
        .await
    }

    /// `EXPLAIN QUERY PLAN` of the history page query, one line per step
    /// (to check it reads the `messages_history` index).
    pub async fn explain_history(&self) -> StoreResult<Vec<String>> {
        read(&self.db, |conn| {
            let sql = format!("EXPLAIN QUERY PLAN {HISTORY_BEFORE_SQL}");
            let params = params![[0u8; 16], [0u8; 16], 50];
            all_rows(conn, &sql, params, |r| r.get::<_, String>(3))
        })
        .await
    }
}

#[async_trait]
impl MessageStore for SqliteStore {
    async fn insert_message(&self, message: &Message) -> StoreResult<Inserted> {
        let m = message.clone();
        write(&self.db, move |conn| store_one(conn, &m)).await
    }

    async fn message_by_id(&self, id: MessageId) -> StoreResult<Option<Message>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(concat!(
                "SELECT ",
                message_columns!(),
                " FROM messages WHERE id = ?1"
            ))
            .and_then(|mut st| st.query_row([id.as_uuid()], message_from_row).optional())
            .map_err(backend)
        })
        .await
    }

    async fn messages_by_ids(&self, ids: &[MessageId]) -> StoreResult<Vec<Message>> {
        let ids = ids.to_vec();
        read(&self.db, move |conn| pins::messages_by_ids(conn, &ids)).await
    }

    async fn history_after(
        &self,
        channel: ChannelId,
        after: MessageId,
        limit: u32,
    ) -> StoreResult<Vec<Message>> {
        read(&self.db, move |conn| {
            pins::history_after(conn, channel, after, limit)
        })
        .await
    }

    async fn pin_message(
        &self,
        channel: ChannelId,
        id: MessageId,
        at: Timestamp,
        max: usize,
    ) -> StoreResult<PinOutcome> {
        write(&self.db, move |conn| pins::pin(conn, channel, id, at, max)).await
    }

    async fn unpin_message(
        &self,
        channel: ChannelId,
        id: MessageId,
    ) -> StoreResult<Option<Message>> {
        write(&self.db, move |conn| pins::unpin(conn, channel, id)).await
    }

    async fn pinned_messages(&self, channel: ChannelId) -> StoreResult<Vec<Message>> {
        read(&self.db, move |conn| pins::pinned(conn, channel)).await
    }

    async fn history(
        &self,
        channel: ChannelId,
        before: Option<MessageId>,
        limit: u32,
    ) -> StoreResult<Vec<Message>> {
        read(&self.db, move |conn| {
            let limit = i64::from(limit);
            let newest_first: rusqlite::Result<Vec<Message>> = match before {
                Some(before) => conn.prepare_cached(HISTORY_BEFORE_SQL).and_then(|mut st| {
                    st.query_map(
                        params![channel.as_uuid(), before.as_uuid(), limit],
                        message_from_row,
                    )?
                    .collect()
                }),
                None => conn.prepare_cached(HISTORY_NEWEST_SQL).and_then(|mut st| {
                    st.query_map(params![channel.as_uuid(), limit], message_from_row)?
                        .collect()
                }),
            };
            let mut page = newest_first.map_err(backend)?;
            page.reverse();
            Ok(page)
        })
        .await
    }

    async fn edit_message(
        &self,
        id: MessageId,
        content: &MessageContent,
        mentions: &[UserId],
        edited_at: Timestamp,
    ) -> StoreResult<Option<Message>> {
        let content = content.as_str().to_owned();
        let mentions = encode_ids(mentions.iter().map(UserId::as_uuid));
        write(&self.db, move |conn| {
            conn.prepare_cached(concat!(
                "UPDATE messages SET content = ?2, mentions = ?3, edited_at = ?4 WHERE id = ?1 RETURNING ",
                message_columns!()
            ))
            .and_then(|mut st| {
                st.query_row(
                    params![id.as_uuid(), content, mentions, edited_at.millis()],
                    message_from_row,
                )
                .optional()
            })
            .map_err(backend)
        })
        .await
    }

    async fn delete_message(&self, id: MessageId) -> StoreResult<bool> {
        write(&self.db, move |conn| {
            execute(conn, "DELETE FROM messages WHERE id = ?1", [id.as_uuid()]).map(|n| n > 0)
        })
        .await
    }

    async fn last_message_by(
        &self,
        channel: ChannelId,
        author: UserId,
    ) -> StoreResult<Option<Message>> {
        // One probe of `messages_by_author (author_id, channel_id, id)`.
        read(&self.db, move |conn| {
            conn.prepare_cached(concat!(
                "SELECT ",
                message_columns!(),
                " FROM messages WHERE author_id = ?1 AND channel_id = ?2 ORDER BY id DESC LIMIT 1"
            ))
            .and_then(|mut st| {
                st.query_row(
                    params![author.as_uuid(), channel.as_uuid()],
                    message_from_row,
                )
                .optional()
            })
            .map_err(backend)
        })
        .await
    }

    async fn count_messages_by(&self, author: UserId) -> StoreResult<u64> {
        read(&self.db, move |conn| {
            conn.prepare_cached("SELECT COUNT(*) FROM messages WHERE author_id = ?1")
                .and_then(|mut st| st.query_row([author.as_uuid()], |r| r.get::<_, i64>(0)))
                .map(|n| n.unsigned_abs())
                .map_err(backend)
        })
        .await
    }
}
