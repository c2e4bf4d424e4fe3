//! Bans (`bans` table): one row per user and server, replaced by a new ban.

use async_trait::async_trait;
use chat_core::ids::{ServerId, UserId};
use chat_core::moderation::{Ban, BanReason, BanStore};
use chat_core::{StoreResult, Timestamp};
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};

use crate::codec::parsed_opt;
use crate::db::{execute, read, write};
use crate::error::backend;
use crate::SqliteStore;

fn ban_from_row(row: &Row<'_>) -> rusqlite::Result<Ban> {
    Ok(Ban {
        server_id: ServerId::from_uuid(row.get(0)?),
        user_id: UserId::from_uuid(row.get(1)?),
        reason: parsed_opt(row, 2, BanReason::from_stored)?,
        banned_by: UserId::from_uuid(row.get(3)?),
        created_at: Timestamp::from_millis(row.get(4)?),
        expires_at: row.get::<_, Option<i64>>(5)?.map(Timestamp::from_millis),
    })
}

/// The user's ban in the server if active at `now` (inside the caller's
/// transaction, if any).
pub(crate) fn find_active_ban(
    conn: &Connection,
    server: ServerId,
    user: UserId,
    now: Timestamp,
) -> StoreResult<Option<Ban>> {
    conn.prepare_cached(
        "SELECT server_id, user_id, reason, banned_by, created_at, expires_at FROM bans
         WHERE server_id = ?1 AND user_id = ?2 AND (expires_at IS NULL OR expires_at > ?3)",
    )
    .and_then(|mut st| {
        st.query_row(
            params![server.as_uuid(), user.as_uuid(), now.millis()],
            ban_from_row,
        )
        .optional()
    })
    .map_err(backend)
}

#[async_trait]
impl BanStore for SqliteStore {
    async fn ban(&self, ban: &Ban) -> StoreResult<bool> {
        let b = ban.clone();
        write(&self.db, move |conn| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            execute(
                &tx,
                "INSERT INTO bans (server_id, user_id, reason, banned_by, created_at, expires_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (server_id, user_id) DO UPDATE SET
                     reason = excluded.reason, banned_by = excluded.banned_by,
                     created_at = excluded.created_at, expires_at = excluded.expires_at",
                params![
                    b.server_id.as_uuid(),
                    b.user_id.as_uuid(),
                    b.reason.as_ref().map(BanReason::as_str),
                    b.banned_by.as_uuid(),
                    b.created_at.millis(),
                    b.expires_at.map(Timestamp::millis),
                ],
            )?;
            let removed = crate::members::delete_member(&tx, b.server_id, b.user_id)?;
            tx.commit().map_err(backend)?;
            Ok(removed)
        })
        .await
    }

    async fn active_ban(
        &self,
        server: ServerId,
        user: UserId,
        now: Timestamp,
    ) -> StoreResult<Option<Ban>> {
        read(&self.db, move |conn| {
            find_active_ban(conn, server, user, now)
        })
        .await
    }

    async fn bans_of(&self, server: ServerId, now: Timestamp) -> StoreResult<Vec<Ban>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(
                "SELECT server_id, user_id, reason, banned_by, created_at, expires_at FROM bans
                 WHERE server_id = ?1 AND (expires_at IS NULL OR expires_at > ?2)
                 ORDER BY created_at, rowid",
            )
            .and_then(|mut st| {
                st.query_map(params![server.as_uuid(), now.millis()], ban_from_row)?
                    .collect()
            })
            .map_err(backend)
        })
        .await
    }

    async fn unban(&self, server: ServerId, user: UserId) -> StoreResult<bool> {
        write(&self.db, move |conn| {
            execute(
                conn,
                "DELETE FROM bans WHERE server_id = ?1 AND user_id = ?2",
                params![server.as_uuid(), user.as_uuid()],
            )
            .map(|n| n > 0)
        })
        .await
    }
}
