//! Contracts of [`AccountStore`](crate::account::AccountStore) and the
//! session-list methods of [`SessionStore`](crate::auth::SessionStore).

use std::sync::Arc;

use futures::future::join_all;

use super::fixtures::*;
use crate::account::{MfaState, MfaTicket};
use crate::auth::Session;
use crate::ids::{SessionId, UserId};
use crate::users::PasswordHash;
use crate::Store;

async fn add_session(store: &Arc<dyn Store>, s: &Session) {
    store
        .create_session(s, &grant(&token_hash(), at(86_400)))
        .await
        .unwrap();
}

fn mfa(user: UserId, version: i64) -> MfaState {
    MfaState {
        user_id: user,
        secret: Some(format!("sealed-secret-v{version}")),
        pending_secret: None,
        last_step: 56_666_666 + version,
        recovery_codes: vec!["digest-1".into(), "digest-2".into()],
        version,
    }
}

fn ticket(user: UserId, hash: &str, expires_at: crate::Timestamp) -> MfaTicket {
    MfaTicket {
        hash: hash.to_owned(),
        user_id: user,
        expires_at,
        failures: 0,
    }
}

/// A session reads back with its user agent, address hint and
/// `last_used_at`, and with none of the first two when absent.
pub async fn sessions_keep_user_agent_ip_hint_and_last_used_at(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let full = Session {
        last_used_at: at(30),
        ..session(alice.id)
    };
    let bare = bare_session(alice.id);
    add_session(store, &full).await;
    add_session(store, &bare).await;
    assert_eq!(store.session_by_id(full.id).await.unwrap(), Some(full));
    assert_eq!(store.session_by_id(bare.id).await.unwrap(), Some(bare));
}

/// `sessions_of` lists the user's sessions that are not revoked, and no
/// one else's.
pub async fn sessions_of_lists_the_users_unrevoked_sessions_only(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let bob = add_user(store, "bob").await;
    let (a1, a2, revoked, b) = (
        session(alice.id),
        session(alice.id),
        session(alice.id),
        session(bob.id),
    );
    for s in [&a1, &a2, &revoked, &b] {
        add_session(store, s).await;
    }
    store.revoke_session(revoked.id).await.unwrap();
    let mut ids: Vec<SessionId> = store
        .sessions_of(alice.id)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id)
        .collect();
    ids.sort();
    assert_eq!(ids, vec![a1.id, a2.id]);
    let nobody = UserId::from_uuid(new_id());
    assert!(store.sessions_of(nobody).await.unwrap().is_empty());
}

/// `touch_session` moves `last_used_at` forward (never back) and returns
/// `true`; `false` for an unknown session.
pub async fn touch_session_moves_last_used_at_forward_or_returns_false(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let s = session(alice.id);
    add_session(store, &s).await;
    assert!(store.touch_session(s.id, at(120)).await.unwrap());
    let read = store.session_by_id(s.id).await.unwrap().unwrap();
    assert_eq!(read.last_used_at, at(120));
    assert_eq!(read.created_at, T0);
    assert!(store.touch_session(s.id, at(60)).await.unwrap());
    let read = store.session_by_id(s.id).await.unwrap().unwrap();
    assert_eq!(read.last_used_at, at(120), "last_used_at never moves back");
    let unknown = SessionId::from_uuid(new_id());
    assert!(!store.touch_session(unknown, at(180)).await.unwrap());
}

/// `revoke_other_sessions` revokes every live session of the user except
/// the one kept, lists exactly those it revoked, and leaves other users'
/// sessions alone.
pub async fn revoke_other_sessions_revokes_all_but_one_and_lists_them(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let bob = add_user(store, "bob").await;
    let (keep, o1, o2, already, b) = (
        session(alice.id),
        session(alice.id),
        session(alice.id),
        session(alice.id),
        session(bob.id),
    );
    for s in [&keep, &o1, &o2, &already, &b] {
        add_session(store, s).await;
    }
    store.revoke_session(already.id).await.unwrap();
    let mut ended = store
        .revoke_other_sessions(alice.id, keep.id)
        .await
        .unwrap();
    ended.sort();
    assert_eq!(ended, vec![o1.id, o2.id]);
    let revoked = |id| {
        let store = store.clone();
        async move { store.session_by_id(id).await.unwrap().unwrap().revoked }
    };
    assert!(!revoked(keep.id).await);
    assert!(revoked(o1.id).await && revoked(o2.id).await);
    assert!(!revoked(b.id).await);
    assert!(store
        .revoke_other_sessions(alice.id, keep.id)
        .await
        .unwrap()
        .is_empty());
}

