//! Memberships (`members` table). Joining order is `joined_at`, then the
//! order rows were stored (rowid), for members who joined in one millisecond.

use async_trait::async_trait;
use chat_core::ids::{ServerId, UserId};
use chat_core::members::{Member, MemberStore};
use chat_core::role::Role;
use chat_core::{StoreResult, Timestamp};
use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::codec::role;
use crate::db::{execute, read, write};
use crate::error::backend;
use crate::SqliteStore;

fn member_from_row(row: &Row<'_>) -> rusqlite::Result<Member> {
    Ok(Member {
        server_id: ServerId::from_uuid(row.get(0)?),
        user_id: UserId::from_uuid(row.get(1)?),
        role: role(row, 2)?,
        joined_at: Timestamp::from_millis(row.get(3)?),
    })
}

/// Stores a membership (inside the caller's transaction).
pub(crate) fn insert_member(conn: &Connection, m: &Member) -> StoreResult<()> {
    execute(
        conn,
        "INSERT INTO members (server_id, user_id, role, joined_at) VALUES (?1, ?2, ?3, ?4)",
        params![
            m.server_id.as_uuid(),
            m.user_id.as_uuid(),
            m.role.as_str(),
            m.joined_at.millis(),
        ],
    )
    .map(|_| ())
}

/// The membership of `user` in `server`, or `None`.
pub(crate) fn find_member(
    conn: &Connection,
    server: ServerId,
    user: UserId,
) -> StoreResult<Option<Member>> {
    conn.prepare_cached(
        "SELECT server_id, user_id, role, joined_at FROM members
         WHERE server_id = ?1 AND user_id = ?2",
    )
    .and_then(|mut st| {
        st.query_row(params![server.as_uuid(), user.as_uuid()], member_from_row)
            .optional()
    })
    .map_err(backend)
}

/// Sets the stored role; the updated membership, or `None`.
pub(crate) fn update_role(
    conn: &Connection,
    server: ServerId,
    user: UserId,
    role: Role,
) -> StoreResult<Option<Member>> {
    conn.prepare_cached(
        "UPDATE members SET role = ?3 WHERE server_id = ?1 AND user_id = ?2
         RETURNING server_id, user_id, role, joined_at",
    )
    .and_then(|mut st| {
        st.query_row(
            params![server.as_uuid(), user.as_uuid(), role.as_str()],
            member_from_row,
        )
        .optional()
    })
    .map_err(backend)
}

/// Removes a membership; whether there was one.
pub(crate) fn delete_member(
    conn: &Connection,
    server: ServerId,
    user: UserId,
) -> StoreResult<bool> {
    execute(
        conn,
        "DELETE FROM members WHERE server_id = ?1 AND user_id = ?2",
        params![server.as_uuid(), user.as_uuid()],
    )
    .map(|n| n > 0)
}

#[async_trait]
impl MemberStore for SqliteStore {
    async fn member(&self, server: ServerId, user: UserId) -> StoreResult<Option<Member>> {
        read(&self.db, move |conn| find_member(conn, server, user)).await
    }

    async fn members_of(&self, server: ServerId) -> StoreResult<Vec<Member>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(
                "SELECT server_id, user_id, role, joined_at FROM members
                 WHERE server_id = ?1 ORDER BY joined_at, rowid",
            )
            .and_then(|mut st| st.query_map([server.as_uuid()], member_from_row)?.collect())
            .map_err(backend)
        })
        .await
    }

    async fn memberships_of(&self, user: UserId) -> StoreResult<Vec<Member>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(
                "SELECT server_id, user_id, role, joined_at FROM members
                 WHERE user_id = ?1 ORDER BY joined_at, rowid",
            )
            .and_then(|mut st| st.query_map([user.as_uuid()], member_from_row)?.collect())
            .map_err(backend)
        })
        .await
    }

    async fn member_count(&self, server: ServerId) -> StoreResult<u64> {
        read(&self.db, move |conn| {
            conn.prepare_cached("SELECT COUNT(*) FROM members WHERE server_id = ?1")
                .and_then(|mut st| st.query_row([server.as_uuid()], |r| r.get::<_, i64>(0)))
                .map(|n| n.unsigned_abs())
                .map_err(backend)
        })
        .await
    }

    async fn set_role(
        &self,
        server: ServerId,
        user: UserId,
        role: Role,
    ) -> StoreResult<Option<Member>> {
        write(&self.db, move |conn| update_role(conn, server, user, role)).await
    }

    async fn remove_member(&self, server: ServerId, user: UserId) -> StoreResult<bool> {
        write(&self.db, move |conn| delete_member(conn, server, user)).await
    }
}
