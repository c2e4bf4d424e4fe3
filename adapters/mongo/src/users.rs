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
    BANS, MEMBERSHIPS, MESSAGES, MFA, MFA_TICKETS, MFA_VERSIONS, REACTIONS, REFRESH_SPENDS,
    REFRESH_TOKENS, SESSIONS, USERS,
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
        username: Username::parse(f.str("username")?).map_err(|e| f.invalid("username", e))?,
        display_name: DisplayName::parse(f.str("display_name")?)
            .map_err(|e| f.invalid("display_name", e))?,
        bio: Bio::parse(f.str("bio")?).map_err(|e| f.invalid("bio", e))?,
        status: Status::parse(f.str("status")?).map_err(|e| f.invalid("status", e))?,
        password_hash: PasswordHash::new(f.str("password_hash")?),
        created_at: f.time("created_at")?,
        // Absent in documents written before custom statuses existed.
        custom_status: f
            .opt_str("custom_status")?
            .map(|t| CustomStatus::parse(t).map_err(|e| f.invalid("custom_status", e)))
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

    async fn delete_user(&self, id: UserId) -> StoreResult<bool> {
        // Everything hanging off the user first and the user document last,
        // so repeating an interrupted delete finishes it.
        let user = id_text(id.as_uuid());
        for (collection, field) in [
            (REFRESH_TOKENS, "user_id"),
            (REFRESH_SPENDS, "user_id"),
            (SESSIONS, "user_id"),
            (MEMBERSHIPS, "user_id"),
            (BANS, "user_id"),
            (REACTIONS, "user_id"),
            (REACTIONS, "message_author_id"),
            (MESSAGES, "author_id"),
            (MFA, "_id"),
            (MFA_TICKETS, "user_id"),
            (MFA_VERSIONS, "user_id"),
        ] {
            self.collection(collection)
                .delete_many(doc! { field: &user })
                .await
                .context(&format!("deleting a user's {collection}"))?;
        }
        self.delete_direct_of_user(&user).await?;
        let result = self
            .collection(USERS)
            .delete_one(by_id(id))
            .await
            .context("deleting a user")?;
        Ok(result.deleted_count > 0)
    }
}
