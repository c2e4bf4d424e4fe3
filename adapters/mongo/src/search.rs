//! Message search by a bounded scan. FerretDB 1.24 (the MongoDB-wire
//! server this adapter is tested on) has no text indexes, so every
//! message carries `search_text`: its words as the core folds them, one
//! space apart with a space at each end. A word is the regex ` word `, a
//! prefix ` pre`, a phrase ` a b `; exclusions go under `$nor`. On
//! MongoDB the `(channel_id, _id)` index narrows the scan; FerretDB 1.24
//! scans the collection. Either way it is bounded in time
//! ([`SCAN_TIME_LIMIT`]); see `docs/decisions.md` (Search) for operators.

use std::collections::BTreeSet;
use std::time::Duration;

use async_trait::async_trait;
use chat_core::ids::MessageId;
use chat_core::messages::Message;
use chat_core::search::{search_text, SearchFilter, SearchStore, Term};
use chat_core::StoreResult;
use futures::TryStreamExt;
use mongodb::bson::{doc, Bson, Document};
use mongodb::Database;

use crate::codec::id_text;
use crate::error::Context;
use crate::indexes::names::{ATTACHMENTS, MESSAGES};
use crate::messages::from_doc;
use crate::{find_all, MongoStore};

/// The longest a search may scan before it fails (instead of holding the
/// database for a whole large server).
pub const SCAN_TIME_LIMIT: Duration = Duration::from_secs(10);

/// A regex that matches `text` literally.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\^$.|?*+()[]{}".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The regex of one term over `search_text`.
fn term_regex(term: &Term) -> String {
    let words = literal(&term.words.join(" "));
    if term.prefix {
        format!(" {words}")
    } else {
        format!(" {words} ")
    }
}

fn on_text(term: &Term) -> Document {
    doc! { "search_text": { "$regex": term_regex(term) } }
}

/// The filter of a search; `with_files` (for `has_file`) lists the
/// messages that carry attachments.
fn filter_doc(
    filter: &SearchFilter,
    cursor: Option<MessageId>,
    with_files: Option<&[Bson]>,
) -> Document {
    let channels: Vec<Bson> = filter
        .channels
        .iter()
        .map(|c| Bson::String(id_text(c.as_uuid())))
        .collect();
    let mut d = doc! { "channel_id": { "$in": channels } };
    if let Some(author) = filter.author {
        d.insert("author_id", id_text(author.as_uuid()));
    }
    if let Some(user) = filter.mentions {
        d.insert("mentions", id_text(user.as_uuid()));
    }
    let mut created = Document::new();
    if let Some(before) = filter.before {
        created.insert("$lt", before.millis());
    }
    if let Some(after) = filter.after {
        created.insert("$gt", after.millis());
    }
    if !created.is_empty() {
        d.insert("created_at", created);
    }
    if let Some(cursor) = cursor {
        d.insert("_id", doc! { "$lt": id_text(cursor.as_uuid()) });
    }
    let mut all: Vec<Document> = filter.query.required.iter().map(on_text).collect();
    if filter.has_link {
        all.push(doc! { "content": { "$regex": "[hH][tT][tT][pP][sS]?://" } });
    }
    if let Some(ids) = with_files {
        all.push(doc! { "_id": { "$in": ids } });
    }
    d.insert("$and", all);
    if !filter.query.excluded.is_empty() {
        let none: Vec<Document> = filter.query.excluded.iter().map(on_text).collect();
        d.insert("$nor", none);
    }
    d
}

/// Sets `search_text` on messages stored before search existed (run at
/// connect; a no-op once every message has it).
pub(crate) async fn backfill(db: &Database) -> StoreResult<()> {
    let messages = db.collection::<Document>(MESSAGES);
    loop {
        let batch: Vec<Document> = messages
            .find(doc! { "search_text": { "$exists": false } })
            .projection(doc! { "_id": 1, "content": 1 })
            .limit(500)
            .await
            .context("finding messages to index for search")?
            .try_collect()
            .await
            .context("finding messages to index for search")?;
        if batch.is_empty() {
            return Ok(());
        }
        for d in batch {
            let (Some(id), Ok(content)) = (d.get("_id"), d.get_str("content")) else {
                continue;
            };
            messages
                .update_one(
                    doc! { "_id": id.clone() },
                    doc! { "$set": { "search_text": search_text(content) } },
                )
                .await
                .context("indexing a message for search")?;
        }
    }
}

impl MongoStore {
    /// For `has_file`, the ids of the messages of the searched channels
    /// that carry attachments (FerretDB 1.x has no `$lookup`, so the
    /// attachments are read first: one command); `None` without `has_file`.
    async fn with_files(&self, filter: &SearchFilter) -> StoreResult<Option<Vec<Bson>>> {
        if !filter.has_file {
            return Ok(None);
        }
        let channels: Vec<Bson> = filter
            .channels
            .iter()
            .map(|c| Bson::String(id_text(c.as_uuid())))
            .collect();
        let docs = find_all(
            &self.collection(ATTACHMENTS),
            doc! { "channel_id": { "$in": channels }, "message_id": { "$ne": Bson::Null } },
            doc! {},
            "finding messages with attachments",
        )
        .await?;
        let ids: BTreeSet<&str> = docs
            .iter()
            .filter_map(|d| d.get_str("message_id").ok())
            .collect();
        Ok(Some(
            ids.into_iter()
                .map(|m| Bson::String(m.to_owned()))
                .collect(),
        ))
    }
}

#[async_trait]
impl SearchStore for MongoStore {
    async fn search_messages(
        &self,
        filter: &SearchFilter,
        cursor: Option<MessageId>,
        limit: u32,
    ) -> StoreResult<Vec<Message>> {
        if filter.channels.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let files = self.with_files(filter).await?;
        let found: Vec<Document> = self
            .collection(MESSAGES)
            .find(filter_doc(filter, cursor, files.as_deref()))
            .sort(doc! { "_id": -1 })
            .limit(i64::from(limit))
            .max_time(SCAN_TIME_LIMIT)
            .await
            .context("searching messages")?
            .try_collect()
            .await
            .context("searching messages")?;
        found.iter().map(from_doc).collect()
    }

    async fn count_search(&self, filter: &SearchFilter, cap: u64) -> StoreResult<u64> {
        if filter.channels.is_empty() || cap == 0 {
            return Ok(0);
        }
        let files = self.with_files(filter).await?;
        let ids: Vec<Document> = self
            .collection(MESSAGES)
            .find(filter_doc(filter, None, files.as_deref()))
            .projection(doc! { "_id": 1 })
            .limit(i64::try_from(cap).unwrap_or(i64::MAX))
            .max_time(SCAN_TIME_LIMIT)
            .await
            .context("counting search results")?
            .try_collect()
            .await
            .context("counting search results")?;
        Ok(ids.len() as u64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chat_core::search::SearchQuery;

    #[test]
    fn terms_become_regexes_over_the_folded_words() {
        let q = SearchQuery::parse(r#""Dry Run" café"#).unwrap();
        assert_eq!(term_regex(&q.required[0]), " dry run ");
        assert_eq!(term_regex(&q.required[1]), " cafe");
        assert_eq!(literal("a.b"), "a\\.b");
    }
}
