//! Invites (`invites` table) and joining a server through one.

use async_trait::async_trait;
use chat_core::ids::{InviteCode, ServerId, UserId};
use chat_core::invites::{Invite, InviteStore, JoinOutcome};
use chat_core::members::Member;
use chat_core::{StoreResult, Timestamp};
use rusqlite::{params, Connection, OptionalExtension, Row, TransactionBehavior};

use crate::codec::{invalid, parsed, small_count};
use crate::db::{execute, read, write};
use crate::error::backend;
use crate::SqliteStore;

macro_rules! invite_columns {
    () => {
        "code, server_id, created_by, created_at, expires_at, max_uses, uses"
    };
}

fn invite_from_row(row: &Row<'_>) -> rusqlite::Result<Invite> {
    let max_uses = row
        .get::<_, Option<i64>>(5)?
        .map(|n| u32::try_from(n).map_err(|e| invalid(5, e)))
        .transpose()?;
    Ok(Invite {
        code: parsed(row, 0, InviteCode::parse)?,
        server_id: ServerId::from_uuid(row.get(1)?),
        created_by: UserId::from_uuid(row.get(2)?),
        created_at: Timestamp::from_millis(row.get(3)?),
        expires_at: row.get::<_, Option<i64>>(4)?.map(Timestamp::from_millis),
        max_uses,
        uses: small_count(row, 6)?,
    })
}

fn find_invite(conn: &Connection, code: &str) -> StoreResult<Option<Invite>> {
    conn.prepare_cached(concat!(
        "SELECT ",
        invite_columns!(),
        " FROM invites WHERE code = ?1"
    ))
    .and_then(|mut st| st.query_row([code], invite_from_row).optional())
    .map_err(backend)
}

/// The checks of `join_with_invite`, in the order its contract gives, then
/// the use and the membership (inside the caller's write transaction).
fn join(
    conn: &Connection,
    code: &str,
    member: &Member,
    now: Timestamp,
) -> StoreResult<JoinOutcome> {
    let Some(invite) = find_invite(conn, code)?.filter(|i| i.server_id == member.server_id) else {
        return Ok(JoinOutcome::NotFound);
    };
    if crate::members::find_member(conn, member.server_id, member.user_id)?.is_some() {
        return Ok(JoinOutcome::AlreadyMember);
    }
    if crate::moderation::find_active_ban(conn, member.server_id, member.user_id, now)?.is_some() {
        return Ok(JoinOutcome::Banned);
    }
    // The usability test is repeated in the UPDATE itself, so the count can
    // never pass max_uses whatever the isolation around it.
    let counted = execute(
        conn,
        "UPDATE invites SET uses = uses + 1
             WHERE code = ?1
               AND (expires_at IS NULL OR expires_at > ?2)
               AND (max_uses IS NULL OR uses < max_uses)",
        params![invite.code.as_str(), now.millis()],
    )?;
    if counted == 0 {
        return Ok(JoinOutcome::Expired);
    }
    crate::members::insert_member(conn, member)?;
    Ok(JoinOutcome::Joined)
}

#[async_trait]
impl InviteStore for SqliteStore {
    async fn insert_invite(&self, invite: &Invite) -> StoreResult<()> {
        let i = invite.clone();
        write(&self.db, move |conn| {
            execute(
                conn,
                "INSERT INTO invites
                     (code, server_id, created_by, created_at, expires_at, max_uses, uses)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    i.code.as_str(),
                    i.server_id.as_uuid(),
                    i.created_by.as_uuid(),
                    i.created_at.millis(),
                    i.expires_at.map(Timestamp::millis),
                    i.max_uses,
                    i.uses,
                ],
            )
            .map(drop)
        })
        .await
    }

    async fn invite_by_code(&self, code: &InviteCode) -> StoreResult<Option<Invite>> {
        let code = code.as_str().to_owned();
        read(&self.db, move |conn| find_invite(conn, &code)).await
    }

    async fn invites_of(&self, server: ServerId) -> StoreResult<Vec<Invite>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(concat!(
                "SELECT ",
                invite_columns!(),
                " FROM invites WHERE server_id = ?1 ORDER BY created_at, rowid"
            ))
            .and_then(|mut st| st.query_map([server.as_uuid()], invite_from_row)?.collect())
            .map_err(backend)
        })
        .await
    }

    async fn delete_invite(&self, code: &InviteCode) -> StoreResult<bool> {
        let code = code.as_str().to_owned();
        write(&self.db, move |conn| {
            execute(conn, "DELETE FROM invites WHERE code = ?1", [code]).map(|n| n > 0)
        })
        .await
    }

    async fn join_with_invite(
        &self,
        code: &InviteCode,
        member: &Member,
        now: Timestamp,
    ) -> StoreResult<JoinOutcome> {
        let (code, member) = (code.as_str().to_owned(), member.clone());
        write(&self.db, move |conn| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            let outcome = join(&tx, &code, &member, now)?;
            if outcome == JoinOutcome::Joined {
                tx.commit().map_err(backend)?;
            }
            Ok(outcome)
        })
        .await
    }
}
