//! Read markers and notification settings: the `read_states`,
//! `server_notification_settings` and `channel_notification_settings`
//! collections, one document per (user, place) under `_id:
//! "<user>:<place>"`.
//!
//! A marker moves with `$max` in one `findAndModify`, so on MongoDB two
//! acks at once can never move it back. (FerretDB 1.x applies updates as
//! read-then-write, so there two *concurrent* writes of one pair could
//! leave the older; the core writes each pair at most once every few
//! seconds, which makes that race practically unreachable.)
//!
//! `read_states_of` runs six commands plus one per unread channel:
//! memberships, direct participations, channels, markers, then two
//! aggregations (three when the user is in direct channels) over messages
//! whose `$match` is an `$or` of one `{channel_id, _id > marker}` branch
//! per channel (each a range of the `channel_history` index on MongoDB):
//! one counts the unread messages per channel, the other those that
//! mention the user, or in a direct channel those the user did not write
//! (FerretDB 1.x has only `$sum`/`$count` accumulators).
//! Channels with unread messages then look up their newest id (16 at a
//! time); a fully read channel reports its marker as its newest message
//! (nothing newer exists). Unlike the SQL
//! stores, the count is not stopped at 101 per channel: MongoDB's `$group`
//! cannot stop early, so a channel costs one index entry per unread message.
//!
//! Markers and settings of deleted channels and servers left are skipped
//! by the reads (they filter by current memberships and channels), not
//! deleted: nothing here touches the other areas' deletes.

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use chat_core::ids::{ChannelId, MessageId, ServerId, UserId};
use chat_core::reads::{
    ChannelNotificationSettings, NotificationSettings, NotifyLevel, ReadState, ReadStateStore,
    ServerNotificationSettings, UnreadCounts, UNREAD_CAP,
};
use chat_core::StoreResult;
use futures::{StreamExt, TryStreamExt};
use mongodb::bson::{doc, Bson, Document};
use mongodb::options::ReturnDocument;

use crate::codec::{id_text, opt_millis, Fields};
use crate::error::{is_duplicate_key, Context};
use crate::indexes::names::{
    CHANNELS, CHANNEL_NOTIFICATIONS, DIRECT_CHANNELS, DIRECT_PARTICIPANTS, MEMBERSHIPS, MESSAGES,
    READ_STATES, SERVER_NOTIFICATIONS,
};
use crate::{find_all, MongoStore};

fn pair_id(user: UserId, place: uuid::Uuid) -> String {
    format!("{}:{}", id_text(user.as_uuid()), id_text(place))
}

pub(crate) fn server_settings(doc: &Document) -> StoreResult<ServerNotificationSettings> {
    let f = Fields::new(doc, SERVER_NOTIFICATIONS);
    Ok(ServerNotificationSettings {
        server_id: f.id("server_id")?,
        level: NotifyLevel::parse_for_server(f.str("level")?).map_err(|e| f.invalid("level", e))?,
        muted_until: f.opt_time("muted_until")?,
        suppress_everyone: f.bool("suppress_everyone")?,
    })
}

pub(crate) fn channel_settings(doc: &Document) -> StoreResult<ChannelNotificationSettings> {
    let f = Fields::new(doc, CHANNEL_NOTIFICATIONS);
    Ok(ChannelNotificationSettings {
        channel_id: f.id("channel_id")?,
        server_id: f.id("server_id")?,
        level: NotifyLevel::parse_for_channel(f.str("level")?)
            .map_err(|e| f.invalid("level", e))?,
        muted_until: f.opt_time("muted_until")?,
    })
}

/// A channel as `read_states_of` needs it.
struct Place {
    channel: ChannelId,
    server: ServerId,
    position: i64,
}

impl MongoStore {
    /// The ids of the servers `user` is a member of.
    async fn server_ids_of(&self, user: UserId) -> StoreResult<HashSet<String>> {
        let docs = find_all(
            &self.collection(MEMBERSHIPS),
            doc! { "user_id": id_text(user.as_uuid()) },
            doc! {},
            "reading a user's memberships",
        )
        .await?;
        docs.iter()
            .map(|d| {
                Fields::new(d, MEMBERSHIPS)
                    .str("server_id")
                    .map(str::to_owned)
            })
            .collect()
    }

