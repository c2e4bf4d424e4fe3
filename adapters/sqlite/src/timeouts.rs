//! Timeouts (`timeouts` table): one row per user and server, replaced by
//! a new timeout; the row stays when the member leaves.

use async_trait::async_trait;
use chat_core::ids::{ServerId, UserId};
use chat_core::moderation::TimeoutStore;
use chat_core::{StoreResult, Timestamp};
use rusqlite::{params, OptionalExtension};

use crate::db::{execute, read, write};
use crate::error::backend;
use crate::SqliteStore;

#[async_trait]
impl TimeoutStore for SqliteStore {
    async fn set_timeout(
        &self,
        server: ServerId,
        user: UserId,
        until: Timestamp,
    ) -> StoreResult<()> {
        write(&self.db, move |conn| {
            execute(
                conn,
                "INSERT INTO timeouts (server_id, user_id, until) VALUES (?1, ?2, ?3)
                 ON CONFLICT (server_id, user_id) DO UPDATE SET until = excluded.until",
                params![server.as_uuid(), user.as_uuid(), until.millis()],
            )
            .map(|_| ())
        })
        .await
    }

    async fn timeout_until(
        &self,
        server: ServerId,
        user: UserId,
        now: Timestamp,
    ) -> StoreResult<Option<Timestamp>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(
                "SELECT until FROM timeouts WHERE server_id = ?1 AND user_id = ?2 AND until > ?3",
            )
            .and_then(|mut st| {
                st.query_row(
                    params![server.as_uuid(), user.as_uuid(), now.millis()],
                    |r| r.get(0).map(Timestamp::from_millis),
                )
                .optional()
            })
            .map_err(backend)
        })
        .await
    }

    async fn timeouts_of(
        &self,
        server: ServerId,
        now: Timestamp,
    ) -> StoreResult<Vec<(UserId, Timestamp)>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(
                "SELECT user_id, until FROM timeouts WHERE server_id = ?1 AND until > ?2",
            )
            .and_then(|mut st| {
                st.query_map(params![server.as_uuid(), now.millis()], |r| {
                    Ok((
                        UserId::from_uuid(r.get(0)?),
                        Timestamp::from_millis(r.get(1)?),
                    ))
                })?
                .collect()
            })
            .map_err(backend)
        })
        .await
    }

    async fn clear_timeout(&self, server: ServerId, user: UserId) -> StoreResult<bool> {
        write(&self.db, move |conn| {
            execute(
                conn,
                "DELETE FROM timeouts WHERE server_id = ?1 AND user_id = ?2",
                params![server.as_uuid(), user.as_uuid()],
            )
            .map(|n| n > 0)
        })
        .await
    }
}
