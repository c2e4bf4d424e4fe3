//! Contracts of [`AuditStore`](crate::audit::AuditStore).

use std::sync::Arc;

use super::fixtures::*;
use crate::audit::{
    AuditAction, AuditChange, AuditEntry, AuditQuery, AuditReason, AuditTarget, AuditValue,
    TargetKind,
};
use crate::ids::{AuditEntryId, ServerId, UserId};
use crate::Store;

/// An entry of `server` by `actor`, created `seconds` after `T0`.
pub fn audit_entry(
    server: ServerId,
    actor: UserId,
    action: AuditAction,
    seconds: i64,
) -> AuditEntry {
    AuditEntry {
        id: AuditEntryId::from_uuid(new_id()),
        server_id: server,
        actor_id: actor,
        action,
        target: None,
        reason: None,
        changes: Vec::new(),
        created_at: at(seconds),
    }
}

fn query(limit: u32) -> AuditQuery {
    AuditQuery {
        before: None,
        actor: None,
        action: None,
        limit,
    }
}

/// `insert_audit_entry` stores every field exactly (target, reason,
/// changes with text, numbers and absent values, in order) and
/// `audit_entries` reads it back; a server without entries gives none.
pub async fn insert_audit_entry_then_audit_entries_reads_it_back(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let alice = add_user(store, "alice").await;
    let entry = AuditEntry {
        target: Some(AuditTarget::new(TargetKind::User, alice.id)),
        reason: Some(AuditReason::parse("spam 🥫 \"quoted\"").unwrap()),
        changes: vec![
            AuditChange::new("name", Some("old".into()), Some("new ü".into())),
            AuditChange::new("position", Some(AuditValue::Int(-3)), None),
            AuditChange::new("max_uses", None, Some(AuditValue::Int(1 << 40))),
        ],
        ..audit_entry(c.server.id, c.owner.id, AuditAction::MemberTimeout, 5)
    };
    store.insert_audit_entry(&entry).await.unwrap();
    let invite = AuditEntry {
        target: Some(AuditTarget::new(TargetKind::Invite, "AbCdEf123")),
        ..audit_entry(c.server.id, c.owner.id, AuditAction::InviteCreate, 6)
    };
    store.insert_audit_entry(&invite).await.unwrap();
    let read = store.audit_entries(c.server.id, &query(10)).await.unwrap();
    assert_eq!(read, vec![invite, entry]);
    let empty = ServerId::from_uuid(new_id());
    assert!(store
        .audit_entries(empty, &query(10))
        .await
        .unwrap()
        .is_empty());
}

/// `audit_entries` lists newest (greatest id) first, at most `limit`,
/// only those below `before`, and only the server's own.
pub async fn audit_entries_pages_newest_first_before_an_id(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let other = add_community(store, "other").await;
    let mut made = Vec::new();
    for i in 0..5 {
        let e = audit_entry(c.server.id, c.owner.id, AuditAction::ChannelUpdate, i);
        store.insert_audit_entry(&e).await.unwrap();
        made.push(e);
        let noise = audit_entry(
            other.server.id,
            other.owner.id,
            AuditAction::ChannelUpdate,
            i,
        );
        store.insert_audit_entry(&noise).await.unwrap();
    }
    let newest: Vec<AuditEntry> = made.iter().rev().cloned().collect();
    let page = store.audit_entries(c.server.id, &query(2)).await.unwrap();
    assert_eq!(page, newest[..2].to_vec());
    let next = AuditQuery {
        before: Some(newest[1].id),
        ..query(10)
    };
    let rest = store.audit_entries(c.server.id, &next).await.unwrap();
    assert_eq!(rest, newest[2..].to_vec());
}

