//! Running one statement as a cached prepared statement, on a pooled
//! connection or inside a transaction, with errors already mapped.

use chat_core::StoreResult;
use deadpool_postgres::GenericClient;
use tokio_postgres::types::ToSql;
use tokio_postgres::Row;

use crate::error::db;
use crate::PgStore;

/// Statement parameters.
pub(crate) type Params<'a> = &'a [&'a (dyn ToSql + Sync)];

/// Runs a query on `c` and returns its rows.
pub(crate) async fn query<C: GenericClient>(
    c: &C,
    sql: &str,
    params: Params<'_>,
) -> StoreResult<Vec<Row>> {
    let started = std::time::Instant::now();
    let stmt = c.prepare_cached(sql).await.map_err(db)?;
    let rows = c.query(&stmt, params).await.map_err(db);
    record(sql, started);
    rows
}

/// The metric of store call latency (`/metrics`), by operation.
const STORE_CALL_SECONDS: &str = "chat_store_call_duration_seconds";

fn record(sql: &str, started: std::time::Instant) {
    metrics::histogram!(
        STORE_CALL_SECONDS,
        "store" => "postgres",
        "operation" => operation_of(sql),
    )
    .record(started.elapsed().as_secs_f64());
}

/// A statement's operation label: its verb and first table
/// (`select users`, `insert messages`), so the label set stays small.
fn operation_of(sql: &str) -> String {
    let mut words = sql
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '_'));
    let verb = words.next().unwrap_or("").to_ascii_lowercase();
    let table_after = match verb.as_str() {
        "select" | "delete" => "from",
        "insert" => "into",
        "update" => "update",
        "with" => "from",
        _ => return verb,
    };
    let mut rest = sql
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '_'));
    if table_after == "update" {
        rest.next();
        let table = rest.next().unwrap_or("");
        return format!("update {table}");
    }
    let table = rest
        .skip_while(|w| !w.eq_ignore_ascii_case(table_after))
        .nth(1)
        .unwrap_or("");
    format!("{verb} {table}")
}

/// Runs a statement on `c` and returns how many rows it touched.
pub(crate) async fn execute<C: GenericClient>(
    c: &C,
    sql: &str,
    params: Params<'_>,
) -> StoreResult<u64> {
    let started = std::time::Instant::now();
    let stmt = c.prepare_cached(sql).await.map_err(db)?;
    let touched = c.execute(&stmt, params).await.map_err(db);
    record(sql, started);
    touched
}

impl PgStore {
    /// Runs a query on a pooled connection.
    pub(crate) async fn query(&self, sql: &str, params: Params<'_>) -> StoreResult<Vec<Row>> {
        let client = self.client().await?;
        query(&client, sql, params).await
    }

    /// Runs a statement on a pooled connection; how many rows it touched.
    pub(crate) async fn execute(&self, sql: &str, params: Params<'_>) -> StoreResult<u64> {
        let client = self.client().await?;
        execute(&client, sql, params).await
    }
}

#[cfg(test)]
mod tests {
    use super::operation_of;

    #[test]
    fn operations_are_the_verb_and_the_first_table() {
        assert_eq!(
            operation_of("SELECT id FROM users WHERE id = $1"),
            "select users"
        );
        assert_eq!(
            operation_of("INSERT INTO messages (id) VALUES ($1)"),
            "insert messages"
        );
        assert_eq!(
            operation_of("UPDATE users SET disabled = $2"),
            "update users"
        );
        assert_eq!(
            operation_of("DELETE FROM sessions WHERE id = $1"),
            "delete sessions"
        );
        assert_eq!(operation_of("LOCK TABLE x"), "lock");
    }
}
