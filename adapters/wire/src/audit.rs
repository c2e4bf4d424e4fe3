//! `audit_entry`: one act of a server's audit log, as admins read it.

use chat_core::audit::{AuditEntryView, AuditValue};
use serde::Serialize;
use serde_json::Value;

use crate::resources::{time, AuthorDto};

/// `{id, server_id, action, actor_id, actor, target_type, target_id,
/// target_user, reason, changes: [{key, old, new}], created_at}`.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEntryDto {
    pub id: String,
    pub server_id: String,
    pub action: &'static str,
    pub actor_id: String,
    pub actor: AuthorDto,
    pub target_type: Option<&'static str>,
    pub target_id: Option<String>,
    /// The target user's names when the target is a user.
    pub target_user: Option<AuthorDto>,
    pub reason: Option<String>,
    pub changes: Vec<AuditChangeDto>,
    pub created_at: String,
}

/// One field's change; `old` is `null` for a creation, `new` for a removal.
#[derive(Debug, Clone, Serialize)]
pub struct AuditChangeDto {
    pub key: String,
    pub old: Value,
    pub new: Value,
}

fn value(v: &Option<AuditValue>) -> Value {
    match v {
        Some(AuditValue::Text(t)) => Value::String(t.clone()),
        Some(AuditValue::Int(n)) => Value::from(*n),
        None => Value::Null,
    }
}

impl From<&AuditEntryView> for AuditEntryDto {
    fn from(v: &AuditEntryView) -> Self {
        let e = &v.entry;
        Self {
            id: e.id.to_string(),
            server_id: e.server_id.to_string(),
            action: e.action.as_str(),
            actor_id: e.actor_id.to_string(),
            actor: AuthorDto::from(&v.actor),
            target_type: e.target.as_ref().map(|t| t.kind.as_str()),
            target_id: e.target.as_ref().map(|t| t.id.clone()),
            target_user: v.target_user.as_ref().map(AuthorDto::from),
            reason: e.reason.as_ref().map(|r| r.as_str().to_owned()),
            changes: e
                .changes
                .iter()
                .map(|c| AuditChangeDto {
                    key: c.key.clone(),
                    old: value(&c.old),
                    new: value(&c.new),
                })
                .collect(),
            created_at: time(e.created_at),
        }
    }
}
