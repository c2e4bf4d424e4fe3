//! Whole-database walks for `chat-server migrate`: users and servers in
//! id (primary key) order, and memberships stored as given.

use async_trait::async_trait;
use chat_core::ids::{ServerId, UserId};
use chat_core::members::Member;
use chat_core::servers::Server;
use chat_core::transfer::TransferStore;
use chat_core::users::User;
use chat_core::StoreResult;
use rusqlite::{params, TransactionBehavior};

use crate::db::{read, write};
use crate::error::backend;
use crate::members::{find_member, insert_member};
use crate::servers::{server_columns, server_from_row};
use crate::users::{user_columns, user_from_row};
use crate::SqliteStore;

#[async_trait]
impl TransferStore for SqliteStore {
    async fn users_after(&self, after: Option<UserId>, limit: u32) -> StoreResult<Vec<User>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(concat!(
                "SELECT ",
                user_columns!(),
                " FROM users WHERE (?1 IS NULL OR id > ?1) ORDER BY id LIMIT ?2"
            ))
            .and_then(|mut st| {
                st.query_map(params![after.map(|a| a.as_uuid()), limit], user_from_row)?
                    .collect()
            })
            .map_err(backend)
        })
        .await
    }

    async fn servers_after(&self, after: Option<ServerId>, limit: u32) -> StoreResult<Vec<Server>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(concat!(
                "SELECT ",
                server_columns!(),
                " FROM servers WHERE (?1 IS NULL OR id > ?1) AND id <> zeroblob(16)
                 ORDER BY id LIMIT ?2"
            ))
            .and_then(|mut st| {
                st.query_map(params![after.map(|a| a.as_uuid()), limit], server_from_row)?
                    .collect()
            })
            .map_err(backend)
        })
        .await
    }

    async fn insert_member(&self, member: &Member) -> StoreResult<bool> {
        let m = member.clone();
        write(&self.db, move |conn| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(backend)?;
            if find_member(&tx, m.server_id, m.user_id)?.is_some() {
                return Ok(false);
            }
            insert_member(&tx, &m)?;
            tx.commit().map_err(backend)?;
            Ok(true)
        })
        .await
    }
}
