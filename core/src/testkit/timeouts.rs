//! Contracts of [`TimeoutStore`](crate::moderation::TimeoutStore).

use std::sync::Arc;

use super::fixtures::*;
use crate::Store;

/// `set_timeout` stores the end; `timeout_until` gives it while it runs
/// (before `until`) and `None` from `until` on, per server and user.
pub async fn set_timeout_then_timeout_until_reads_it_while_it_runs(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let other = add_community(store, "other").await;
    let (alice, bob) = (add_user(store, "alice").await, add_user(store, "bob").await);
    add_member(store, &c.server, alice.id, at(1)).await;
    add_member(store, &c.server, bob.id, at(1)).await;
    let sid = c.server.id;
    assert_eq!(
        store.timeout_until(sid, alice.id, at(0)).await.unwrap(),
        None
    );
    store.set_timeout(sid, alice.id, at(60)).await.unwrap();
    assert_eq!(
        store.timeout_until(sid, alice.id, at(59)).await.unwrap(),
        Some(at(60))
    );
    assert_eq!(
        store.timeout_until(sid, alice.id, at(60)).await.unwrap(),
        None
    );
    assert_eq!(store.timeout_until(sid, bob.id, at(0)).await.unwrap(), None);
    let elsewhere = store
        .timeout_until(other.server.id, alice.id, at(0))
        .await
        .unwrap();
    assert_eq!(elsewhere, None, "a timeout is per server");
}

/// A new timeout of the same user replaces the earlier one (shorter too).
pub async fn set_timeout_replaces_an_earlier_timeout(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let alice = add_user(store, "alice").await;
    add_member(store, &c.server, alice.id, at(1)).await;
    let sid = c.server.id;
    store.set_timeout(sid, alice.id, at(600)).await.unwrap();
    store.set_timeout(sid, alice.id, at(30)).await.unwrap();
    assert_eq!(
        store.timeout_until(sid, alice.id, at(0)).await.unwrap(),
        Some(at(30))
    );
}

/// `timeouts_of` lists the server's running timeouts only.
pub async fn timeouts_of_lists_only_running_timeouts_of_the_server(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let other = add_community(store, "other").await;
    let (alice, bob) = (add_user(store, "alice").await, add_user(store, "bob").await);
    let carol = add_user(store, "carol").await;
    let sid = c.server.id;
    store.set_timeout(sid, alice.id, at(100)).await.unwrap();
    store.set_timeout(sid, bob.id, at(10)).await.unwrap();
    store
        .set_timeout(other.server.id, carol.id, at(100))
        .await
        .unwrap();
    assert_eq!(
        store.timeouts_of(sid, at(50)).await.unwrap(),
        vec![(alice.id, at(100))]
    );
    let mut both = store.timeouts_of(sid, at(0)).await.unwrap();
    both.sort();
    let mut expected = vec![(alice.id, at(100)), (bob.id, at(10))];
    expected.sort();
    assert_eq!(both, expected);
}

/// `clear_timeout` lifts it (`true`), and says `false` when there is none.
pub async fn clear_timeout_lifts_it_or_returns_false(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let alice = add_user(store, "alice").await;
    let sid = c.server.id;
    assert!(!store.clear_timeout(sid, alice.id).await.unwrap());
    store.set_timeout(sid, alice.id, at(100)).await.unwrap();
    assert!(store.clear_timeout(sid, alice.id).await.unwrap());
    assert_eq!(
        store.timeout_until(sid, alice.id, at(0)).await.unwrap(),
        None
    );
    assert!(!store.clear_timeout(sid, alice.id).await.unwrap());
}

/// A timeout outlives the membership: leaving (or being kicked) and
/// joining again does not end it.
pub async fn a_timeout_survives_leaving_the_server(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let alice = add_user(store, "alice").await;
    add_member(store, &c.server, alice.id, at(1)).await;
    let sid = c.server.id;
    store.set_timeout(sid, alice.id, at(100)).await.unwrap();
    assert!(store.remove_member(sid, alice.id).await.unwrap());
    add_member(store, &c.server, alice.id, at(2)).await;
    assert_eq!(
        store.timeout_until(sid, alice.id, at(3)).await.unwrap(),
        Some(at(100))
    );
}