/// `set_password_hash` replaces the user's hash and returns `true`;
/// `false` for an unknown user.
pub async fn set_password_hash_replaces_the_hash_or_returns_false(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let bob = add_user(store, "bob").await;
    let hash = PasswordHash::new("fake$new-hash");
    assert!(store.set_password_hash(alice.id, &hash).await.unwrap());
    let read = store.user_by_id(alice.id).await.unwrap().unwrap();
    assert_eq!(read.password_hash, hash);
    let untouched = store.user_by_id(bob.id).await.unwrap().unwrap();
    assert_eq!(untouched.password_hash, bob.password_hash);
    let nobody = UserId::from_uuid(new_id());
    assert!(!store.set_password_hash(nobody, &hash).await.unwrap());
}

/// `set_user_disabled` sets and clears the flag every read of the user
/// shows (by id, by username, by ids, the migration walk) and returns
/// `true`; `false` for an unknown user. `insert_user` keeps the flag (a
/// migration copies disabled accounts as they are). Nobody else changes.
pub async fn set_user_disabled_sets_and_clears_the_flag_or_returns_false(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let bob = add_user(store, "bob").await;
    assert!(!alice.disabled);
    assert!(store.set_user_disabled(alice.id, true).await.unwrap());
    let read = store.user_by_id(alice.id).await.unwrap().unwrap();
    assert_eq!(
        read,
        crate::users::User {
            disabled: true,
            avatar_key: None,
            ..alice.clone()
        }
    );
    let by_name = store.user_by_username(&alice.username).await.unwrap();
    assert!(by_name.is_some_and(|u| u.disabled));
    let both = store.users_by_ids(&[alice.id, bob.id]).await.unwrap();
    assert_eq!(both.len(), 2);
    for u in &both {
        assert_eq!(u.disabled, u.id == alice.id, "{}", u.username);
    }
    let walked = store.users_after(None, 10).await.unwrap();
    assert!(walked.iter().any(|u| u.id == alice.id && u.disabled));
    assert!(walked.iter().any(|u| u.id == bob.id && !u.disabled));
    // Idempotent, then back.
    assert!(store.set_user_disabled(alice.id, true).await.unwrap());
    assert!(store.set_user_disabled(alice.id, false).await.unwrap());
    assert_eq!(store.user_by_id(alice.id).await.unwrap(), Some(alice));
    let nobody = UserId::from_uuid(new_id());
    assert!(!store.set_user_disabled(nobody, true).await.unwrap());
    let carol = crate::users::User {
        disabled: true,
        avatar_key: None,
        ..user("carol")
    };
    store.insert_user(&carol).await.unwrap();
    assert_eq!(store.user_by_id(carol.id).await.unwrap(), Some(carol));
}

/// `save_mfa` with `expected: None` inserts when there is no record, and
/// refuses (`false`) when there is one; with `Some(v)` it replaces the
/// record only when its version is `v`. `mfa_of` reads back every field,
/// or `None`.
pub async fn save_mfa_inserts_then_updates_only_from_the_expected_version(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    assert_eq!(store.mfa_of(alice.id).await.unwrap(), None);
    let pending = MfaState {
        pending_secret: Some("sealed-pending".into()),
        secret: None,
        recovery_codes: Vec::new(),
        ..mfa(alice.id, 1)
    };
    assert!(store.save_mfa(&pending, None).await.unwrap());
    assert_eq!(store.mfa_of(alice.id).await.unwrap(), Some(pending.clone()));
    assert!(!store.save_mfa(&mfa(alice.id, 1), None).await.unwrap());
    assert!(!store.save_mfa(&mfa(alice.id, 3), Some(2)).await.unwrap());
    assert_eq!(store.mfa_of(alice.id).await.unwrap(), Some(pending));
    let enabled = mfa(alice.id, 2);
    assert!(store.save_mfa(&enabled, Some(1)).await.unwrap());
    assert_eq!(store.mfa_of(alice.id).await.unwrap(), Some(enabled));
}

