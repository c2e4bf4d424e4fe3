//! The audit log (`audit_log` table): newest-first pages walk the
//! `(server_id, id)` index backwards; `changes` is JSON text.

use async_trait::async_trait;
use chat_core::audit::{
    AuditAction, AuditChange, AuditEntry, AuditQuery, AuditReason, AuditStore, AuditTarget,
    AuditValue, TargetKind,
};
use chat_core::ids::{AuditEntryId, ServerId, UserId};
use chat_core::{StoreResult, Timestamp};
use serde_json::{json, Value};
use tokio_postgres::Row;

use crate::error::corrupt;
use crate::rows::{all, col, parsed, time};
use crate::PgStore;

/// The columns every read names.
const COLUMNS: &str =
    "id, server_id, actor_id, action, target_type, target_id, reason, changes, created_at";

fn entry(row: &Row) -> StoreResult<AuditEntry> {
    let kind: Option<String> = col(row, "target_type")?;
    let kind = kind
        .map(|k| parsed("audit target type", TargetKind::parse(&k)))
        .transpose()?;
    let target_id: Option<String> = col(row, "target_id")?;
    let reason: Option<String> = col(row, "reason")?;
    let action: String = col(row, "action")?;
    let changes: String = col(row, "changes")?;
    Ok(AuditEntry {
        id: AuditEntryId::from_uuid(col(row, "id")?),
        server_id: ServerId::from_uuid(col(row, "server_id")?),
        actor_id: UserId::from_uuid(col(row, "actor_id")?),
        action: parsed("audit action", AuditAction::parse(&action))?,
        target: kind
            .zip(target_id)
            .map(|(kind, id)| AuditTarget { kind, id }),
        reason: reason
            .map(|r| parsed("audit reason", AuditReason::from_stored(&r)))
            .transpose()?,
        changes: decode_changes(&changes)?,
        created_at: time(row, "created_at")?,
    })
}

/// `[{"key", "old", "new"}]`, each value a string, a number or null.
fn encode_changes(changes: &[AuditChange]) -> String {
    let value = |v: &Option<AuditValue>| match v {
        Some(AuditValue::Text(t)) => json!(t),
        Some(AuditValue::Int(n)) => json!(n),
        None => Value::Null,
    };
    let list = changes
        .iter()
        .map(|c| json!({ "key": c.key, "new": value(&c.new), "old": value(&c.old) }));
    Value::Array(list.collect()).to_string()
}

fn decode_changes(text: &str) -> StoreResult<Vec<AuditChange>> {
    let bad = || corrupt("audit changes", text);
    let value = |v: Option<&Value>| match v {
        Some(Value::String(s)) => Ok(Some(AuditValue::Text(s.clone()))),
        Some(Value::Number(n)) => Ok(Some(AuditValue::Int(n.as_i64().ok_or_else(bad)?))),
        Some(Value::Null) | None => Ok(None),
        Some(_) => Err(bad()),
    };
    let list: Vec<Value> = serde_json::from_str(text).map_err(|_| bad())?;
    let mut changes = Vec::with_capacity(list.len());
    for c in &list {
        let key = c.get("key").and_then(Value::as_str).ok_or_else(bad)?;
        changes.push(AuditChange::new(
            key,
            value(c.get("old"))?,
            value(c.get("new"))?,
        ));
    }
    Ok(changes)
}

#[async_trait]
impl AuditStore for PgStore {
    async fn insert_audit_entry(&self, e: &AuditEntry) -> StoreResult<()> {
        self.execute(
            &format!(
                "INSERT INTO audit_log ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
            ),
            &[
                &e.id.as_uuid(),
                &e.server_id.as_uuid(),
                &e.actor_id.as_uuid(),
                &e.action.as_str(),
                &e.target.as_ref().map(|t| t.kind.as_str()),
                &e.target.as_ref().map(|t| t.id.as_str()),
                &e.reason.as_ref().map(AuditReason::as_str),
                &encode_changes(&e.changes),
                &e.created_at.millis(),
            ],
        )
        .await?;
        Ok(())
    }

    async fn audit_entries(
        &self,
        server: ServerId,
        query: &AuditQuery,
    ) -> StoreResult<Vec<AuditEntry>> {
        // NULL parameters switch a filter off.
        let rows = self
            .query(
                &format!(
                    "SELECT {COLUMNS} FROM audit_log WHERE server_id = $1 \
                     AND ($2::uuid IS NULL OR id < $2::uuid) \
                     AND ($3::uuid IS NULL OR actor_id = $3::uuid) \
                     AND ($4::text IS NULL OR action = $4::text) \
                     ORDER BY id DESC LIMIT $5"
                ),
                &[
                    &server.as_uuid(),
                    &query.before.map(|b| b.as_uuid()),
                    &query.actor.map(|a| a.as_uuid()),
                    &query.action.map(AuditAction::as_str),
                    &i64::from(query.limit),
                ],
            )
            .await?;
        all(&rows, entry)
    }

    async fn prune_audit_log(&self, cutoff: Timestamp) -> StoreResult<u64> {
        self.execute(
            "DELETE FROM audit_log WHERE created_at < $1",
            &[&cutoff.millis()],
        )
        .await
    }
}
