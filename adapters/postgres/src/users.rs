//! Accounts: the `users` table. A deleted account's row stays as a
//! tombstone (its messages keep an author); what was personal is deleted.

use async_trait::async_trait;
use chat_core::ids::UserId;
use chat_core::presence::Status;
use chat_core::users::{Bio, CustomStatus, DisplayName, PasswordHash, User, UserStore, Username};
use chat_core::StoreResult;
use tokio_postgres::Row;
use uuid::Uuid;

use crate::error::db;
use crate::rows::{all, col, first, parsed, time};
use crate::sql::execute;
use crate::PgStore;

/// The columns every read names (never `*`: a cached prepared statement
/// must not change shape when a later migration adds a column).
pub(crate) const COLUMNS: &str =
    "id, username, display_name, bio, status, password_hash, created_at, custom_status, disabled, \
     avatar_key";

pub(crate) fn user(row: &Row) -> StoreResult<User> {
    Ok(User {
        id: UserId::from_uuid(col(row, "id")?),
        username: parsed("username", Username::from_stored(col(row, "username")?))?,
        display_name: parsed(
            "display_name",
            DisplayName::from_stored(col(row, "display_name")?),
        )?,
        bio: parsed("bio", Bio::from_stored(col(row, "bio")?))?,
        status: parsed("status", Status::parse(col(row, "status")?))?,
        password_hash: PasswordHash::new(col::<String>(row, "password_hash")?),
        created_at: time(row, "created_at")?,
        custom_status: col::<Option<String>>(row, "custom_status")?
            .map(|t| parsed("custom_status", CustomStatus::from_stored(&t)))
            .transpose()?,
        disabled: col(row, "disabled")?,
        avatar_key: col(row, "avatar_key")?,
    })
}

#[async_trait]
impl UserStore for PgStore {
    async fn insert_user(&self, user: &User) -> StoreResult<()> {
        self.execute(
            "INSERT INTO users (id, username, username_folded, display_name, bio, status, \
             password_hash, created_at, custom_status, disabled, avatar_key) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            &[
                &user.id.as_uuid(),
                &user.username.as_str(),
                &user.username.folded(),
                &user.display_name.as_str(),
                &user.bio.as_str(),
                &user.status.as_str(),
                &user.password_hash.as_str(),
                &user.created_at.millis(),
                &user.custom_status.as_ref().map(|c| c.as_str()),
                &user.disabled,
                &user.avatar_key,
            ],
        )
        .await?;
        Ok(())
    }

    async fn user_by_id(&self, id: UserId) -> StoreResult<Option<User>> {
        let rows = self
            .query(
                &format!("SELECT {COLUMNS} FROM users WHERE id = $1"),
                &[&id.as_uuid()],
            )
            .await?;
        first(&rows, user)
    }

    async fn user_by_username(&self, username: &Username) -> StoreResult<Option<User>> {
        let rows = self
            .query(
                &format!("SELECT {COLUMNS} FROM users WHERE username_folded = $1"),
                &[&username.folded()],
            )
            .await?;
        first(&rows, user)
    }

    async fn users_by_ids(&self, ids: &[UserId]) -> StoreResult<Vec<User>> {
        let ids: Vec<Uuid> = ids.iter().map(UserId::as_uuid).collect();
        let rows = self
            .query(
                &format!("SELECT {COLUMNS} FROM users WHERE id = ANY($1)"),
                &[&ids],
            )
            .await?;
        all(&rows, user)
    }

    async fn update_profile(
        &self,
        id: UserId,
        display_name: &DisplayName,
        bio: &Bio,
    ) -> StoreResult<Option<User>> {
        let rows = self
            .query(
                &format!("UPDATE users SET display_name = $2, bio = $3 WHERE id = $1 RETURNING {COLUMNS}"),
                &[&id.as_uuid(), &display_name.as_str(), &bio.as_str()],
            )
            .await?;
        first(&rows, user)
    }

    async fn set_status(&self, id: UserId, status: Status) -> StoreResult<bool> {
        let n = self
            .execute(
                "UPDATE users SET status = $2 WHERE id = $1",
                &[&id.as_uuid(), &status.as_str()],
            )
            .await?;
        Ok(n > 0)
    }

    async fn set_custom_status(
        &self,
        id: UserId,
        custom_status: Option<&CustomStatus>,
    ) -> StoreResult<Option<User>> {
        let rows = self
            .query(
                &format!("UPDATE users SET custom_status = $2 WHERE id = $1 RETURNING {COLUMNS}"),
                &[&id.as_uuid(), &custom_status.map(|c| c.as_str())],
            )
            .await?;
        first(&rows, user)
    }

    async fn swap_avatar_key(
        &self,
        id: UserId,
        key: Option<&str>,
    ) -> StoreResult<Option<Option<String>>> {
        self.swap_key("users", "avatar_key", id.as_uuid(), key)
            .await
    }

    async fn erase_user(&self, tombstone: &User) -> StoreResult<bool> {
        let t = tombstone;
        let id = t.id.as_uuid();
        let mut client = self.client().await?;
        let tx = client.transaction().await.map_err(db)?;
        let found = execute(
            &tx,
            "UPDATE users SET username = $2, username_folded = $3, display_name = $4, bio = $5, \
             status = $6, password_hash = $7, custom_status = $8, disabled = $9, avatar_key = NULL \
             WHERE id = $1",
            &[
                &id,
                &t.username.as_str(),
                &t.username.folded(),
                &t.display_name.as_str(),
                &t.bio.as_str(),
                &t.status.as_str(),
                &t.password_hash.as_str(),
                &t.custom_status.as_ref().map(|c| c.as_str()),
                &t.disabled,
            ],
        )
        .await?
            > 0;
        // Refresh tokens go with their sessions (ON DELETE CASCADE).
        for sql in ERASED_ROWS {
            execute(&tx, sql, &[&id]).await?;
        }
        tx.commit().await.map_err(db)?;
        Ok(found)
    }
}

/// What `erase_user` deletes of an account besides its row's fields.
const ERASED_ROWS: [&str; 12] = [
    "DELETE FROM sessions WHERE user_id = $1",
    "DELETE FROM mfa WHERE user_id = $1",
    "DELETE FROM mfa_tickets WHERE user_id = $1",
    "DELETE FROM members WHERE user_id = $1",
    "DELETE FROM bans WHERE user_id = $1",
    "DELETE FROM timeouts WHERE user_id = $1",
    "DELETE FROM read_states WHERE user_id = $1",
    "DELETE FROM server_notification_settings WHERE user_id = $1",
    "DELETE FROM channel_notification_settings WHERE user_id = $1",
    "DELETE FROM blocks WHERE user_id = $1",
    "DELETE FROM blocks WHERE blocked_id = $1",
    "DELETE FROM dm_policies WHERE user_id = $1",
];
