//! Password changes, two-factor state (`mfa`) and pending two-factor
//! logins (`mfa_tickets`).

use async_trait::async_trait;
use chat_core::account::{AccountStore, MfaState, MfaTicket};
use chat_core::ids::UserId;
use chat_core::users::PasswordHash;
use chat_core::{StoreResult, Timestamp};
use rusqlite::{params, OptionalExtension, Row};

use crate::db::{execute, read, write};
use crate::error::backend;
use crate::SqliteStore;

/// Recovery-code digests are stored one per line (digests hold no newline).
fn codes_to_text(codes: &[String]) -> String {
    codes.join("\n")
}

fn codes_from_text(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

fn mfa_from_row(row: &Row<'_>) -> rusqlite::Result<MfaState> {
    Ok(MfaState {
        user_id: UserId::from_uuid(row.get(0)?),
        secret: row.get(1)?,
        pending_secret: row.get(2)?,
        last_step: row.get(3)?,
        recovery_codes: codes_from_text(&row.get::<_, String>(4)?),
        version: row.get(5)?,
    })
}

fn ticket_from_row(row: &Row<'_>) -> rusqlite::Result<MfaTicket> {
    Ok(MfaTicket {
        hash: row.get(0)?,
        user_id: UserId::from_uuid(row.get(1)?),
        expires_at: Timestamp::from_millis(row.get(2)?),
        failures: row.get(3)?,
    })
}

#[async_trait]
impl AccountStore for SqliteStore {
    async fn set_password_hash(&self, user: UserId, hash: &PasswordHash) -> StoreResult<bool> {
        let hash = hash.as_str().to_owned();
        write(&self.db, move |conn| {
            execute(
                conn,
                "UPDATE users SET password_hash = ?2 WHERE id = ?1",
                params![user.as_uuid(), hash],
            )
            .map(|n| n > 0)
        })
        .await
    }

    async fn set_user_disabled(&self, user: UserId, disabled: bool) -> StoreResult<bool> {
        write(&self.db, move |conn| {
            execute(
                conn,
                "UPDATE users SET disabled = ?2 WHERE id = ?1",
                params![user.as_uuid(), disabled],
            )
            .map(|n| n > 0)
        })
        .await
    }

    async fn mfa_of(&self, user: UserId) -> StoreResult<Option<MfaState>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(
                "SELECT user_id, secret, pending_secret, last_step, recovery_codes, version
                 FROM mfa WHERE user_id = ?1",
            )
            .and_then(|mut st| st.query_row([user.as_uuid()], mfa_from_row).optional())
            .map_err(backend)
        })
        .await
    }

    async fn save_mfa(&self, state: &MfaState, expected: Option<i64>) -> StoreResult<bool> {
        let s = state.clone();
        write(&self.db, move |conn| {
            let codes = codes_to_text(&s.recovery_codes);
            let sql = match expected {
                None => {
                    "INSERT INTO mfa (user_id, secret, pending_secret, last_step, recovery_codes, version)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (user_id) DO NOTHING"
                }
                Some(_) => {
                    "UPDATE mfa SET secret = ?2, pending_secret = ?3, last_step = ?4,
                            recovery_codes = ?5, version = ?6
                     WHERE user_id = ?1 AND version = ?7"
                }
            };
            conn.prepare_cached(sql)
                .and_then(|mut st| {
                    let base = params![
                        s.user_id.as_uuid(),
                        s.secret,
                        s.pending_secret,
                        s.last_step,
                        codes,
                        s.version
                    ];
                    match expected {
                        None => st.execute(base),
                        Some(v) => {
                            let mut all = base.to_vec();
                            all.push(&v);
                            st.execute(all.as_slice())
                        }
                    }
                })
                .map(|n| n > 0)
                .map_err(backend)
        })
        .await
    }

    async fn delete_mfa(&self, user: UserId) -> StoreResult<bool> {
        write(&self.db, move |conn| {
            execute(conn, "DELETE FROM mfa WHERE user_id = ?1", [user.as_uuid()]).map(|n| n > 0)
        })
        .await
    }

    async fn create_mfa_ticket(&self, ticket: &MfaTicket, now: Timestamp) -> StoreResult<()> {
        let t = ticket.clone();
        write(&self.db, move |conn| {
            execute(
                conn,
                "DELETE FROM mfa_tickets WHERE expires_at < ?1",
                [now.millis()],
            )?;
            execute(
                conn,
                "INSERT INTO mfa_tickets (hash, user_id, expires_at, failures)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    t.hash,
                    t.user_id.as_uuid(),
                    t.expires_at.millis(),
                    t.failures
                ],
            )
            .map(|_| ())
        })
        .await
    }

    async fn mfa_ticket(&self, hash: &str) -> StoreResult<Option<MfaTicket>> {
        let hash = hash.to_owned();
        read(&self.db, move |conn| {
            conn.prepare_cached(
                "SELECT hash, user_id, expires_at, failures FROM mfa_tickets WHERE hash = ?1",
            )
            .and_then(|mut st| st.query_row([hash], ticket_from_row).optional())
            .map_err(backend)
        })
        .await
    }

    async fn fail_mfa_ticket(&self, hash: &str) -> StoreResult<Option<u32>> {
        let hash = hash.to_owned();
        write(&self.db, move |conn| {
            conn.prepare_cached(
                "UPDATE mfa_tickets SET failures = failures + 1 WHERE hash = ?1 RETURNING failures",
            )
            .and_then(|mut st| st.query_row([hash], |row| row.get(0)).optional())
            .map_err(backend)
        })
        .await
    }

    async fn delete_mfa_ticket(&self, hash: &str) -> StoreResult<bool> {
        let hash = hash.to_owned();
        write(&self.db, move |conn| {
            execute(conn, "DELETE FROM mfa_tickets WHERE hash = ?1", [hash]).map(|n| n > 0)
        })
        .await
    }
}
