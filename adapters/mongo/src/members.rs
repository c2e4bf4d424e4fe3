//! Memberships: the `memberships` collection, one document per
//! `(server_id, user_id)`, which a unique index enforces.

use async_trait::async_trait;
use chat_core::ids::{ServerId, UserId};
use chat_core::members::{Member, MemberStore};
use chat_core::role::Role;
use chat_core::StoreResult;
use mongodb::bson::{doc, Document};
use mongodb::options::ReturnDocument;

use crate::codec::{id_text, Fields};
use crate::error::Context;
use crate::indexes::names::MEMBERSHIPS;
use crate::{find_all, MongoStore};

pub(crate) fn to_doc(member: &Member) -> Document {
    doc! {
        "server_id": id_text(member.server_id.as_uuid()),
        "user_id": id_text(member.user_id.as_uuid()),
        "role": member.role.as_str(),
        "joined_at": member.joined_at.millis(),
    }
}

pub(crate) fn from_doc(doc: &Document) -> StoreResult<Member> {
    let f = Fields::new(doc, MEMBERSHIPS);
    Ok(Member {
        server_id: f.id("server_id")?,
        user_id: f.id("user_id")?,
        role: Role::parse(f.str("role")?, "role").map_err(|e| f.invalid("role", e))?,
        joined_at: f.time("joined_at")?,
    })
}

pub(crate) fn key(server: ServerId, user: UserId) -> Document {
    doc! { "server_id": id_text(server.as_uuid()), "user_id": id_text(user.as_uuid()) }
}

/// Join order: `joined_at`, then insertion order (the generated `_id`).
pub(crate) fn join_order() -> Document {
    doc! { "joined_at": 1, "_id": 1 }
}

#[async_trait]
impl MemberStore for MongoStore {
    async fn member(&self, server: ServerId, user: UserId) -> StoreResult<Option<Member>> {
        let found = self
            .collection(MEMBERSHIPS)
            .find_one(key(server, user))
            .await
            .context("reading a membership")?;
        found.as_ref().map(from_doc).transpose()
    }

    async fn members_of(&self, server: ServerId) -> StoreResult<Vec<Member>> {
        let docs = find_all(
            &self.collection(MEMBERSHIPS),
            doc! { "server_id": id_text(server.as_uuid()) },
            join_order(),
            "reading a server's members",
        )
        .await?;
        docs.iter().map(from_doc).collect()
    }

    async fn memberships_of(&self, user: UserId) -> StoreResult<Vec<Member>> {
        let docs = find_all(
            &self.collection(MEMBERSHIPS),
            doc! { "user_id": id_text(user.as_uuid()) },
            join_order(),
            "reading a user's memberships",
        )
        .await?;
        docs.iter().map(from_doc).collect()
    }

    async fn member_count(&self, server: ServerId) -> StoreResult<u64> {
        self.collection(MEMBERSHIPS)
            .count_documents(doc! { "server_id": id_text(server.as_uuid()) })
            .await
            .context("counting members")
    }

    async fn set_role(
        &self,
        server: ServerId,
        user: UserId,
        role: Role,
    ) -> StoreResult<Option<Member>> {
        let updated = self
            .collection(MEMBERSHIPS)
            .find_one_and_update(
                key(server, user),
                doc! { "$set": { "role": role.as_str() } },
            )
            .return_document(ReturnDocument::After)
            .await
            .context("setting a role")?;
        updated.as_ref().map(from_doc).transpose()
    }

    async fn remove_member(&self, server: ServerId, user: UserId) -> StoreResult<bool> {
        let result = self
            .collection(MEMBERSHIPS)
            .delete_one(key(server, user))
            .await
            .context("removing a member")?;
        Ok(result.deleted_count > 0)
    }
}
