//! Servers: the `servers` collection. Ownership is the server document's
//! `owner_id`; membership roles follow it (the core computes the effective
//! role from `owner_id`, so a role row that lags behind is harmless).
//!
//! Multi-document changes are ordered so that the server document is the
//! last thing written on create and the last thing removed on delete: a
//! server is visible only once complete, and a repeated delete finishes.
//!
//! Transfers: the server document counts its completed transfers in
//! `owner_epoch`. A transfer claims `"<server_id>:<epoch>"` in
//! `ownership_transfers` (see claims.rs) before it moves `owner_id`, so of
//! concurrent transfers exactly one wins each epoch. A claim whose move was
//! interrupted is finished by the next transfer attempt on that server.

use std::collections::HashMap;

use async_trait::async_trait;
use chat_core::channels::Channel;
use chat_core::ids::{ServerId, UserId};
use chat_core::members::{Member, MemberStore};
use chat_core::role::Role;
use chat_core::servers::{Description, Server, ServerDetails, ServerName, ServerStore, ServerView};
use chat_core::StoreResult;
use futures::TryStreamExt;
use mongodb::bson::{doc, Bson, Document};
use mongodb::options::ReturnDocument;

use crate::codec::{id_text, Fields};
use crate::error::Context;
use crate::indexes::names::{
    AUDIT_LOG, BANS, CHANNELS, INVITES, INVITE_USES, MEMBERSHIPS, OWNERSHIP_TRANSFERS, SERVERS,
    TIMEOUTS,
};
use crate::{channels, find_all, members, MongoStore};

fn to_doc(server: &Server) -> Document {
    doc! {
        "_id": id_text(server.id.as_uuid()),
        "name": server.name.as_str(),
        "description": server.description.as_str(),
        "owner_id": id_text(server.owner_id.as_uuid()),
        "owner_epoch": 0_i64,
        "created_at": server.created_at.millis(),
        "icon_key": server.icon_key.as_deref().map_or(Bson::Null, |k| Bson::String(k.to_owned())),
    }
}

pub(crate) fn from_doc(doc: &Document) -> StoreResult<Server> {
    let f = Fields::new(doc, SERVERS);
    Ok(Server {
        id: f.id("_id")?,
        name: ServerName::from_stored(f.str("name")?).map_err(|e| f.invalid("name", e))?,
        description: Description::from_stored(f.str("description")?)
            .map_err(|e| f.invalid("description", e))?,
        owner_id: f.id("owner_id")?,
        created_at: f.time("created_at")?,
        // Absent in documents written before server icons existed.
        icon_key: f.opt_str("icon_key")?.map(str::to_owned),
    })
}

fn by_id(id: ServerId) -> Document {
    doc! { "_id": id_text(id.as_uuid()) }
}

/// The owner as the server document states it, and its transfer count.
struct Ownership {
    owner_id: UserId,
    epoch: i64,
}

/// A won (or found) transfer claim: who passed ownership to whom.
struct TransferClaim {
    epoch: i64,
    from: UserId,
    to: UserId,
}

fn claim_id(server: ServerId, epoch: i64) -> String {
    format!("{}:{epoch}", id_text(server.as_uuid()))
}

impl MongoStore {
    /// The children of `create_server`, written before the server document.
    async fn insert_server_children(&self, owner: &Member, channel: &Channel) -> StoreResult<()> {
        self.collection(CHANNELS)
            .insert_one(channels::to_doc(channel))
            .await
            .context("inserting a server's first channel")?;
        self.collection(MEMBERSHIPS)
            .insert_one(members::to_doc(owner))
            .await
            .context("inserting a server owner's membership")?;
        Ok(())
    }

    async fn ownership(&self, id: ServerId) -> StoreResult<Option<Ownership>> {
        let found = self
            .collection(SERVERS)
            .find_one(by_id(id))
            .await
            .context("reading a server's owner")?;
        let Some(doc) = found else { return Ok(None) };
        let f = Fields::new(&doc, SERVERS);
        Ok(Some(Ownership {
            owner_id: f.id("owner_id")?,
            epoch: f.opt_i64("owner_epoch")?.unwrap_or(0),
        }))
    }

    async fn transfer_claim(&self, id: ServerId, epoch: i64) -> StoreResult<Option<TransferClaim>> {
        let found = self
            .collection(OWNERSHIP_TRANSFERS)
            .find_one(doc! { "_id": claim_id(id, epoch) })
            .await
            .context("reading an ownership transfer")?;
        let Some(doc) = found else { return Ok(None) };
        let f = Fields::new(&doc, OWNERSHIP_TRANSFERS);
        Ok(Some(TransferClaim {
            epoch,
            from: f.id("from")?,
            to: f.id("to")?,
        }))
    }

