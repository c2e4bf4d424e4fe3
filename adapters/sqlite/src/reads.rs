//! Read markers (`read_states`), mention rows kept by triggers
//! (`message_mentions`) and notification settings: migration 4.
//!
//! All of a user's read states are one query: for each channel of each of
//! their servers, three correlated subqueries over indexes: "is there a
//! 101st message after the marker?" (`LIMIT 1 OFFSET 100` on
//! `messages_history`), else the exact count of at most 100 index entries;
//! the mention count (a range of `message_mentions`' primary key; in a
//! direct channel, where every message of the others counts, a range of
//! `messages_history`); and the newest id (the last entry of
//! `messages_history`).

use async_trait::async_trait;
use chat_core::ids::{ChannelId, MessageId, ServerId, UserId};
use chat_core::reads::{
    ChannelNotificationSettings, NotificationSettings, NotifyLevel, ReadState, ReadStateStore,
    ServerNotificationSettings, UnreadCounts,
};
use chat_core::{StoreResult, Timestamp};
use rusqlite::{params, Row};

use crate::codec::parsed;
use crate::db::{all_rows, execute, read, write};
use crate::error::backend;
use crate::SqliteStore;

/// The counts of channel `c.id` after `marker`, for user `?1`, as three
/// columns: messages counted up to 101, mentions, newest message id.
macro_rules! counts_of {
    ($channel:literal, $marker:literal) => {
        concat!(
            "CASE WHEN EXISTS (SELECT 1 FROM messages m WHERE m.channel_id = ",
            $channel,
            " AND m.id > ",
            $marker,
            " ORDER BY m.id LIMIT 1 OFFSET 100) THEN 101 ELSE (SELECT count(*) FROM messages m WHERE m.channel_id = ",
            $channel,
            " AND m.id > ",
            $marker,
            ") END, CASE WHEN EXISTS (SELECT 1 FROM direct_channels d WHERE d.channel_id = ",
            $channel,
            ") THEN (SELECT count(*) FROM messages m WHERE m.channel_id = ",
            $channel,
            " AND m.id > ",
            $marker,
            " AND m.author_id <> ?1) ELSE (SELECT count(*) FROM message_mentions mm WHERE mm.user_id = ?1 AND mm.channel_id = ",
            $channel,
            " AND mm.message_id > ",
            $marker,
            ") END, (SELECT max(m.id) FROM messages m WHERE m.channel_id = ",
            $channel,
            ")"
        )
    };
}

/// Every read state of user `?1`: one row per channel of their servers
/// and per direct channel they are in (under the nil server id: first).
pub(crate) const READ_STATES_SQL: &str = concat!(
    "SELECT c.id, c.server_id, r.last_read, ",
    counts_of!("c.id", "coalesce(r.last_read, X'')"),
    " FROM (SELECT c.id, c.server_id, c.position FROM members mb
            JOIN channels c ON c.server_id = mb.server_id WHERE mb.user_id = ?1
          UNION ALL
          SELECT c.id, c.server_id, c.position FROM direct_participants p
            JOIN channels c ON c.id = p.channel_id WHERE p.user_id = ?1) c
      LEFT JOIN read_states r ON r.user_id = ?1 AND r.channel_id = c.id
      ORDER BY c.server_id, c.position, c.id"
);

const UNREAD_AFTER_SQL: &str = concat!("SELECT ", counts_of!("?2", "?3"));

fn counts(row: &Row<'_>, first: usize) -> rusqlite::Result<UnreadCounts> {
    Ok(UnreadCounts {
        counted: u64::try_from(row.get::<_, i64>(first)?).unwrap_or(0),
        mentions: u64::try_from(row.get::<_, i64>(first + 1)?).unwrap_or(0),
        last_message_id: row
            .get::<_, Option<uuid::Uuid>>(first + 2)?
            .map(MessageId::from_uuid),
    })
}

fn read_state(row: &Row<'_>) -> rusqlite::Result<ReadState> {
    Ok(ReadState::from_counts(
        ChannelId::from_uuid(row.get(0)?),
        ServerId::from_uuid(row.get(1)?),
        row.get::<_, Option<uuid::Uuid>>(2)?
            .map(MessageId::from_uuid),
        counts(row, 3)?,
    ))
}

fn level(row: &Row<'_>, column: usize, channel: bool) -> rusqlite::Result<NotifyLevel> {
    if channel {
        parsed(row, column, NotifyLevel::parse_for_channel)
    } else {
        parsed(row, column, NotifyLevel::parse_for_server)
    }
}

fn muted(row: &Row<'_>, column: usize) -> rusqlite::Result<Option<Timestamp>> {
    Ok(row
        .get::<_, Option<i64>>(column)?
        .map(Timestamp::from_millis))
}

/// A row of `server_id, level, muted_until, suppress_everyone`.
pub(crate) fn server_settings(r: &Row<'_>) -> rusqlite::Result<ServerNotificationSettings> {
    Ok(ServerNotificationSettings {
        server_id: ServerId::from_uuid(r.get(0)?),
        level: level(r, 1, false)?,
        muted_until: muted(r, 2)?,
        suppress_everyone: r.get(3)?,
    })
}