/// Of several concurrent saves from the same version, exactly one succeeds.
pub async fn concurrent_mfa_saves_from_one_version_succeed_once(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    assert!(store.save_mfa(&mfa(alice.id, 1), None).await.unwrap());
    let tasks = (0..8).map(|i| {
        let store = store.clone();
        tokio::spawn(async move {
            let mut next = mfa(alice.id, 2);
            next.recovery_codes = vec![format!("digest-of-task-{i}")];
            store.save_mfa(&next, Some(1)).await.unwrap()
        })
    });
    let wins = join_all(tasks)
        .await
        .into_iter()
        .filter(|r| *r.as_ref().unwrap())
        .count();
    assert_eq!(wins, 1, "exactly one save from version 1 wins");
    assert_eq!(store.mfa_of(alice.id).await.unwrap().unwrap().version, 2);
}

/// `delete_mfa` removes the state and returns `true`; `false` when there
/// was none.
pub async fn delete_mfa_removes_the_state_or_returns_false(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let bob = add_user(store, "bob").await;
    store.save_mfa(&mfa(alice.id, 1), None).await.unwrap();
    store.save_mfa(&mfa(bob.id, 1), None).await.unwrap();
    assert!(store.delete_mfa(alice.id).await.unwrap());
    assert_eq!(store.mfa_of(alice.id).await.unwrap(), None);
    assert!(!store.delete_mfa(alice.id).await.unwrap());
    assert!(store.mfa_of(bob.id).await.unwrap().is_some());
}

/// A ticket reads back by its digest; `fail_mfa_ticket` counts 1, 2, …
/// (`None` for an unknown one); `delete_mfa_ticket` is `true` only once.
pub async fn mfa_tickets_are_stored_counted_and_deleted_once(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let t = ticket(alice.id, "ticket-digest", at(300));
    store.create_mfa_ticket(&t, T0).await.unwrap();
    assert_eq!(store.mfa_ticket("ticket-digest").await.unwrap(), Some(t));
    assert_eq!(store.mfa_ticket("other").await.unwrap(), None);
    assert_eq!(
        store.fail_mfa_ticket("ticket-digest").await.unwrap(),
        Some(1)
    );
    assert_eq!(
        store.fail_mfa_ticket("ticket-digest").await.unwrap(),
        Some(2)
    );
    let read = store.mfa_ticket("ticket-digest").await.unwrap().unwrap();
    assert_eq!(read.failures, 2);
    assert_eq!(store.fail_mfa_ticket("other").await.unwrap(), None);
    let tasks = (0..4).map(|_| {
        let store = store.clone();
        tokio::spawn(async move { store.delete_mfa_ticket("ticket-digest").await.unwrap() })
    });
    let deleted = join_all(tasks)
        .await
        .into_iter()
        .filter(|r| *r.as_ref().unwrap())
        .count();
    assert_eq!(deleted, 1, "exactly one delete wins");
    assert_eq!(store.mfa_ticket("ticket-digest").await.unwrap(), None);
}

/// `create_mfa_ticket` drops tickets that expired before `now`, and keeps
/// live ones.
pub async fn create_mfa_ticket_drops_expired_tickets(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    store
        .create_mfa_ticket(&ticket(alice.id, "old", at(300)), T0)
        .await
        .unwrap();
    store
        .create_mfa_ticket(&ticket(alice.id, "live", at(900)), at(200))
        .await
        .unwrap();
    store
        .create_mfa_ticket(&ticket(alice.id, "new", at(1_000)), at(600))
        .await
        .unwrap();
    assert_eq!(store.mfa_ticket("old").await.unwrap(), None);
    assert!(store.mfa_ticket("live").await.unwrap().is_some());
    assert!(store.mfa_ticket("new").await.unwrap().is_some());
}

/// Erasing a user deletes their two-factor state and tickets, and no
/// one else's.
pub async fn erase_user_removes_their_mfa_state_and_tickets(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let bob = add_user(store, "bob").await;
    for u in [alice.id, bob.id] {
        store.save_mfa(&mfa(u, 1), None).await.unwrap();
        let hash = format!("ticket-of-{u}");
        store
            .create_mfa_ticket(&ticket(u, &hash, at(300)), T0)
            .await
            .unwrap();
    }
    assert!(store.erase_user(&alice.tombstone()).await.unwrap());
    assert_eq!(store.mfa_of(alice.id).await.unwrap(), None);
    let alice_ticket = format!("ticket-of-{}", alice.id);
    assert_eq!(store.mfa_ticket(&alice_ticket).await.unwrap(), None);
    assert!(store.mfa_of(bob.id).await.unwrap().is_some());
    let bob_ticket = format!("ticket-of-{}", bob.id);
    assert!(store.mfa_ticket(&bob_ticket).await.unwrap().is_some());
}
