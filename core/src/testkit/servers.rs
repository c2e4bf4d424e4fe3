//! Contracts of [`ServerStore`].

use std::sync::Arc;

use futures::future::join_all;

use super::fixtures::*;
use crate::channels::Channel;
use crate::ids::{ServerId, UserId};
use crate::messages::Inserted;
use crate::role::Role;
use crate::servers::{Description, Server, ServerName};
use crate::Store;

/// `create_server` stores the server, the owner's membership and the
/// first channel.
pub async fn create_server_stores_the_server_its_owner_and_first_channel(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    assert_eq!(
        store.server_by_id(c.server.id).await.unwrap(),
        Some(c.server.clone())
    );
    let owner = store.member(c.server.id, c.owner.id).await.unwrap();
    assert_eq!(owner, Some(c.owner_member.clone()));
    assert_eq!(
        store.members_of(c.server.id).await.unwrap(),
        vec![c.owner_member]
    );
    assert_eq!(store.member_count(c.server.id).await.unwrap(), 1);
    assert_eq!(
        store.channels_of(c.server.id).await.unwrap(),
        vec![c.general.clone()]
    );
    assert_eq!(
        store.channel_by_id(c.general.id).await.unwrap(),
        Some(c.general)
    );
}

/// `create_server` is all or nothing: when one part cannot be stored (here
/// the first channel's id is taken), neither the server nor the owner's
/// membership is stored, and the existing channel is untouched.
pub async fn create_server_is_all_or_nothing(store: &Arc<dyn Store>) {
    let existing = add_community(store, "first").await;
    let owner = add_user(store, "second").await;
    let s = server("second's server", owner.id);
    let m = member(s.id, owner.id, Role::Owner, T0);
    let clash = Channel {
        server_id: s.id,
        ..existing.general.clone()
    };
    let result = store.create_server(&s, &m, &clash).await;
    assert!(
        result.is_err(),
        "a taken channel id must fail, got {result:?}"
    );
    assert_eq!(store.server_by_id(s.id).await.unwrap(), None);
    assert_eq!(store.member(s.id, owner.id).await.unwrap(), None);
    assert!(store.servers_of_user(owner.id).await.unwrap().is_empty());
    assert_eq!(store.count_owned_by(owner.id).await.unwrap(), 0);
    let general = store.channel_by_id(existing.general.id).await.unwrap();
    assert_eq!(general, Some(existing.general));
}

/// `server_by_id` of an id that was never stored is `None`.
pub async fn server_by_id_of_an_unknown_id_is_none(store: &Arc<dyn Store>) {
    add_community(store, "owner").await;
    let unknown = ServerId::from_uuid(new_id());
    assert_eq!(store.server_by_id(unknown).await.unwrap(), None);
}

/// `servers_of_user` lists the servers the user is a member of, oldest
/// membership first; empty for a user in none.
pub async fn servers_of_user_lists_their_servers_oldest_membership_first(store: &Arc<dyn Store>) {
    let first = add_community(store, "first").await;
    let second = add_community(store, "second").await;
    let third = add_community(store, "third").await;
    let alice = add_user(store, "alice").await;
    add_member(store, &third.server, alice.id, at(10)).await;
    add_member(store, &first.server, alice.id, at(20)).await;
    let servers = store.servers_of_user(alice.id).await.unwrap();
    assert_eq!(servers, vec![third.server.clone(), first.server]);
    let owned = store.servers_of_user(second.owner.id).await.unwrap();
    assert_eq!(owned, vec![second.server]);
    let loner = add_user(store, "loner").await;
    assert!(store.servers_of_user(loner.id).await.unwrap().is_empty());
}