/// A row of `channel_id, server_id, level, muted_until`.
pub(crate) fn channel_settings(r: &Row<'_>) -> rusqlite::Result<ChannelNotificationSettings> {
    Ok(ChannelNotificationSettings {
        channel_id: ChannelId::from_uuid(r.get(0)?),
        server_id: ServerId::from_uuid(r.get(1)?),
        level: level(r, 2, true)?,
        muted_until: muted(r, 3)?,
    })
}

#[async_trait]
impl ReadStateStore for SqliteStore {
    async fn advance_read_marker(
        &self,
        user: UserId,
        channel: ChannelId,
        message: MessageId,
    ) -> StoreResult<MessageId> {
        write(&self.db, move |conn| {
            conn.prepare_cached(
                "INSERT INTO read_states (user_id, channel_id, last_read) VALUES (?1, ?2, ?3)
                 ON CONFLICT (user_id, channel_id)
                 DO UPDATE SET last_read = max(last_read, excluded.last_read)
                 RETURNING last_read",
            )
            .and_then(|mut st| {
                st.query_row(
                    params![user.as_uuid(), channel.as_uuid(), message.as_uuid()],
                    |r| r.get::<_, uuid::Uuid>(0),
                )
            })
            .map(MessageId::from_uuid)
            .map_err(backend)
        })
        .await
    }

    async fn read_states_of(&self, user: UserId) -> StoreResult<Vec<ReadState>> {
        read(&self.db, move |conn| {
            conn.prepare_cached(READ_STATES_SQL)
                .and_then(|mut st| st.query_map([user.as_uuid()], read_state)?.collect())
                .map_err(backend)
        })
        .await
    }

    async fn unread_after(
        &self,
        user: UserId,
        channel: ChannelId,
        after: Option<MessageId>,
    ) -> StoreResult<UnreadCounts> {
        read(&self.db, move |conn| {
            let after: Vec<u8> = after.map_or_else(Vec::new, |m| m.as_uuid().as_bytes().to_vec());
            conn.prepare_cached(UNREAD_AFTER_SQL)
                .and_then(|mut st| {
                    st.query_row(params![user.as_uuid(), channel.as_uuid(), after], |r| {
                        counts(r, 0)
                    })
                })
                .map_err(backend)
        })
        .await
    }

    async fn put_server_notifications(
        &self,
        user: UserId,
        s: &ServerNotificationSettings,
    ) -> StoreResult<()> {
        let s = *s;
        write(&self.db, move |conn| {
            execute(
                conn,
                "INSERT OR REPLACE INTO server_notification_settings
                     (user_id, server_id, level, muted_until, suppress_everyone)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    user.as_uuid(),
                    s.server_id.as_uuid(),
                    s.level.as_str(),
                    s.muted_until.map(Timestamp::millis),
                    s.suppress_everyone,
                ],
            )
            .map(drop)
        })
        .await
    }

    async fn put_channel_notifications(
        &self,
        user: UserId,
        s: &ChannelNotificationSettings,
    ) -> StoreResult<()> {
        let s = *s;
        write(&self.db, move |conn| {
            execute(
                conn,
                "INSERT OR REPLACE INTO channel_notification_settings
                     (user_id, channel_id, server_id, level, muted_until)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    user.as_uuid(),
                    s.channel_id.as_uuid(),
                    s.server_id.as_uuid(),
                    s.level.as_str(),
                    s.muted_until.map(Timestamp::millis),
                ],
            )
            .map(drop)
        })
        .await
    }

    async fn notification_settings_of(&self, user: UserId) -> StoreResult<NotificationSettings> {
        read(&self.db, move |conn| {
            let servers = all_rows(
                conn,
                "SELECT s.server_id, s.level, s.muted_until, s.suppress_everyone
                 FROM server_notification_settings s
                 JOIN members mb ON mb.server_id = s.server_id AND mb.user_id = s.user_id
                 WHERE s.user_id = ?1 ORDER BY s.server_id",
                [user.as_uuid()],
                server_settings,
            )?;
            let channels = all_rows(
                conn,
                "SELECT s.channel_id, s.server_id, s.level, s.muted_until
                 FROM channel_notification_settings s
                 JOIN members mb ON mb.server_id = s.server_id AND mb.user_id = s.user_id
                 WHERE s.user_id = ?1 ORDER BY s.channel_id",
                [user.as_uuid()],
                channel_settings,
            )?;
            Ok(NotificationSettings { servers, channels })
        })
        .await
    }
}

impl SqliteStore {
    /// `EXPLAIN QUERY PLAN` of the read-states query, one line per step
    /// (to check every count reads an index, never the whole table).
    pub async fn explain_read_states(&self) -> StoreResult<Vec<String>> {
        read(&self.db, |conn| {
            let sql = format!("EXPLAIN QUERY PLAN {READ_STATES_SQL}");
            all_rows(conn, &sql, [[0u8; 16]], |r| r.get::<_, String>(3))
        })
        .await
    }
}
