//! Message search on FTS5 (`messages_fts`, see migration 9): the query's
//! words become an FTS5 expression (phrases in quotes, `*` on a prefix,
//! `NOT` for exclusions) and the filters plain conditions on `messages`.

use async_trait::async_trait;
use chat_core::ids::MessageId;
use chat_core::messages::Message;
use chat_core::search::{SearchFilter, SearchQuery, SearchStore, Term};
use chat_core::StoreResult;
use rusqlite::types::Value;

use crate::db::read;
use crate::error::backend;
use crate::messages::message_from_row;
use crate::SqliteStore;

const COLUMNS: &str = "m.id, m.channel_id, m.server_id, m.author_id, m.content, m.mentions, \
     m.created_at, m.edited_at, m.nonce, m.reply_to, m.pinned_at";

/// One term as an FTS5 string: its words as typed (FTS5's tokenizer folds
/// them exactly as it folded the content), `*` when the last is a prefix.
fn fts_term(term: &Term) -> String {
    let words = term.raw.join(" ").replace('"', "\"\"");
    if term.prefix {
        format!("\"{words}\" *")
    } else {
        format!("\"{words}\"")
    }
}

/// The FTS5 MATCH expression of a query.
pub(crate) fn fts_expression(query: &SearchQuery) -> String {
    let required: Vec<String> = query.required.iter().map(fts_term).collect();
    let mut expr = format!("({})", required.join(" AND "));
    if !query.excluded.is_empty() {
        let excluded: Vec<String> = query.excluded.iter().map(fts_term).collect();
        expr = format!("{expr} NOT ({})", excluded.join(" OR "));
    }
    expr
}

/// The FROM and WHERE of a search, with its parameters.
fn conditions(filter: &SearchFilter, cursor: Option<MessageId>) -> (String, Vec<Value>) {
    let mut params: Vec<Value> = vec![Value::Text(fts_expression(&filter.query))];
    let mut sql = String::from(
        // CROSS JOIN fixes the loop order: the full-text index drives, and
        // the other conditions filter its hits (never a MATCH per row of
        // an author's or a channel's messages).
        " FROM messages_fts f CROSS JOIN message_search s CROSS JOIN messages m \
          WHERE messages_fts MATCH ?1 AND s.seq = f.rowid AND m.id = s.message_id",
    );
    let blob = |u: uuid::Uuid| Value::Blob(u.as_bytes().to_vec());
    sql.push_str(" AND m.channel_id IN (");
    for (i, c) in filter.channels.iter().enumerate() {
        params.push(blob(c.as_uuid()));
        if i > 0 {
            sql.push(',');
        }
        sql.push_str(&format!("?{}", params.len()));
    }
    sql.push(')');
    if let Some(author) = filter.author {
        params.push(blob(author.as_uuid()));
        sql.push_str(&format!(" AND m.author_id = ?{}", params.len()));
    }
    if let Some(user) = filter.mentions {
        params.push(blob(user.as_uuid()));
        let n = params.len();
        sql.push_str(&format!(
            " AND instr(m.mentions, ?{n}) > 0 AND (instr(m.mentions, ?{n}) - 1) % 16 = 0"
        ));
    }
    if let Some(before) = filter.before {
        params.push(Value::Integer(before.millis()));
        sql.push_str(&format!(" AND m.created_at < ?{}", params.len()));
    }
    if let Some(after) = filter.after {
        params.push(Value::Integer(after.millis()));
        sql.push_str(&format!(" AND m.created_at > ?{}", params.len()));
    }
    if filter.has_link {
        sql.push_str(
            " AND (instr(lower(m.content), 'http://') > 0 OR instr(lower(m.content), 'https://') > 0)",
        );
    }
    if filter.has_file {
        // `attachments_message` holds only attachments given to a message.
        sql.push_str(" AND EXISTS (SELECT 1 FROM attachments a WHERE a.message_id = m.id)");
    }
    if let Some(cursor) = cursor {
        // Pages follow the index's key (storage order, see `search_messages`):
        // below the cursor's key, or, if that message is gone, below the
        // oldest one stored after it.
        params.push(blob(cursor.as_uuid()));
        let n = params.len();
        sql.push_str(&format!(
            " AND f.rowid < COALESCE(\
               (SELECT seq FROM message_search WHERE message_id = ?{n}), \
               (SELECT MIN(seq) FROM message_search WHERE message_id > ?{n}), \
               9223372036854775807)"
        ));
    }
    (sql, params)
}

#[async_trait]
impl SearchStore for SqliteStore {
    async fn search_messages(
        &self,
        filter: &SearchFilter,
        cursor: Option<MessageId>,
        limit: u32,
    ) -> StoreResult<Vec<Message>> {
        if filter.channels.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        // Newest first by the index's key, the order messages were stored
        // in (their id order: ids are time-ordered and taken when stored;
        // migrations and `chat-server migrate` copy in id order). FTS5 then
        // hands hits over newest first and stops at the page, where
        // ordering by id read and sorted every hit (3-4 s for a common
        // word at 1M messages).
        let (conditions, mut params) = conditions(filter, cursor);
        params.push(Value::Integer(limit.into()));
        let sql = format!(
            "SELECT {COLUMNS}{conditions} ORDER BY f.rowid DESC LIMIT ?{}",
            params.len()
        );
        read(&self.db, move |conn| {
            conn.prepare_cached(&sql)
                .and_then(|mut st| {
                    st.query_map(rusqlite::params_from_iter(params), message_from_row)?
                        .collect()
                })
                .map_err(backend)
        })
        .await
    }

    async fn count_search(&self, filter: &SearchFilter, cap: u64) -> StoreResult<u64> {
        if filter.channels.is_empty() || cap == 0 {
            return Ok(0);
        }
        let (conditions, mut params) = conditions(filter, None);
        params.push(Value::Integer(i64::try_from(cap).unwrap_or(i64::MAX)));
        let sql = format!(
            "SELECT COUNT(*) FROM (SELECT 1{conditions} LIMIT ?{})",
            params.len()
        );
        read(&self.db, move |conn| {
            conn.prepare_cached(&sql)
                .and_then(|mut st| {
                    st.query_row(rusqlite::params_from_iter(params), |r| r.get::<_, i64>(0))
                })
                .map(i64::unsigned_abs)
                .map_err(backend)
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_become_fts5_expressions() {
        let q = SearchQuery::parse(r#"Café "dry run" -staging -"e mail" deplo"#).unwrap();
        assert_eq!(
            fts_expression(&q),
            r#"("Café" AND "dry run" AND "deplo" *) NOT ("staging" OR "e mail")"#
        );
    }
}
