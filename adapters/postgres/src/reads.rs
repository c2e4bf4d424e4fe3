//! Read markers (`read_states`), mention rows kept by a trigger
//! (`message_mentions`) and notification settings: migration 4.
//!
//! All of a user's read states are one query: for each channel of each of
//! their servers, three correlated subqueries over indexes: the messages
//! after the marker, at most 101 entries of `messages_by_channel`; the
//! mentions, a range of `message_mentions`' primary key (in a direct
//! channel, where every message of the others counts, a range of
//! `messages_by_channel`); the newest id,
//! the last entry of `messages_by_channel`.

use async_trait::async_trait;
use chat_core::ids::{ChannelId, MessageId, ServerId, UserId};
use chat_core::reads::{
    ChannelNotificationSettings, NotificationSettings, NotifyLevel, ReadState, ReadStateStore,
    ServerNotificationSettings, UnreadCounts,
};
use chat_core::{StoreResult, Timestamp};
use tokio_postgres::Row;
use uuid::Uuid;

use crate::rows::{all, col, first, parsed, time_opt, unsigned};
use crate::PgStore;

/// The counts of channel `$channel` after `$marker` for user `$1`, as the
/// columns `counted`, `mentions` and `last_message_id`.
macro_rules! counts_of {
    ($channel:literal, $marker:literal) => {
        concat!(
            "(SELECT count(*) FROM (SELECT 1 FROM messages m WHERE m.channel_id = ",
            $channel,
            " AND m.id > ",
            $marker,
            " ORDER BY m.id LIMIT 101) AS x) AS counted, \
             CASE WHEN EXISTS (SELECT 1 FROM direct_channels d WHERE d.channel_id = ",
            $channel,
            ") THEN (SELECT count(*) FROM messages m WHERE m.channel_id = ",
            $channel,
            " AND m.id > ",
            $marker,
            " AND m.author_id <> $1) \
             ELSE (SELECT count(*) FROM message_mentions mm WHERE mm.user_id = $1 AND mm.channel_id = ",
            $channel,
            " AND mm.message_id > ",
            $marker,
            ") END AS mentions, \
             (SELECT m.id FROM messages m WHERE m.channel_id = ",
            $channel,
            " ORDER BY m.id DESC LIMIT 1) AS last_message_id"
        )
    };
}

/// Every read state of user `$1`: one row per channel of their servers
/// and per direct channel they are in (under the nil server id: first).
pub(crate) const READ_STATES_SQL: &str = concat!(
    "SELECT c.id AS channel_id, c.server_id, r.last_read, ",
    counts_of!(
        "c.id",
        "COALESCE(r.last_read, '00000000-0000-0000-0000-000000000000'::uuid)"
    ),
    " FROM (SELECT c.id, c.server_id, c.position FROM members mb \
            JOIN channels c ON c.server_id = mb.server_id WHERE mb.user_id = $1 \
          UNION ALL \
          SELECT c.id, c.server_id, c.position FROM direct_participants p \
            JOIN channels c ON c.id = p.channel_id WHERE p.user_id = $1) c \
      LEFT JOIN read_states r ON r.user_id = $1 AND r.channel_id = c.id \
      ORDER BY c.server_id, c.position, c.id"
);

const UNREAD_AFTER_SQL: &str = concat!(
    "SELECT ",
    counts_of!(
        "$2",
        "COALESCE($3::uuid, '00000000-0000-0000-0000-000000000000'::uuid)"
    )
);

fn counts(row: &Row) -> StoreResult<UnreadCounts> {
    let last: Option<Uuid> = col(row, "last_message_id")?;
    Ok(UnreadCounts {
        counted: unsigned("counted", col::<i64>(row, "counted")?)?,
        mentions: unsigned("mentions", col::<i64>(row, "mentions")?)?,
        last_message_id: last.map(MessageId::from_uuid),
    })
}

fn read_state(row: &Row) -> StoreResult<ReadState> {
    let last_read: Option<Uuid> = col(row, "last_read")?;
    Ok(ReadState::from_counts(
        ChannelId::from_uuid(col(row, "channel_id")?),
        ServerId::from_uuid(col(row, "server_id")?),
        last_read.map(MessageId::from_uuid),
        counts(row)?,
    ))
}

pub(crate) fn server_settings(row: &Row) -> StoreResult<ServerNotificationSettings> {
    Ok(ServerNotificationSettings {
        server_id: ServerId::from_uuid(col(row, "server_id")?),
        level: parsed("level", NotifyLevel::parse_for_server(col(row, "level")?))?,
        muted_until: time_opt(row, "muted_until")?,
        suppress_everyone: col(row, "suppress_everyone")?,
    })
}

