//! Invites. Joining through one is a transaction whose use is counted by a
//! conditional `UPDATE … WHERE uses < max_uses AND not expired`: concurrent
//! joins queue on the invite's row lock and re-check, so `uses` never
//! passes `max_uses`.

use async_trait::async_trait;
use chat_core::ids::{InviteCode, ServerId, UserId};
use chat_core::invites::{Invite, InviteStore, JoinOutcome};
use chat_core::members::Member;
use chat_core::{StoreResult, Timestamp};
use deadpool_postgres::Transaction;
use tokio_postgres::Row;

use crate::bans::lock_membership;
use crate::error::db;
use crate::members::insert_member;
use crate::rows::{all, col, first, parsed, time, time_opt, unsigned};
use crate::sql::{execute, query};
use crate::PgStore;

/// The columns every read names (never `*`: a cached prepared statement
/// must not change shape when a later migration adds a column).
const COLUMNS: &str = "code, server_id, created_by, created_at, expires_at, max_uses, uses";

fn invite(row: &Row) -> StoreResult<Invite> {
    let max_uses: Option<i64> = col(row, "max_uses")?;
    Ok(Invite {
        code: parsed("invite code", InviteCode::parse(col(row, "code")?))?,
        server_id: ServerId::from_uuid(col(row, "server_id")?),
        created_by: UserId::from_uuid(col(row, "created_by")?),
        created_at: time(row, "created_at")?,
        expires_at: time_opt(row, "expires_at")?,
        max_uses: max_uses.map(|n| unsigned("max_uses", n)).transpose()?,
        uses: unsigned("uses", col(row, "uses")?)?,
    })
}

/// Runs the join's checks and changes inside `tx`; the caller commits only
/// on `Joined`.
async fn join(
    tx: &Transaction<'_>,
    code: &InviteCode,
    m: &Member,
    now: Timestamp,
) -> StoreResult<JoinOutcome> {
    let (server, user) = (m.server_id.as_uuid(), m.user_id.as_uuid());
    let found = query(
        tx,
        "SELECT 1 FROM invites WHERE code = $1 AND server_id = $2",
        &[&code.as_str(), &server],
    )
    .await?;
    if found.is_empty() {
        return Ok(JoinOutcome::NotFound);
    }
    // Taken before the ban check, so a racing ban waits for this join to
    // end (and then removes it) or is seen by the check below.
    lock_membership(tx, m.server_id, m.user_id).await?;
    let member = query(
        tx,
        "SELECT 1 FROM members WHERE server_id = $1 AND user_id = $2",
        &[&server, &user],
    )
    .await?;
    if !member.is_empty() {
        return Ok(JoinOutcome::AlreadyMember);
    }
    let banned = query(
        tx,
        "SELECT 1 FROM bans WHERE server_id = $1 AND user_id = $2 \
         AND (expires_at IS NULL OR expires_at > $3)",
        &[&server, &user, &now.millis()],
    )
    .await?;
    if !banned.is_empty() {
        return Ok(JoinOutcome::Banned);
    }
    let counted = execute(
        tx,
        "UPDATE invites SET uses = uses + 1 WHERE code = $1 \
         AND (max_uses IS NULL OR uses < max_uses) \
         AND (expires_at IS NULL OR expires_at > $2)",
        &[&code.as_str(), &now.millis()],
    )
    .await?;
    if counted == 0 {
        return Ok(JoinOutcome::Expired);
    }
    // A concurrent join of the same user may have committed meanwhile.
    if !insert_member(tx, m).await? {
        return Ok(JoinOutcome::AlreadyMember);
    }
    Ok(JoinOutcome::Joined)
}

#[async_trait]
impl InviteStore for PgStore {
    async fn insert_invite(&self, invite: &Invite) -> StoreResult<()> {
        self.execute(
            "INSERT INTO invites (code, server_id, created_by, created_at, expires_at, max_uses, uses) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &invite.code.as_str(),
                &invite.server_id.as_uuid(),
                &invite.created_by.as_uuid(),
                &invite.created_at.millis(),
                &invite.expires_at.map(Timestamp::millis),
                &invite.max_uses.map(i64::from),
                &i64::from(invite.uses),
            ],
        )
        .await?;
        Ok(())
    }

    async fn invite_by_code(&self, code: &InviteCode) -> StoreResult<Option<Invite>> {
        let rows = self
            .query(
                &format!("SELECT {COLUMNS} FROM invites WHERE code = $1"),
                &[&code.as_str()],
            )
            .await?;
        first(&rows, invite)
    }

    async fn invites_of(&self, server: ServerId) -> StoreResult<Vec<Invite>> {
        let rows = self
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM invites WHERE server_id = $1 ORDER BY created_at, seq"
                ),
                &[&server.as_uuid()],
            )
            .await?;
        all(&rows, invite)
    }

    async fn delete_invite(&self, code: &InviteCode) -> StoreResult<bool> {
        let n = self
            .execute("DELETE FROM invites WHERE code = $1", &[&code.as_str()])
            .await?;
        Ok(n > 0)
    }

    async fn join_with_invite(
        &self,
        code: &InviteCode,
        member: &Member,
        now: Timestamp,
    ) -> StoreResult<JoinOutcome> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db)?;
        let outcome = join(&tx, code, member, now).await?;
        if outcome == JoinOutcome::Joined {
            tx.commit().await.map_err(db)?;
        }
        // Any other outcome changed nothing: dropping `tx` rolls it back.
        Ok(outcome)
    }
}
