//! Login sessions and their refresh tokens (stored as hashes).
//!
//! Rotation spends the presented token with one conditional `UPDATE … WHERE
//! NOT spent`: of two concurrent rotations the second waits for the first's
//! row lock, then finds the token spent, so exactly one rotates.

use async_trait::async_trait;
use chat_core::auth::{RefreshGrant, Rotation, Session, SessionStore};
use chat_core::ids::{SessionId, UserId};
use chat_core::{StoreResult, Timestamp};
use deadpool_postgres::Transaction;
use tokio_postgres::Row;

use crate::error::db;
use crate::rows::{all, col, first, time};
use crate::sql::{execute, query};
use crate::PgStore;

/// The columns every read names (never `*`: a cached prepared statement
/// must not change shape when a later migration adds a column).
const COLUMNS: &str = "id, user_id, created_at, revoked, last_used_at, user_agent, ip_hint";

fn session(row: &Row) -> StoreResult<Session> {
    Ok(Session {
        id: SessionId::from_uuid(col(row, "id")?),
        user_id: UserId::from_uuid(col(row, "user_id")?),
        created_at: time(row, "created_at")?,
        revoked: col(row, "revoked")?,
        last_used_at: time(row, "last_used_at")?,
        user_agent: col(row, "user_agent")?,
        ip_hint: col(row, "ip_hint")?,
    })
}

/// Stores a live refresh token for `session`.
async fn insert_grant(
    tx: &Transaction<'_>,
    session: SessionId,
    grant: &RefreshGrant,
) -> StoreResult<()> {
    execute(
        tx,
        "INSERT INTO refresh_tokens (hash, session_id, expires_at) VALUES ($1, $2, $3)",
        &[&grant.hash, &session.as_uuid(), &grant.expires_at.millis()],
    )
    .await?;
    Ok(())
}

/// Why a token could not be spent: replayed (`Reused`) or not usable.
async fn refusal(tx: &Transaction<'_>, presented: &str) -> StoreResult<Rotation> {
    let rows = query(
        tx,
        "SELECT session_id, spent FROM refresh_tokens WHERE hash = $1",
        &[&presented],
    )
    .await?;
    let Some(row) = rows.first() else {
        return Ok(Rotation::Invalid);
    };
    if col::<bool>(row, "spent")? {
        Ok(Rotation::Reused(SessionId::from_uuid(col(
            row,
            "session_id",
        )?)))
    } else {
        Ok(Rotation::Invalid)
    }
}

#[async_trait]
impl SessionStore for PgStore {
    async fn create_session(&self, session: &Session, refresh: &RefreshGrant) -> StoreResult<()> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db)?;
        execute(
            &tx,
            "INSERT INTO sessions (id, user_id, created_at, revoked, last_used_at, user_agent, ip_hint) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &session.id.as_uuid(),
                &session.user_id.as_uuid(),
                &session.created_at.millis(),
                &session.revoked,
                &session.last_used_at.millis(),
                &session.user_agent,
                &session.ip_hint,
            ],
        )
        .await?;
        insert_grant(&tx, session.id, refresh).await?;
        tx.commit().await.map_err(db)
    }

    async fn session_by_id(&self, id: SessionId) -> StoreResult<Option<Session>> {
        let rows = self
            .query(
                &format!("SELECT {COLUMNS} FROM sessions WHERE id = $1"),
                &[&id.as_uuid()],
            )
            .await?;
        first(&rows, session)
    }

    async fn rotate_refresh(
        &self,
        presented: &str,
        next: &RefreshGrant,
        now: Timestamp,
    ) -> StoreResult<Rotation> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db)?;
        let spent = query(
            &tx,
            "UPDATE refresh_tokens t SET spent = true FROM sessions s \
             WHERE t.hash = $1 AND NOT t.spent AND t.expires_at > $2 \
               AND s.id = t.session_id AND NOT s.revoked \
             RETURNING s.id, s.user_id, s.created_at, s.revoked, s.last_used_at, s.user_agent, s.ip_hint",
            &[&presented, &now.millis()],
        )
        .await?;
        let Some(row) = spent.first() else {
            return refusal(&tx, presented).await;
        };
        let session = session(row)?;
        insert_grant(&tx, session.id, next).await?;
        tx.commit().await.map_err(db)?;
        Ok(Rotation::Rotated(session))
    }

    async fn revoke_session(&self, id: SessionId) -> StoreResult<bool> {
        let n = self
            .execute(
                "UPDATE sessions SET revoked = true WHERE id = $1",
                &[&id.as_uuid()],
            )
            .await?;
        Ok(n > 0)
    }

    async fn revoke_sessions_of(&self, user: UserId) -> StoreResult<()> {
        self.execute(
            "UPDATE sessions SET revoked = true WHERE user_id = $1",
            &[&user.as_uuid()],
        )
        .await?;
        Ok(())
    }

    async fn sessions_of(&self, user: UserId) -> StoreResult<Vec<Session>> {
        let rows = self
            .query(
                &format!("SELECT {COLUMNS} FROM sessions WHERE user_id = $1 AND NOT revoked"),
                &[&user.as_uuid()],
            )
            .await?;
        all(&rows, session)
    }

    async fn touch_session(&self, id: SessionId, now: Timestamp) -> StoreResult<bool> {
        let n = self
            .execute(
                "UPDATE sessions SET last_used_at = GREATEST(last_used_at, $2) WHERE id = $1",
                &[&id.as_uuid(), &now.millis()],
            )
            .await?;
        Ok(n > 0)
    }

    async fn revoke_other_sessions(
        &self,
        user: UserId,
        keep: SessionId,
    ) -> StoreResult<Vec<SessionId>> {
        let rows = self
            .query(
                "UPDATE sessions SET revoked = true \
                 WHERE user_id = $1 AND id <> $2 AND NOT revoked RETURNING id",
                &[&user.as_uuid(), &keep.as_uuid()],
            )
            .await?;
        all(&rows, |row| Ok(SessionId::from_uuid(col(row, "id")?)))
    }
}
