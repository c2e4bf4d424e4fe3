//! Direct messages: `direct_channels` (what only DMs and groups have),
//! `direct_participants` (`_id` "channel:user"), `dm_pairs` (claims, `_id`
//! the pair key), `blocks` (`_id` "user:blocked") and `dm_policies`
//! (`_id` the user). A direct channel is also a `channels` document under
//! the stand-in server id (nil UUID), with its id as `name_folded`.
//!
//! One DM per pair without multi-document transactions: a DM's documents
//! are all written first, then its pair is claimed (see claims.rs). The
//! loser of a race deletes its own documents and returns the winner's,
//! which are complete since they were written before the claim. Lists
//! show a DM only when its pair's claim names it, so a loser's documents
//! are never seen in the moment before they go.

use async_trait::async_trait;
use chat_core::channels::ChannelName;
use chat_core::direct::{
    pair_key, Block, ChannelKind, DirectChannel, DirectStore, DmPolicy, Participant,
};
use chat_core::ids::{ChannelId, UserId};
use chat_core::{StoreError, StoreResult, Timestamp};
use mongodb::bson::{doc, Bson, Document};

use crate::channels::{channel_from_doc, to_doc};
use crate::codec::{id_text, Fields};
use crate::error::{backend, is_duplicate_key, Context};
use crate::indexes::names::{
    BLOCKS, CHANNELS, DIRECT_CHANNELS, DIRECT_PARTICIPANTS, DM_PAIRS, DM_POLICIES,
};
use crate::{find_all, MongoStore};

fn participant_key(channel: ChannelId, user: UserId) -> String {
    format!("{}:{}", id_text(channel.as_uuid()), id_text(user.as_uuid()))
}

fn block_key(user: UserId, blocked: UserId) -> String {
    format!("{}:{}", id_text(user.as_uuid()), id_text(blocked.as_uuid()))
}

fn participant_doc(channel: ChannelId, p: &Participant) -> Document {
    doc! {
        "_id": participant_key(channel, p.user_id),
        "channel_id": id_text(channel.as_uuid()),
        "user_id": id_text(p.user_id.as_uuid()),
        "joined_at": p.joined_at.millis(),
    }
}

/// A direct channel from its documents: the direct one `d`, the channel
/// row `c`, and its participants (longest present first).
fn direct_from_docs(
    d: &Document,
    c: &Document,
    people: &[&Document],
) -> StoreResult<DirectChannel> {
    let f = Fields::new(d, DIRECT_CHANNELS);
    let kind = ChannelKind::from_stored(f.str("kind")?)
        .ok_or_else(|| f.bad("kind", "is not a channel kind"))?;
    let owner_id = match f.opt_str("owner_id")? {
        Some(_) => Some(f.id("owner_id")?),
        None => None,
    };
    let participants = people
        .iter()
        .map(|p| {
            let f = Fields::new(p, DIRECT_PARTICIPANTS);
            Ok(Participant {
                user_id: f.id("user_id")?,
                joined_at: f.time("joined_at")?,
            })
        })
        .collect::<StoreResult<Vec<_>>>()?;
    Ok(DirectChannel {
        channel: channel_from_doc(c)?,
        kind,
        owner_id,
        participants,
    })
}

impl MongoStore {
    async fn load_direct(&self, id: ChannelId) -> StoreResult<Option<DirectChannel>> {
        let key = id_text(id.as_uuid());
        let Some(d) = self
            .collection(DIRECT_CHANNELS)
            .find_one(doc! { "_id": &key })
            .await
            .context("reading a direct channel")?
        else {
            return Ok(None);
        };
        let Some(c) = self
            .collection(CHANNELS)
            .find_one(doc! { "_id": &key })
            .await
            .context("reading a direct channel's row")?
        else {
            return Ok(None);
        };
        let people = find_all(
            &self.collection(DIRECT_PARTICIPANTS),
            doc! { "channel_id": &key },
            doc! { "joined_at": 1, "user_id": 1 },
            "reading a direct channel's participants",
        )
        .await?;
        let people: Vec<&Document> = people.iter().collect();
        direct_from_docs(&d, &c, &people).map(Some)
    }