pub(crate) fn channel_settings(row: &Row) -> StoreResult<ChannelNotificationSettings> {
    Ok(ChannelNotificationSettings {
        channel_id: ChannelId::from_uuid(col(row, "channel_id")?),
        server_id: ServerId::from_uuid(col(row, "server_id")?),
        level: parsed("level", NotifyLevel::parse_for_channel(col(row, "level")?))?,
        muted_until: time_opt(row, "muted_until")?,
    })
}

#[async_trait]
impl ReadStateStore for PgStore {
    async fn advance_read_marker(
        &self,
        user: UserId,
        channel: ChannelId,
        message: MessageId,
    ) -> StoreResult<MessageId> {
        let rows = self
            .query(
                "INSERT INTO read_states (user_id, channel_id, last_read) VALUES ($1, $2, $3) \
                 ON CONFLICT (user_id, channel_id) \
                 DO UPDATE SET last_read = GREATEST(read_states.last_read, EXCLUDED.last_read) \
                 RETURNING last_read",
                &[&user.as_uuid(), &channel.as_uuid(), &message.as_uuid()],
            )
            .await?;
        let stored = first(&rows, |r| col::<Uuid>(r, "last_read"))?;
        Ok(stored.map_or(message, MessageId::from_uuid))
    }

    async fn read_states_of(&self, user: UserId) -> StoreResult<Vec<ReadState>> {
        let rows = self.query(READ_STATES_SQL, &[&user.as_uuid()]).await?;
        all(&rows, read_state)
    }

    async fn unread_after(
        &self,
        user: UserId,
        channel: ChannelId,
        after: Option<MessageId>,
    ) -> StoreResult<UnreadCounts> {
        let after: Option<Uuid> = after.map(|m| m.as_uuid());
        let rows = self
            .query(
                UNREAD_AFTER_SQL,
                &[&user.as_uuid(), &channel.as_uuid(), &after],
            )
            .await?;
        Ok(first(&rows, counts)?.unwrap_or_default())
    }

    async fn put_server_notifications(
        &self,
        user: UserId,
        s: &ServerNotificationSettings,
    ) -> StoreResult<()> {
        self.execute(
            "INSERT INTO server_notification_settings \
                 (user_id, server_id, level, muted_until, suppress_everyone) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (user_id, server_id) DO UPDATE SET level = EXCLUDED.level, \
                 muted_until = EXCLUDED.muted_until, suppress_everyone = EXCLUDED.suppress_everyone",
            &[
                &user.as_uuid(),
                &s.server_id.as_uuid(),
                &s.level.as_str(),
                &s.muted_until.map(Timestamp::millis),
                &s.suppress_everyone,
            ],
        )
        .await
        .map(drop)
    }

    async fn put_channel_notifications(
        &self,
        user: UserId,
        s: &ChannelNotificationSettings,
    ) -> StoreResult<()> {
        self.execute(
            "INSERT INTO channel_notification_settings \
                 (user_id, channel_id, server_id, level, muted_until) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (user_id, channel_id) DO UPDATE SET level = EXCLUDED.level, \
                 muted_until = EXCLUDED.muted_until",
            &[
                &user.as_uuid(),
                &s.channel_id.as_uuid(),
                &s.server_id.as_uuid(),
                &s.level.as_str(),
                &s.muted_until.map(Timestamp::millis),
            ],
        )
        .await
        .map(drop)
    }

    async fn notification_settings_of(&self, user: UserId) -> StoreResult<NotificationSettings> {
        let servers = self
            .query(
                "SELECT s.server_id, s.level, s.muted_until, s.suppress_everyone \
                 FROM server_notification_settings s \
                 JOIN members mb ON mb.server_id = s.server_id AND mb.user_id = s.user_id \
                 WHERE s.user_id = $1 ORDER BY s.server_id",
                &[&user.as_uuid()],
            )
            .await?;
        let channels = self
            .query(
                "SELECT s.channel_id, s.server_id, s.level, s.muted_until \
                 FROM channel_notification_settings s \
                 JOIN members mb ON mb.server_id = s.server_id AND mb.user_id = s.user_id \
                 WHERE s.user_id = $1 ORDER BY s.channel_id",
                &[&user.as_uuid()],
            )
            .await?;
        Ok(NotificationSettings {
            servers: all(&servers, server_settings)?,
            channels: all(&channels, channel_settings)?,
        })
    }
}
