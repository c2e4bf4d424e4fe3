//! Login sessions and their refresh tokens (`sessions`, `refresh_tokens`).
//!
//! Every refresh token ever issued keeps a row until it expires; a spent
//! one is how a replay is recognised.

use async_trait::async_trait;
use chat_core::auth::{RefreshGrant, Rotation, Session, SessionStore};
use chat_core::ids::{SessionId, UserId};
use chat_core::{StoreResult, Timestamp};
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};

use crate::db::{execute, read, write};
use crate::error::backend;
use crate::SqliteStore;

fn session_from_row(row: &Row<'_>) -> rusqlite::Result<Session> {
    Ok(Session {
        id: SessionId::from_uuid(row.get(0)?),
        user_id: UserId::from_uuid(row.get(1)?),
        created_at: Timestamp::from_millis(row.get(2)?),
        revoked: row.get(3)?,
        last_used_at: Timestamp::from_millis(row.get(4)?),
        user_agent: row.get(5)?,
        ip_hint: row.get(6)?,
    })
}

/// The columns [`session_from_row`] reads, in its order (`s.`: sessions).
macro_rules! session_columns {
    () => {
        "s.id, s.user_id, s.created_at, s.revoked, s.last_used_at, s.user_agent, s.ip_hint"
    };
}

/// A presented refresh token with its session.
struct Presented {
    session: Session,
    expires_at: Timestamp,
    spent: bool,
}

#[async_trait]
impl SessionStore for SqliteStore {
    async fn create_session(&self, session: &Session, refresh: &RefreshGrant) -> StoreResult<()> {
        let (s, r) = (session.clone(), refresh.clone());
        write(&self.db, move |conn| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            execute(
                &tx,
                "INSERT INTO sessions
                     (id, user_id, created_at, revoked, last_used_at, user_agent, ip_hint)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    s.id.as_uuid(),
                    s.user_id.as_uuid(),
                    s.created_at.millis(),
                    s.revoked,
                    s.last_used_at.millis(),
                    s.user_agent,
                    s.ip_hint
                ],
            )?;
            insert_grant(&tx, s.id, &r)?;
            tx.commit().map_err(backend)
        })
        .await
    }

    async fn session_by_id(&self, id: SessionId) -> StoreResult<Option<Session>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(concat!(
                "SELECT ",
                session_columns!(),
                " FROM sessions s WHERE s.id = ?1"
            ))
            .and_then(|mut st| st.query_row([id.as_uuid()], session_from_row).optional())
            .map_err(backend)
        })
        .await
    }

    async fn rotate_refresh(
        &self,
        presented: &str,
        next: &RefreshGrant,
        now: Timestamp,
    ) -> StoreResult<Rotation> {
        let (presented, next) = (presented.to_owned(), next.clone());
        write(&self.db, move |conn| {
            // IMMEDIATE takes the write lock before reading, so of two
            // concurrent rotations the second sees the token spent.
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            let Some(found) = find_presented(&tx, &presented)? else {
                return Ok(Rotation::Invalid);
            };
            // Expired tokens are pruned below, so "expired" must win over
            // "spent" for the answer not to depend on when pruning ran.
            if found.session.revoked || found.expires_at <= now {
                return Ok(Rotation::Invalid);
            }
            if found.spent {
                return Ok(Rotation::Reused(found.session.id));
            }
            execute(
                &tx,
                "UPDATE refresh_tokens SET spent = 1 WHERE hash = ?1",
                [&presented],
            )?;
            // Old tokens of this session that expired prove nothing any more.
            execute(
                &tx,
                "DELETE FROM refresh_tokens WHERE session_id = ?1 AND expires_at <= ?2",
                params![found.session.id.as_uuid(), now.millis()],
            )?;
            insert_grant(&tx, found.session.id, &next)?;
            tx.commit().map_err(backend)?;
            Ok(Rotation::Rotated(found.session))
        })
        .await
    }

    async fn revoke_session(&self, id: SessionId) -> StoreResult<bool> {
        write(&self.db, move |conn| {
            execute(
                conn,
                "UPDATE sessions SET revoked = 1 WHERE id = ?1",
                [id.as_uuid()],
            )
            .map(|n| n > 0)
        })
        .await
    }

    async fn revoke_sessions_of(&self, user: UserId) -> StoreResult<()> {
        write(&self.db, move |conn| {
            execute(
                conn,
                "UPDATE sessions SET revoked = 1 WHERE user_id = ?1",
                [user.as_uuid()],
            )
            .map(|_| ())
        })
        .await
    }

    async fn sessions_of(&self, user: UserId) -> StoreResult<Vec<Session>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(concat!(
                "SELECT ",
                session_columns!(),
                " FROM sessions s WHERE s.user_id = ?1 AND s.revoked = 0"
            ))
            .and_then(|mut st| {
                st.query_map([user.as_uuid()], session_from_row)?
                    .collect::<Result<Vec<_>, _>>()
            })
            .map_err(backend)
        })
        .await
    }

    async fn touch_session(&self, id: SessionId, now: Timestamp) -> StoreResult<bool> {
        write(&self.db, move |conn| {
            execute(
                conn,
                "UPDATE sessions SET last_used_at = MAX(last_used_at, ?2) WHERE id = ?1",
                params![id.as_uuid(), now.millis()],
            )
            .map(|n| n > 0)
        })
        .await
    }

    async fn revoke_other_sessions(
        &self,
        user: UserId,
        keep: SessionId,
    ) -> StoreResult<Vec<SessionId>> {
        write(&self.db, move |conn| {
            conn.prepare_cached(
                "UPDATE sessions SET revoked = 1
                 WHERE user_id = ?1 AND id <> ?2 AND revoked = 0 RETURNING id",
            )
            .and_then(|mut st| {
                st.query_map(params![user.as_uuid(), keep.as_uuid()], |row| {
                    Ok(SessionId::from_uuid(row.get(0)?))
                })?
                .collect::<Result<Vec<_>, _>>()
            })
            .map_err(backend)
        })
        .await
    }
}

fn insert_grant(conn: &Connection, session: SessionId, grant: &RefreshGrant) -> StoreResult<()> {
    execute(
        conn,
        "INSERT INTO refresh_tokens (hash, session_id, expires_at, spent) VALUES (?1, ?2, ?3, 0)",
        params![grant.hash, session.as_uuid(), grant.expires_at.millis()],
    )
    .map(|_| ())
}

fn find_presented(conn: &Connection, hash: &str) -> StoreResult<Option<Presented>> {
    conn.prepare_cached(concat!(
        "SELECT ",
        session_columns!(),
        ", t.expires_at, t.spent
             FROM refresh_tokens t JOIN sessions s ON s.id = t.session_id
             WHERE t.hash = ?1"
    ))
    .and_then(|mut st| {
        st.query_row([hash], |row| {
            Ok(Presented {
                session: session_from_row(row)?,
                expires_at: Timestamp::from_millis(row.get(7)?),
                spent: row.get(8)?,
            })
        })
        .optional()
    })
    .map_err(backend)
}