    /// Every direct channel `user` is in, in five commands however many:
    /// their places, the channels' direct documents, rows and participants
    /// (each by `$in`), and the claims of the DMs' pairs.
    async fn load_directs_of(&self, user: UserId) -> StoreResult<Vec<DirectChannel>> {
        let mine = find_all(
            &self.collection(DIRECT_PARTICIPANTS),
            doc! { "user_id": id_text(user.as_uuid()) },
            doc! { "_id": 1 },
            "reading a user's direct channels",
        )
        .await?;
        let ids = mine
            .iter()
            .map(|d| {
                Fields::new(d, DIRECT_PARTICIPANTS)
                    .str("channel_id")
                    .map(|s| Bson::String(s.to_owned()))
            })
            .collect::<StoreResult<Vec<Bson>>>()?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let by_id = |what: &'static str, collection: &'static str| {
            let ids = ids.clone();
            async move {
                find_all(
                    &self.collection(collection),
                    doc! { "_id": { "$in": ids } },
                    doc! { "_id": 1 },
                    what,
                )
                .await
            }
        };
        let directs = by_id("reading direct channels", DIRECT_CHANNELS).await?;
        let rows = by_id("reading direct channels' rows", CHANNELS).await?;
        let people = find_all(
            &self.collection(DIRECT_PARTICIPANTS),
            doc! { "channel_id": { "$in": ids.clone() } },
            doc! { "joined_at": 1, "user_id": 1 },
            "reading direct channels' participants",
        )
        .await?;
        let mut out = Vec::with_capacity(directs.len());
        for d in &directs {
            let key = Fields::new(d, DIRECT_CHANNELS).str("_id")?;
            let Some(c) = rows.iter().find(|c| c.get_str("_id").ok() == Some(key)) else {
                continue;
            };
            let mine: Vec<&Document> = people
                .iter()
                .filter(|p| p.get_str("channel_id").ok() == Some(key))
                .collect();
            out.push(direct_from_docs(d, c, &mine)?);
        }
        self.drop_unclaimed_dms(out).await
    }

    /// Keeps groups and the DMs their pair's claim names (a race's loser,
    /// about to be deleted, is left out), reading the claims at once.
    async fn drop_unclaimed_dms(&self, all: Vec<DirectChannel>) -> StoreResult<Vec<DirectChannel>> {
        let pair_of = |d: &DirectChannel| match d.user_ids()[..] {
            [a, b] if d.kind == ChannelKind::Dm => Some(pair_key(a, b)),
            _ => None,
        };
        let pairs: Vec<Bson> = all.iter().filter_map(pair_of).map(Bson::String).collect();
        let claims = if pairs.is_empty() {
            Vec::new()
        } else {
            find_all(
                &self.collection(DM_PAIRS),
                doc! { "_id": { "$in": pairs } },
                doc! { "_id": 1 },
                "reading DM pairs",
            )
            .await?
        };
        Ok(all
            .into_iter()
            .filter(|d| {
                if d.kind != ChannelKind::Dm {
                    return true;
                }
                let Some(pair) = pair_of(d) else {
                    return false;
                };
                let id = id_text(d.channel.id.as_uuid());
                claims.iter().any(|c| {
                    c.get_str("_id").ok() == Some(pair.as_str())
                        && c.get_str("channel_id").ok() == Some(id.as_str())
                })
            })
            .collect())
    }

    async fn write_direct(&self, d: &DirectChannel, pair: Option<&str>) -> StoreResult<()> {
        let key = id_text(d.channel.id.as_uuid());
        let mut row = to_doc(&d.channel);
        row.insert("name_folded", &key);
        self.collection(CHANNELS)
            .insert_one(row)
            .await
            .context("inserting a direct channel's row")?;
        let owner = d
            .owner_id
            .map_or(Bson::Null, |o| Bson::String(id_text(o.as_uuid())));
        let pair = pair.map_or(Bson::Null, |p| Bson::String(p.to_owned()));
        self.collection(DIRECT_CHANNELS)
            .insert_one(
                doc! { "_id": &key, "kind": d.kind.as_str(), "owner_id": owner, "pair_key": pair },
            )
            .await
            .context("inserting a direct channel")?;
        let docs: Vec<Document> = d
            .participants
            .iter()
            .map(|p| participant_doc(d.channel.id, p))
            .collect();
        if !docs.is_empty() {
            self.collection(DIRECT_PARTICIPANTS)
                .insert_many(docs)
                .await
                .context("inserting a direct channel's participants")?;
        }
        Ok(())
    }

