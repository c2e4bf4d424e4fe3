//! The audit log: the `audit_log` collection, one document per entry with
//! its changes as an array of `{key, old, new}` subdocuments; pages sort
//! by `_id` (UUID v7 text orders by creation) descending.

use async_trait::async_trait;
use chat_core::audit::{
    AuditAction, AuditChange, AuditEntry, AuditQuery, AuditReason, AuditStore, AuditTarget,
    AuditValue, TargetKind,
};
use chat_core::ids::ServerId;
use chat_core::{StoreResult, Timestamp};
use futures::TryStreamExt;
use mongodb::bson::{doc, Bson, Document};

use crate::codec::{id_text, Fields};
use crate::error::Context;
use crate::indexes::names::AUDIT_LOG;
use crate::MongoStore;

fn value_to_bson(v: &Option<AuditValue>) -> Bson {
    match v {
        Some(AuditValue::Text(t)) => Bson::String(t.clone()),
        Some(AuditValue::Int(n)) => Bson::Int64(*n),
        None => Bson::Null,
    }
}

fn opt_text(v: Option<&str>) -> Bson {
    v.map_or(Bson::Null, |s| Bson::String(s.to_owned()))
}

fn to_doc(e: &AuditEntry) -> Document {
    let changes: Vec<Bson> = e
        .changes
        .iter()
        .map(|c| {
            Bson::Document(doc! {
                "key": c.key.as_str(),
                "old": value_to_bson(&c.old),
                "new": value_to_bson(&c.new),
            })
        })
        .collect();
    doc! {
        "_id": id_text(e.id.as_uuid()),
        "server_id": id_text(e.server_id.as_uuid()),
        "actor_id": id_text(e.actor_id.as_uuid()),
        "action": e.action.as_str(),
        "target_type": opt_text(e.target.as_ref().map(|t| t.kind.as_str())),
        "target_id": opt_text(e.target.as_ref().map(|t| t.id.as_str())),
        "reason": opt_text(e.reason.as_ref().map(AuditReason::as_str)),
        "changes": changes,
        "created_at": e.created_at.millis(),
    }
}

fn change_from_doc(doc: &Document) -> StoreResult<AuditChange> {
    let f = Fields::new(doc, AUDIT_LOG);
    let value = |field: &str| -> StoreResult<Option<AuditValue>> {
        Ok(match f.opt_str(field) {
            Ok(Some(text)) => Some(AuditValue::Text(text.to_owned())),
            Ok(None) => None,
            Err(_) => f.opt_i64(field)?.map(AuditValue::Int),
        })
    };
    Ok(AuditChange::new(
        f.str("key")?,
        value("old")?,
        value("new")?,
    ))
}

fn from_doc(doc: &Document) -> StoreResult<AuditEntry> {
    let f = Fields::new(doc, AUDIT_LOG);
    let kind = f
        .opt_str("target_type")?
        .map(|k| TargetKind::parse(k).map_err(|e| f.invalid("target_type", e)))
        .transpose()?;
    let target_id = f.opt_str("target_id")?.map(str::to_owned);
    let reason = f
        .opt_str("reason")?
        .map(|r| AuditReason::from_stored(r).map_err(|e| f.invalid("reason", e)))
        .transpose()?;
    let changes = match doc.get("changes") {
        Some(Bson::Array(items)) => items
            .iter()
            .map(|item| match item {
                Bson::Document(d) => change_from_doc(d),
                _ => Err(f.invalid(
                    "changes",
                    chat_core::ValidationError::new("changes", "not a document"),
                )),
            })
            .collect::<StoreResult<Vec<_>>>()?,
        _ => Vec::new(),
    };
    Ok(AuditEntry {
        id: f.id("_id")?,
        server_id: f.id("server_id")?,
        actor_id: f.id("actor_id")?,
        action: AuditAction::parse(f.str("action")?).map_err(|e| f.invalid("action", e))?,
        target: kind
            .zip(target_id)
            .map(|(kind, id)| AuditTarget { kind, id }),
        reason,
        changes,
        created_at: f.time("created_at")?,
    })
}

#[async_trait]
impl AuditStore for MongoStore {
    async fn insert_audit_entry(&self, entry: &AuditEntry) -> StoreResult<()> {
        self.collection(AUDIT_LOG)
            .insert_one(to_doc(entry))
            .await
            .context("inserting an audit entry")?;
        Ok(())
    }

    async fn audit_entries(
        &self,
        server: ServerId,
        query: &AuditQuery,
    ) -> StoreResult<Vec<AuditEntry>> {
        let mut filter = doc! { "server_id": id_text(server.as_uuid()) };
        if let Some(before) = query.before {
            filter.insert("_id", doc! { "$lt": id_text(before.as_uuid()) });
        }
        if let Some(actor) = query.actor {
            filter.insert("actor_id", id_text(actor.as_uuid()));
        }
        if let Some(action) = query.action {
            filter.insert("action", action.as_str());
        }
        let cursor = self
            .collection(AUDIT_LOG)
            .find(filter)
            .sort(doc! { "_id": -1 })
            .limit(i64::from(query.limit))
            .await
            .context("reading the audit log")?;
        let docs: Vec<Document> = cursor
            .try_collect()
            .await
            .context("reading the audit log")?;
        docs.iter().map(from_doc).collect()
    }

    async fn prune_audit_log(&self, cutoff: Timestamp) -> StoreResult<u64> {
        let result = self
            .collection(AUDIT_LOG)
            .delete_many(doc! { "created_at": { "$lt": cutoff.millis() } })
            .await
            .context("pruning the audit log")?;
        Ok(result.deleted_count)
    }
}
