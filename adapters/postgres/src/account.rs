//! Password changes, two-factor state (`mfa`, one row per user, changed
//! by compare-and-swap on `version`) and pending two-factor logins
//! (`mfa_tickets`).

use async_trait::async_trait;
use chat_core::account::{AccountStore, MfaState, MfaTicket};
use chat_core::ids::UserId;
use chat_core::users::PasswordHash;
use chat_core::{StoreResult, Timestamp};
use tokio_postgres::Row;

use crate::rows::{col, first, time, unsigned};
use crate::PgStore;

const MFA_COLUMNS: &str = "user_id, secret, pending_secret, last_step, recovery_codes, version";
const TICKET_COLUMNS: &str = "hash, user_id, expires_at, failures";

fn mfa(row: &Row) -> StoreResult<MfaState> {
    Ok(MfaState {
        user_id: UserId::from_uuid(col(row, "user_id")?),
        secret: col(row, "secret")?,
        pending_secret: col(row, "pending_secret")?,
        last_step: col(row, "last_step")?,
        recovery_codes: col(row, "recovery_codes")?,
        version: col(row, "version")?,
    })
}

fn ticket(row: &Row) -> StoreResult<MfaTicket> {
    Ok(MfaTicket {
        hash: col(row, "hash")?,
        user_id: UserId::from_uuid(col(row, "user_id")?),
        expires_at: time(row, "expires_at")?,
        failures: unsigned("failures", i64::from(col::<i32>(row, "failures")?))?,
    })
}

#[async_trait]
impl AccountStore for PgStore {
    async fn set_password_hash(&self, user: UserId, hash: &PasswordHash) -> StoreResult<bool> {
        let n = self
            .execute(
                "UPDATE users SET password_hash = $2 WHERE id = $1",
                &[&user.as_uuid(), &hash.as_str()],
            )
            .await?;
        Ok(n > 0)
    }

    async fn set_user_disabled(&self, user: UserId, disabled: bool) -> StoreResult<bool> {
        let n = self
            .execute(
                "UPDATE users SET disabled = $2 WHERE id = $1",
                &[&user.as_uuid(), &disabled],
            )
            .await?;
        Ok(n > 0)
    }

    async fn mfa_of(&self, user: UserId) -> StoreResult<Option<MfaState>> {
        let rows = self
            .query(
                &format!("SELECT {MFA_COLUMNS} FROM mfa WHERE user_id = $1"),
                &[&user.as_uuid()],
            )
            .await?;
        first(&rows, mfa)
    }

    async fn save_mfa(&self, state: &MfaState, expected: Option<i64>) -> StoreResult<bool> {
        let user = state.user_id.as_uuid();
        let n = match expected {
            None => {
                self.execute(
                    &format!(
                        "INSERT INTO mfa ({MFA_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6) \
                         ON CONFLICT (user_id) DO NOTHING"
                    ),
                    &[
                        &user,
                        &state.secret,
                        &state.pending_secret,
                        &state.last_step,
                        &state.recovery_codes,
                        &state.version,
                    ],
                )
                .await?
            }
            Some(v) => {
                self.execute(
                    "UPDATE mfa SET secret = $2, pending_secret = $3, last_step = $4, \
                     recovery_codes = $5, version = $6 WHERE user_id = $1 AND version = $7",
                    &[
                        &user,
                        &state.secret,
                        &state.pending_secret,
                        &state.last_step,
                        &state.recovery_codes,
                        &state.version,
                        &v,
                    ],
                )
                .await?
            }
        };
        Ok(n > 0)
    }

    async fn delete_mfa(&self, user: UserId) -> StoreResult<bool> {
        let n = self
            .execute("DELETE FROM mfa WHERE user_id = $1", &[&user.as_uuid()])
            .await?;
        Ok(n > 0)
    }

    async fn create_mfa_ticket(&self, t: &MfaTicket, now: Timestamp) -> StoreResult<()> {
        self.execute(
            "DELETE FROM mfa_tickets WHERE expires_at < $1",
            &[&now.millis()],
        )
        .await?;
        let failures = i32::try_from(t.failures).unwrap_or(i32::MAX);
        self.execute(
            &format!("INSERT INTO mfa_tickets ({TICKET_COLUMNS}) VALUES ($1, $2, $3, $4)"),
            &[
                &t.hash,
                &t.user_id.as_uuid(),
                &t.expires_at.millis(),
                &failures,
            ],
        )
        .await?;
        Ok(())
    }

    async fn mfa_ticket(&self, hash: &str) -> StoreResult<Option<MfaTicket>> {
        let rows = self
            .query(
                &format!("SELECT {TICKET_COLUMNS} FROM mfa_tickets WHERE hash = $1"),
                &[&hash],
            )
            .await?;
        first(&rows, ticket)
    }

    async fn fail_mfa_ticket(&self, hash: &str) -> StoreResult<Option<u32>> {
        let rows = self
            .query(
                "UPDATE mfa_tickets SET failures = failures + 1 WHERE hash = $1 RETURNING failures",
                &[&hash],
            )
            .await?;
        first(&rows, |row| {
            unsigned("failures", i64::from(col::<i32>(row, "failures")?))
        })
    }

    async fn delete_mfa_ticket(&self, hash: &str) -> StoreResult<bool> {
        let n = self
            .execute("DELETE FROM mfa_tickets WHERE hash = $1", &[&hash])
            .await?;
        Ok(n > 0)
    }
}
