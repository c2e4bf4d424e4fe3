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

use crate::rows::{all, col};
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

    async fn attachments_after(
        &self,
        after: Option<AttachmentId>,
        limit: u32,
    ) -> StoreResult<Vec<Attachment>> {
        let rows = self
            .query(
                &format!(
                    "SELECT {} FROM attachments WHERE ($1::uuid IS NULL OR id > $1::uuid) \
                     ORDER BY id LIMIT $2",
                    crate::attachments::COLUMNS
                ),
                &[&after.map(|a| a.as_uuid()), &i64::from(limit)],
            )
            .await?;
        all(&rows, crate::attachments::attachment)
    }

    async fn read_markers_of(&self, user: UserId) -> StoreResult<Vec<(ChannelId, MessageId)>> {
        let rows = self
            .query(
                "SELECT channel_id, last_read FROM read_states WHERE user_id = $1 \
                 ORDER BY channel_id",
                &[&user.as_uuid()],
            )
            .await?;
        all(&rows, |r| {
            Ok((
                ChannelId::from_uuid(col(r, "channel_id")?),
                MessageId::from_uuid(col(r, "last_read")?),
            ))
        })
    }

    async fn stored_notification_settings(
        &self,
        user: UserId,
    ) -> StoreResult<NotificationSettings> {
        // Both tables cascade from their server and channel.
        let servers = self
            .query(
                "SELECT server_id, level, muted_until, suppress_everyone \
                 FROM server_notification_settings WHERE user_id = $1 ORDER BY server_id",
                &[&user.as_uuid()],
            )
            .await?;
        let channels = self
            .query(
                "SELECT channel_id, server_id, level, muted_until \
                 FROM channel_notification_settings WHERE user_id = $1 ORDER BY channel_id",
                &[&user.as_uuid()],
            )
            .await?;
        Ok(NotificationSettings {
            servers: all(&servers, crate::reads::server_settings)?,
            channels: all(&channels, crate::reads::channel_settings)?,
        })
    }
}
