//! Contracts of [`MemberStore`].

use std::sync::Arc;

use super::fixtures::*;
use crate::ids::{ServerId, UserId};
use crate::members::Member;
use crate::role::Role;
use crate::Store;

/// `member` returns the membership, or `None` for a non-member, an
/// unknown user or an unknown server.
pub async fn member_returns_the_membership_or_none(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let alice = add_user(store, "alice").await;
    let outsider = add_user(store, "outsider").await;
    let m = add_member(store, &c.server, alice.id, at(5)).await;
    assert_eq!(store.member(c.server.id, alice.id).await.unwrap(), Some(m));
    assert_eq!(store.member(c.server.id, outsider.id).await.unwrap(), None);
    let unknown_user = UserId::from_uuid(new_id());
    assert_eq!(store.member(c.server.id, unknown_user).await.unwrap(), None);
    let unknown_server = ServerId::from_uuid(new_id());
    assert_eq!(store.member(unknown_server, alice.id).await.unwrap(), None);
}

/// `members_of` lists every member of the server in the order they
/// joined (not by id); empty for an unknown server.
pub async fn members_of_lists_members_in_the_order_they_joined(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let other = add_community(store, "other").await;
    let a = add_user(store, "anna").await;
    let b = add_user(store, "bert").await;
    let z = add_user(store, "zoe").await;
    let mz = add_member(store, &c.server, z.id, at(1)).await;
    let ma = add_member(store, &c.server, a.id, at(2)).await;
    let mb = add_member(store, &c.server, b.id, at(3)).await;
    add_member(store, &other.server, a.id, at(4)).await;
    let members = store.members_of(c.server.id).await.unwrap();
    assert_eq!(members, vec![c.owner_member, mz, ma, mb]);
    let unknown = ServerId::from_uuid(new_id());
    assert!(store.members_of(unknown).await.unwrap().is_empty());
}

/// `memberships_of` lists every membership of the user (any order).
pub async fn memberships_of_lists_every_membership_of_the_user(store: &Arc<dyn Store>) {
    let one = add_community(store, "one").await;
    let two = add_community(store, "two").await;
    add_community(store, "three").await;
    let alice = add_user(store, "alice").await;
    let m1 = add_member(store, &one.server, alice.id, at(1)).await;
    let m2 = add_member(store, &two.server, alice.id, at(2)).await;
    let mut found = store.memberships_of(alice.id).await.unwrap();
    found.sort_by_key(|m| m.server_id);
    let mut expected = vec![m1, m2];
    expected.sort_by_key(|m| m.server_id);
    assert_eq!(found, expected);
    let owner = store.memberships_of(one.owner.id).await.unwrap();
    assert_eq!(owner, vec![one.owner_member]);
    let loner = add_user(store, "loner").await;
    assert!(store.memberships_of(loner.id).await.unwrap().is_empty());
}

/// `member_count` counts the server's members (0 for an unknown server).
pub async fn member_count_counts_the_members(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let other = add_community(store, "other").await;
    assert_eq!(store.member_count(c.server.id).await.unwrap(), 1);
    for (i, name) in ["anna", "bert", "carl"].into_iter().enumerate() {
        let u = add_user(store, name).await;
        add_member(store, &c.server, u.id, at(i as i64 + 1)).await;
    }
    assert_eq!(store.member_count(c.server.id).await.unwrap(), 4);
    assert_eq!(store.member_count(other.server.id).await.unwrap(), 1);
    let unknown = ServerId::from_uuid(new_id());
    assert_eq!(store.member_count(unknown).await.unwrap(), 0);
}

/// `set_role` sets the stored role and returns the updated membership;
/// `None` when the user is not a member.
pub async fn set_role_updates_the_stored_role_or_returns_none(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let alice = add_user(store, "alice").await;
    let m = add_member(store, &c.server, alice.id, at(1)).await;
    let admin = Member {
        role: Role::Admin,
        ..m.clone()
    };
    let updated = store
        .set_role(c.server.id, alice.id, Role::Admin)
        .await
        .unwrap();
    assert_eq!(updated, Some(admin.clone()));
    assert_eq!(
        store.member(c.server.id, alice.id).await.unwrap(),
        Some(admin)
    );
    let back = store
        .set_role(c.server.id, alice.id, Role::Member)
        .await
        .unwrap();
    assert_eq!(back, Some(m));
    let outsider = add_user(store, "outsider").await;
    assert_eq!(
        store
            .set_role(c.server.id, outsider.id, Role::Admin)
            .await
            .unwrap(),
        None
    );
    assert_eq!(store.member(c.server.id, outsider.id).await.unwrap(), None);
}

/// `remove_member` removes the membership and returns `true`; `false`
/// when there was none.
pub async fn remove_member_removes_the_membership_or_returns_false(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let alice = add_user(store, "alice").await;
    let bob = add_user(store, "bob").await;
    add_member(store, &c.server, alice.id, at(1)).await;
    let mb = add_member(store, &c.server, bob.id, at(2)).await;
    assert!(store.remove_member(c.server.id, alice.id).await.unwrap());
    assert_eq!(store.member(c.server.id, alice.id).await.unwrap(), None);
    assert!(store.memberships_of(alice.id).await.unwrap().is_empty());
    assert_eq!(
        store.members_of(c.server.id).await.unwrap(),
        vec![c.owner_member, mb]
    );
    assert!(!store.remove_member(c.server.id, alice.id).await.unwrap());
    let unknown = ServerId::from_uuid(new_id());
    assert!(!store.remove_member(unknown, bob.id).await.unwrap());
}