    /// The ids of the direct channels `user` is in.
    async fn direct_ids_of(&self, user: UserId) -> StoreResult<Vec<String>> {
        let docs = find_all(
            &self.collection(DIRECT_PARTICIPANTS),
            doc! { "user_id": id_text(user.as_uuid()) },
            doc! {},
            "reading a user's direct channels",
        )
        .await?;
        docs.iter()
            .map(|d| {
                Fields::new(d, DIRECT_PARTICIPANTS)
                    .str("channel_id")
                    .map(str::to_owned)
            })
            .collect()
    }

    /// Whether `channel` is a direct channel.
    async fn is_direct(&self, channel: ChannelId) -> StoreResult<bool> {
        Ok(self
            .collection(DIRECT_CHANNELS)
            .find_one(doc! { "_id": id_text(channel.as_uuid()) })
            .projection(doc! { "_id": 1 })
            .await
            .context("reading a direct channel")?
            .is_some())
    }

    /// Per channel id: how many messages match its `$or` branch (plus
    /// `extra`).
    async fn group_by_channel(
        &self,
        branches: Vec<Document>,
        extra: Document,
    ) -> StoreResult<HashMap<String, u64>> {
        if branches.is_empty() {
            return Ok(HashMap::new());
        }
        let mut matcher = doc! { "$or": branches };
        matcher.extend(extra);
        let pipeline = vec![
            doc! { "$match": matcher },
            // FerretDB 1.x has no `$max` or `$first` accumulator.
            doc! { "$group": { "_id": "$channel_id", "n": { "$sum": 1 } } },
        ];
        let docs: Vec<Document> = self
            .collection(MESSAGES)
            .aggregate(pipeline)
            .await
            .context("counting unread messages")?
            .try_collect()
            .await
            .context("counting unread messages")?;
        let mut out = HashMap::new();
        for d in &docs {
            let f = Fields::new(d, MESSAGES);
            let n = u64::try_from(f.i64("n")?).unwrap_or(0);
            out.insert(f.str("_id")?.to_owned(), n);
        }
        Ok(out)
    }
}

/// How many newest-message lookups `read_states_of` runs at once.
const NEWEST_LOOKUPS_AT_ONCE: usize = 16;

impl MongoStore {
    /// The channel with its newest message id.
    async fn newest_of(&self, channel: ChannelId) -> StoreResult<(ChannelId, Option<MessageId>)> {
        Ok((channel, self.newest_message(channel).await?))
    }

    /// The channel's newest message id (the last of `channel_history`).
    async fn newest_message(&self, channel: ChannelId) -> StoreResult<Option<MessageId>> {
        let newest = self
            .collection(MESSAGES)
            .find_one(doc! { "channel_id": id_text(channel.as_uuid()) })
            .sort(doc! { "_id": -1 })
            .projection(doc! { "_id": 1 })
            .await
            .context("reading a channel's newest message")?;
        newest
            .as_ref()
            .map(|d| Fields::new(d, MESSAGES).id("_id"))
            .transpose()
    }
}

fn message_id(text: &str) -> Option<MessageId> {
    uuid::Uuid::parse_str(text).ok().map(MessageId::from_uuid)
}

#[async_trait]
impl ReadStateStore for MongoStore {
    async fn advance_read_marker(
        &self,
        user: UserId,
        channel: ChannelId,
        message: MessageId,
    ) -> StoreResult<MessageId> {
        let update = doc! {
            "$max": { "last_read": id_text(message.as_uuid()) },
            "$set": {
                "user_id": id_text(user.as_uuid()),
                "channel_id": id_text(channel.as_uuid()),
            },
        };
        // Two first acks at once both try to insert: the loser retries
        // as an update.
        for _ in 0..2 {
            let result = self
                .collection(READ_STATES)
                .find_one_and_update(
                    doc! { "_id": pair_id(user, channel.as_uuid()) },
                    update.clone(),
                )
                .upsert(true)
                .return_document(ReturnDocument::After)
                .await;
            match result {
                Ok(Some(d)) => {
                    let f = Fields::new(&d, READ_STATES);
                    return f.id("last_read").map(MessageId::from_uuid);
                }
                Ok(None) => return Ok(message),
                Err(e) if is_duplicate_key(&e) => continue,
                Err(e) => return Err(crate::error::backend("storing a read marker", e)),
            }
        }
        Ok(message)
    }

