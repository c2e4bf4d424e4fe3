//! Memberships: who is in which server, with which stored role. Listed in
//! join order (`joined_at`, then insertion order for the same millisecond).

use async_trait::async_trait;
use chat_core::ids::{ServerId, UserId};
use chat_core::members::{Member, MemberStore};
use chat_core::role::Role;
use chat_core::StoreResult;
use deadpool_postgres::GenericClient;
use tokio_postgres::Row;

use crate::rows::{all, col, count, first, parsed, time};
use crate::sql::execute;
use crate::PgStore;

/// The columns every read names (never `*`: a cached prepared statement
/// must not change shape when a later migration adds a column).
const COLUMNS: &str = "server_id, user_id, role, joined_at";

pub(crate) fn member(row: &Row) -> StoreResult<Member> {
    Ok(Member {
        server_id: ServerId::from_uuid(col(row, "server_id")?),
        user_id: UserId::from_uuid(col(row, "user_id")?),
        role: parsed("role", Role::parse(col(row, "role")?, "role"))?,
        joined_at: time(row, "joined_at")?,
    })
}

/// Stores a membership; `false` when the user already is a member.
pub(crate) async fn insert_member<C: GenericClient>(c: &C, m: &Member) -> StoreResult<bool> {
    let n = execute(
        c,
        "INSERT INTO members (server_id, user_id, role, joined_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (server_id, user_id) DO NOTHING",
        &[
            &m.server_id.as_uuid(),
            &m.user_id.as_uuid(),
            &m.role.as_str(),
            &m.joined_at.millis(),
        ],
    )
    .await?;
    Ok(n > 0)
}

#[async_trait]
impl MemberStore for PgStore {
    async fn member(&self, server: ServerId, user: UserId) -> StoreResult<Option<Member>> {
        let rows = self
            .query(
                &format!("SELECT {COLUMNS} FROM members WHERE server_id = $1 AND user_id = $2"),
                &[&server.as_uuid(), &user.as_uuid()],
            )
            .await?;
        first(&rows, member)
    }

    async fn members_of(&self, server: ServerId) -> StoreResult<Vec<Member>> {
        let rows = self
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM members WHERE server_id = $1 ORDER BY joined_at, seq"
                ),
                &[&server.as_uuid()],
            )
            .await?;
        all(&rows, member)
    }

    async fn memberships_of(&self, user: UserId) -> StoreResult<Vec<Member>> {
        let rows = self
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM members WHERE user_id = $1 ORDER BY joined_at, seq"
                ),
                &[&user.as_uuid()],
            )
            .await?;
        all(&rows, member)
    }

    async fn member_count(&self, server: ServerId) -> StoreResult<u64> {
        let rows = self
            .query(
                "SELECT count(*) FROM members WHERE server_id = $1",
                &[&server.as_uuid()],
            )
            .await?;
        rows.first().map_or(Ok(0), count)
    }

    async fn set_role(
        &self,
        server: ServerId,
        user: UserId,
        role: Role,
    ) -> StoreResult<Option<Member>> {
        let rows = self
            .query(
                &format!("UPDATE members SET role = $3 WHERE server_id = $1 AND user_id = $2 RETURNING {COLUMNS}"),
                &[&server.as_uuid(), &user.as_uuid(), &role.as_str()],
            )
            .await?;
        first(&rows, member)
    }

    async fn remove_member(&self, server: ServerId, user: UserId) -> StoreResult<bool> {
        let n = self
            .execute(
                "DELETE FROM members WHERE server_id = $1 AND user_id = $2",
                &[&server.as_uuid(), &user.as_uuid()],
            )
            .await?;
        Ok(n > 0)
    }
}
