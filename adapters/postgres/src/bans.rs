//! Bans. Banning records the ban, then removes the membership, in one
//! transaction; a new ban of the same user replaces the old one.
//!
//! A ban and a join of the same user hold one transaction-scoped advisory
//! lock keyed by (server, user) (see [`lock_membership`]). Without it, at
//! READ COMMITTED, a join could read "no ban", the ban commit (removing no
//! membership: the join's row is not visible yet), and the join then
//! commit its membership next to an active ban.

use async_trait::async_trait;
use chat_core::ids::{ServerId, UserId};
use chat_core::moderation::{Ban, BanReason, BanStore};
use chat_core::{StoreResult, Timestamp};
use deadpool_postgres::Transaction;
use tokio_postgres::Row;

use crate::error::db;
use crate::rows::{all, col, first, parsed, time, time_opt};
use crate::sql::{execute, query};
use crate::PgStore;

/// Serialises the transactions that change whether `user` may be in
/// `server` (a ban, a join) until `tx` ends. Joins of different users and
/// bans in other servers do not wait for each other.
pub(crate) async fn lock_membership(
    tx: &Transaction<'_>,
    server: ServerId,
    user: UserId,
) -> StoreResult<()> {
    query(
        tx,
        "SELECT pg_advisory_xact_lock(hashtext($1::uuid::text), hashtext($2::uuid::text))",
        &[&server.as_uuid(), &user.as_uuid()],
    )
    .await?;
    Ok(())
}

/// The columns every read names (never `*`: a cached prepared statement
/// must not change shape when a later migration adds a column).
const COLUMNS: &str = "server_id, user_id, reason, banned_by, created_at, expires_at";

fn ban(row: &Row) -> StoreResult<Ban> {
    let reason: Option<String> = col(row, "reason")?;
    Ok(Ban {
        server_id: ServerId::from_uuid(col(row, "server_id")?),
        user_id: UserId::from_uuid(col(row, "user_id")?),
        reason: reason
            .map(|r| parsed("ban reason", BanReason::from_stored(&r)))
            .transpose()?,
        banned_by: UserId::from_uuid(col(row, "banned_by")?),
        created_at: time(row, "created_at")?,
        expires_at: time_opt(row, "expires_at")?,
    })
}

#[async_trait]
impl BanStore for PgStore {
    async fn ban(&self, ban: &Ban) -> StoreResult<bool> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db)?;
        lock_membership(&tx, ban.server_id, ban.user_id).await?;
        // The replacement also takes a new `seq`: it is the newest ban.
        execute(
            &tx,
            "INSERT INTO bans (server_id, user_id, reason, banned_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (server_id, user_id) DO UPDATE SET reason = excluded.reason, \
               banned_by = excluded.banned_by, created_at = excluded.created_at, \
               expires_at = excluded.expires_at, seq = DEFAULT",
            &[
                &ban.server_id.as_uuid(),
                &ban.user_id.as_uuid(),
                &ban.reason.as_ref().map(BanReason::as_str),
                &ban.banned_by.as_uuid(),
                &ban.created_at.millis(),
                &ban.expires_at.map(Timestamp::millis),
            ],
        )
        .await?;
        let removed = execute(
            &tx,
            "DELETE FROM members WHERE server_id = $1 AND user_id = $2",
            &[&ban.server_id.as_uuid(), &ban.user_id.as_uuid()],
        )
        .await?;
        tx.commit().await.map_err(db)?;
        Ok(removed > 0)
    }

    async fn active_ban(
        &self,
        server: ServerId,
        user: UserId,
        now: Timestamp,
    ) -> StoreResult<Option<Ban>> {
        let rows = self
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM bans WHERE server_id = $1 AND user_id = $2 \
                 AND (expires_at IS NULL OR expires_at > $3)"
                ),
                &[&server.as_uuid(), &user.as_uuid(), &now.millis()],
            )
            .await?;
        first(&rows, ban)
    }

    async fn bans_of(&self, server: ServerId, now: Timestamp) -> StoreResult<Vec<Ban>> {
        let rows = self
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM bans WHERE server_id = $1 \
                 AND (expires_at IS NULL OR expires_at > $2) ORDER BY created_at, seq"
                ),
                &[&server.as_uuid(), &now.millis()],
            )
            .await?;
        all(&rows, ban)
    }

    async fn unban(&self, server: ServerId, user: UserId) -> StoreResult<bool> {
        let n = self
            .execute(
                "DELETE FROM bans WHERE server_id = $1 AND user_id = $2",
                &[&server.as_uuid(), &user.as_uuid()],
            )
            .await?;
        Ok(n > 0)
    }
}
