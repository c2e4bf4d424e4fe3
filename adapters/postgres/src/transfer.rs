//! Whole-database walks for `chat-server migrate`: users and servers in
//! id (primary key) order, and memberships stored as given.

use async_trait::async_trait;
use chat_core::ids::{ServerId, UserId};
use chat_core::members::Member;
use chat_core::servers::Server;
use chat_core::transfer::TransferStore;
use chat_core::users::User;
use chat_core::StoreResult;

use crate::rows::all;
use crate::servers::server;
use crate::users::user;
use crate::PgStore;

#[async_trait]
impl TransferStore for PgStore {
    async fn users_after(&self, after: Option<UserId>, limit: u32) -> StoreResult<Vec<User>> {
        let rows = self
            .query(
                &format!(
                    "SELECT {} FROM users WHERE ($1::uuid IS NULL OR id > $1::uuid) \
                     ORDER BY id LIMIT $2",
                    crate::users::COLUMNS
                ),
                &[&after.map(|a| a.as_uuid()), &i64::from(limit)],
            )
            .await?;
        all(&rows, user)
    }

    async fn servers_after(&self, after: Option<ServerId>, limit: u32) -> StoreResult<Vec<Server>> {
        let rows = self
            .query(
                "SELECT id, name, description, owner_id, created_at, icon_key \
                 FROM servers WHERE ($1::uuid IS NULL OR id > $1::uuid) \
                 AND id <> '00000000-0000-0000-0000-000000000000'::uuid ORDER BY id LIMIT $2",
                &[&after.map(|a| a.as_uuid()), &i64::from(limit)],
            )
            .await?;
        all(&rows, server)
    }

    async fn insert_member(&self, member: &Member) -> StoreResult<bool> {
        let client = self.client().await?;
        crate::members::insert_member(&client, member).await
    }
}
