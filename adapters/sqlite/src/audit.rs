//! The audit log (`audit_log` table): newest-first pages walk the
//! `(server_id, id)` index backwards; `changes` is JSON text.

use async_trait::async_trait;
use chat_core::audit::{
    AuditAction, AuditChange, AuditEntry, AuditQuery, AuditReason, AuditStore, AuditTarget,
    AuditValue, TargetKind,
};
use chat_core::ids::{AuditEntryId, ServerId, UserId};
use chat_core::{StoreResult, Timestamp};
use rusqlite::{params, Row};
use serde_json::{json, Value};

use crate::codec::{invalid, parsed, parsed_opt};
use crate::db::{execute, read, write};
use crate::error::backend;
use crate::SqliteStore;

fn entry_from_row(row: &Row<'_>) -> rusqlite::Result<AuditEntry> {
    let kind = parsed_opt(row, 4, TargetKind::parse)?;
    let target_id: Option<String> = row.get(5)?;
    let changes: String = row.get(7)?;
    Ok(AuditEntry {
        id: AuditEntryId::from_uuid(row.get(0)?),
        server_id: ServerId::from_uuid(row.get(1)?),
        actor_id: UserId::from_uuid(row.get(2)?),
        action: parsed(row, 3, AuditAction::parse)?,
        target: kind
            .zip(target_id)
            .map(|(kind, id)| AuditTarget { kind, id }),
        reason: parsed_opt(row, 6, AuditReason::from_stored)?,
        changes: decode_changes(&changes).map_err(|e| invalid(7, e))?,
        created_at: Timestamp::from_millis(row.get(8)?),
    })
}

/// `[{"key", "old", "new"}]`, each value a string, a number or absent.
fn encode_changes(changes: &[AuditChange]) -> String {
    let value = |v: &Option<AuditValue>| match v {
        Some(AuditValue::Text(t)) => json!(t),
        Some(AuditValue::Int(n)) => json!(n),
        None => Value::Null,
    };
    let list: Vec<Value> = changes
        .iter()
        .map(|c| json!({ "key": c.key, "old": value(&c.old), "new": value(&c.new) }))
        .collect();
    Value::Array(list).to_string()
}

fn decode_changes(text: &str) -> Result<Vec<AuditChange>, chat_core::ValidationError> {
    let bad = || chat_core::ValidationError::new("changes", "not a list of changes");
    let value = |v: Option<&Value>| match v {
        Some(Value::String(s)) => Ok(Some(AuditValue::Text(s.clone()))),
        Some(Value::Number(n)) => n.as_i64().map(|n| Some(AuditValue::Int(n))).ok_or_else(bad),
        Some(Value::Null) | None => Ok(None),
        Some(_) => Err(bad()),
    };
    let list: Vec<Value> = serde_json::from_str(text).map_err(|_| bad())?;
    list.iter()
        .map(|c| {
            let key = c.get("key").and_then(Value::as_str).ok_or_else(bad)?;
            Ok(AuditChange::new(
                key,
                value(c.get("old"))?,
                value(c.get("new"))?,
            ))
        })
        .collect()
}

#[async_trait]
impl AuditStore for SqliteStore {
    async fn insert_audit_entry(&self, entry: &AuditEntry) -> StoreResult<()> {
        let e = entry.clone();
        write(&self.db, move |conn| {
            execute(
                conn,
                "INSERT INTO audit_log (id, server_id, actor_id, action, target_type, target_id,
                                        reason, changes, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    e.id.as_uuid(),
                    e.server_id.as_uuid(),
                    e.actor_id.as_uuid(),
                    e.action.as_str(),
                    e.target.as_ref().map(|t| t.kind.as_str()),
                    e.target.as_ref().map(|t| t.id.as_str()),
                    e.reason.as_ref().map(AuditReason::as_str),
                    encode_changes(&e.changes),
                    e.created_at.millis(),
                ],
            )
            .map(|_| ())
        })
        .await
    }

    async fn audit_entries(
        &self,
        server: ServerId,
        query: &AuditQuery,
    ) -> StoreResult<Vec<AuditEntry>> {
        let q = query.clone();
        read(&self.db, move |conn| {
            // NULL parameters switch a filter off.
            conn.prepare_cached(
                "SELECT id, server_id, actor_id, action, target_type, target_id, reason,
                        changes, created_at
                 FROM audit_log
                 WHERE server_id = ?1
                   AND (?2 IS NULL OR id < ?2)
                   AND (?3 IS NULL OR actor_id = ?3)
                   AND (?4 IS NULL OR action = ?4)
                 ORDER BY id DESC LIMIT ?5",
            )
            .and_then(|mut st| {
                st.query_map(
                    params![
                        server.as_uuid(),
                        q.before.map(|b| b.as_uuid()),
                        q.actor.map(|a| a.as_uuid()),
                        q.action.map(AuditAction::as_str),
                        q.limit,
                    ],
                    entry_from_row,
                )?
                .collect()
            })
            .map_err(backend)
        })
        .await
    }

    async fn prune_audit_log(&self, cutoff: Timestamp) -> StoreResult<u64> {
        write(&self.db, move |conn| {
            execute(
                conn,
                "DELETE FROM audit_log WHERE created_at < ?1",
                [cutoff.millis()],
            )
            .map(|n| n as u64)
        })
        .await
    }
}
