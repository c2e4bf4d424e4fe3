//! Direct messages (`direct_channels`, `direct_participants`, `blocks`,
//! `dm_policies`). A direct channel's row is also in `channels`, under the
//! stand-in server with the nil id (see migration 7), with its id as
//! `name_folded`. One DM per pair: the unique `pair_key`; a second
//! concurrent insert waits for the first and then does nothing.

use async_trait::async_trait;
use chat_core::channels::ChannelName;
use chat_core::direct::{
    pair_key, Block, ChannelKind, DirectChannel, DirectStore, DmPolicy, Participant,
};
use chat_core::ids::{ChannelId, UserId};
use chat_core::{StoreError, StoreResult, Timestamp};
use deadpool_postgres::GenericClient;
use uuid::Uuid;

use crate::channels::channel;
use crate::error::{corrupt, db};
use crate::rows::{col, time};
use crate::sql::{execute, query};
use crate::PgStore;

async fn load<C: GenericClient>(c: &C, id: ChannelId) -> StoreResult<Option<DirectChannel>> {
    let rows = query(
        c,
        "SELECT c.id, c.server_id, c.name, c.topic, c.position, c.created_at, \
         c.slowmode_seconds, d.kind, d.owner_id \
         FROM direct_channels d JOIN channels c ON c.id = d.channel_id \
         WHERE d.channel_id = $1",
        &[&id.as_uuid()],
    )
    .await?;
    let Some(row) = rows.first() else {
        return Ok(None);
    };
    let ch = channel(row)?;
    let kind: String = col(row, "kind")?;
    let kind = ChannelKind::from_stored(&kind).ok_or_else(|| corrupt("kind", &kind))?;
    let owner: Option<Uuid> = col(row, "owner_id")?;
    let people = query(
        c,
        "SELECT user_id, joined_at FROM direct_participants WHERE channel_id = $1 \
         ORDER BY joined_at, user_id",
        &[&id.as_uuid()],
    )
    .await?;
    let participants = people
        .iter()
        .map(|r| {
            Ok(Participant {
                user_id: UserId::from_uuid(col(r, "user_id")?),
                joined_at: time(r, "joined_at")?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(Some(DirectChannel {
        channel: ch,
        kind,
        owner_id: owner.map(UserId::from_uuid),
        participants,
    }))
}

/// Stores the channel rows; `false` (nothing kept by the caller's
/// transaction to commit) when the pair already has a DM.
async fn insert<C: GenericClient>(
    c: &C,
    d: &DirectChannel,
    pair: Option<&str>,
) -> StoreResult<bool> {
    let ch = &d.channel;
    execute(
        c,
        "INSERT INTO channels (id, server_id, name, name_folded, topic, position, created_at, \
         slowmode_seconds) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        &[
            &ch.id.as_uuid(),
            &ch.server_id.as_uuid(),
            &ch.name.as_str(),
            &ch.id.to_string(),
            &ch.topic.as_str(),
            &ch.position,
            &ch.created_at.millis(),
            &i64::from(ch.slowmode.seconds()),
        ],
    )
    .await?;
    let n = execute(
        c,
        "INSERT INTO direct_channels (channel_id, kind, owner_id, pair_key) \
         VALUES ($1, $2, $3, $4) ON CONFLICT (pair_key) DO NOTHING",
        &[
            &ch.id.as_uuid(),
            &d.kind.as_str(),
            &d.owner_id.map(|o| o.as_uuid()),
            &pair,
        ],
    )
    .await?;
    if n == 0 {
        return Ok(false);
    }
    for p in &d.participants {
        add(c, ch.id, p.user_id, p.joined_at).await?;
    }
    Ok(true)
}

async fn add<C: GenericClient>(
    c: &C,
    id: ChannelId,
    user: UserId,
    at: Timestamp,
) -> StoreResult<bool> {
    let n = execute(
        c,
        "INSERT INTO direct_participants (channel_id, user_id, joined_at) VALUES ($1, $2, $3) \
         ON CONFLICT DO NOTHING",
        &[&id.as_uuid(), &user.as_uuid(), &at.millis()],
    )
    .await?;
    Ok(n > 0)
}

#[async_trait]
impl DirectStore for PgStore {
    async fn open_dm(&self, dm: &DirectChannel) -> StoreResult<(DirectChannel, bool)> {
        let [a, b] = dm.user_ids()[..] else {
            return Err(StoreError::Backend("a DM has two participants".into()));
        };
        let key = pair_key(a, b);
        let mut client = self.client().await?;
        {
            let tx = client.transaction().await.map_err(db)?;
            if insert(&tx, dm, Some(&key)).await? {
                let stored = load(&tx, dm.channel.id)
                    .await?
                    .ok_or_else(|| StoreError::Backend("the DM just stored is missing".into()))?;
                tx.commit().await.map_err(db)?;
                return Ok((stored, true));
            }
            tx.rollback().await.map_err(db)?;
        }
        let rows = query(
            &client,
            "SELECT channel_id FROM direct_channels WHERE pair_key = $1",
            &[&key],
        )
        .await?;
        let id: Uuid = match rows.first() {
            Some(row) => col(row, "channel_id")?,
            None => return Err(StoreError::Backend("the pair's DM vanished".into())),
        };
        let found = load(&client, ChannelId::from_uuid(id))
            .await?
            .ok_or_else(|| StoreError::Backend("the pair's DM vanished".into()))?;
        Ok((found, false))
    }

    async fn insert_group(&self, group: &DirectChannel) -> StoreResult<()> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db)?;
        insert(&tx, group, None).await?;
        tx.commit().await.map_err(db)
    }

    async fn direct_channel(&self, id: ChannelId) -> StoreResult<Option<DirectChannel>> {
        let client = self.client().await?;
        load(&client, id).await
    }

    async fn direct_channels_of(&self, user: UserId) -> StoreResult<Vec<DirectChannel>> {
        let client = self.client().await?;
        let rows = query(
            &client,
            "SELECT channel_id FROM direct_participants WHERE user_id = $1",
            &[&user.as_uuid()],
        )
        .await?;
        let mut out = Vec::with_capacity(rows.len());
        for row in &rows {
            let id: Uuid = col(row, "channel_id")?;
            out.extend(load(&client, ChannelId::from_uuid(id)).await?);
        }
        Ok(out)
    }

    async fn add_participant(
        &self,
        id: ChannelId,
        user: UserId,
        joined_at: Timestamp,
    ) -> StoreResult<bool> {
        let n = self
            .execute(
                "INSERT INTO direct_participants (channel_id, user_id, joined_at) \
                 SELECT channel_id, $2, $3 FROM direct_channels WHERE channel_id = $1 \
                 ON CONFLICT DO NOTHING",
                &[&id.as_uuid(), &user.as_uuid(), &joined_at.millis()],
            )
            .await?;
        Ok(n > 0)
    }

    async fn remove_participant(&self, id: ChannelId, user: UserId) -> StoreResult<bool> {
        let n = self
            .execute(
                "DELETE FROM direct_participants WHERE channel_id = $1 AND user_id = $2",
                &[&id.as_uuid(), &user.as_uuid()],
            )
            .await?;
        Ok(n > 0)
    }

    async fn update_group(
        &self,
        id: ChannelId,
        name: &ChannelName,
        owner: UserId,
    ) -> StoreResult<bool> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db)?;
        let n = execute(
            &tx,
            "UPDATE direct_channels SET owner_id = $2 WHERE channel_id = $1",
            &[&id.as_uuid(), &owner.as_uuid()],
        )
        .await?;
        if n == 0 {
            return Ok(false);
        }
        execute(
            &tx,
            "UPDATE channels SET name = $2 WHERE id = $1",
            &[&id.as_uuid(), &name.as_str()],
        )
        .await?;
        tx.commit().await.map_err(db)?;
        Ok(true)
    }

    async fn delete_direct(&self, id: ChannelId) -> StoreResult<bool> {
        let n = self
            .execute(
                "DELETE FROM channels WHERE id = $1 \
                 AND id IN (SELECT channel_id FROM direct_channels)",
                &[&id.as_uuid()],
            )
            .await?;
        Ok(n > 0)
    }

    async fn insert_block(&self, block: &Block) -> StoreResult<bool> {
        let n = self
            .execute(
                "INSERT INTO blocks (user_id, blocked_id, created_at) VALUES ($1, $2, $3) \
                 ON CONFLICT DO NOTHING",
                &[
                    &block.user_id.as_uuid(),
                    &block.blocked_id.as_uuid(),
                    &block.created_at.millis(),
                ],
            )
            .await?;
        Ok(n > 0)
    }

    async fn delete_block(&self, user: UserId, blocked: UserId) -> StoreResult<bool> {
        let n = self
            .execute(
                "DELETE FROM blocks WHERE user_id = $1 AND blocked_id = $2",
                &[&user.as_uuid(), &blocked.as_uuid()],
            )
            .await?;
        Ok(n > 0)
    }

    async fn blocks_of(&self, user: UserId) -> StoreResult<Vec<Block>> {
        let rows = self
            .query(
                "SELECT blocked_id, created_at FROM blocks WHERE user_id = $1 \
                 ORDER BY created_at, blocked_id",
                &[&user.as_uuid()],
            )
            .await?;
        rows.iter()
            .map(|r| {
                Ok(Block {
                    user_id: user,
                    blocked_id: UserId::from_uuid(col(r, "blocked_id")?),
                    created_at: time(r, "created_at")?,
                })
            })
            .collect()
    }

    async fn blocked_between(&self, a: UserId, b: UserId) -> StoreResult<bool> {
        let rows = self
            .query(
                "SELECT 1 AS one FROM blocks \
                 WHERE (user_id = $1 AND blocked_id = $2) OR (user_id = $2 AND blocked_id = $1) \
                 LIMIT 1",
                &[&a.as_uuid(), &b.as_uuid()],
            )
            .await?;
        Ok(!rows.is_empty())
    }

    async fn dm_policy(&self, user: UserId) -> StoreResult<Option<DmPolicy>> {
        let rows = self
            .query(
                "SELECT policy FROM dm_policies WHERE user_id = $1",
                &[&user.as_uuid()],
            )
            .await?;
        match rows.first() {
            Some(r) => {
                let text: String = col(r, "policy")?;
                Ok(DmPolicy::from_stored(&text))
            }
            None => Ok(None),
        }
    }

    async fn set_dm_policy(&self, user: UserId, policy: DmPolicy) -> StoreResult<()> {
        self.execute(
            "INSERT INTO dm_policies (user_id, policy) VALUES ($1, $2) \
             ON CONFLICT (user_id) DO UPDATE SET policy = excluded.policy",
            &[&user.as_uuid(), &policy.as_str()],
        )
        .await?;
        Ok(())
    }
}
