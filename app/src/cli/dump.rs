//! `chat-server dump`: a canonical export of a store, one JSON line per
//! record, sorted, so two stores holding the same data print the same
//! text (the migration round-trip test compares them). It walks what
//! `migrate` copies (the same walks). Sessions are left out (they are not
//! copied); bans and timeouts that have ended too.

use chat_core::attachments::Attachment;
use chat_core::audit::AuditValue;
use chat_core::direct::DirectChannel;
use chat_core::messages::Message;
use chat_core::users::User;
use chat_core::{Clock, Store, SystemClock, Timestamp};
use serde_json::{json, Value};

use super::copy::audit_log;
use super::walk::{
    direct_channels, each_user, extras_of, reactions_of, AttachmentPages, MessagePages,
};

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
    each_user(store, BATCH, async |u| {
        lines.push(user_line(u));
        user_extras(store, u, &mut lines).await
    })
    .await?;
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
                channel_messages(store, c.id, &mut lines).await?;
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
    for d in direct_channels(store, BATCH).await? {
        lines.push(direct_line(&d));
        channel_messages(store, d.channel.id, &mut lines).await?;
    }
    let mut files = AttachmentPages::new(store, BATCH);
    while let Some(page) = files.next().await? {
        lines.extend(page.iter().map(attachment_line));
    }
    let mut text: Vec<String> = lines.iter().map(Value::to_string).collect();
    text.sort();
    Ok(text)
}

fn user_line(u: &User) -> Value {
    json!({"user": {
        "id": u.id.to_string(), "username": u.username.as_str(),
        "display_name": u.display_name.as_str(), "bio": u.bio.as_str(),
        "status": u.status.as_str(), "password_hash": u.password_hash.as_str(),
        "custom_status": u.custom_status.as_ref().map(|c| c.as_str()),
        "created_at": t(u.created_at), "disabled": u.disabled,
    }})
}

/// A user's blocks, DM policy, two-factor state, read markers and
/// notification settings.
async fn user_extras(store: &dyn Store, u: &User, lines: &mut Vec<Value>) -> anyhow::Result<()> {
    let uid = u.id.to_string();
    let x = extras_of(store, u.id).await?;
    for b in &x.blocks {
        lines.push(json!({"block": {
            "user_id": uid, "blocked_id": b.blocked_id.to_string(), "created_at": t(b.created_at),
        }}));
    }
    if let Some(p) = x.dm_policy {
        lines.push(json!({"dm_policy": {"user_id": uid, "policy": p.as_str()}}));
    }
    if let Some(m) = &x.mfa {
        lines.push(json!({"mfa": {
            "user_id": uid, "secret": m.secret, "pending_secret": m.pending_secret,
            "last_step": m.last_step, "recovery_codes": m.recovery_codes, "version": m.version,
        }}));
    }
    for (channel, message) in &x.read_markers {
        lines.push(json!({"read_marker": {
            "user_id": uid, "channel_id": channel.to_string(), "last_read": message.to_string(),
        }}));
    }
    for s in &x.notifications.servers {
        lines.push(json!({"server_notifications": {
            "user_id": uid, "server_id": s.server_id.to_string(), "level": s.level.as_str(),
            "muted_until": s.muted_until.map(t), "suppress_everyone": s.suppress_everyone,
        }}));
    }
    for c in &x.notifications.channels {
        lines.push(json!({"channel_notifications": {
            "user_id": uid, "channel_id": c.channel_id.to_string(),
            "server_id": c.server_id.to_string(), "level": c.level.as_str(),
            "muted_until": c.muted_until.map(t),
        }}));
    }
    Ok(())
}

/// A channel's messages, each followed by its reactions (`rank`: the
/// emoji's place in order of first use).
async fn channel_messages(
    store: &dyn Store,
    channel: chat_core::ids::ChannelId,
    lines: &mut Vec<Value>,
) -> anyhow::Result<()> {
    let mut pages = MessagePages::new(store, channel, BATCH);
    while let Some(page) = pages.next().await? {
        lines.extend(page.iter().map(message_line));
        let mut rank = 0;
        let mut previous = None;
        for r in reactions_of(store, &page).await? {
            rank = if previous == Some(r.message) {
                rank + 1
            } else {
                0
            };
            previous = Some(r.message);
            let users: Vec<String> = r.users.iter().map(ToString::to_string).collect();
            lines.push(json!({"reaction": {
                "message_id": r.message.to_string(), "emoji": r.emoji.as_str(),
                "rank": rank, "users": users,
            }}));
        }
    }
    Ok(())
}

fn message_line(m: &Message) -> Value {
    let mentions: Vec<String> = m.mentions.iter().map(ToString::to_string).collect();
    json!({"message": {
        "id": m.id.to_string(), "channel_id": m.channel_id.to_string(),
        "server_id": m.server_id.to_string(),
        "author_id": m.author_id.to_string(), "content": m.content.as_str(),
        "mentions": mentions, "created_at": t(m.created_at),
        "edited_at": m.edited_at.map(t),
        "nonce": m.nonce.as_ref().map(|n| n.as_str()),
        "reply_to": m.reply_to.map(|r| r.to_string()),
        "pinned_at": m.pinned_at.map(t),
    }})
}

fn direct_line(d: &DirectChannel) -> Value {
    let c = &d.channel;
    let participants: Vec<Value> = d
        .participants
        .iter()
        .map(|p| json!({"user_id": p.user_id.to_string(), "joined_at": t(p.joined_at)}))
        .collect();
    json!({"direct_channel": {
        "id": c.id.to_string(), "server_id": c.server_id.to_string(), "kind": d.kind.as_str(),
        "owner_id": d.owner_id.map(|o| o.to_string()), "name": c.name.as_str(),
        "topic": c.topic.as_str(), "position": c.position,
        "slowmode_seconds": c.slowmode.seconds(), "created_at": t(c.created_at),
        "participants": participants,
    }})
}

fn attachment_line(a: &Attachment) -> Value {
    json!({"attachment": {
        "id": a.id.to_string(), "channel_id": a.channel_id.to_string(),
        "uploader_id": a.uploader_id.to_string(),
        "message_id": a.message_id.map(|m| m.to_string()),
        "filename": a.filename, "content_type": a.content_type, "size": a.size,
        "width": a.width, "height": a.height, "has_preview": a.has_preview,
        "spoiler": a.spoiler, "created_at": t(a.created_at), "expires_at": t(a.expires_at),
    }})
}
