//! Accounts (`users` table).

use std::collections::HashSet;

use async_trait::async_trait;
use chat_core::ids::UserId;
use chat_core::presence::Status;
use chat_core::users::{Bio, CustomStatus, DisplayName, PasswordHash, User, UserStore, Username};
use chat_core::{Conflict, StoreResult, Timestamp};
use rusqlite::{params, OptionalExtension, Row};

use crate::codec::{parsed, parsed_opt};
use crate::db::{execute, read, write};
use crate::error::{backend, unique_or_backend};
use crate::SqliteStore;

macro_rules! user_columns {
    () => {
        "id, username, display_name, bio, status, password_hash, created_at, custom_status, disabled, avatar_key"
    };
}
pub(crate) use user_columns;

pub(crate) fn user_from_row(row: &Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: UserId::from_uuid(row.get(0)?),
        username: parsed(row, 1, Username::from_stored)?,
        display_name: parsed(row, 2, DisplayName::from_stored)?,
        bio: parsed(row, 3, Bio::from_stored)?,
        status: parsed(row, 4, Status::parse)?,
        password_hash: PasswordHash::new(row.get::<_, String>(5)?),
        created_at: Timestamp::from_millis(row.get(6)?),
        custom_status: parsed_opt(row, 7, CustomStatus::from_stored)?,
        disabled: row.get(8)?,
        avatar_key: row.get(9)?,
    })
}

