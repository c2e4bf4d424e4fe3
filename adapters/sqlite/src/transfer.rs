//! Whole-database walks for `chat-server migrate`: users, servers and
//! attachments in id (primary key) order, a user's read markers, and
//! memberships stored as given.

use async_trait::async_trait;
use chat_core::attachments::Attachment;
use chat_core::ids::{AttachmentId, ChannelId, MessageId, ServerId, UserId};
use chat_core::members::Member;
use chat_core::reads::NotificationSettings;
use chat_core::servers::Server;
use chat_core::transfer::TransferStore;
use chat_core::users::User;
use chat_core::StoreResult;
use rusqlite::{params, TransactionBehavior};

use crate::db::{all_rows, read, write};
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

    async fn attachments_after(
        &self,
        after: Option<AttachmentId>,
        limit: u32,
    ) -> StoreResult<Vec<Attachment>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(&format!(
                "SELECT {} FROM attachments WHERE (?1 IS NULL OR id > ?1) ORDER BY id LIMIT ?2",
                crate::attachments::COLUMNS
            ))
            .and_then(|mut st| {
                st.query_map(
                    params![after.map(|a| a.as_uuid()), limit],
                    crate::attachments::from_row,
                )?
                .collect()
            })
            .map_err(backend)
        })
        .await
    }

    async fn read_markers_of(&self, user: UserId) -> StoreResult<Vec<(ChannelId, MessageId)>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(
                "SELECT channel_id, last_read FROM read_states WHERE user_id = ?1
                 ORDER BY channel_id",
            )
            .and_then(|mut st| {
                st.query_map([user.as_uuid()], |row| {
                    Ok((
                        ChannelId::from_uuid(row.get(0)?),
                        MessageId::from_uuid(row.get(1)?),
                    ))
                })?
                .collect()
            })
            .map_err(backend)
        })
        .await
    }

    async fn stored_notification_settings(
        &self,
        user: UserId,
    ) -> StoreResult<NotificationSettings> {
        // Both tables cascade from their server and channel: every row is
        // of a place that exists.
        read(&self.db, move |conn| {
            let servers = all_rows(
                conn,
                "SELECT server_id, level, muted_until, suppress_everyone
                 FROM server_notification_settings WHERE user_id = ?1 ORDER BY server_id",
                [user.as_uuid()],
                crate::reads::server_settings,
            )?;
            let channels = all_rows(
                conn,
                "SELECT channel_id, server_id, level, muted_until
                 FROM channel_notification_settings WHERE user_id = ?1 ORDER BY channel_id",
                [user.as_uuid()],
                crate::reads::channel_settings,
            )?;
            Ok(NotificationSettings { servers, channels })
        })
        .await
    }
}