    /// Removes a direct channel's documents (messages first, the channel row last).
    async fn erase_direct(&self, id: ChannelId) -> StoreResult<()> {
        let key = id_text(id.as_uuid());
        self.collection(DIRECT_PARTICIPANTS)
            .delete_many(doc! { "channel_id": &key })
            .await
            .context("deleting a direct channel's participants")?;
        self.collection(DIRECT_CHANNELS)
            .delete_one(doc! { "_id": &key })
            .await
            .context("deleting a direct channel")?;
        self.delete_messages_of_channels(std::slice::from_ref(&key))
            .await?;
        self.collection(CHANNELS)
            .delete_one(doc! { "_id": &key })
            .await
            .context("deleting a direct channel's row")?;
        Ok(())
    }

    /// The channel id the pair's claim names, if claimed.
    async fn claimed_dm(&self, pair: &str) -> StoreResult<Option<String>> {
        let claim = self
            .collection(DM_PAIRS)
            .find_one(doc! { "_id": pair })
            .await
            .context("reading a DM pair")?;
        Ok(claim.and_then(|c| c.get_str("channel_id").ok().map(str::to_owned)))
    }
}

#[async_trait]
impl DirectStore for MongoStore {
    async fn open_dm(&self, dm: &DirectChannel) -> StoreResult<(DirectChannel, bool)> {
        let [a, b] = dm.user_ids()[..] else {
            return Err(StoreError::Backend("a DM has two participants".into()));
        };
        let pair = pair_key(a, b);
        if let Some(existing) = self.claimed_dm(&pair).await? {
            if let Some(found) = self.load_direct(parse_channel(&existing)?).await? {
                return Ok((found, false));
            }
        }
        self.write_direct(dm, Some(&pair)).await?;
        let won = self
            .claim(
                DM_PAIRS,
                doc! { "_id": &pair, "channel_id": id_text(dm.channel.id.as_uuid()) },
            )
            .await?;
        if won {
            let stored = self
                .load_direct(dm.channel.id)
                .await?
                .ok_or_else(|| StoreError::Backend("the DM just stored is missing".into()))?;
            return Ok((stored, true));
        }
        self.erase_direct(dm.channel.id).await?;
        let winner = self
            .claimed_dm(&pair)
            .await?
            .ok_or_else(|| StoreError::Backend("the pair's DM vanished".into()))?;
        let found = self
            .load_direct(parse_channel(&winner)?)
            .await?
            .ok_or_else(|| StoreError::Backend("the pair's DM vanished".into()))?;
        Ok((found, false))
    }

    async fn insert_group(&self, group: &DirectChannel) -> StoreResult<()> {
        self.write_direct(group, None).await
    }

    async fn direct_channel(&self, id: ChannelId) -> StoreResult<Option<DirectChannel>> {
        self.load_direct(id).await
    }

    async fn direct_channels_of(&self, user: UserId) -> StoreResult<Vec<DirectChannel>> {
        self.load_directs_of(user).await
    }

    async fn add_participant(
        &self,
        id: ChannelId,
        user: UserId,
        joined_at: Timestamp,
    ) -> StoreResult<bool> {
        let exists = self
            .collection(DIRECT_CHANNELS)
            .find_one(doc! { "_id": id_text(id.as_uuid()) })
            .await
            .context("reading a direct channel")?;
        if exists.is_none() {
            return Ok(false);
        }
        let p = Participant {
            user_id: user,
            joined_at,
        };
        self.claim(DIRECT_PARTICIPANTS, participant_doc(id, &p))
            .await
    }

    async fn remove_participant(&self, id: ChannelId, user: UserId) -> StoreResult<bool> {
        let result = self
            .collection(DIRECT_PARTICIPANTS)
            .delete_one(doc! { "_id": participant_key(id, user) })
            .await
            .context("removing a participant")?;
        Ok(result.deleted_count > 0)
    }