    async fn read_states_of(&self, user: UserId) -> StoreResult<Vec<ReadState>> {
        let servers: Vec<String> = self.server_ids_of(user).await?.into_iter().collect();
        let direct = self.direct_ids_of(user).await?;
        if servers.is_empty() && direct.is_empty() {
            return Ok(Vec::new());
        }
        let channel_docs = find_all(
            &self.collection(CHANNELS),
            doc! { "$or": [
                { "server_id": { "$in": &servers } },
                { "_id": { "$in": &direct } },
            ] },
            doc! {},
            "reading the channels of a user's servers",
        )
        .await?;
        let mut places = channel_docs
            .iter()
            .map(|d| {
                let f = Fields::new(d, CHANNELS);
                Ok(Place {
                    channel: f.id("_id")?,
                    server: f.id("server_id")?,
                    position: f.i64("position")?,
                })
            })
            .collect::<StoreResult<Vec<_>>>()?;
        places.sort_by_key(|p| (p.server, p.position, p.channel));
        let marker_docs = find_all(
            &self.collection(READ_STATES),
            doc! { "user_id": id_text(user.as_uuid()) },
            doc! {},
            "reading read markers",
        )
        .await?;
        let mut markers: HashMap<String, String> = HashMap::new();
        for d in &marker_docs {
            let f = Fields::new(d, READ_STATES);
            markers.insert(
                f.str("channel_id")?.to_owned(),
                f.str("last_read")?.to_owned(),
            );
        }
        let branch = |p: &Place| {
            let channel = id_text(p.channel.as_uuid());
            match markers.get(&channel) {
                Some(m) => doc! { "channel_id": channel, "_id": { "$gt": m } },
                None => doc! { "channel_id": channel },
            }
        };
        let (in_direct, in_servers): (Vec<&Place>, Vec<&Place>) =
            places.iter().partition(|p| p.server.is_direct());
        let branches: Vec<Document> = places.iter().map(branch).collect();
        let unread = self.group_by_channel(branches, doc! {}).await?;
        let me = id_text(user.as_uuid());
        let mut mentioned = self
            .group_by_channel(
                in_servers.into_iter().map(branch).collect(),
                doc! { "mentions": &me },
            )
            .await?;
        // In a direct channel every message of the others counts.
        mentioned.extend(
            self.group_by_channel(
                in_direct.into_iter().map(branch).collect(),
                doc! { "author_id": { "$ne": &me } },
            )
            .await?,
        );
        // The newest message, looked up only where something is unread.
        let with_unread: Vec<ChannelId> = places
            .iter()
            .map(|p| p.channel)
            .filter(|c| unread.contains_key(&id_text(c.as_uuid())))
            .collect();
        let newest: HashMap<ChannelId, MessageId> = futures::stream::iter(with_unread)
            .map(|c| self.newest_of(c))
            .buffer_unordered(NEWEST_LOOKUPS_AT_ONCE)
            .try_collect::<Vec<(ChannelId, Option<MessageId>)>>()
            .await?
            .into_iter()
            .filter_map(|(c, m)| Some((c, m?)))
            .collect();
        Ok(places
            .iter()
            .map(|p| {
                let channel = id_text(p.channel.as_uuid());
                let marker = markers.get(&channel).and_then(|m| message_id(m));
                let counts = UnreadCounts {
                    counted: unread.get(&channel).copied().unwrap_or(0),
                    mentions: mentioned.get(&channel).copied().unwrap_or(0),
                    last_message_id: newest.get(&p.channel).copied().or(marker),
                };
                ReadState::from_counts(p.channel, p.server, marker, counts)
            })
            .collect())
    }