    /// Moves `owner_id` as the claim says, then the role rows. Idempotent:
    /// whoever repeats it writes the same values.
    async fn apply_transfer(&self, id: ServerId, claim: &TransferClaim) -> StoreResult<()> {
        self.collection(SERVERS)
            .update_one(
                doc! { "_id": id_text(id.as_uuid()), "owner_epoch": claim.epoch },
                doc! { "$set": {
                    "owner_id": id_text(claim.to.as_uuid()),
                    "owner_epoch": claim.epoch + 1,
                } },
            )
            .await
            .context("transferring ownership")?;
        // If this is interrupted, `owner_id` already decides the effective
        // roles. (Should `to` leave in the instant between the membership
        // check and here, its row is simply missing.)
        self.set_role(id, claim.from, Role::Admin).await?;
        self.set_role(id, claim.to, Role::Owner).await?;
        Ok(())
    }

    /// The server's ownership after finishing a transfer that was claimed
    /// but interrupted before it moved `owner_id`.
    async fn settled_ownership(&self, id: ServerId) -> StoreResult<Option<Ownership>> {
        let Some(current) = self.ownership(id).await? else {
            return Ok(None);
        };
        match self.transfer_claim(id, current.epoch).await? {
            Some(pending) => {
                self.apply_transfer(id, &pending).await?;
                self.ownership(id).await
            }
            None => Ok(Some(current)),
        }
    }

    /// Removes everything inside a server, the messages before the channels
    /// that find them.
    async fn delete_server_children(&self, id: ServerId) -> StoreResult<()> {
        let channel_ids = self.channel_ids_of(id).await?;
        self.delete_messages_of_channels(&channel_ids).await?;
        let server = id_text(id.as_uuid());
        for collection in [
            CHANNELS,
            INVITE_USES,
            INVITES,
            BANS,
            MEMBERSHIPS,
            OWNERSHIP_TRANSFERS,
            TIMEOUTS,
            AUDIT_LOG,
        ] {
            self.collection(collection)
                .delete_many(doc! { "server_id": &server })
                .await
                .context(&format!("deleting a server's {collection}"))?;
        }
        Ok(())
    }
}

#[async_trait]
impl ServerStore for MongoStore {
    async fn create_server(
        &self,
        server: &Server,
        owner: &Member,
        first_channel: &Channel,
    ) -> StoreResult<()> {
        let written = match self.insert_server_children(owner, first_channel).await {
            Ok(()) => self
                .collection(SERVERS)
                .insert_one(to_doc(server))
                .await
                .context("inserting a server"),
            Err(e) => Err(e),
        };
        if let Err(e) = written {
            // Best effort: no server document exists, so nothing can reach
            // what was written; removing it only keeps the database tidy.
            let _ = self.delete_server_children(server.id).await;
            return Err(e);
        }
        Ok(())
    }

    async fn server_by_id(&self, id: ServerId) -> StoreResult<Option<Server>> {
        let found = self
            .collection(SERVERS)
            .find_one(by_id(id))
            .await
            .context("reading a server")?;
        found.as_ref().map(from_doc).transpose()
    }

    async fn servers_of_user(&self, user: UserId) -> StoreResult<Vec<Server>> {
        let memberships = self.memberships_of(user).await?;
        if memberships.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Bson> = memberships
            .iter()
            .map(|m| Bson::String(id_text(m.server_id.as_uuid())))
            .collect();
        let docs = find_all(
            &self.collection(SERVERS),
            doc! { "_id": { "$in": ids } },
            doc! { "_id": 1 },
            "reading a user's servers",
        )
        .await?;
        let mut by_id: HashMap<ServerId, Server> = docs
            .iter()
            .map(|d| from_doc(d).map(|s| (s.id, s)))
            .collect::<StoreResult<_>>()?;
        // Membership order; a membership whose server is gone is skipped.
        Ok(memberships
            .iter()
            .filter_map(|m| by_id.remove(&m.server_id))
            .collect())
    }

