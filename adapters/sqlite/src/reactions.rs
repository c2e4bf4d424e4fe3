//! Reactions (`reactions` table): one row per (message, emoji, user),
//! ordered by `seq`; they go with their message and their user by
//! foreign-key cascades.
//!
//! Adding is one `BEGIN IMMEDIATE` transaction (already there? how many
//! distinct emoji? insert), so the limit on distinct emoji holds under
//! concurrent reactions. A page's counts are one grouped query.

use async_trait::async_trait;
use chat_core::ids::{MessageId, UserId};
use chat_core::messages::{Emoji, Message, ReactionAdded, ReactionCount, ReactionStore};
use chat_core::StoreResult;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, Connection, TransactionBehavior};

use crate::codec::parsed;
use crate::db::{execute, read, write};
use crate::error::backend;
use crate::pins::placeholders;
use crate::SqliteStore;

fn add(
    conn: &mut Connection,
    message: MessageId,
    emoji: &str,
    user: UserId,
    max_emoji: usize,
) -> StoreResult<ReactionAdded> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(backend)?;
    let (distinct, has_emoji, mine): (i64, i64, i64) = tx
        .query_row(
            "SELECT COUNT(DISTINCT emoji),
                    COALESCE(MAX(emoji = ?2), 0),
                    COALESCE(MAX(emoji = ?2 AND user_id = ?3), 0)
             FROM reactions WHERE message_id = ?1",
            params![message.as_uuid(), emoji, user.as_uuid()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .map_err(backend)?;
    if mine == 1 {
        return Ok(ReactionAdded::AlreadyThere);
    }
    if has_emoji == 0 && usize::try_from(distinct).unwrap_or(usize::MAX) >= max_emoji {
        return Ok(ReactionAdded::TooMany);
    }
    // A message deleted meanwhile gets no reaction (nothing to keep).
    tx.execute(
        "INSERT INTO reactions (message_id, emoji, user_id)
         SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM messages WHERE id = ?1)",
        params![message.as_uuid(), emoji, user.as_uuid()],
    )
    .map_err(backend)?;
    tx.commit().map_err(backend)?;
    Ok(ReactionAdded::Added)
}

fn counts(
    conn: &Connection,
    messages: &[MessageId],
    viewer: Option<UserId>,
) -> StoreResult<Vec<(MessageId, ReactionCount)>> {
    if messages.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT message_id, emoji, COUNT(*), COALESCE(MAX(user_id = ?1), 0), MIN(seq) AS first
         FROM reactions WHERE message_id IN ({})
         GROUP BY message_id, emoji ORDER BY message_id, first",
        // ?1 is the viewer, the ids follow.
        placeholders(2, messages.len())
    );
    let viewer = viewer.map_or(Value::Null, |v| {
        Value::Blob(v.as_uuid().as_bytes().to_vec())
    });
    let args = std::iter::once(viewer).chain(
        messages
            .iter()
            .map(|m| Value::Blob(m.as_uuid().as_bytes().to_vec())),
    );
    conn.prepare_cached(&sql)
        .and_then(|mut st| {
            st.query_map(params_from_iter(args), |r| {
                Ok((
                    MessageId::from_uuid(r.get(0)?),
                    ReactionCount {
                        emoji: parsed(r, 1, Emoji::parse)?,
                        count: u64::try_from(r.get::<_, i64>(2)?).unwrap_or(0),
                        me: r.get::<_, i64>(3)? == 1,
                    },
                ))
            })?
            .collect()
        })
        .map_err(backend)
}

#[async_trait]
impl ReactionStore for SqliteStore {
    async fn add_reaction(
        &self,
        message: &Message,
        emoji: &Emoji,
        user: UserId,
        max_emoji: usize,
    ) -> StoreResult<ReactionAdded> {
        let (id, emoji) = (message.id, emoji.as_str().to_owned());
        write(&self.db, move |conn| add(conn, id, &emoji, user, max_emoji)).await
    }

    async fn remove_reaction(
        &self,
        message: MessageId,
        emoji: &Emoji,
        user: UserId,
    ) -> StoreResult<bool> {
        let emoji = emoji.as_str().to_owned();
        write(&self.db, move |conn| {
            execute(
                conn,
                "DELETE FROM reactions WHERE message_id = ?1 AND emoji = ?2 AND user_id = ?3",
                params![message.as_uuid(), emoji, user.as_uuid()],
            )
            .map(|n| n > 0)
        })
        .await
    }

    async fn clear_reactions(&self, message: MessageId) -> StoreResult<u64> {
        write(&self.db, move |conn| {
            execute(
                conn,
                "DELETE FROM reactions WHERE message_id = ?1",
                [message.as_uuid()],
            )
            .map(|n| n as u64)
        })
        .await
    }

    async fn reaction_counts(
        &self,
        messages: &[MessageId],
        viewer: Option<UserId>,
    ) -> StoreResult<Vec<(MessageId, ReactionCount)>> {
        let messages = messages.to_vec();
        read(&self.db, move |conn| counts(conn, &messages, viewer)).await
    }

    async fn reactors(
        &self,
        message: MessageId,
        emoji: &Emoji,
        after: Option<UserId>,
        limit: u32,
    ) -> StoreResult<Vec<UserId>> {
        let emoji = emoji.as_str().to_owned();
        read(&self.db, move |conn| {
            conn.prepare_cached(
                "SELECT user_id FROM reactions
                 WHERE message_id = ?1 AND emoji = ?2 AND (?3 IS NULL OR user_id > ?3)
                 ORDER BY user_id LIMIT ?4",
            )
            .and_then(|mut st| {
                st.query_map(
                    params![
                        message.as_uuid(),
                        emoji,
                        after.map(|a| a.as_uuid()),
                        i64::from(limit)
                    ],
                    |r| Ok(UserId::from_uuid(r.get(0)?)),
                )?
                .collect()
            })
            .map_err(backend)
        })
        .await
    }
}
