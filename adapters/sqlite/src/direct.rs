//! Direct messages (`direct_channels`, `direct_participants`, `blocks`,
//! `dm_policies`). A direct channel's row is also in `channels`, under the
//! stand-in server with the nil id (see migration 7), with its id as
//! `name_folded`. One DM per pair: the unique `pair_key`, checked and
//! written in one IMMEDIATE transaction.

use async_trait::async_trait;
use chat_core::channels::{Channel, ChannelName};
use chat_core::direct::{
    pair_key, Block, ChannelKind, DirectChannel, DirectStore, DmPolicy, Participant,
};
use chat_core::ids::{ChannelId, UserId};
use chat_core::{StoreError, StoreResult, Timestamp};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use uuid::Uuid;

use crate::channels::channel_from_row;
use crate::codec::invalid;
use crate::db::{all_rows, read, write};
use crate::error::backend;
use crate::SqliteStore;

fn load(conn: &Connection, id: ChannelId) -> StoreResult<Option<DirectChannel>> {
    let head = conn
        .prepare_cached(
            "SELECT c.id, c.server_id, c.name, c.topic, c.position, c.created_at,
                    c.slowmode_seconds, d.kind, d.owner_id
             FROM direct_channels d JOIN channels c ON c.id = d.channel_id
             WHERE d.channel_id = ?1",
        )
        .and_then(|mut st| {
            st.query_row([id.as_uuid()], |row| {
                let channel: Channel = channel_from_row(row)?;
                let kind: String = row.get(7)?;
                let kind = ChannelKind::from_stored(&kind)
                    .ok_or_else(|| invalid(7, StoreError::Backend(format!("kind {kind}"))))?;
                let owner: Option<Uuid> = row.get(8)?;
                Ok((channel, kind, owner.map(UserId::from_uuid)))
            })
            .optional()
        })
        .map_err(backend)?;
    let Some((channel, kind, owner_id)) = head else {
        return Ok(None);
    };
    let participants = all_rows(
        conn,
        "SELECT user_id, joined_at FROM direct_participants WHERE channel_id = ?1
         ORDER BY joined_at, user_id",
        [id.as_uuid()],
        |row| {
            Ok(Participant {
                user_id: UserId::from_uuid(row.get(0)?),
                joined_at: Timestamp::from_millis(row.get(1)?),
            })
        },
    )?;
    Ok(Some(DirectChannel {
        channel,
        kind,
        owner_id,
        participants,
    }))
}

fn insert(conn: &Connection, d: &DirectChannel, pair: Option<&str>) -> StoreResult<()> {
    let c = &d.channel;
    conn.execute(
        "INSERT INTO channels (id, server_id, name, name_folded, topic, position, created_at,
                               slowmode_seconds)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            c.id.as_uuid(),
            c.server_id.as_uuid(),
            c.name.as_str(),
            c.id.to_string(),
            c.topic.as_str(),
            c.position,
            c.created_at.millis(),
            c.slowmode.seconds(),
        ],
    )
    .map_err(backend)?;
    conn.execute(
        "INSERT INTO direct_channels (channel_id, kind, owner_id, pair_key)
         VALUES (?1, ?2, ?3, ?4)",
        params![
            c.id.as_uuid(),
            d.kind.as_str(),
            d.owner_id.map(|o| o.as_uuid()),
            pair
        ],
    )
    .map_err(backend)?;
    for p in &d.participants {
        add(conn, c.id, p.user_id, p.joined_at)?;
    }
    Ok(())
}

fn add(conn: &Connection, id: ChannelId, user: UserId, at: Timestamp) -> StoreResult<bool> {
    conn.execute(
        "INSERT INTO direct_participants (channel_id, user_id, joined_at) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
        params![id.as_uuid(), user.as_uuid(), at.millis()],
    )
    .map(|n| n > 0)
    .map_err(backend)
}

#[async_trait]
impl DirectStore for SqliteStore {
    async fn open_dm(&self, dm: &DirectChannel) -> StoreResult<(DirectChannel, bool)> {
        let dm = dm.clone();
        write(&self.db, move |conn| {
            let [a, b] = dm.user_ids()[..] else {
                return Err(StoreError::Backend("a DM has two participants".into()));
            };
            let key = pair_key(a, b);
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            let existing: Option<Uuid> = tx
                .query_row(
                    "SELECT channel_id FROM direct_channels WHERE pair_key = ?1",
                    [&key],
                    |row| row.get(0),
                )
                .optional()
                .map_err(backend)?;
            if let Some(id) = existing {
                if let Some(found) = load(&tx, ChannelId::from_uuid(id))? {
                    return Ok((found, false));
                }
            }
            insert(&tx, &dm, Some(&key))?;
            let stored = load(&tx, dm.channel.id)?
                .ok_or_else(|| StoreError::Backend("the DM just stored is missing".into()))?;
            tx.commit().map_err(backend)?;
            Ok((stored, true))
        })
        .await
    }

    async fn insert_group(&self, group: &DirectChannel) -> StoreResult<()> {
        let g = group.clone();
        write(&self.db, move |conn| {
            let tx = conn.transaction().map_err(backend)?;
            insert(&tx, &g, None)?;
            tx.commit().map_err(backend)
        })
        .await
    }

    async fn direct_channel(&self, id: ChannelId) -> StoreResult<Option<DirectChannel>> {
        read(&self.db, move |conn| load(conn, id)).await
    }

