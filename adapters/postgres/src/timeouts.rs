//! Timeouts (`timeouts` table): one row per user and server, replaced by
//! a new timeout; the row stays when the member leaves.

use async_trait::async_trait;
use chat_core::ids::{ServerId, UserId};
use chat_core::moderation::TimeoutStore;
use chat_core::{StoreResult, Timestamp};

use crate::rows::{all, col, first, time};
use crate::PgStore;

#[async_trait]
impl TimeoutStore for PgStore {
    async fn set_timeout(
        &self,
        server: ServerId,
        user: UserId,
        until: Timestamp,
    ) -> StoreResult<()> {
        self.execute(
            "INSERT INTO timeouts (server_id, user_id, until) VALUES ($1, $2, $3) \
             ON CONFLICT (server_id, user_id) DO UPDATE SET until = excluded.until",
            &[&server.as_uuid(), &user.as_uuid(), &until.millis()],
        )
        .await?;
        Ok(())
    }

    async fn timeout_until(
        &self,
        server: ServerId,
        user: UserId,
        now: Timestamp,
    ) -> StoreResult<Option<Timestamp>> {
        let rows = self
            .query(
                "SELECT until FROM timeouts WHERE server_id = $1 AND user_id = $2 AND until > $3",
                &[&server.as_uuid(), &user.as_uuid(), &now.millis()],
            )
            .await?;
        first(&rows, |r| time(r, "until"))
    }

    async fn timeouts_of(
        &self,
        server: ServerId,
        now: Timestamp,
    ) -> StoreResult<Vec<(UserId, Timestamp)>> {
        let rows = self
            .query(
                "SELECT user_id, until FROM timeouts WHERE server_id = $1 AND until > $2",
                &[&server.as_uuid(), &now.millis()],
            )
            .await?;
        all(&rows, |r| {
            Ok((UserId::from_uuid(col(r, "user_id")?), time(r, "until")?))
        })
    }

    async fn clear_timeout(&self, server: ServerId, user: UserId) -> StoreResult<bool> {
        let n = self
            .execute(
                "DELETE FROM timeouts WHERE server_id = $1 AND user_id = $2",
                &[&server.as_uuid(), &user.as_uuid()],
            )
            .await?;
        Ok(n > 0)
    }
}
