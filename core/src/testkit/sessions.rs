//! Contracts of [`SessionStore`].

use std::sync::Arc;

use futures::future::join_all;

use super::fixtures::*;
use crate::auth::Rotation;
use crate::ids::SessionId;
use crate::Store;

/// A day after `T0`: when the refresh grants of these contracts expire.
fn tomorrow() -> crate::Timestamp {
    at(86_400)
}

/// `create_session` stores the session; `session_by_id` reads it back, or
/// `None` for an unknown id.
pub async fn create_session_then_session_by_id_reads_it_back_or_none(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let s = session(alice.id);
    store
        .create_session(&s, &grant(&token_hash(), tomorrow()))
        .await
        .unwrap();
    assert_eq!(store.session_by_id(s.id).await.unwrap(), Some(s));
    let unknown = SessionId::from_uuid(new_id());
    assert_eq!(store.session_by_id(unknown).await.unwrap(), None);
}

/// `revoke_session` marks the session revoked and returns `true`; `false`
/// when there is no such session.
pub async fn revoke_session_marks_it_revoked_or_returns_false(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let (s, other) = (session(alice.id), session(alice.id));
    store
        .create_session(&s, &grant(&token_hash(), tomorrow()))
        .await
        .unwrap();
    store
        .create_session(&other, &grant(&token_hash(), tomorrow()))
        .await
        .unwrap();
    assert!(store.revoke_session(s.id).await.unwrap());
    let read = store.session_by_id(s.id).await.unwrap().unwrap();
    assert!(read.revoked);
    assert!(
        !store
            .session_by_id(other.id)
            .await
            .unwrap()
            .unwrap()
            .revoked
    );
    let unknown = SessionId::from_uuid(new_id());
    assert!(!store.revoke_session(unknown).await.unwrap());
}

/// `revoke_sessions_of` revokes every session of the user, and no other.
pub async fn revoke_sessions_of_revokes_every_session_of_that_user_only(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let bob = add_user(store, "bob").await;
    let mine = [session(alice.id), session(alice.id), session(alice.id)];
    let theirs = session(bob.id);
    for s in mine.iter().chain([&theirs]) {
        store
            .create_session(s, &grant(&token_hash(), tomorrow()))
            .await
            .unwrap();
    }
    store.revoke_sessions_of(alice.id).await.unwrap();
    for s in &mine {
        assert!(store.session_by_id(s.id).await.unwrap().unwrap().revoked);
    }
    assert!(
        !store
            .session_by_id(theirs.id)
            .await
            .unwrap()
            .unwrap()
            .revoked
    );
}

/// A live token rotates to `Rotated(session)`, and the next token then
/// works for the same session.
pub async fn rotate_refresh_spends_the_token_and_stores_the_next(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let s = session(alice.id);
    let (first, second, third) = (token_hash(), token_hash(), token_hash());
    store
        .create_session(&s, &grant(&first, tomorrow()))
        .await
        .unwrap();
    let r = store
        .rotate_refresh(&first, &grant(&second, tomorrow()), at(1))
        .await
        .unwrap();
    assert_eq!(r, Rotation::Rotated(s.clone()));
    let r = store
        .rotate_refresh(&second, &grant(&third, tomorrow()), at(2))
        .await
        .unwrap();
    assert_eq!(r, Rotation::Rotated(s));
}

/// A spent token presented again gives `Reused(session id)` and changes
/// nothing: the proposed next token is not stored, the live one still works.
pub async fn rotate_refresh_with_a_spent_token_reports_reuse_and_changes_nothing(
    store: &Arc<dyn Store>,
) {
    let alice = add_user(store, "alice").await;
    let s = session(alice.id);
    let (first, second, replayed_next, third) =
        (token_hash(), token_hash(), token_hash(), token_hash());
    store
        .create_session(&s, &grant(&first, tomorrow()))
        .await
        .unwrap();
    store
        .rotate_refresh(&first, &grant(&second, tomorrow()), at(1))
        .await
        .unwrap();
    let r = store
        .rotate_refresh(&first, &grant(&replayed_next, tomorrow()), at(2))
        .await
        .unwrap();
    assert_eq!(r, Rotation::Reused(s.id));
    let r = store
        .rotate_refresh(&replayed_next, &grant(&token_hash(), tomorrow()), at(3))
        .await
        .unwrap();
    assert_eq!(
        r,
        Rotation::Invalid,
        "the replay must not have stored its next token"
    );
    assert!(!store.session_by_id(s.id).await.unwrap().unwrap().revoked);
    let r = store
        .rotate_refresh(&second, &grant(&third, tomorrow()), at(4))
        .await
        .unwrap();
    assert_eq!(r, Rotation::Rotated(s));
}