/// `audit_entries` keeps only entries by `actor` and of `action` when
/// given, both together too.
pub async fn audit_entries_filter_by_actor_and_action(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let admin = add_user(store, "admin").await;
    let kick_by_owner = audit_entry(c.server.id, c.owner.id, AuditAction::MemberKick, 1);
    let ban_by_admin = audit_entry(c.server.id, admin.id, AuditAction::MemberBan, 2);
    let kick_by_admin = audit_entry(c.server.id, admin.id, AuditAction::MemberKick, 3);
    for e in [&kick_by_owner, &ban_by_admin, &kick_by_admin] {
        store.insert_audit_entry(e).await.unwrap();
    }
    let by_admin = AuditQuery {
        actor: Some(admin.id),
        ..query(10)
    };
    assert_eq!(
        store.audit_entries(c.server.id, &by_admin).await.unwrap(),
        vec![kick_by_admin.clone(), ban_by_admin]
    );
    let kicks = AuditQuery {
        action: Some(AuditAction::MemberKick),
        ..query(10)
    };
    assert_eq!(
        store.audit_entries(c.server.id, &kicks).await.unwrap(),
        vec![kick_by_admin.clone(), kick_by_owner]
    );
    let both = AuditQuery {
        actor: Some(admin.id),
        action: Some(AuditAction::MemberKick),
        ..query(10)
    };
    assert_eq!(
        store.audit_entries(c.server.id, &both).await.unwrap(),
        vec![kick_by_admin]
    );
}

/// `prune_audit_log` deletes the entries created before the cutoff, in
/// every server, keeps the rest, and says how many went.
pub async fn prune_audit_log_deletes_entries_older_than_the_cutoff(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let other = add_community(store, "other").await;
    let old = audit_entry(c.server.id, c.owner.id, AuditAction::ServerUpdate, 10);
    let old_elsewhere = audit_entry(
        other.server.id,
        other.owner.id,
        AuditAction::ServerUpdate,
        5,
    );
    let at_cutoff = audit_entry(c.server.id, c.owner.id, AuditAction::ServerUpdate, 100);
    let recent = audit_entry(c.server.id, c.owner.id, AuditAction::ServerUpdate, 200);
    for e in [&old, &old_elsewhere, &at_cutoff, &recent] {
        store.insert_audit_entry(e).await.unwrap();
    }
    assert_eq!(store.prune_audit_log(at(100)).await.unwrap(), 2);
    assert_eq!(
        store.audit_entries(c.server.id, &query(10)).await.unwrap(),
        vec![recent, at_cutoff]
    );
    let rest = store
        .audit_entries(other.server.id, &query(10))
        .await
        .unwrap();
    assert!(rest.is_empty());
    assert_eq!(store.prune_audit_log(at(100)).await.unwrap(), 0);
}

/// Deleting a server removes its audit entries and timeouts, and no
/// other server's.
pub async fn delete_server_removes_its_audit_entries_and_timeouts(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let other = add_community(store, "other").await;
    let alice = add_user(store, "alice").await;
    add_member(store, &c.server, alice.id, at(1)).await;
    add_member(store, &other.server, alice.id, at(1)).await;
    let gone = audit_entry(c.server.id, c.owner.id, AuditAction::MemberKick, 1);
    let kept = audit_entry(other.server.id, other.owner.id, AuditAction::MemberKick, 1);
    store.insert_audit_entry(&gone).await.unwrap();
    store.insert_audit_entry(&kept).await.unwrap();
    store
        .set_timeout(c.server.id, alice.id, at(600))
        .await
        .unwrap();
    store
        .set_timeout(other.server.id, alice.id, at(600))
        .await
        .unwrap();
    assert!(store.delete_server(c.server.id).await.unwrap());
    assert!(store
        .audit_entries(c.server.id, &query(10))
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        store
            .timeout_until(c.server.id, alice.id, at(0))
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .audit_entries(other.server.id, &query(10))
            .await
            .unwrap(),
        vec![kept]
    );
    assert_eq!(
        store
            .timeout_until(other.server.id, alice.id, at(0))
            .await
            .unwrap(),
        Some(at(600))
    );
}
