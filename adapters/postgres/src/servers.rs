//! Servers (communities). Deleting one cascades to its channels (and their
//! messages), memberships, invites and bans in one statement, so it is all
//! or nothing. Ownership lives only in `servers.owner_id`; a transfer is one
//! conditional update on it plus the two role rows, in one transaction.

use async_trait::async_trait;
use chat_core::channels::Channel;
use chat_core::ids::{ServerId, UserId};
use chat_core::members::Member;
use chat_core::role::Role;
use chat_core::servers::{Description, Server, ServerDetails, ServerName, ServerStore, ServerView};
use chat_core::StoreResult;
use tokio_postgres::Row;

use crate::channels::{channels_of_servers, insert_channel};
use crate::error::db;
use crate::members::insert_member;
use crate::rows::{all, col, count, first, parsed, time};
use crate::sql::execute;
use crate::PgStore;

/// The columns every read names (never `*`: a cached prepared statement
/// must not change shape when a later migration adds a column).
const COLUMNS: &str = "id, name, description, owner_id, created_at, icon_key";

/// [`COLUMNS`] of the `servers` table aliased `s`.
const SERVER_COLUMNS_S: &str = "s.id, s.name, s.description, s.owner_id, s.created_at, s.icon_key";

pub(crate) fn server(row: &Row) -> StoreResult<Server> {
    Ok(Server {
        id: ServerId::from_uuid(col(row, "id")?),
        name: parsed("server name", ServerName::from_stored(col(row, "name")?))?,
        description: parsed(
            "description",
            Description::from_stored(col(row, "description")?),
        )?,
        owner_id: UserId::from_uuid(col(row, "owner_id")?),
        created_at: time(row, "created_at")?,
        icon_key: col(row, "icon_key")?,
    })
}

