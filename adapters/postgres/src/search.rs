//! Message search on the `search_vector` GIN index (migration 9): the
//! query's words become a `tsquery` (`<->` inside phrases, `:*` on a
//! prefix, `!` for exclusions) and the filters plain conditions.

use async_trait::async_trait;
use chat_core::ids::MessageId;
use chat_core::messages::Message;
use chat_core::search::{search_text, SearchFilter, SearchQuery, SearchStore, Term};
use chat_core::StoreResult;
use deadpool_postgres::Object;
use tokio_postgres::types::ToSql;
use uuid::Uuid;

use crate::error::db;
use crate::messages::{message, COLUMNS};
use crate::rows::{all, col, count};
use crate::PgStore;

/// One term as tsquery text: its folded words (letters and digits only,
/// so nothing needs quoting) joined by `<->`, `:*` on a prefix.
fn ts_term(term: &Term) -> String {
    let mut text = term.words.join(" <-> ");
    if term.prefix {
        text.push_str(":*");
    }
    format!("({text})")
}

/// The `to_tsquery('simple', …)` text of a query.
pub(crate) fn ts_query(query: &SearchQuery) -> String {
    let mut parts: Vec<String> = query.required.iter().map(ts_term).collect();
    parts.extend(query.excluded.iter().map(|t| format!("!{}", ts_term(t))));
    parts.join(" & ")
}

type Param = Box<dyn ToSql + Sync + Send>;

/// The WHERE of a search, with its parameters.
fn conditions(filter: &SearchFilter, cursor: Option<MessageId>) -> (String, Vec<Param>) {
    let channels: Vec<Uuid> = filter.channels.iter().map(|c| c.as_uuid()).collect();
    let mut params: Vec<Param> = vec![Box::new(ts_query(&filter.query)), Box::new(channels)];
    let mut sql = String::from(
        " FROM messages WHERE search_vector @@ to_tsquery('simple', $1) AND channel_id = ANY($2)",
    );
    let mut add = |condition: &str, p: Param, params: &mut Vec<Param>| {
        params.push(p);
        sql.push_str(&condition.replace("$?", &format!("${}", params.len())));
    };
    if let Some(author) = filter.author {
        add(
            " AND author_id = $?",
            Box::new(author.as_uuid()),
            &mut params,
        );
    }
    if let Some(user) = filter.mentions {
        add(
            " AND $? = ANY(mentions)",
            Box::new(user.as_uuid()),
            &mut params,
        );
    }
    if let Some(before) = filter.before {
        add(
            " AND created_at < $?",
            Box::new(before.millis()),
            &mut params,
        );
    }
    if let Some(after) = filter.after {
        add(
            " AND created_at > $?",
            Box::new(after.millis()),
            &mut params,
        );
    }
    if let Some(cursor) = cursor {
        add(" AND id < $?", Box::new(cursor.as_uuid()), &mut params);
    }
    if filter.has_link {
        sql.push_str(
            " AND (strpos(lower(content), 'http://') > 0 OR strpos(lower(content), 'https://') > 0)",
        );
    }
    if filter.has_file {
        sql.push_str(" AND EXISTS (SELECT 1 FROM attachments a WHERE a.message_id = messages.id)");
    }
    (sql, params)
}

fn refs(params: &[Param]) -> Vec<&(dyn ToSql + Sync)> {
    params
        .iter()
        .map(|p| p.as_ref() as &(dyn ToSql + Sync))
        .collect()
}

/// Fills `search_text` of messages stored before migration 9, a batch at
/// a time (run at connect, after the migrations).
pub(crate) async fn backfill(client: &mut Object) -> StoreResult<()> {
    loop {
        let rows = client
            .query(
                "SELECT id, content FROM messages WHERE search_text IS NULL LIMIT 500",
                &[],
            )
            .await
            .map_err(db)?;
        if rows.is_empty() {
            return Ok(());
        }
        let tx = client.transaction().await.map_err(db)?;
        for row in &rows {
            let id: Uuid = col(row, "id")?;
            let content: String = col(row, "content")?;
            tx.execute(
                "UPDATE messages SET search_text = $2 WHERE id = $1",
                &[&id, &search_text(&content)],
            )
            .await
            .map_err(db)?;
        }
        tx.commit().await.map_err(db)?;
    }
}

#[async_trait]
impl SearchStore for PgStore {
    async fn search_messages(
        &self,
        filter: &SearchFilter,
        cursor: Option<MessageId>,
        limit: u32,
    ) -> StoreResult<Vec<Message>> {
        if filter.channels.is_empty() || limit == 0 {
            return Ok(Vec::new());
        }
        let (conditions, mut params) = conditions(filter, cursor);
        params.push(Box::new(i64::from(limit)));
        let sql = format!(
            "SELECT {COLUMNS}{conditions} ORDER BY id DESC LIMIT ${}",
            params.len()
        );
        let rows = self.query(&sql, &refs(&params)).await?;
        all(&rows, message)
    }

    async fn count_search(&self, filter: &SearchFilter, cap: u64) -> StoreResult<u64> {
        if filter.channels.is_empty() || cap == 0 {
            return Ok(0);
        }
        let (conditions, mut params) = conditions(filter, None);
        params.push(Box::new(i64::try_from(cap).unwrap_or(i64::MAX)));
        let sql = format!(
            "SELECT COUNT(*) FROM (SELECT 1{conditions} LIMIT ${}) AS hits",
            params.len()
        );
        let rows = self.query(&sql, &refs(&params)).await?;
        rows.first().map_or(Ok(0), count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_become_tsqueries() {
        let q = SearchQuery::parse(r#"Café "dry run" -staging deplo"#).unwrap();
        assert_eq!(
            ts_query(&q),
            "(cafe) & (dry <-> run) & (deplo:*) & !(staging)"
        );
    }
}