/// `servers_overview` lists each server the user is a member of, oldest
/// membership first, with its member count, its channels in `channels_of`
/// order and the user's stored role; servers left are gone from it, other
/// users' servers never appear, and a user in none gets an empty list.
pub async fn servers_overview_lists_servers_with_counts_channels_and_roles(store: &Arc<dyn Store>) {
    let first = add_community(store, "first").await;
    let second = add_community(store, "second").await;
    let third = add_community(store, "third").await;
    let _other = add_community(store, "other").await;
    let alice = add_user(store, "alice").await;
    let bob = add_user(store, "bob").await;
    add_member(store, &third.server, alice.id, at(10)).await;
    add_member(store, &first.server, alice.id, at(20)).await;
    add_member(store, &second.server, alice.id, at(30)).await;
    add_member(store, &first.server, bob.id, at(40)).await;
    store
        .set_role(first.server.id, alice.id, Role::Admin)
        .await
        .unwrap();
    // Channels out of creation order: listed by position.
    let late = channel(third.server.id, "late", 2);
    let early = channel(third.server.id, "early", 1);
    store.insert_channel(&late).await.unwrap();
    store.insert_channel(&early).await.unwrap();
    store
        .remove_member(second.server.id, alice.id)
        .await
        .unwrap();

    let overview = store.servers_overview(alice.id).await.unwrap();
    let listed: Vec<_> = overview
        .iter()
        .map(|d| (d.view.server.clone(), d.view.member_count, d.view.my_role))
        .collect();
    assert_eq!(
        listed,
        vec![
            (third.server.clone(), 2, Role::Member),
            (first.server.clone(), 3, Role::Admin),
        ]
    );
    assert_eq!(
        overview[0].channels,
        vec![third.general.clone(), early, late]
    );
    assert_eq!(overview[1].channels, vec![first.general.clone()]);
    for d in &overview {
        assert_eq!(
            d.channels,
            store.channels_of(d.view.server.id).await.unwrap(),
            "the same channels as channels_of"
        );
    }

    let owned = store.servers_overview(first.owner.id).await.unwrap();
    assert_eq!(owned.len(), 1);
    assert_eq!(owned[0].view.server, first.server);
    assert_eq!(owned[0].view.my_role, Role::Owner);
    assert_eq!(owned[0].view.member_count, 3);

    let loner = add_user(store, "loner").await;
    assert!(store.servers_overview(loner.id).await.unwrap().is_empty());
}

/// `servers_overview` lists a user's many servers in the same order as
/// `servers_of_user`, each with the right channels.
pub async fn servers_overview_matches_the_one_by_one_reads_at_many_servers(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let mut expected = Vec::new();
    for i in 0..25 {
        let c = add_community(store, &format!("owner{i}")).await;
        add_member(store, &c.server, alice.id, at(100 - i)).await;
        for p in 0..(i % 4) {
            let extra = channel(c.server.id, &format!("room-{p}"), p + 1);
            store.insert_channel(&extra).await.unwrap();
        }
        expected.push(c.server.id);
    }
    let overview = store.servers_overview(alice.id).await.unwrap();
    let listed: Vec<_> = overview.iter().map(|d| d.view.server.clone()).collect();
    assert_eq!(listed, store.servers_of_user(alice.id).await.unwrap());
    assert_eq!(listed.len(), 25);
    for d in &overview {
        let id = d.view.server.id;
        assert_eq!(d.channels, store.channels_of(id).await.unwrap());
        assert_eq!(d.view.member_count, store.member_count(id).await.unwrap());
        assert_eq!(d.view.my_role, Role::Member);
    }
}

/// `update_server` sets name and description and returns the updated
/// server; `None` when there is no such server.
pub async fn update_server_sets_name_and_description_or_returns_none(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let name = ServerName::parse("Crab Café 🦀").unwrap();
    let description = Description::parse("all about Rust").unwrap();
    let updated = store
        .update_server(c.server.id, &name, &description)
        .await
        .unwrap();
    let expected = Server {
        name: name.clone(),
        description: description.clone(),
        ..c.server.clone()
    };
    assert_eq!(updated.as_ref(), Some(&expected));
    assert_eq!(
        store.server_by_id(c.server.id).await.unwrap(),
        Some(expected)
    );
    let unknown = ServerId::from_uuid(new_id());
    assert_eq!(
        store
            .update_server(unknown, &name, &description)
            .await
            .unwrap(),
        None
    );
}

