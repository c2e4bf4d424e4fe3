//! Accounts: the `users` collection.
//!
//! Case-insensitive uniqueness rests on the unique index over
//! `username_folded` (the name as `Username::folded` gives it).

use async_trait::async_trait;
use chat_core::ids::UserId;
use chat_core::presence::Status;
use chat_core::users::{Bio, CustomStatus, DisplayName, PasswordHash, User, UserStore, Username};
use chat_core::{Conflict, StoreResult};
use mongodb::bson::{doc, Bson, Document};
use mongodb::options::ReturnDocument;

use crate::codec::{id_text, Fields};
use crate::error::{unique, Context};
use crate::indexes::names::{
    BANS, BLOCKS, CHANNEL_NOTIFICATIONS, DM_POLICIES, MEMBERSHIPS, MFA, MFA_TICKETS, MFA_VERSIONS,
    READ_STATES, REFRESH_SPENDS, REFRESH_TOKENS, SERVER_NOTIFICATIONS, SESSIONS, TIMEOUTS, USERS,
};
use crate::{find_all, MongoStore};

fn to_doc(user: &User) -> Document {
    doc! {
        "_id": id_text(user.id.as_uuid()),
        "username": user.username.as_str(),
        "username_folded": user.username.folded(),
        "display_name": user.display_name.as_str(),
        "bio": user.bio.as_str(),
        "status": user.status.as_str(),
        "password_hash": user.password_hash.as_str(),
        "created_at": user.created_at.millis(),
        "custom_status": custom_status_bson(user.custom_status.as_ref()),
        "disabled": user.disabled,
        "avatar_key": user.avatar_key.as_deref().map_or(Bson::Null, |k| Bson::String(k.to_owned())),
    }
}

fn custom_status_bson(text: Option<&CustomStatus>) -> Bson {
    text.map_or(Bson::Null, |c| Bson::String(c.as_str().to_owned()))
}

pub(crate) fn from_doc(doc: &Document) -> StoreResult<User> {
    let f = Fields::new(doc, USERS);
    Ok(User {
        id: f.id("_id")?,
        username: Username::from_stored(f.str("username")?)
            .map_err(|e| f.invalid("username", e))?,
        display_name: DisplayName::from_stored(f.str("display_name")?)
            .map_err(|e| f.invalid("display_name", e))?,
        bio: Bio::from_stored(f.str("bio")?).map_err(|e| f.invalid("bio", e))?,
        status: Status::parse(f.str("status")?).map_err(|e| f.invalid("status", e))?,
        password_hash: PasswordHash::new(f.str("password_hash")?),
        created_at: f.time("created_at")?,
        // Absent in documents written before custom statuses existed.
        custom_status: f
            .opt_str("custom_status")?
            .map(|t| CustomStatus::from_stored(t).map_err(|e| f.invalid("custom_status", e)))
            .transpose()?,
        // Absent in documents written before accounts could be disabled.
        disabled: doc.get_bool("disabled").unwrap_or(false),
        // Absent in documents written before avatars existed.
        avatar_key: f.opt_str("avatar_key")?.map(str::to_owned),
    })
}

fn by_id(id: UserId) -> Document {
    doc! { "_id": id_text(id.as_uuid()) }
}

#[async_trait]
impl UserStore for MongoStore {
    async fn insert_user(&self, user: &User) -> StoreResult<()> {
        self.collection(USERS)
            .insert_one(to_doc(user))
            .await
            .map(drop)
            .map_err(|e| unique("inserting a user", Conflict::UsernameTaken, e))
    }

    async fn user_by_id(&self, id: UserId) -> StoreResult<Option<User>> {
        let found = self
            .collection(USERS)
            .find_one(by_id(id))
            .await
            .context("reading a user")?;
        found.as_ref().map(from_doc).transpose()
    }

    async fn user_by_username(&self, username: &Username) -> StoreResult<Option<User>> {
        let found = self
            .collection(USERS)
            .find_one(doc! { "username_folded": username.folded() })
            .await
            .context("reading a user by name")?;
        found.as_ref().map(from_doc).transpose()
    }

    async fn users_by_ids(&self, ids: &[UserId]) -> StoreResult<Vec<User>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Bson> = ids
            .iter()
            .map(|id| Bson::String(id_text(id.as_uuid())))
            .collect();
        let docs = find_all(
            &self.collection(USERS),
            doc! { "_id": { "$in": ids } },
            doc! { "_id": 1 },
            "reading users",
        )
        .await?;
        docs.iter().map(from_doc).collect()
    }

    async fn update_profile(
        &self,
        id: UserId,
        display_name: &DisplayName,
        bio: &Bio,
    ) -> StoreResult<Option<User>> {
        let set = doc! { "$set": { "display_name": display_name.as_str(), "bio": bio.as_str() } };
        let updated = self
            .collection(USERS)
            .find_one_and_update(by_id(id), set)
            .return_document(ReturnDocument::After)
            .await
            .context("updating a profile")?;
        updated.as_ref().map(from_doc).transpose()
    }

    async fn set_status(&self, id: UserId, status: Status) -> StoreResult<bool> {
        let result = self
            .collection(USERS)
            .update_one(by_id(id), doc! { "$set": { "status": status.as_str() } })
            .await
            .context("setting a status")?;
        Ok(result.matched_count > 0)
    }

    async fn set_custom_status(
        &self,
        id: UserId,
        custom_status: Option<&CustomStatus>,
    ) -> StoreResult<Option<User>> {
        let set = doc! { "$set": { "custom_status": custom_status_bson(custom_status) } };
        let updated = self
            .collection(USERS)
            .find_one_and_update(by_id(id), set)
            .return_document(ReturnDocument::After)
            .await
            .context("setting a custom status")?;
        updated.as_ref().map(from_doc).transpose()
    }

    async fn swap_avatar_key(
        &self,
        id: UserId,
        key: Option<&str>,
    ) -> StoreResult<Option<Option<String>>> {
        self.swap_key(USERS, "avatar_key", by_id(id), key).await
    }

    async fn erase_user(&self, tombstone: &User) -> StoreResult<bool> {
        // The tombstone first (the old name stops working at once), then
        // what hangs off the user: repeating an interrupted erase finishes
        // it. The document keeps its id, so messages keep their author.
        let mut fields = to_doc(tombstone);
        fields.remove("_id");
        fields.remove("created_at");
        let found = self
            .collection(USERS)
            .update_one(by_id(tombstone.id), doc! { "$set": fields })
            .await
            .context("erasing a user")?
            .matched_count
            > 0;
        let user = id_text(tombstone.id.as_uuid());
        for (collection, field) in [
            (REFRESH_TOKENS, "user_id"),
            (REFRESH_SPENDS, "user_id"),
            (SESSIONS, "user_id"),
            (MEMBERSHIPS, "user_id"),
            (BANS, "user_id"),
            (TIMEOUTS, "user_id"),
            (READ_STATES, "user_id"),
            (SERVER_NOTIFICATIONS, "user_id"),
            (CHANNEL_NOTIFICATIONS, "user_id"),
            (MFA, "_id"),
            (MFA_TICKETS, "user_id"),
            (MFA_VERSIONS, "user_id"),
            (BLOCKS, "user_id"),
            (BLOCKS, "blocked_id"),
            (DM_POLICIES, "_id"),
        ] {
            self.collection(collection)
                .delete_many(doc! { field: &user })
                .await
                .context(&format!("erasing a user's {collection}"))?;
        }
        Ok(found)
    }
}
