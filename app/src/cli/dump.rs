//! `chat-server dump`: a canonical export of a store, one JSON line per
//! record, sorted, so two stores holding the same data print the same
//! text (the migration round-trip test compares them). Sessions are left
//! out (they are not copied); bans and timeouts that have ended too.

use chat_core::audit::AuditValue;
use chat_core::{Clock, Store, SystemClock, Timestamp};
use serde_json::{json, Value};

use super::copy::audit_log;

const BATCH: u32 = 500;

fn t(time: Timestamp) -> i64 {
    time.millis()
}

fn v(value: &Option<AuditValue>) -> Value {
    match value {
        Some(AuditValue::Text(s)) => json!(s),
        Some(AuditValue::Int(n)) => json!(n),
        None => Value::Null,
    }
}

/// Every record of the store as sorted JSON lines.
pub async fn canonical(store: &dyn Store) -> anyhow::Result<Vec<String>> {
    let mut lines = Vec::new();
    let mut after = None;
    loop {
        let users = store.users_after(after, BATCH).await?;
        let Some(last) = users.last() else { break };
        after = Some(last.id);
        for u in &users {
            lines.push(json!({"user": {
                "id": u.id.to_string(), "username": u.username.as_str(),
                "display_name": u.display_name.as_str(), "bio": u.bio.as_str(),
                "status": u.status.as_str(), "password_hash": u.password_hash.as_str(),
                "created_at": t(u.created_at), "disabled": u.disabled,
            }}));
        }
    }
    let now = SystemClock.now();
    let mut after = None;
    loop {
        let servers = store.servers_after(after, BATCH).await?;
        let Some(last) = servers.last() else { break };
        after = Some(last.id);
        for s in &servers {
            let sid = s.id.to_string();
            lines.push(json!({"server": {
                "id": sid, "name": s.name.as_str(), "description": s.description.as_str(),
                "owner_id": s.owner_id.to_string(), "created_at": t(s.created_at),
            }}));
            for m in store.members_of(s.id).await? {
                lines.push(json!({"member": {
                    "server_id": sid, "user_id": m.user_id.to_string(),
                    "role": m.role.as_str(), "joined_at": t(m.joined_at),
                }}));
            }
            for c in store.channels_of(s.id).await? {
                lines.push(json!({"channel": {
                    "id": c.id.to_string(), "server_id": sid, "name": c.name.as_str(),
                    "topic": c.topic.as_str(), "position": c.position,
                    "slowmode_seconds": c.slowmode.seconds(), "created_at": t(c.created_at),
                }}));
                let mut before = None;
                loop {
                    let page = store.history(c.id, before, BATCH).await?;
                    let Some(oldest) = page.first() else { break };
                    before = Some(oldest.id);
                    for m in &page {
                        let mentions: Vec<String> =
                            m.mentions.iter().map(ToString::to_string).collect();
                        lines.push(json!({"message": {
                            "id": m.id.to_string(), "channel_id": m.channel_id.to_string(),
                            "server_id": m.server_id.to_string(),
                            "author_id": m.author_id.to_string(), "content": m.content.as_str(),
                            "mentions": mentions, "created_at": t(m.created_at),
                            "edited_at": m.edited_at.map(t),
                            "nonce": m.nonce.as_ref().map(|n| n.as_str()),
                        }}));
                    }
                }
            }
            for i in store.invites_of(s.id).await? {
                lines.push(json!({"invite": {
                    "code": i.code.as_str(), "server_id": sid,
                    "created_by": i.created_by.to_string(), "created_at": t(i.created_at),
                    "expires_at": i.expires_at.map(t), "max_uses": i.max_uses, "uses": i.uses,
                }}));
            }
            for b in store.bans_of(s.id, now).await? {
                lines.push(json!({"ban": {
                    "server_id": sid, "user_id": b.user_id.to_string(),
                    "reason": b.reason.as_ref().map(|r| r.as_str()),
                    "banned_by": b.banned_by.to_string(), "created_at": t(b.created_at),
                    "expires_at": b.expires_at.map(t),
                }}));
            }
            for (user, until) in store.timeouts_of(s.id, now).await? {
                lines.push(json!({"timeout": {
                    "server_id": sid, "user_id": user.to_string(), "until": t(until),
                }}));
            }
            for e in audit_log(store, s, BATCH).await? {
                let changes: Vec<Value> = e
                    .changes
                    .iter()
                    .map(|c| json!({"key": c.key, "old": v(&c.old), "new": v(&c.new)}))
                    .collect();
                lines.push(json!({"audit": {
                    "id": e.id.to_string(), "server_id": sid,
                    "actor_id": e.actor_id.to_string(), "action": e.action.as_str(),
                    "target_type": e.target.as_ref().map(|x| x.kind.as_str()),
                    "target_id": e.target.as_ref().map(|x| x.id.clone()),
                    "reason": e.reason.as_ref().map(|r| r.as_str()),
                    "changes": changes, "created_at": t(e.created_at),
                }}));
            }
        }
    }
    let mut text: Vec<String> = lines.iter().map(Value::to_string).collect();
    text.sort();
    Ok(text)
}
