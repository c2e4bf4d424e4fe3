//! Contracts of [`TransferStore`](crate::transfer::TransferStore).

use std::sync::Arc;

use super::fixtures::*;
use crate::role::Role;
use crate::Store;

/// `users_after` walks every user in id order, `limit` at a time, with
/// every stored field.
pub async fn users_after_walks_every_user_in_id_order(store: &Arc<dyn Store>) {
    let mut made = Vec::new();
    for name in ["carol", "alice", "bob", "dave", "erin"] {
        made.push(add_user(store, name).await);
    }
    made.sort_by_key(|u| u.id);
    let first = store.users_after(None, 2).await.unwrap();
    assert_eq!(first, made[..2].to_vec());
    let rest = store.users_after(Some(first[1].id), 10).await.unwrap();
    assert_eq!(rest, made[2..].to_vec());
    let none = store.users_after(Some(made[4].id), 10).await.unwrap();
    assert!(none.is_empty());
}

/// `servers_after` walks every server in id order, `limit` at a time.
pub async fn servers_after_walks_every_server_in_id_order(store: &Arc<dyn Store>) {
    let mut made = Vec::new();
    for name in ["one", "two", "three"] {
        made.push(add_community(store, name).await.server);
    }
    made.sort_by_key(|s| s.id);
    let first = store.servers_after(None, 1).await.unwrap();
    assert_eq!(first, made[..1].to_vec());
    let rest = store.servers_after(Some(first[0].id), 5).await.unwrap();
    assert_eq!(rest, made[1..].to_vec());
}

/// `insert_member` stores the membership as given, after the existing
/// ones, and answers `false` for a member already there.
pub async fn insert_member_stores_it_as_given_or_returns_false(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let alice = add_user(store, "alice").await;
    let m = member(c.server.id, alice.id, Role::Admin, at(-50));
    assert!(store.insert_member(&m).await.unwrap());
    assert_eq!(
        store.member(c.server.id, alice.id).await.unwrap(),
        Some(m.clone())
    );
    let again = member(c.server.id, alice.id, Role::Member, at(9));
    assert!(!store.insert_member(&again).await.unwrap());
    assert_eq!(store.member(c.server.id, alice.id).await.unwrap(), Some(m));
    assert_eq!(store.member_count(c.server.id).await.unwrap(), 2);
}
