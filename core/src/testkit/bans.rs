//! Contracts of [`BanStore`].

use std::sync::Arc;

use super::fixtures::*;
use crate::invites::JoinOutcome;
use crate::moderation::{Ban, BanReason};
use crate::role::Role;
use crate::Store;

/// `ban` records the ban (of a member or not) and removes the membership,
/// answering whether there was one.
pub async fn ban_records_the_ban_and_removes_the_membership(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let alice = add_user(store, "alice").await;
    let stranger = add_user(store, "stranger").await;
    add_member(store, &c.server, alice.id, at(1)).await;
    let b = Ban {
        reason: Some(BanReason::parse("spam 🥫").unwrap()),
        ..ban(c.server.id, alice.id, c.owner.id, Some(at(3600)))
    };
    assert!(store.ban(&b).await.unwrap(), "alice's membership removed");
    assert_eq!(store.member(c.server.id, alice.id).await.unwrap(), None);
    assert_eq!(store.member_count(c.server.id).await.unwrap(), 1);
    assert_eq!(
        store
            .active_ban(c.server.id, alice.id, at(2))
            .await
            .unwrap(),
        Some(b)
    );
    let s = ban(c.server.id, stranger.id, c.owner.id, None);
    assert!(!store.ban(&s).await.unwrap(), "no membership to remove");
    assert_eq!(
        store
            .active_ban(c.server.id, stranger.id, at(2))
            .await
            .unwrap(),
        Some(s)
    );
}

/// `active_ban` returns the ban only while it is active at `now` (until
/// its `expires_at`, or forever when it has none).
pub async fn active_ban_ignores_expired_bans(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let other = add_community(store, "other").await;
    let (temp, perm) = (add_user(store, "temp").await, add_user(store, "perm").await);
    let t = ban(c.server.id, temp.id, c.owner.id, Some(at(60)));
    let p = ban(c.server.id, perm.id, c.owner.id, None);
    store.ban(&t).await.unwrap();
    store.ban(&p).await.unwrap();
    let sid = c.server.id;
    assert_eq!(
        store.active_ban(sid, temp.id, at(59)).await.unwrap(),
        Some(t)
    );
    assert_eq!(store.active_ban(sid, temp.id, at(60)).await.unwrap(), None);
    assert_eq!(store.active_ban(sid, temp.id, at(61)).await.unwrap(), None);
    let far = at(10 * 365 * 86_400);
    assert_eq!(store.active_ban(sid, perm.id, far).await.unwrap(), Some(p));
    let elsewhere = store
        .active_ban(other.server.id, perm.id, at(1))
        .await
        .unwrap();
    assert_eq!(elsewhere, None, "a ban is per server");
}

/// A new ban of the same user in the same server replaces the earlier one.
pub async fn ban_replaces_an_earlier_ban_of_the_same_user(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let alice = add_user(store, "alice").await;
    let first = ban(c.server.id, alice.id, c.owner.id, None);
    store.ban(&first).await.unwrap();
    let second = Ban {
        created_at: at(10),
        reason: Some(BanReason::parse("reduced").unwrap()),
        ..ban(c.server.id, alice.id, c.owner.id, Some(at(60)))
    };
    store.ban(&second).await.unwrap();
    let sid = c.server.id;
    assert_eq!(
        store.active_ban(sid, alice.id, at(20)).await.unwrap(),
        Some(second.clone())
    );
    assert_eq!(store.bans_of(sid, at(20)).await.unwrap(), vec![second]);
    assert_eq!(
        store.active_ban(sid, alice.id, at(60)).await.unwrap(),
        None,
        "no permanent ban left"
    );
}

/// `bans_of` lists the server's bans active at `now`, oldest first.
pub async fn bans_of_lists_only_active_bans_oldest_first(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let other = add_community(store, "other").await;
    let mut bans = Vec::new();
    for (name, created, expires) in [
        ("anna", 30, None),
        ("bert", 10, Some(100)),
        ("carl", 20, Some(50)),
    ] {
        let u = add_user(store, name).await;
        let b = Ban {
            created_at: at(created),
            ..ban(c.server.id, u.id, c.owner.id, expires.map(at))
        };
        store.ban(&b).await.unwrap();
        bans.push(b);
    }
    let dave = add_user(store, "dave").await;
    store
        .ban(&ban(other.server.id, dave.id, other.owner.id, None))
        .await
        .unwrap();
    let (anna, bert, carl) = (bans[0].clone(), bans[1].clone(), bans[2].clone());
    let sid = c.server.id;
    assert_eq!(
        store.bans_of(sid, at(40)).await.unwrap(),
        vec![bert.clone(), carl, anna.clone()]
    );
    assert_eq!(
        store.bans_of(sid, at(50)).await.unwrap(),
        vec![bert, anna.clone()]
    );
    assert_eq!(store.bans_of(sid, at(100)).await.unwrap(), vec![anna]);
}

/// `unban` lifts the ban and returns `true`; `false` when there was none.
pub async fn unban_lifts_the_ban_or_returns_false(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let alice = add_user(store, "alice").await;
    let bob = add_user(store, "bob").await;
    store
        .ban(&ban(c.server.id, alice.id, c.owner.id, None))
        .await
        .unwrap();
    let kept = ban(c.server.id, bob.id, c.owner.id, None);
    store.ban(&kept).await.unwrap();
    assert!(store.unban(c.server.id, alice.id).await.unwrap());
    assert_eq!(
        store
            .active_ban(c.server.id, alice.id, at(1))
            .await
            .unwrap(),
        None
    );
    assert_eq!(store.bans_of(c.server.id, at(1)).await.unwrap(), vec![kept]);
    assert!(!store.unban(c.server.id, alice.id).await.unwrap());
    assert_eq!(
        store.member(c.server.id, alice.id).await.unwrap(),
        None,
        "unban does not re-add"
    );
}

/// A ban racing a join of the same user never leaves them a member: the
/// join either lands first (and the ban removes it, reporting so) or sees
/// the ban and is refused. Raced many times, on spawned tasks.
pub async fn a_ban_racing_a_join_never_leaves_the_user_a_member(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let inv = invite(c.server.id, c.owner.id);
    store.insert_invite(&inv).await.unwrap();
    for round in 0..40 {
        let user = add_user(store, &format!("racer{round}")).await;
        let joining = {
            let (store, code) = (Arc::clone(store), inv.code.clone());
            let m = member(c.server.id, user.id, Role::Member, at(1));
            tokio::spawn(async move { store.join_with_invite(&code, &m, at(1)).await.unwrap() })
        };
        let banning = {
            let store = Arc::clone(store);
            let b = ban(c.server.id, user.id, c.owner.id, None);
            tokio::spawn(async move { store.ban(&b).await.unwrap() })
        };
        let (joined, removed) = (joining.await.unwrap(), banning.await.unwrap());
        let member = store.member(c.server.id, user.id).await.unwrap();
        assert_eq!(
            member, None,
            "round {round}: joined {joined:?} after the ban"
        );
        match joined {
            JoinOutcome::Joined => assert!(removed, "round {round}: a join the ban removed"),
            JoinOutcome::Banned => {}
            other => panic!("round {round}: {other:?}"),
        }
    }
}