    async fn unread_after(
        &self,
        user: UserId,
        channel: ChannelId,
        after: Option<MessageId>,
    ) -> StoreResult<UnreadCounts> {
        let mut filter = doc! { "channel_id": id_text(channel.as_uuid()) };
        if let Some(after) = after {
            filter.insert("_id", doc! { "$gt": id_text(after.as_uuid()) });
        }
        let messages = self.collection(MESSAGES);
        let counted = messages
            .count_documents(filter.clone())
            .limit(u64::from(UNREAD_CAP) + 1)
            .await
            .context("counting unread messages")?;
        let mut mentions_filter = filter;
        if self.is_direct(channel).await? {
            mentions_filter.insert("author_id", doc! { "$ne": id_text(user.as_uuid()) });
        } else {
            mentions_filter.insert("mentions", id_text(user.as_uuid()));
        }
        let mentions = messages
            .count_documents(mentions_filter)
            .await
            .context("counting mentions")?;
        let last_message_id = self.newest_message(channel).await?;
        Ok(UnreadCounts {
            counted,
            mentions,
            last_message_id,
        })
    }

    async fn put_server_notifications(
        &self,
        user: UserId,
        s: &ServerNotificationSettings,
    ) -> StoreResult<()> {
        let document = doc! {
            "user_id": id_text(user.as_uuid()),
            "server_id": id_text(s.server_id.as_uuid()),
            "level": s.level.as_str(),
            "muted_until": opt_millis(s.muted_until),
            "suppress_everyone": s.suppress_everyone,
        };
        self.collection(SERVER_NOTIFICATIONS)
            .replace_one(
                doc! { "_id": pair_id(user, s.server_id.as_uuid()) },
                document,
            )
            .upsert(true)
            .await
            .context("storing server notification settings")?;
        Ok(())
    }

    async fn put_channel_notifications(
        &self,
        user: UserId,
        s: &ChannelNotificationSettings,
    ) -> StoreResult<()> {
        let document = doc! {
            "user_id": id_text(user.as_uuid()),
            "channel_id": id_text(s.channel_id.as_uuid()),
            "server_id": id_text(s.server_id.as_uuid()),
            "level": s.level.as_str(),
            "muted_until": opt_millis(s.muted_until),
        };
        self.collection(CHANNEL_NOTIFICATIONS)
            .replace_one(
                doc! { "_id": pair_id(user, s.channel_id.as_uuid()) },
                document,
            )
            .upsert(true)
            .await
            .context("storing channel notification settings")?;
        Ok(())
    }

    async fn notification_settings_of(&self, user: UserId) -> StoreResult<NotificationSettings> {
        let member_of = self.server_ids_of(user).await?;
        let mine = doc! { "user_id": id_text(user.as_uuid()) };
        let servers = find_all(
            &self.collection(SERVER_NOTIFICATIONS),
            mine.clone(),
            doc! { "server_id": 1 },
            "reading server notification settings",
        )
        .await?
        .iter()
        .map(server_settings)
        .collect::<StoreResult<Vec<_>>>()?
        .into_iter()
        .filter(|s| member_of.contains(&id_text(s.server_id.as_uuid())))
        .collect();
        let channels: Vec<ChannelNotificationSettings> = find_all(
            &self.collection(CHANNEL_NOTIFICATIONS),
            mine,
            doc! { "channel_id": 1 },
            "reading channel notification settings",
        )
        .await?
        .iter()
        .map(channel_settings)
        .collect::<StoreResult<Vec<_>>>()?
        .into_iter()
        .filter(|s| member_of.contains(&id_text(s.server_id.as_uuid())))
        .collect();
        let ids: Vec<Bson> = channels
            .iter()
            .map(|c| Bson::String(id_text(c.channel_id.as_uuid())))
            .collect();
        let existing = self.existing_ids(CHANNELS, ids).await?;
        let channels = channels
            .into_iter()
            .filter(|c| existing.contains(&id_text(c.channel_id.as_uuid())))
            .collect();
        Ok(NotificationSettings { servers, channels })
    }
}
