use super::{AuditAction, AuditChange, AuditEntry, AuditQuery, AuditReason, AuditTarget};
use crate::auth::Actor;
use crate::chat::Chat;
use crate::error::{Result, ValidationError};
use crate::ids::{AuditEntryId, ServerId, UserId};
use crate::messages::{author_summary, AuthorSummary};
use crate::policy::{Action, Target};
use crate::time::Timestamp;

/// The default page of the audit log.
const DEFAULT_PAGE: u32 = 50;
/// The largest page of the audit log.
const MAX_PAGE: u32 = 100;

/// What an admin asks of the audit log; absent fields do not filter.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// How many (default 50, at most 100; below 1 is refused).
    pub limit: Option<i64>,
    /// Entries older than this one.
    pub before: Option<AuditEntryId>,
    /// Entries by this actor.
    pub actor: Option<UserId>,
    /// Entries of this action.
    pub action: Option<AuditAction>,
}

/// An entry as admins see it: with the actor's names, and the target
/// user's when the target is a user (deleted accounts show as such).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntryView {
    /// The entry.
    pub entry: AuditEntry,
    /// Who acted.
    pub actor: AuthorSummary,
    /// The target user, when the target is one.
    pub target_user: Option<AuthorSummary>,
}

impl Chat {
    /// The same use cases, with `reason` recorded in the audit entries of
    /// the acts done through the returned value (one request's reason).
    pub fn with_audit_reason(&self, reason: Option<AuditReason>) -> Chat {
        Chat {
            audit_reason: reason,
            ..self.clone()
        }
    }

    /// The server's audit log, newest first (admins and the owner).
    pub async fn audit_log(
        &self,
        actor: &Actor,
        server: ServerId,
        filter: AuditFilter,
    ) -> Result<Vec<AuditEntryView>> {
        self.authorize(server, actor.user_id, Action::ViewAuditLog, Target::Server)
            .await?;
        let limit = match filter.limit {
            None => DEFAULT_PAGE,
            Some(n) if n < 1 => {
                return Err(ValidationError::new("limit", "must be a whole number from 1").into())
            }
            Some(n) => n.min(i64::from(MAX_PAGE)) as u32,
        };
        let query = AuditQuery {
            before: filter.before,
            actor: filter.actor,
            action: filter.action,
            limit,
        };
        let entries = self.deps.store.audit_entries(server, &query).await?;
        let mut ids: Vec<UserId> = entries.iter().map(|e| e.actor_id).collect();
        ids.extend(entries.iter().filter_map(target_user));
        ids.sort();
        ids.dedup();
        let users = self.deps.store.users_by_ids(&ids).await?;
        let summary = |id: UserId| author_summary(id, users.iter().find(|u| u.id == id));
        Ok(entries
            .into_iter()
            .map(|entry| AuditEntryView {
                actor: summary(entry.actor_id),
                target_user: target_user(&entry).map(summary),
                entry,
            })
            .collect())
    }

    /// Removes the entries older than `retention_days` days; returns how
    /// many went. For the program that runs the server, on a timer.
    pub async fn prune_audit_log(&self, retention_days: u32) -> Result<u64> {
        let cutoff = self
            .now()
            .plus_seconds(-i64::from(retention_days) * 24 * 3600);
        Ok(self.deps.store.prune_audit_log(cutoff).await?)
    }

    /// Records an act in the server's audit log, with this request's reason.
    pub(crate) async fn record(
        &self,
        server: ServerId,
        actor: &Actor,
        action: AuditAction,
        target: Option<AuditTarget>,
        changes: Vec<AuditChange>,
    ) -> Result<()> {
        let entry = AuditEntry {
            id: AuditEntryId::from_uuid(self.deps.ids.new_uuid()),
            server_id: server,
            actor_id: actor.user_id,
            action,
            target,
            reason: self.audit_reason.clone(),
            changes,
            created_at: self.now(),
        };
        Ok(self.deps.store.insert_audit_entry(&entry).await?)
    }
}

fn target_user(entry: &AuditEntry) -> Option<UserId> {
    let target = entry.target.as_ref()?;
    if target.kind != super::TargetKind::User {
        return None;
    }
    UserId::parse(&target.id, "target_id").ok()
}

/// A time as the audit log spells it.
pub(crate) fn time_value(t: Option<Timestamp>) -> Option<super::AuditValue> {
    t.map(|t| super::AuditValue::Text(t.to_rfc3339()))
}