/// `delete_server` deletes the server's channels, messages, memberships,
/// invites and bans, and touches no other server.
pub async fn delete_server_removes_everything_in_it_and_leaves_other_servers_intact(
    store: &Arc<dyn Store>,
) {
    let doomed = add_community(store, "doomed").await;
    let kept = add_community(store, "kept").await;
    let alice = add_user(store, "alice").await;
    let bob = add_user(store, "bob").await;
    let mut doomed_things = Vec::new();
    let mut kept_things = Vec::new();
    for (c, things) in [(&doomed, &mut doomed_things), (&kept, &mut kept_things)] {
        add_member(store, &c.server, alice.id, at(1)).await;
        let random = channel(c.server.id, "random", 1);
        store.insert_channel(&random).await.unwrap();
        let m1 = message_with_nonce(&c.general, alice.id, "hi", &format!("n-{}", c.server.id));
        let m2 = message(&random, c.owner.id, "yo");
        store.insert_message(&m1).await.unwrap();
        store.insert_message(&m2).await.unwrap();
        let inv = invite(c.server.id, c.owner.id);
        store.insert_invite(&inv).await.unwrap();
        store
            .ban(&ban(c.server.id, bob.id, c.owner.id, None))
            .await
            .unwrap();
        things.push((random, m1, m2, inv));
    }

    assert!(store.delete_server(doomed.server.id).await.unwrap());

    let id = doomed.server.id;
    let (random, m1, m2, inv) = &doomed_things[0];
    assert_eq!(store.server_by_id(id).await.unwrap(), None);
    assert!(store.channels_of(id).await.unwrap().is_empty());
    assert_eq!(store.channel_by_id(doomed.general.id).await.unwrap(), None);
    assert_eq!(store.channel_by_id(random.id).await.unwrap(), None);
    assert_eq!(store.message_by_id(m1.id).await.unwrap(), None);
    assert_eq!(store.message_by_id(m2.id).await.unwrap(), None);
    assert!(store
        .history(doomed.general.id, None, 50)
        .await
        .unwrap()
        .is_empty());
    assert!(store.history(random.id, None, 50).await.unwrap().is_empty());
    assert!(store.members_of(id).await.unwrap().is_empty());
    assert_eq!(store.member_count(id).await.unwrap(), 0);
    assert_eq!(store.member(id, doomed.owner.id).await.unwrap(), None);
    assert_eq!(store.member(id, alice.id).await.unwrap(), None);
    assert!(store
        .servers_of_user(doomed.owner.id)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(store.invite_by_code(&inv.code).await.unwrap(), None);
    assert!(store.invites_of(id).await.unwrap().is_empty());
    assert_eq!(store.active_ban(id, bob.id, at(2)).await.unwrap(), None);
    assert!(store.bans_of(id, at(2)).await.unwrap().is_empty());
    // The deleted message's nonce no longer blocks its author.
    let nonce = m1.nonce.as_ref().unwrap().as_str();
    let again = message_with_nonce(&kept.general, alice.id, "hi again", nonce);
    assert_eq!(store.insert_message(&again).await.unwrap(), Inserted::New);

    let id = kept.server.id;
    let (random, m1k, m2k, inv) = &kept_things[0];
    assert_eq!(
        store.server_by_id(id).await.unwrap(),
        Some(kept.server.clone())
    );
    assert_eq!(
        store.channels_of(id).await.unwrap(),
        vec![kept.general.clone(), random.clone()]
    );
    assert_eq!(
        store.message_by_id(m1k.id).await.unwrap(),
        Some(m1k.clone())
    );
    assert_eq!(
        store.message_by_id(m2k.id).await.unwrap(),
        Some(m2k.clone())
    );
    assert_eq!(store.member_count(id).await.unwrap(), 2);
    assert_eq!(
        store.history(kept.general.id, None, 50).await.unwrap(),
        vec![m1k.clone(), again]
    );
    assert_eq!(
        store.servers_of_user(alice.id).await.unwrap(),
        vec![kept.server.clone()]
    );
    assert_eq!(
        store
            .invite_by_code(&inv.code)
            .await
            .unwrap()
            .map(|i| i.code),
        Some(inv.code.clone())
    );
    assert!(store.active_ban(id, bob.id, at(2)).await.unwrap().is_some());
}

/// `delete_server` returns `false` when there is no such server (also when
/// repeated).
pub async fn delete_server_returns_false_when_there_is_no_such_server(store: &Arc<dyn Store>) {
    let unknown = ServerId::from_uuid(new_id());
    assert!(!store.delete_server(unknown).await.unwrap());
    let c = add_community(store, "owner").await;
    assert!(store.delete_server(c.server.id).await.unwrap());
    assert!(!store.delete_server(c.server.id).await.unwrap());
}

/// `count_owned_by` counts the servers whose `owner_id` is the user.
pub async fn count_owned_by_counts_the_servers_the_user_owns(store: &Arc<dyn Store>) {
    let a = add_community(store, "alice").await;
    let b = add_community(store, "bob").await;
    let second = server("alice's second", a.owner.id);
    let owner = member(second.id, a.owner.id, Role::Owner, T0);
    store
        .create_server(&second, &owner, &channel(second.id, "general", 0))
        .await
        .unwrap();
    add_member(store, &b.server, a.owner.id, at(1)).await;
    assert_eq!(store.count_owned_by(a.owner.id).await.unwrap(), 2);
    assert_eq!(store.count_owned_by(b.owner.id).await.unwrap(), 1);
    let nobody = UserId::from_uuid(new_id());
    assert_eq!(store.count_owned_by(nobody).await.unwrap(), 0);
    assert!(store
        .transfer_ownership(b.server.id, b.owner.id, a.owner.id)
        .await
        .unwrap());
    assert_eq!(store.count_owned_by(a.owner.id).await.unwrap(), 3);
    assert_eq!(store.count_owned_by(b.owner.id).await.unwrap(), 0);
}

/// `transfer_ownership` makes `to` the owner (`owner_id`), sets `from`'s
/// stored role to admin and `to`'s to owner, and returns `true`.
pub async fn transfer_ownership_makes_to_the_owner_and_from_an_admin(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let heir = add_user(store, "heir").await;
    add_member(store, &c.server, heir.id, at(1)).await;
    assert!(store
        .transfer_ownership(c.server.id, c.owner.id, heir.id)
        .await
        .unwrap());
    let server = store.server_by_id(c.server.id).await.unwrap().unwrap();
    assert_eq!(server.owner_id, heir.id);
    let old = store
        .member(c.server.id, c.owner.id)
        .await
        .unwrap()
        .unwrap();
    let new = store.member(c.server.id, heir.id).await.unwrap().unwrap();
    assert_eq!((old.role, new.role), (Role::Admin, Role::Owner));
    assert_eq!(old.joined_at, T0, "joined_at is kept");
}

/// `transfer_ownership` returns `false` and changes nothing when `from`
/// is not (or no longer) the owner.
pub async fn transfer_ownership_changes_nothing_when_from_is_not_the_owner(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let (a, b) = (add_user(store, "anna").await, add_user(store, "bert").await);
    add_member(store, &c.server, a.id, at(1)).await;
    add_member(store, &c.server, b.id, at(2)).await;
    assert!(!store
        .transfer_ownership(c.server.id, a.id, b.id)
        .await
        .unwrap());
    assert!(store
        .transfer_ownership(c.server.id, c.owner.id, a.id)
        .await
        .unwrap());
    assert!(!store
        .transfer_ownership(c.server.id, c.owner.id, b.id)
        .await
        .unwrap());
    let server = store.server_by_id(c.server.id).await.unwrap().unwrap();
    assert_eq!(server.owner_id, a.id);
    let roles = stored_roles(store, c.server.id, &[c.owner.id, a.id, b.id]).await;
    assert_eq!(roles, vec![Role::Admin, Role::Owner, Role::Member]);
    let unknown = ServerId::from_uuid(new_id());
    assert!(!store.transfer_ownership(unknown, a.id, b.id).await.unwrap());
}

/// `transfer_ownership` returns `false` and changes nothing when `to` is
/// not a member.
pub async fn transfer_ownership_changes_nothing_when_to_is_not_a_member(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let outsider = add_user(store, "outsider").await;
    assert!(!store
        .transfer_ownership(c.server.id, c.owner.id, outsider.id)
        .await
        .unwrap());
    let server = store.server_by_id(c.server.id).await.unwrap().unwrap();
    assert_eq!(server, c.server);
    assert_eq!(
        store.member(c.server.id, c.owner.id).await.unwrap(),
        Some(c.owner_member)
    );
    assert_eq!(store.member(c.server.id, outsider.id).await.unwrap(), None);
}

/// Two concurrent transfers from the owner to two different members:
/// exactly one succeeds, and afterwards exactly one member is the
/// effective owner (the winner).
pub async fn concurrent_transfers_leave_exactly_one_owner(store: &Arc<dyn Store>) {
    let a = add_user(store, "anna").await;
    let b = add_user(store, "bert").await;
    for round in 0..10 {
        let c = add_community(store, &format!("owner{round}")).await;
        add_member(store, &c.server, a.id, at(1)).await;
        add_member(store, &c.server, b.id, at(2)).await;
        let (sid, from) = (c.server.id, c.owner.id);
        let tasks = [a.id, b.id].map(|to| {
            let store = Arc::clone(store);
            tokio::spawn(async move { store.transfer_ownership(sid, from, to).await.unwrap() })
        });
        let won: Vec<bool> = join_all(tasks)
            .await
            .into_iter()
            .map(|r| r.unwrap())
            .collect();
        assert_eq!(
            won.iter().filter(|w| **w).count(),
            1,
            "round {round}: {won:?}"
        );
        let winner = if won[0] { a.id } else { b.id };
        let server = store.server_by_id(sid).await.unwrap().unwrap();
        assert_eq!(server.owner_id, winner, "round {round}");
        let owners: Vec<UserId> = store
            .members_of(sid)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| Role::effective(server.owner_id, m.user_id, m.role) == Role::Owner)
            .map(|m| m.user_id)
            .collect();
        assert_eq!(owners, vec![winner], "round {round}");
        let stored = store.member(sid, winner).await.unwrap().unwrap();
        assert_eq!(stored.role, Role::Owner, "round {round}");
    }
}