    async fn update_group(
        &self,
        id: ChannelId,
        name: &ChannelName,
        owner: UserId,
    ) -> StoreResult<bool> {
        let key = id_text(id.as_uuid());
        let result = self
            .collection(DIRECT_CHANNELS)
            .update_one(
                doc! { "_id": &key },
                doc! { "$set": { "owner_id": id_text(owner.as_uuid()) } },
            )
            .await
            .context("updating a group")?;
        if result.matched_count == 0 {
            return Ok(false);
        }
        self.collection(CHANNELS)
            .update_one(
                doc! { "_id": &key },
                doc! { "$set": { "name": name.as_str() } },
            )
            .await
            .context("renaming a group")?;
        Ok(true)
    }

    async fn delete_direct(&self, id: ChannelId) -> StoreResult<bool> {
        let Some(d) = self.load_direct(id).await? else {
            return Ok(false);
        };
        self.erase_direct(id).await?;
        if d.kind == ChannelKind::Dm {
            self.collection(DM_PAIRS)
                .delete_many(doc! { "channel_id": id_text(id.as_uuid()) })
                .await
                .context("freeing a DM pair")?;
        }
        Ok(true)
    }

    async fn insert_block(&self, block: &Block) -> StoreResult<bool> {
        self.claim(
            BLOCKS,
            doc! {
                "_id": block_key(block.user_id, block.blocked_id),
                "user_id": id_text(block.user_id.as_uuid()),
                "blocked_id": id_text(block.blocked_id.as_uuid()),
                "created_at": block.created_at.millis(),
            },
        )
        .await
    }

    async fn delete_block(&self, user: UserId, blocked: UserId) -> StoreResult<bool> {
        let result = self
            .collection(BLOCKS)
            .delete_one(doc! { "_id": block_key(user, blocked) })
            .await
            .context("lifting a block")?;
        Ok(result.deleted_count > 0)
    }

    async fn blocks_of(&self, user: UserId) -> StoreResult<Vec<Block>> {
        let docs = find_all(
            &self.collection(BLOCKS),
            doc! { "user_id": id_text(user.as_uuid()) },
            doc! { "created_at": 1, "blocked_id": 1 },
            "reading a user's blocks",
        )
        .await?;
        docs.iter()
            .map(|d| {
                let f = Fields::new(d, BLOCKS);
                Ok(Block {
                    user_id: f.id("user_id")?,
                    blocked_id: f.id("blocked_id")?,
                    created_at: f.time("created_at")?,
                })
            })
            .collect()
    }

    async fn blocked_between(&self, a: UserId, b: UserId) -> StoreResult<bool> {
        let found = self
            .collection(BLOCKS)
            .find_one(doc! { "_id": { "$in": [block_key(a, b), block_key(b, a)] } })
            .await
            .context("reading blocks")?;
        Ok(found.is_some())
    }

    async fn dm_policy(&self, user: UserId) -> StoreResult<Option<DmPolicy>> {
        let found = self
            .collection(DM_POLICIES)
            .find_one(doc! { "_id": id_text(user.as_uuid()) })
            .await
            .context("reading a DM policy")?;
        Ok(found
            .as_ref()
            .and_then(|d| d.get_str("policy").ok())
            .and_then(DmPolicy::from_stored))
    }

    async fn set_dm_policy(&self, user: UserId, policy: DmPolicy) -> StoreResult<()> {
        let id = id_text(user.as_uuid());
        match self
            .collection(DM_POLICIES)
            .replace_one(
                doc! { "_id": &id },
                doc! { "_id": &id, "policy": policy.as_str() },
            )
            .upsert(true)
            .await
        {
            Ok(_) => Ok(()),
            // Two first settings at once: one insert lost; write again.
            Err(e) if is_duplicate_key(&e) => self
                .collection(DM_POLICIES)
                .replace_one(
                    doc! { "_id": &id },
                    doc! { "_id": &id, "policy": policy.as_str() },
                )
                .await
                .map(drop)
                .map_err(|e| backend("setting a DM policy", e)),
            Err(e) => Err(backend("setting a DM policy", e)),
        }
    }
}

fn parse_channel(text: &str) -> StoreResult<ChannelId> {
    ChannelId::parse(text, "channel_id")
        .map_err(|e| StoreError::Backend(format!("mongodb: stored DM pair: {e}")))
}