#[async_trait]
impl ServerStore for PgStore {
    async fn create_server(
        &self,
        server: &Server,
        owner: &Member,
        first_channel: &Channel,
    ) -> StoreResult<()> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db)?;
        execute(
            &tx,
            "INSERT INTO servers (id, name, description, owner_id, created_at, icon_key) \
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &server.id.as_uuid(),
                &server.name.as_str(),
                &server.description.as_str(),
                &server.owner_id.as_uuid(),
                &server.created_at.millis(),
                &server.icon_key,
            ],
        )
        .await?;
        insert_member(&tx, owner).await?;
        insert_channel(&tx, first_channel).await?;
        tx.commit().await.map_err(db)
    }

    async fn server_by_id(&self, id: ServerId) -> StoreResult<Option<Server>> {
        let rows = self
            .query(
                &format!("SELECT {COLUMNS} FROM servers WHERE id = $1"),
                &[&id.as_uuid()],
            )
            .await?;
        first(&rows, server)
    }

    async fn servers_of_user(&self, user: UserId) -> StoreResult<Vec<Server>> {
        let rows = self
            .query(
                &format!("SELECT {SERVER_COLUMNS_S} FROM members m JOIN servers s ON s.id = m.server_id \
                 WHERE m.user_id = $1 ORDER BY m.joined_at, m.seq"),
                &[&user.as_uuid()],
            )
            .await?;
        all(&rows, server)
    }

    async fn servers_overview(&self, user: UserId) -> StoreResult<Vec<ServerDetails>> {
        // Two queries whatever the number of servers; the channels are
        // those of exactly the servers the first query returned.
        let client = self.client().await?;
        let rows = crate::sql::query(
            &client,
            &format!(
                "SELECT {SERVER_COLUMNS_S}, m.role, \
                 (SELECT count(*) FROM members c WHERE c.server_id = s.id) AS member_count \
                 FROM members m JOIN servers s ON s.id = m.server_id \
                 WHERE m.user_id = $1 ORDER BY m.joined_at, m.seq"
            ),
            &[&user.as_uuid()],
        )
        .await?;
        let mut servers = all(&rows, |row| {
            let member_count: i64 = col(row, "member_count")?;
            let view = ServerView {
                server: server(row)?,
                my_role: parsed("role", Role::parse(col(row, "role")?, "role"))?,
                member_count: crate::rows::unsigned("member_count", member_count)?,
            };
            Ok(ServerDetails {
                view,
                channels: Vec::new(),
            })
        })?;
        if servers.is_empty() {
            return Ok(servers);
        }
        let ids: Vec<uuid::Uuid> = servers.iter().map(|d| d.view.server.id.as_uuid()).collect();
        let at: std::collections::HashMap<ServerId, usize> = servers
            .iter()
            .enumerate()
            .map(|(i, d)| (d.view.server.id, i))
            .collect();
        for channel in channels_of_servers(&client, &ids).await? {
            if let Some(&i) = at.get(&channel.server_id) {
                servers[i].channels.push(channel);
            }
        }
        Ok(servers)
    }

    async fn update_server(
        &self,
        id: ServerId,
        name: &ServerName,
        description: &Description,
    ) -> StoreResult<Option<Server>> {
        let rows = self
            .query(
                &format!("UPDATE servers SET name = $2, description = $3 WHERE id = $1 RETURNING {COLUMNS}"),
                &[&id.as_uuid(), &name.as_str(), &description.as_str()],
            )
            .await?;
        first(&rows, server)
    }

    async fn swap_icon_key(
        &self,
        id: ServerId,
        key: Option<&str>,
    ) -> StoreResult<Option<Option<String>>> {
        self.swap_key("servers", "icon_key", id.as_uuid(), key)
            .await
    }

    async fn delete_server(&self, id: ServerId) -> StoreResult<bool> {
        let n = self
            .execute("DELETE FROM servers WHERE id = $1", &[&id.as_uuid()])
            .await?;
        Ok(n > 0)
    }

    async fn count_owned_by(&self, user: UserId) -> StoreResult<u64> {
        let rows = self
            .query(
                "SELECT count(*) FROM servers WHERE owner_id = $1",
                &[&user.as_uuid()],
            )
            .await?;
        rows.first().map_or(Ok(0), count)
    }

    async fn transfer_ownership(
        &self,
        id: ServerId,
        from: UserId,
        to: UserId,
    ) -> StoreResult<bool> {
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db)?;
        let (id, from, to) = (id.as_uuid(), from.as_uuid(), to.as_uuid());
        // Locks `to`'s membership so it cannot be removed before we commit.
        let to_is_member = execute(
            &tx,
            "SELECT 1 FROM members WHERE server_id = $1 AND user_id = $2 FOR UPDATE",
            &[&id, &to],
        )
        .await?;
        if to_is_member == 0 {
            return Ok(false);
        }
        let moved = execute(
            &tx,
            "UPDATE servers SET owner_id = $3 WHERE id = $1 AND owner_id = $2",
            &[&id, &from, &to],
        )
        .await?;
        if moved == 0 {
            return Ok(false);
        }
        let set_role = "UPDATE members SET role = $3 WHERE server_id = $1 AND user_id = $2";
        execute(&tx, set_role, &[&id, &from, &Role::Admin.as_str()]).await?;
        execute(&tx, set_role, &[&id, &to, &Role::Owner.as_str()]).await?;
        tx.commit().await.map_err(db)?;
        Ok(true)
    }
}

impl PgStore {
    /// Replaces one nullable text column of the row `id` of `table` (a
    /// user's avatar key, a server's icon key) in one statement, the old
    /// row locked, answering the value it replaced, or `None` when there
    /// is no such row.
    pub(crate) async fn swap_key(
        &self,
        table: &'static str,
        column: &'static str,
        id: uuid::Uuid,
        value: Option<&str>,
    ) -> StoreResult<Option<Option<String>>> {
        let rows = self
            .query(
                &format!(
                    "UPDATE {table} t SET {column} = $2 \
                     FROM (SELECT id, {column} FROM {table} WHERE id = $1 FOR UPDATE) old \
                     WHERE t.id = old.id RETURNING old.{column} AS previous"
                ),
                &[&id, &value],
            )
            .await?;
        first(&rows, |row| col::<Option<String>>(row, "previous"))
    }
}