async fn stored_roles(store: &Arc<dyn Store>, server: ServerId, users: &[UserId]) -> Vec<Role> {
    let mut roles = Vec::new();
    for user in users {
        let m = store
            .member(server, *user)
            .await
            .unwrap()
            .expect("a member");
        roles.push(m.role);
    }
    roles
}

/// `swap_icon_key` sets or clears the icon key, answering the one it
/// replaced; every read of the server (by id, of a user, the overview, in
/// id order) carries it; `None` for an unknown server, changing nothing.
pub async fn swap_icon_key_sets_or_clears_it_and_answers_the_previous(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let id = c.server.id;
    let key_a = "0123456789abcdef0123456789abcdef";
    let key_b = "fedcba9876543210fedcba9876543210";
    assert_eq!(
        store.swap_icon_key(id, Some(key_a)).await.unwrap(),
        Some(None)
    );
    assert_eq!(
        store.swap_icon_key(id, Some(key_b)).await.unwrap(),
        Some(Some(key_a.to_owned()))
    );
    let expected = Server {
        icon_key: Some(key_b.to_owned()),
        ..c.server.clone()
    };
    assert_eq!(
        store.server_by_id(id).await.unwrap().as_ref(),
        Some(&expected)
    );
    assert_eq!(
        store.servers_of_user(c.owner.id).await.unwrap(),
        vec![expected.clone()]
    );
    let overview = store.servers_overview(c.owner.id).await.unwrap();
    assert_eq!(overview.len(), 1);
    assert_eq!(overview[0].view.server, expected);
    assert_eq!(store.servers_after(None, 10).await.unwrap(), vec![expected]);
    let renamed = store
        .update_server(
            id,
            &ServerName::parse("New").unwrap(),
            &Description::parse("").unwrap(),
        )
        .await
        .unwrap()
        .expect("the server");
    assert_eq!(
        renamed.icon_key.as_deref(),
        Some(key_b),
        "a rename keeps the icon"
    );
    assert_eq!(
        store.swap_icon_key(id, None).await.unwrap(),
        Some(Some(key_b.to_owned()))
    );
    let read = store.server_by_id(id).await.unwrap().expect("the server");
    assert_eq!(read.icon_key, None);
    let unknown = ServerId::from_uuid(new_id());
    assert_eq!(
        store.swap_icon_key(unknown, Some(key_a)).await.unwrap(),
        None
    );
    assert_eq!(store.server_by_id(unknown).await.unwrap(), None);
}
