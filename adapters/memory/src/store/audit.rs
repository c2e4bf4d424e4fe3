//! The audit log: each server's entries in an id-ordered map, so a page
//! is a reverse range scan.

use async_trait::async_trait;
use chat_core::audit::{AuditEntry, AuditQuery, AuditStore};
use chat_core::ids::ServerId;
use chat_core::{StoreResult, Timestamp};

use super::MemoryStore;

#[async_trait]
impl AuditStore for MemoryStore {
    async fn insert_audit_entry(&self, entry: &AuditEntry) -> StoreResult<()> {
        self.state()
            .audit
            .entry(entry.server_id)
            .or_default()
            .insert(entry.id, entry.clone());
        Ok(())
    }

    async fn audit_entries(
        &self,
        server: ServerId,
        query: &AuditQuery,
    ) -> StoreResult<Vec<AuditEntry>> {
        let state = self.state();
        let Some(log) = state.audit.get(&server) else {
            return Ok(Vec::new());
        };
        let older = match query.before {
            Some(before) => log.range(..before),
            None => log.range(..),
        };
        Ok(older
            .rev()
            .map(|(_, e)| e)
            .filter(|e| query.actor.is_none_or(|a| a == e.actor_id))
            .filter(|e| query.action.is_none_or(|a| a == e.action))
            .take(query.limit as usize)
            .cloned()
            .collect())
    }

    async fn prune_audit_log(&self, cutoff: Timestamp) -> StoreResult<u64> {
        let mut state = self.state();
        let mut pruned = 0;
        for log in state.audit.values_mut() {
            let before = log.len();
            log.retain(|_, e| e.created_at >= cutoff);
            pruned += (before - log.len()) as u64;
        }
        Ok(pruned)
    }
}