/// A token the store never saw is `Invalid`.
pub async fn rotate_refresh_with_an_unknown_token_is_invalid(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let s = session(alice.id);
    store
        .create_session(&s, &grant(&token_hash(), tomorrow()))
        .await
        .unwrap();
    let next = token_hash();
    let r = store
        .rotate_refresh(&token_hash(), &grant(&next, tomorrow()), at(1))
        .await
        .unwrap();
    assert_eq!(r, Rotation::Invalid);
    let r = store
        .rotate_refresh(&next, &grant(&token_hash(), tomorrow()), at(2))
        .await
        .unwrap();
    assert_eq!(
        r,
        Rotation::Invalid,
        "an Invalid rotation must not store its next token"
    );
}

/// A token past its `expires_at` is `Invalid`; before it, it rotates.
pub async fn rotate_refresh_with_an_expired_token_is_invalid(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let (old, fresh) = (session(alice.id), session(alice.id));
    let (old_hash, fresh_hash) = (token_hash(), token_hash());
    store
        .create_session(&old, &grant(&old_hash, at(60)))
        .await
        .unwrap();
    store
        .create_session(&fresh, &grant(&fresh_hash, at(60)))
        .await
        .unwrap();
    let r = store
        .rotate_refresh(&old_hash, &grant(&token_hash(), tomorrow()), at(61))
        .await
        .unwrap();
    assert_eq!(r, Rotation::Invalid);
    let r = store
        .rotate_refresh(&fresh_hash, &grant(&token_hash(), tomorrow()), at(59))
        .await
        .unwrap();
    assert_eq!(r, Rotation::Rotated(fresh));
}

/// A live token of a revoked session is `Invalid`.
pub async fn rotate_refresh_of_a_revoked_session_is_invalid(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let s = session(alice.id);
    let hash = token_hash();
    store
        .create_session(&s, &grant(&hash, tomorrow()))
        .await
        .unwrap();
    store.revoke_session(s.id).await.unwrap();
    let r = store
        .rotate_refresh(&hash, &grant(&token_hash(), tomorrow()), at(1))
        .await
        .unwrap();
    assert_eq!(r, Rotation::Invalid);
}

/// Of concurrent rotations of one token, exactly one gets `Rotated`; the
/// others find it spent (`Reused`).
pub async fn concurrent_rotations_of_one_token_rotate_exactly_once(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    for round in 0..10 {
        let s = session(alice.id);
        let hash = token_hash();
        store
            .create_session(&s, &grant(&hash, tomorrow()))
            .await
            .unwrap();
        let tasks = (0..4).map(|_| {
            let (store, hash) = (Arc::clone(store), hash.clone());
            tokio::spawn(async move {
                let next = grant(&token_hash(), tomorrow());
                store.rotate_refresh(&hash, &next, at(1)).await.unwrap()
            })
        });
        let outcomes: Vec<Rotation> = join_all(tasks)
            .await
            .into_iter()
            .map(|r| r.unwrap())
            .collect();
        let rotated = outcomes
            .iter()
            .filter(|o| matches!(o, Rotation::Rotated(_)))
            .count();
        assert_eq!(rotated, 1, "round {round}: {outcomes:?}");
        let reused = outcomes
            .iter()
            .filter(|o| **o == Rotation::Reused(s.id))
            .count();
        assert_eq!(reused, 3, "round {round}: {outcomes:?}");
    }
}
