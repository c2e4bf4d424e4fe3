//! Pins (the `pinned_at` column of `messages`), and the two reads behind
//! replies and jumping: messages by a list of ids, and history forward.
//!
//! Pinning is one `BEGIN IMMEDIATE` transaction (read the message, count
//! the channel's pins, set `pinned_at`), so concurrent pins never push a
//! channel past its maximum.

use chat_core::ids::{ChannelId, MessageId};
use chat_core::messages::{Message, PinOutcome};
use chat_core::{StoreResult, Timestamp};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, TransactionBehavior};

use crate::error::backend;
use crate::messages::{message_columns, message_from_row};

/// The messages with these ids, in one query.
pub(crate) fn messages_by_ids(conn: &Connection, ids: &[MessageId]) -> StoreResult<Vec<Message>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        concat!(
            "SELECT ",
            message_columns!(),
            " FROM messages WHERE id IN ({})"
        ),
        placeholders(1, ids.len())
    );
    conn.prepare_cached(&sql)
        .and_then(|mut st| {
            st.query_map(
                params_from_iter(ids.iter().map(|id| id.as_uuid())),
                message_from_row,
            )?
            .collect()
        })
        .map_err(backend)
}

/// `n` numbered placeholders from `?first`: `?first, …`.
pub(crate) fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn history_after(
    conn: &Connection,
    channel: ChannelId,
    after: MessageId,
    limit: u32,
) -> StoreResult<Vec<Message>> {
    conn.prepare_cached(concat!(
        "SELECT ",
        message_columns!(),
        " FROM messages WHERE channel_id = ?1 AND id > ?2 ORDER BY id LIMIT ?3"
    ))
    .and_then(|mut st| {
        st.query_map(
            params![channel.as_uuid(), after.as_uuid(), i64::from(limit)],
            message_from_row,
        )?
        .collect()
    })
    .map_err(backend)
}

pub(crate) fn pin(
    conn: &mut Connection,
    channel: ChannelId,
    id: MessageId,
    at: Timestamp,
    max: usize,
) -> StoreResult<PinOutcome> {
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(backend)?;
    let current: Option<Option<i64>> = tx
        .query_row(
            "SELECT pinned_at FROM messages WHERE id = ?1 AND channel_id = ?2",
            params![id.as_uuid(), channel.as_uuid()],
            |r| r.get(0),
        )
        .optional()
        .map_err(backend)?;
    match current {
        None => return Ok(PinOutcome::NotFound),
        Some(Some(_)) => return Ok(PinOutcome::AlreadyPinned),
        Some(None) => {}
    }
    let pinned: i64 = tx
        .query_row(
            "SELECT COUNT(*) FROM messages WHERE channel_id = ?1 AND pinned_at IS NOT NULL",
            [channel.as_uuid()],
            |r| r.get(0),
        )
        .map_err(backend)?;
    if usize::try_from(pinned).unwrap_or(usize::MAX) >= max {
        return Ok(PinOutcome::TooMany);
    }
    let message = tx
        .query_row(
            concat!(
                "UPDATE messages SET pinned_at = ?2 WHERE id = ?1 RETURNING ",
                message_columns!()
            ),
            params![id.as_uuid(), at.millis()],
            message_from_row,
        )
        .map_err(backend)?;
    tx.commit().map_err(backend)?;
    Ok(PinOutcome::Pinned(message))
}

pub(crate) fn unpin(
    conn: &Connection,
    channel: ChannelId,
    id: MessageId,
) -> StoreResult<Option<Message>> {
    conn.prepare_cached(concat!(
        "UPDATE messages SET pinned_at = NULL
         WHERE id = ?1 AND channel_id = ?2 AND pinned_at IS NOT NULL RETURNING ",
        message_columns!()
    ))
    .and_then(|mut st| {
        st.query_row(params![id.as_uuid(), channel.as_uuid()], message_from_row)
            .optional()
    })
    .map_err(backend)
}

pub(crate) fn pinned(conn: &Connection, channel: ChannelId) -> StoreResult<Vec<Message>> {
    conn.prepare_cached(concat!(
        "SELECT ",
        message_columns!(),
        " FROM messages WHERE channel_id = ?1 AND pinned_at IS NOT NULL
          ORDER BY pinned_at DESC, id DESC"
    ))
    .and_then(|mut st| {
        st.query_map([channel.as_uuid()], message_from_row)?
            .collect()
    })
    .map_err(backend)
}
