//! Accounts: the `users` table. Deleting a user cascades to their sessions,
//! memberships, bans and messages (foreign keys in the schema).

use async_trait::async_trait;
use chat_core::ids::UserId;
use chat_core::presence::Status;
use chat_core::users::{Bio, CustomStatus, DisplayName, PasswordHash, User, UserStore, Username};
use chat_core::StoreResult;
use tokio_postgres::Row;
use uuid::Uuid;

use crate::rows::{all, col, first, parsed, time};
use crate::PgStore;

/// The columns every read names (never `*`: a cached prepared statement
/// must not change shape when a later migration adds a column).
pub(crate) const COLUMNS: &str =
    "id, username, display_name, bio, status, password_hash, created_at, custom_status, disabled, \
     avatar_key";

pub(crate) fn user(row: &Row) -> StoreResult<User> {
    Ok(User {
        id: UserId::from_uuid(col(row, "id")?),
        username: parsed("username", Username::parse(col(row, "username")?))?,
        display_name: parsed(
            "display_name",
            DisplayName::parse(col(row, "display_name")?),
        )?,
        bio: parsed("bio", Bio::parse(col(row, "bio")?))?,
        status: parsed("status", Status::parse(col(row, "status")?))?,
        password_hash: PasswordHash::new(col::<String>(row, "password_hash")?),
        created_at: time(row, "created_at")?,
        custom_status: col::<Option<String>>(row, "custom_status")?
            .map(|t| parsed("custom_status", CustomStatus::parse(&t)))
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

    async fn delete_user(&self, id: UserId) -> StoreResult<bool> {
        let n = self
            .execute("DELETE FROM users WHERE id = $1", &[&id.as_uuid()])
            .await?;
        Ok(n > 0)
    }
}
