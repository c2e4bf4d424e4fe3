use async_trait::async_trait;

use super::{AuditAction, AuditEntry};
use crate::error::StoreResult;
use crate::ids::{AuditEntryId, ServerId, UserId};
use crate::time::Timestamp;

/// Which entries of a server's log to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditQuery {
    /// Only entries with a smaller id (older) than this one.
    pub before: Option<AuditEntryId>,
    /// Only entries by this actor.
    pub actor: Option<UserId>,
    /// Only entries of this action.
    pub action: Option<AuditAction>,
    /// At most this many (≥ 1).
    pub limit: u32,
}

/// Storage of the audit log.
#[async_trait]
pub trait AuditStore: Send + Sync {
    /// Stores an entry. Entries are never changed afterwards; deleting
    /// the server removes its entries.
    async fn insert_audit_entry(&self, entry: &AuditEntry) -> StoreResult<()>;

    /// Up to `query.limit` entries of the server, newest (greatest id)
    /// first, keeping only those below `query.before` (when given), by
    /// `query.actor` (when given) and of `query.action` (when given).
    /// An empty list when none match or the server has none.
    async fn audit_entries(
        &self,
        server: ServerId,
        query: &AuditQuery,
    ) -> StoreResult<Vec<AuditEntry>>;

    /// Deletes every entry (of any server) created before `cutoff`;
    /// returns how many went.
    async fn prune_audit_log(&self, cutoff: Timestamp) -> StoreResult<u64>;
}