#[async_trait]
impl UserStore for SqliteStore {
    async fn insert_user(&self, user: &User) -> StoreResult<()> {
        let u = user.clone();
        write(&self.db, move |conn| {
            conn.prepare_cached(
                "INSERT INTO users (id, username, username_folded, display_name, bio, status,
                                    password_hash, created_at, custom_status, disabled,
                                    avatar_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    u.id.as_uuid(),
                    u.username.as_str(),
                    u.username.folded(),
                    u.display_name.as_str(),
                    u.bio.as_str(),
                    u.status.as_str(),
                    u.password_hash.as_str(),
                    u.created_at.millis(),
                    u.custom_status.as_ref().map(|c| c.as_str()),
                    u.disabled,
                    u.avatar_key,
                ])
            })
            .map(|_| ())
            .map_err(|e| unique_or_backend(e, "users.username_folded", Conflict::UsernameTaken))
        })
        .await
    }

    async fn user_by_id(&self, id: UserId) -> StoreResult<Option<User>> {
        read(&self.db, move |conn| user_by_id(conn, id)).await
    }

    async fn user_by_username(&self, username: &Username) -> StoreResult<Option<User>> {
        let folded = username.folded();
        read(&self.db, move |conn| {
            conn.prepare_cached(concat!(
                "SELECT ",
                user_columns!(),
                " FROM users WHERE username_folded = ?1"
            ))
            .and_then(|mut st| st.query_row([folded], user_from_row).optional())
            .map_err(backend)
        })
        .await
    }

    async fn users_by_ids(&self, ids: &[UserId]) -> StoreResult<Vec<User>> {
        let unique: HashSet<UserId> = ids.iter().copied().collect();
        if unique.is_empty() {
            return Ok(Vec::new());
        }
        read(&self.db, move |conn| {
            // One cached point lookup per id: pages ask for a few dozen.
            let tx = conn.transaction().map_err(backend)?;
            let mut found = Vec::with_capacity(unique.len());
            for id in unique {
                if let Some(user) = user_by_id(&tx, id)? {
                    found.push(user);
                }
            }
            Ok(found)
        })
        .await
    }

    async fn update_profile(
        &self,
        id: UserId,
        display_name: &DisplayName,
        bio: &Bio,
    ) -> StoreResult<Option<User>> {
        let (name, bio) = (display_name.as_str().to_owned(), bio.as_str().to_owned());
        write(&self.db, move |conn| {
            conn.prepare_cached(concat!(
                "UPDATE users SET display_name = ?2, bio = ?3 WHERE id = ?1 RETURNING ",
                user_columns!()
            ))
            .and_then(|mut st| {
                st.query_row(params![id.as_uuid(), name, bio], user_from_row)
                    .optional()
            })
            .map_err(backend)
        })
        .await
    }

    async fn set_status(&self, id: UserId, status: Status) -> StoreResult<bool> {
        write(&self.db, move |conn| {
            execute(
                conn,
                "UPDATE users SET status = ?2 WHERE id = ?1",
                params![id.as_uuid(), status.as_str()],
            )
            .map(|n| n > 0)
        })
        .await
    }

    async fn set_custom_status(
        &self,
        id: UserId,
        custom_status: Option<&CustomStatus>,
    ) -> StoreResult<Option<User>> {
        let text = custom_status.map(|c| c.as_str().to_owned());
        write(&self.db, move |conn| {
            conn.prepare_cached(concat!(
                "UPDATE users SET custom_status = ?2 WHERE id = ?1 RETURNING ",
                user_columns!()
            ))
            .and_then(|mut st| {
                st.query_row(params![id.as_uuid(), text], user_from_row)
                    .optional()
            })
            .map_err(backend)
        })
        .await
    }

    async fn swap_avatar_key(
        &self,
        id: UserId,
        key: Option<&str>,
    ) -> StoreResult<Option<Option<String>>> {
        let key = key.map(str::to_owned);
        write(&self.db, move |conn| {
            crate::servers::swap_column(conn, "users", "avatar_key", id.as_uuid(), key)
        })
        .await
    }

    async fn erase_user(&self, tombstone: &User) -> StoreResult<bool> {
        let t = tombstone.clone();
        write(&self.db, move |conn| {
            let tx = conn.transaction().map_err(backend)?;
            let found = execute(
                &tx,
                "UPDATE users SET username = ?2, username_folded = ?3, display_name = ?4,
                         bio = ?5, status = ?6, password_hash = ?7, custom_status = ?8,
                         disabled = ?9, avatar_key = NULL
                     WHERE id = ?1",
                params![
                    t.id.as_uuid(),
                    t.username.as_str(),
                    t.username.folded(),
                    t.display_name.as_str(),
                    t.bio.as_str(),
                    t.status.as_str(),
                    t.password_hash.as_str(),
                    t.custom_status.as_ref().map(|c| c.as_str()),
                    t.disabled,
                ],
            )? > 0;
            // Refresh tokens go with their sessions (ON DELETE CASCADE).
            for sql in ERASED_ROWS {
                execute(&tx, sql, [t.id.as_uuid()])?;
            }
            tx.commit().map_err(backend)?;
            Ok(found)
        })
        .await
    }
}

/// What `erase_user` deletes of an account besides its row's fields.
const ERASED_ROWS: [&str; 12] = [
    "DELETE FROM sessions WHERE user_id = ?1",
    "DELETE FROM mfa WHERE user_id = ?1",
    "DELETE FROM mfa_tickets WHERE user_id = ?1",
    "DELETE FROM members WHERE user_id = ?1",
    "DELETE FROM bans WHERE user_id = ?1",
    "DELETE FROM timeouts WHERE user_id = ?1",
    "DELETE FROM read_states WHERE user_id = ?1",
    "DELETE FROM server_notification_settings WHERE user_id = ?1",
    "DELETE FROM channel_notification_settings WHERE user_id = ?1",
    "DELETE FROM blocks WHERE user_id = ?1",
    "DELETE FROM blocks WHERE blocked_id = ?1",
    "DELETE FROM dm_policies WHERE user_id = ?1",
];

fn user_by_id(conn: &rusqlite::Connection, id: UserId) -> StoreResult<Option<User>> {
    conn.prepare_cached(concat!(
        "SELECT ",
        user_columns!(),
        " FROM users WHERE id = ?1"
    ))
    .and_then(|mut st| st.query_row([id.as_uuid()], user_from_row).optional())
    .map_err(backend)
}
