//! Servers (communities) (`servers` table); creating one also stores the
//! owner's membership and the first channel.

use async_trait::async_trait;
use chat_core::channels::Channel;
use chat_core::ids::{ServerId, UserId};
use chat_core::members::Member;
use chat_core::role::Role;
use chat_core::servers::{Description, Server, ServerDetails, ServerName, ServerStore, ServerView};
use chat_core::{StoreResult, Timestamp};
use rusqlite::{params, OptionalExtension, Row, TransactionBehavior};

use crate::channels::channels_of_user;
use crate::codec::{parsed, role};
use crate::db::{execute, read, write};
use crate::error::backend;
use crate::SqliteStore;

macro_rules! server_columns {
    () => {
        "id, name, description, owner_id, created_at, icon_key"
    };
}
pub(crate) use server_columns;

pub(crate) fn server_from_row(row: &Row<'_>) -> rusqlite::Result<Server> {
    Ok(Server {
        id: ServerId::from_uuid(row.get(0)?),
        name: parsed(row, 1, ServerName::from_stored)?,
        description: parsed(row, 2, Description::from_stored)?,
        owner_id: UserId::from_uuid(row.get(3)?),
        created_at: Timestamp::from_millis(row.get(4)?),
        icon_key: row.get(5)?,
    })
}