    async fn direct_channels_of(&self, user: UserId) -> StoreResult<Vec<DirectChannel>> {
        read(&self.db, move |conn| {
            let ids: Vec<Uuid> = conn
                .prepare_cached("SELECT channel_id FROM direct_participants WHERE user_id = ?1")
                .and_then(|mut st| st.query_map([user.as_uuid()], |row| row.get(0))?.collect())
                .map_err(backend)?;
            let mut out = Vec::with_capacity(ids.len());
            for id in ids {
                out.extend(load(conn, ChannelId::from_uuid(id))?);
            }
            Ok(out)
        })
        .await
    }

    async fn add_participant(
        &self,
        id: ChannelId,
        user: UserId,
        joined_at: Timestamp,
    ) -> StoreResult<bool> {
        write(&self.db, move |conn| {
            let exists: Option<i64> = conn
                .query_row(
                    "SELECT 1 FROM direct_channels WHERE channel_id = ?1",
                    [id.as_uuid()],
                    |r| r.get(0),
                )
                .optional()
                .map_err(backend)?;
            if exists.is_none() {
                return Ok(false);
            }
            add(conn, id, user, joined_at)
        })
        .await
    }

    async fn remove_participant(&self, id: ChannelId, user: UserId) -> StoreResult<bool> {
        write(&self.db, move |conn| {
            conn.execute(
                "DELETE FROM direct_participants WHERE channel_id = ?1 AND user_id = ?2",
                params![id.as_uuid(), user.as_uuid()],
            )
            .map(|n| n > 0)
            .map_err(backend)
        })
        .await
    }

    async fn update_group(
        &self,
        id: ChannelId,
        name: &ChannelName,
        owner: UserId,
    ) -> StoreResult<bool> {
        let name = name.clone();
        write(&self.db, move |conn| {
            let tx = conn.transaction().map_err(backend)?;
            let n = tx
                .execute(
                    "UPDATE direct_channels SET owner_id = ?2 WHERE channel_id = ?1",
                    params![id.as_uuid(), owner.as_uuid()],
                )
                .map_err(backend)?;
            if n == 0 {
                return Ok(false);
            }
            tx.execute(
                "UPDATE channels SET name = ?2 WHERE id = ?1",
                params![id.as_uuid(), name.as_str()],
            )
            .map_err(backend)?;
            tx.commit().map_err(backend)?;
            Ok(true)
        })
        .await
    }

    async fn delete_direct(&self, id: ChannelId) -> StoreResult<bool> {
        // The direct rows and messages go by ON DELETE CASCADE.
        write(&self.db, move |conn| {
            conn.execute(
                "DELETE FROM channels WHERE id = ?1
                 AND id IN (SELECT channel_id FROM direct_channels)",
                [id.as_uuid()],
            )
            .map(|n| n > 0)
            .map_err(backend)
        })
        .await
    }

    async fn insert_block(&self, block: &Block) -> StoreResult<bool> {
        let b = *block;
        write(&self.db, move |conn| {
            conn.execute(
                "INSERT INTO blocks (user_id, blocked_id, created_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO NOTHING",
                params![
                    b.user_id.as_uuid(),
                    b.blocked_id.as_uuid(),
                    b.created_at.millis()
                ],
            )
            .map(|n| n > 0)
            .map_err(backend)
        })
        .await
    }

    async fn delete_block(&self, user: UserId, blocked: UserId) -> StoreResult<bool> {
        write(&self.db, move |conn| {
            conn.execute(
                "DELETE FROM blocks WHERE user_id = ?1 AND blocked_id = ?2",
                params![user.as_uuid(), blocked.as_uuid()],
            )
            .map(|n| n > 0)
            .map_err(backend)
        })
        .await
    }

    async fn blocks_of(&self, user: UserId) -> StoreResult<Vec<Block>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(
                "SELECT blocked_id, created_at FROM blocks WHERE user_id = ?1
                 ORDER BY created_at, blocked_id",
            )
            .and_then(|mut st| {
                st.query_map([user.as_uuid()], |row| {
                    Ok(Block {
                        user_id: user,
                        blocked_id: UserId::from_uuid(row.get(0)?),
                        created_at: Timestamp::from_millis(row.get(1)?),
                    })
                })?
                .collect()
            })
            .map_err(backend)
        })
        .await
    }

    async fn blocked_between(&self, a: UserId, b: UserId) -> StoreResult<bool> {
        read(&self.db, move |conn| {
            conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM blocks
                   WHERE (user_id = ?1 AND blocked_id = ?2) OR (user_id = ?2 AND blocked_id = ?1))",
                params![a.as_uuid(), b.as_uuid()],
                |row| row.get(0),
            )
            .map_err(backend)
        })
        .await
    }

    async fn dm_policy(&self, user: UserId) -> StoreResult<Option<DmPolicy>> {
        read(&self.db, move |conn| {
            let text: Option<String> = conn
                .query_row(
                    "SELECT policy FROM dm_policies WHERE user_id = ?1",
                    [user.as_uuid()],
                    |row| row.get(0),
                )
                .optional()
                .map_err(backend)?;
            Ok(text.and_then(|t| DmPolicy::from_stored(&t)))
        })
        .await
    }

    async fn set_dm_policy(&self, user: UserId, policy: DmPolicy) -> StoreResult<()> {
        write(&self.db, move |conn| {
            conn.execute(
                "INSERT INTO dm_policies (user_id, policy) VALUES (?1, ?2)
                 ON CONFLICT (user_id) DO UPDATE SET policy = excluded.policy",
                params![user.as_uuid(), policy.as_str()],
            )
            .map(|_| ())
            .map_err(backend)
        })
        .await
    }
}