    async fn servers_overview(&self, user: UserId) -> StoreResult<Vec<ServerDetails>> {
        // Four round trips whatever the number of servers: memberships,
        // servers, member counts (one `$group`), channels.
        let memberships = self.memberships_of(user).await?;
        if memberships.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<Bson> = memberships
            .iter()
            .map(|m| Bson::String(id_text(m.server_id.as_uuid())))
            .collect();
        let docs = find_all(
            &self.collection(SERVERS),
            doc! { "_id": { "$in": ids.clone() } },
            doc! { "_id": 1 },
            "reading a user's servers",
        )
        .await?;
        let mut by_id: HashMap<ServerId, Server> = docs
            .iter()
            .map(|d| from_doc(d).map(|s| (s.id, s)))
            .collect::<StoreResult<_>>()?;
        let pipeline = vec![
            doc! { "$match": { "server_id": { "$in": ids.clone() } } },
            doc! { "$group": { "_id": "$server_id", "n": { "$sum": 1 } } },
        ];
        let counted: Vec<Document> = self
            .collection(MEMBERSHIPS)
            .aggregate(pipeline)
            .await
            .context("counting the members of a user's servers")?
            .try_collect()
            .await
            .context("counting the members of a user's servers")?;
        let mut counts: HashMap<ServerId, u64> = HashMap::new();
        for d in &counted {
            let f = Fields::new(d, MEMBERSHIPS);
            counts.insert(f.id("_id")?, u64::try_from(f.i64("n")?).unwrap_or(0));
        }
        let mut channels: HashMap<ServerId, Vec<Channel>> = HashMap::new();
        for channel in channels::channels_of_servers(self, ids).await? {
            channels.entry(channel.server_id).or_default().push(channel);
        }
        // Membership order; a membership whose server is gone is skipped.
        Ok(memberships
            .iter()
            .filter_map(|m| {
                let server = by_id.remove(&m.server_id)?;
                let view = ServerView {
                    member_count: counts.get(&server.id).copied().unwrap_or(0),
                    my_role: m.role,
                    server,
                };
                let channels = channels.remove(&view.server.id).unwrap_or_default();
                Some(ServerDetails { view, channels })
            })
            .collect())
    }

    async fn update_server(
        &self,
        id: ServerId,
        name: &ServerName,
        description: &Description,
    ) -> StoreResult<Option<Server>> {
        let set = doc! { "$set": { "name": name.as_str(), "description": description.as_str() } };
        let updated = self
            .collection(SERVERS)
            .find_one_and_update(by_id(id), set)
            .return_document(ReturnDocument::After)
            .await
            .context("updating a server")?;
        updated.as_ref().map(from_doc).transpose()
    }

    async fn swap_icon_key(
        &self,
        id: ServerId,
        key: Option<&str>,
    ) -> StoreResult<Option<Option<String>>> {
        self.swap_key(SERVERS, "icon_key", by_id(id), key).await
    }

    async fn delete_server(&self, id: ServerId) -> StoreResult<bool> {
        self.delete_server_children(id).await?;
        let result = self
            .collection(SERVERS)
            .delete_one(by_id(id))
            .await
            .context("deleting a server")?;
        Ok(result.deleted_count > 0)
    }

    async fn count_owned_by(&self, user: UserId) -> StoreResult<u64> {
        self.collection(SERVERS)
            .count_documents(doc! { "owner_id": id_text(user.as_uuid()) })
            .await
            .context("counting owned servers")
    }

    async fn transfer_ownership(
        &self,
        id: ServerId,
        from: UserId,
        to: UserId,
    ) -> StoreResult<bool> {
        if self.member(id, to).await?.is_none() {
            return Ok(false);
        }
        let current = match self.settled_ownership(id).await? {
            Some(current) if current.owner_id == from => current,
            _ => return Ok(false),
        };
        let claim = TransferClaim {
            epoch: current.epoch,
            from,
            to,
        };
        let won = self
            .claim(
                OWNERSHIP_TRANSFERS,
                doc! {
                    "_id": claim_id(id, claim.epoch),
                    "server_id": id_text(id.as_uuid()),
                    "from": id_text(from.as_uuid()),
                    "to": id_text(to.as_uuid()),
                },
            )
            .await?;
        if !won {
            return Ok(false);
        }
        self.apply_transfer(id, &claim).await?;
        Ok(true)
    }
}

impl MongoStore {
    /// Replaces one optional text field of one document (a user's avatar
    /// key, a server's icon key) in one atomic update, answering the value
    /// it replaced, or `None` when there is no such document.
    pub(crate) async fn swap_key(
        &self,
        collection: &'static str,
        field: &'static str,
        filter: Document,
        value: Option<&str>,
    ) -> StoreResult<Option<Option<String>>> {
        let value = value.map_or(Bson::Null, |k| Bson::String(k.to_owned()));
        let before = self
            .collection(collection)
            .find_one_and_update(filter, doc! { "$set": { field: value } })
            .return_document(ReturnDocument::Before)
            .await
            .context("replacing a picture key")?;
        before
            .as_ref()
            .map(|doc| {
                let f = Fields::new(doc, collection);
                f.opt_str(field).map(|k| k.map(str::to_owned))
            })
            .transpose()
    }
}
