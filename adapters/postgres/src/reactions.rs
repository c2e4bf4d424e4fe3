//! Reactions (`reactions` table): one row per (message, emoji, user),
//! ordered by `seq`; they go with their message and their user by
//! foreign-key cascades.
//!
//! Adding is one transaction that first locks the message's row, so
//! reactions to one message take turns and the limit on distinct emoji
//! holds under concurrency. A page's counts are one grouped query.

use async_trait::async_trait;
use chat_core::ids::{MessageId, UserId};
use chat_core::messages::{Emoji, Message, ReactionAdded, ReactionCount, ReactionStore};
use chat_core::StoreResult;
use uuid::Uuid;

use crate::error::db;
use crate::rows::{all, col, parsed, unsigned};
use crate::sql::{execute, query};
use crate::PgStore;

#[async_trait]
impl ReactionStore for PgStore {
    async fn add_reaction(
        &self,
        message: &Message,
        emoji: &Emoji,
        user: UserId,
        max_emoji: usize,
    ) -> StoreResult<ReactionAdded> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db)?;
        let (id, emoji, user) = (message.id.as_uuid(), emoji.as_str(), user.as_uuid());
        let locked = query(
            &tx,
            "SELECT 1 FROM messages WHERE id = $1 FOR UPDATE",
            &[&id],
        )
        .await?;
        if locked.is_empty() {
            // Deleted meanwhile: nothing to react to, nothing to keep.
            return Ok(ReactionAdded::AlreadyThere);
        }
        let rows = query(
            &tx,
            "SELECT count(DISTINCT emoji) AS distinct_emoji, \
                    coalesce(bool_or(emoji = $2), false) AS has_emoji, \
                    coalesce(bool_or(emoji = $2 AND user_id = $3), false) AS mine \
             FROM reactions WHERE message_id = $1",
            &[&id, &emoji, &user],
        )
        .await?;
        let Some(row) = rows.first() else {
            return Ok(ReactionAdded::AlreadyThere);
        };
        if col::<bool>(row, "mine")? {
            return Ok(ReactionAdded::AlreadyThere);
        }
        let distinct: usize = unsigned("distinct emoji", col::<i64>(row, "distinct_emoji")?)?;
        if !col::<bool>(row, "has_emoji")? && distinct >= max_emoji {
            return Ok(ReactionAdded::TooMany);
        }
        execute(
            &tx,
            "INSERT INTO reactions (message_id, emoji, user_id) VALUES ($1, $2, $3)",
            &[&id, &emoji, &user],
        )
        .await?;
        tx.commit().await.map_err(db)?;
        Ok(ReactionAdded::Added)
    }

    async fn remove_reaction(
        &self,
        message: MessageId,
        emoji: &Emoji,
        user: UserId,
    ) -> StoreResult<bool> {
        let n = self
            .execute(
                "DELETE FROM reactions WHERE message_id = $1 AND emoji = $2 AND user_id = $3",
                &[&message.as_uuid(), &emoji.as_str(), &user.as_uuid()],
            )
            .await?;
        Ok(n > 0)
    }

    async fn clear_reactions(&self, message: MessageId) -> StoreResult<u64> {
        self.execute(
            "DELETE FROM reactions WHERE message_id = $1",
            &[&message.as_uuid()],
        )
        .await
    }

    async fn reaction_counts(
        &self,
        messages: &[MessageId],
        viewer: Option<UserId>,
    ) -> StoreResult<Vec<(MessageId, ReactionCount)>> {
        if messages.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Uuid> = messages.iter().map(MessageId::as_uuid).collect();
        let viewer = viewer.map(|v| v.as_uuid());
        let rows = self
            .query(
                "SELECT message_id, emoji, count(*) AS n, \
                        coalesce(bool_or(user_id = $2), false) AS me \
                 FROM reactions WHERE message_id = ANY($1) \
                 GROUP BY message_id, emoji ORDER BY message_id, min(seq)",
                &[&ids, &viewer],
            )
            .await?;
        all(&rows, |row| {
            Ok((
                MessageId::from_uuid(col(row, "message_id")?),
                ReactionCount {
                    emoji: parsed("emoji", Emoji::parse(col(row, "emoji")?))?,
                    count: unsigned("reaction count", col::<i64>(row, "n")?)?,
                    me: col(row, "me")?,
                },
            ))
        })
    }

    async fn reactors(
        &self,
        message: MessageId,
        emoji: &Emoji,
        after: Option<UserId>,
        limit: u32,
    ) -> StoreResult<Vec<UserId>> {
        let rows = self
            .query(
                "SELECT user_id FROM reactions \
                 WHERE message_id = $1 AND emoji = $2 AND ($3::uuid IS NULL OR user_id > $3) \
                 ORDER BY user_id LIMIT $4",
                &[
                    &message.as_uuid(),
                    &emoji.as_str(),
                    &after.map(|a| a.as_uuid()),
                    &i64::from(limit),
                ],
            )
            .await?;
        all(&rows, |row| Ok(UserId::from_uuid(col(row, "user_id")?)))
    }
}