#[async_trait]
impl ServerStore for SqliteStore {
    async fn create_server(
        &self,
        server: &Server,
        owner: &Member,
        first_channel: &Channel,
    ) -> StoreResult<()> {
        let (s, owner, channel) = (server.clone(), owner.clone(), first_channel.clone());
        write(&self.db, move |conn| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            execute(
                &tx,
                "INSERT INTO servers (id, name, description, owner_id, created_at, icon_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    s.id.as_uuid(),
                    s.name.as_str(),
                    s.description.as_str(),
                    s.owner_id.as_uuid(),
                    s.created_at.millis(),
                    s.icon_key,
                ],
            )?;
            crate::members::insert_member(&tx, &owner)?;
            crate::channels::insert_channel(&tx, &channel)?;
            tx.commit().map_err(backend)
        })
        .await
    }

    async fn server_by_id(&self, id: ServerId) -> StoreResult<Option<Server>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(concat!(
                "SELECT ",
                server_columns!(),
                " FROM servers WHERE id = ?1"
            ))
            .and_then(|mut st| st.query_row([id.as_uuid()], server_from_row).optional())
            .map_err(backend)
        })
        .await
    }

    async fn servers_of_user(&self, user: UserId) -> StoreResult<Vec<Server>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(
                "SELECT s.id, s.name, s.description, s.owner_id, s.created_at, s.icon_key
                 FROM members m JOIN servers s ON s.id = m.server_id
                 WHERE m.user_id = ?1
                 ORDER BY m.joined_at, m.rowid",
            )
            .and_then(|mut st| st.query_map([user.as_uuid()], server_from_row)?.collect())
            .map_err(backend)
        })
        .await
    }

    async fn servers_overview(&self, user: UserId) -> StoreResult<Vec<ServerDetails>> {
        read(&self.db, move |conn| {
            // Two queries in one read transaction: one snapshot.
            let tx = conn.transaction().map_err(backend)?;
            let mut servers: Vec<ServerDetails> = tx
                .prepare_cached(
                    "SELECT s.id, s.name, s.description, s.owner_id, s.created_at, s.icon_key, m.role,
                            (SELECT COUNT(*) FROM members c WHERE c.server_id = s.id)
                     FROM members m JOIN servers s ON s.id = m.server_id
                     WHERE m.user_id = ?1
                     ORDER BY m.joined_at, m.rowid",
                )
                .and_then(|mut st| {
                    st.query_map([user.as_uuid()], |row| {
                        let count: i64 = row.get(7)?;
                        let view = ServerView {
                            server: server_from_row(row)?,
                            my_role: role(row, 6)?,
                            member_count: count.unsigned_abs(),
                        };
                        Ok(ServerDetails {
                            view,
                            channels: Vec::new(),
                        })
                    })?
                    .collect()
                })
                .map_err(backend)?;
            let channels = channels_of_user(&tx, user).map_err(backend)?;
            let at: std::collections::HashMap<ServerId, usize> = servers
                .iter()
                .enumerate()
                .map(|(i, d)| (d.view.server.id, i))
                .collect();
            for channel in channels {
                if let Some(&i) = at.get(&channel.server_id) {
                    servers[i].channels.push(channel);
                }
            }
            Ok(servers)
        })
        .await
    }

    async fn update_server(
        &self,
        id: ServerId,
        name: &ServerName,
        description: &Description,
    ) -> StoreResult<Option<Server>> {
        let (name, description) = (name.as_str().to_owned(), description.as_str().to_owned());
        write(&self.db, move |conn| {
            conn.prepare_cached(concat!(
                "UPDATE servers SET name = ?2, description = ?3 WHERE id = ?1 RETURNING ",
                server_columns!()
            ))
            .and_then(|mut st| {
                st.query_row(params![id.as_uuid(), name, description], server_from_row)
                    .optional()
            })
            .map_err(backend)
        })
        .await
    }

    async fn swap_icon_key(
        &self,
        id: ServerId,
        key: Option<&str>,
    ) -> StoreResult<Option<Option<String>>> {
        let key = key.map(str::to_owned);
        write(&self.db, move |conn| {
            swap_column(conn, "servers", "icon_key", id.as_uuid(), key)
        })
        .await
    }

    async fn delete_server(&self, id: ServerId) -> StoreResult<bool> {
        // Channels (and their messages), memberships, invites and bans go by
        // ON DELETE CASCADE in this one statement: all or nothing.
        write(&self.db, move |conn| {
            execute(conn, "DELETE FROM servers WHERE id = ?1", [id.as_uuid()]).map(|n| n > 0)
        })
        .await
    }

    async fn count_owned_by(&self, user: UserId) -> StoreResult<u64> {
        read(&self.db, move |conn| {
            conn.prepare_cached("SELECT COUNT(*) FROM servers WHERE owner_id = ?1")
                .and_then(|mut st| st.query_row([user.as_uuid()], |r| r.get::<_, i64>(0)))
                .map(|n| n.unsigned_abs())
                .map_err(backend)
        })
        .await
    }

    async fn transfer_ownership(
        &self,
        id: ServerId,
        from: UserId,
        to: UserId,
    ) -> StoreResult<bool> {
        write(&self.db, move |conn| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            if crate::members::find_member(&tx, id, to)?.is_none() {
                return Ok(false);
            }
            let moved = execute(
                &tx,
                "UPDATE servers SET owner_id = ?3 WHERE id = ?1 AND owner_id = ?2",
                params![id.as_uuid(), from.as_uuid(), to.as_uuid()],
            )?;
            if moved == 0 {
                return Ok(false);
            }
            crate::members::update_role(&tx, id, from, Role::Admin)?;
            crate::members::update_role(&tx, id, to, Role::Owner)?;
            tx.commit().map_err(backend)?;
            Ok(true)
        })
        .await
    }
}

/// Replaces one nullable text column of the row `id` of `table` (a user's
/// avatar key, a server's icon key) in one write transaction, answering
/// the value it replaced, or `None` when there is no such row.
pub(crate) fn swap_column(
    conn: &mut rusqlite::Connection,
    table: &'static str,
    column: &'static str,
    id: uuid::Uuid,
    value: Option<String>,
) -> StoreResult<Option<Option<String>>> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(backend)?;
    let before: Option<Option<String>> = tx
        .prepare_cached(&format!("SELECT {column} FROM {table} WHERE id = ?1"))
        .and_then(|mut st| st.query_row([id], |row| row.get(0)).optional())
        .map_err(backend)?;
    if before.is_some() {
        execute(
            &tx,
            &format!("UPDATE {table} SET {column} = ?2 WHERE id = ?1"),
            params![id, value],
        )?;
    }
    tx.commit().map_err(backend)?;
    Ok(before)
}
