//! Contracts of [`InviteStore`], including the order of `join_with_invite`'s
//! checks and its behaviour under concurrent joins.

use std::sync::Arc;

use futures::future::join_all;

use super::fixtures::*;
use crate::ids::{InviteCode, UserId};
use crate::invites::{Invite, JoinOutcome};
use crate::role::Role;
use crate::{Store, Timestamp};

/// The invite's stored use count.
async fn uses(store: &Arc<dyn Store>, code: &InviteCode) -> u32 {
    store
        .invite_by_code(code)
        .await
        .unwrap()
        .expect("the invite")
        .uses
}

/// An invite with an expiry and a use limit, stored.
async fn add_invite(
    store: &Arc<dyn Store>,
    c: &Community,
    expires_at: Option<Timestamp>,
    max_uses: Option<u32>,
) -> Invite {
    let inv = Invite {
        expires_at,
        max_uses,
        ..invite(c.server.id, c.owner.id)
    };
    store.insert_invite(&inv).await.unwrap();
    inv
}

/// `insert_invite` stores the invite exactly; `invite_by_code` reads it
/// back, or `None` for an unknown code.
pub async fn insert_invite_then_invite_by_code_reads_it_back_or_none(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let limited = add_invite(store, &c, Some(at(3600)), Some(5)).await;
    let open = add_invite(store, &c, None, None).await;
    assert_eq!(
        store.invite_by_code(&limited.code).await.unwrap(),
        Some(limited)
    );
    assert_eq!(store.invite_by_code(&open.code).await.unwrap(), Some(open));
    assert_eq!(store.invite_by_code(&invite_code()).await.unwrap(), None);
}

/// `invites_of` lists the server's invites (only), oldest first.
pub async fn invites_of_lists_the_servers_invites_oldest_first(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let other = add_community(store, "other").await;
    let mut made = Vec::new();
    for (i, created) in [30, 10, 20].into_iter().enumerate() {
        let inv = Invite {
            created_at: at(created),
            uses: i as u32,
            ..invite(c.server.id, c.owner.id)
        };
        store.insert_invite(&inv).await.unwrap();
        made.push(inv);
    }
    add_invite(store, &other, None, None).await;
    made.sort_by_key(|i| i.created_at);
    assert_eq!(store.invites_of(c.server.id).await.unwrap(), made);
}

/// `delete_invite` deletes it and returns `true`; `false` when there was none.
pub async fn delete_invite_removes_it_or_returns_false(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let gone = add_invite(store, &c, None, None).await;
    let kept = add_invite(store, &c, None, None).await;
    assert!(store.delete_invite(&gone.code).await.unwrap());
    assert_eq!(store.invite_by_code(&gone.code).await.unwrap(), None);
    assert_eq!(store.invites_of(c.server.id).await.unwrap(), vec![kept]);
    assert!(!store.delete_invite(&gone.code).await.unwrap());
    let alice = add_user(store, "alice").await;
    let m = member(c.server.id, alice.id, Role::Member, at(1));
    let outcome = store.join_with_invite(&gone.code, &m, at(1)).await.unwrap();
    assert_eq!(outcome, JoinOutcome::NotFound);
}

/// A usable invite lets the user in: `Joined`, the membership is stored as
/// given, and the use is counted.
pub async fn join_with_invite_stores_the_member_and_counts_a_use(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let inv = add_invite(store, &c, Some(at(3600)), Some(2)).await;
    let alice = add_user(store, "alice").await;
    let m = member(c.server.id, alice.id, Role::Member, at(7));
    let outcome = store.join_with_invite(&inv.code, &m, at(7)).await.unwrap();
    assert_eq!(outcome, JoinOutcome::Joined);
    assert_eq!(store.member(c.server.id, alice.id).await.unwrap(), Some(m));
    assert_eq!(uses(store, &inv.code).await, 1);
    assert_eq!(store.member_count(c.server.id).await.unwrap(), 2);
}

/// A code that does not exist, or exists for another server, is
/// `NotFound`, and nothing changes.
pub async fn join_with_invite_for_another_server_or_unknown_code_is_not_found(
    store: &Arc<dyn Store>,
) {
    let c = add_community(store, "owner").await;
    let other = add_community(store, "other").await;
    let theirs = add_invite(store, &other, None, None).await;
    let alice = add_user(store, "alice").await;
    let m = member(c.server.id, alice.id, Role::Member, at(1));
    let outcome = store
        .join_with_invite(&theirs.code, &m, at(1))
        .await
        .unwrap();
    assert_eq!(outcome, JoinOutcome::NotFound);
    let outcome = store
        .join_with_invite(&invite_code(), &m, at(1))
        .await
        .unwrap();
    assert_eq!(outcome, JoinOutcome::NotFound);
    assert_eq!(uses(store, &theirs.code).await, 0);
    assert_eq!(store.member(c.server.id, alice.id).await.unwrap(), None);
    assert_eq!(store.member(other.server.id, alice.id).await.unwrap(), None);
    // NotFound comes first: even a member of that server, joining with
    // another server's code, is told NotFound.
    let owner = member(c.server.id, c.owner.id, Role::Member, at(1));
    let outcome = store
        .join_with_invite(&theirs.code, &owner, at(1))
        .await
        .unwrap();
    assert_eq!(outcome, JoinOutcome::NotFound);
}

/// A member joining again gets `AlreadyMember`: no use counted, the
/// membership unchanged, even when the invite is also expired or used up.
pub async fn join_with_invite_when_already_a_member_uses_nothing(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let alice = add_user(store, "alice").await;
    let first = add_member(store, &c.server, alice.id, at(1)).await;
    let again = member(c.server.id, alice.id, Role::Member, at(2));
    let open = add_invite(store, &c, None, Some(1)).await;
    let outcome = store
        .join_with_invite(&open.code, &again, at(2))
        .await
        .unwrap();
    assert_eq!(outcome, JoinOutcome::AlreadyMember);
    assert_eq!(uses(store, &open.code).await, 0);
    assert_eq!(
        store.member(c.server.id, alice.id).await.unwrap(),
        Some(first)
    );
    let expired = add_invite(store, &c, Some(at(1)), None).await;
    let outcome = store
        .join_with_invite(&expired.code, &again, at(2))
        .await
        .unwrap();
    assert_eq!(outcome, JoinOutcome::AlreadyMember, "checked before expiry");
    let owner = member(c.server.id, c.owner.id, Role::Member, at(2));
    let outcome = store
        .join_with_invite(&open.code, &owner, at(2))
        .await
        .unwrap();
    assert_eq!(outcome, JoinOutcome::AlreadyMember);
    let stored = store
        .member(c.server.id, c.owner.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.role,
        Role::Owner,
        "the owner's membership is untouched"
    );
}

/// A user with a ban active at `now` gets `Banned` (checked before the
/// invite's expiry), nothing changes; once the ban expired they may join.
pub async fn join_with_invite_when_banned_is_refused_until_the_ban_expires(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let alice = add_user(store, "alice").await;
    store
        .ban(&ban(c.server.id, alice.id, c.owner.id, Some(at(100))))
        .await
        .unwrap();
    let inv = add_invite(store, &c, None, Some(1)).await;
    let m = member(c.server.id, alice.id, Role::Member, at(50));
    let outcome = store.join_with_invite(&inv.code, &m, at(50)).await.unwrap();
    assert_eq!(outcome, JoinOutcome::Banned);
    assert_eq!(uses(store, &inv.code).await, 0);
    assert_eq!(store.member(c.server.id, alice.id).await.unwrap(), None);
    let expired = add_invite(store, &c, Some(at(10)), None).await;
    let outcome = store
        .join_with_invite(&expired.code, &m, at(50))
        .await
        .unwrap();
    assert_eq!(outcome, JoinOutcome::Banned, "checked before expiry");
    let later = member(c.server.id, alice.id, Role::Member, at(100));
    let outcome = store
        .join_with_invite(&inv.code, &later, at(100))
        .await
        .unwrap();
    assert_eq!(
        outcome,
        JoinOutcome::Joined,
        "the ban ended at its expires_at"
    );
    assert_eq!(uses(store, &inv.code).await, 1);
}

/// An invite is `Expired` from its `expires_at` on; nothing changes.
pub async fn join_with_invite_past_its_expiry_is_expired(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let inv = add_invite(store, &c, Some(at(60)), None).await;
    let (alice, bob) = (add_user(store, "alice").await, add_user(store, "bob").await);
    let early = member(c.server.id, alice.id, Role::Member, at(59));
    let outcome = store
        .join_with_invite(&inv.code, &early, at(59))
        .await
        .unwrap();
    assert_eq!(outcome, JoinOutcome::Joined);
    let late = member(c.server.id, bob.id, Role::Member, at(60));
    let outcome = store
        .join_with_invite(&inv.code, &late, at(60))
        .await
        .unwrap();
    assert_eq!(outcome, JoinOutcome::Expired);
    assert_eq!(uses(store, &inv.code).await, 1);
    assert_eq!(store.member(c.server.id, bob.id).await.unwrap(), None);
}

/// An invite whose `uses` reached `max_uses` is `Expired`; nothing changes.
pub async fn join_with_invite_past_its_max_uses_is_expired(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let inv = add_invite(store, &c, None, Some(2)).await;
    let mut outcomes = Vec::new();
    for (i, name) in ["anna", "bert", "carl"].into_iter().enumerate() {
        let u = add_user(store, name).await;
        let m = member(c.server.id, u.id, Role::Member, at(i as i64));
        outcomes.push(
            store
                .join_with_invite(&inv.code, &m, at(i as i64))
                .await
                .unwrap(),
        );
    }
    use JoinOutcome::{Expired, Joined};
    assert_eq!(outcomes, vec![Joined, Joined, Expired]);
    assert_eq!(uses(store, &inv.code).await, 2);
    assert_eq!(store.member_count(c.server.id).await.unwrap(), 3);
}

/// Concurrent joins never push `uses` past `max_uses`: with one use left,
/// of two users exactly one is `Joined` and the other `Expired`; with 3
/// uses and 6 users, exactly 3 join.
pub async fn concurrent_joins_never_push_uses_past_max_uses(store: &Arc<dyn Store>) {
    let users: Vec<UserId> = {
        let mut ids = Vec::new();
        for i in 0..6 {
            ids.push(add_user(store, &format!("user{i}")).await.id);
        }
        ids
    };
    for round in 0..10 {
        let c = add_community(store, &format!("owner{round}")).await;
        let inv = add_invite(store, &c, None, Some(1)).await;
        let outcomes = race_joins(store, &c, &inv.code, &users[..2]).await;
        let joined = outcomes
            .iter()
            .filter(|o| **o == JoinOutcome::Joined)
            .count();
        let expired = outcomes
            .iter()
            .filter(|o| **o == JoinOutcome::Expired)
            .count();
        assert_eq!((joined, expired), (1, 1), "round {round}: {outcomes:?}");
        assert_eq!(uses(store, &inv.code).await, 1, "round {round}");
        assert_eq!(
            store.member_count(c.server.id).await.unwrap(),
            2,
            "round {round}"
        );

        let inv = add_invite(store, &c, None, Some(3)).await;
        let outcomes = race_joins(store, &c, &inv.code, &users[2..]).await;
        let joined = outcomes
            .iter()
            .filter(|o| **o == JoinOutcome::Joined)
            .count();
        assert_eq!(joined, 3, "round {round}: {outcomes:?}");
        assert_eq!(uses(store, &inv.code).await, 3, "round {round}");
        assert_eq!(
            store.member_count(c.server.id).await.unwrap(),
            5,
            "round {round}"
        );
    }
}

/// Concurrent joins of one user through one invite: exactly one `Joined`,
/// the other `AlreadyMember`, one use counted.
pub async fn concurrent_joins_of_one_user_join_once(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    for round in 0..10 {
        let c = add_community(store, &format!("owner{round}")).await;
        let inv = add_invite(store, &c, None, Some(5)).await;
        let outcomes = race_joins(store, &c, &inv.code, &[alice.id, alice.id]).await;
        let mut sorted = outcomes.clone();
        sorted.sort_by_key(|o| format!("{o:?}"));
        let expected = vec![JoinOutcome::AlreadyMember, JoinOutcome::Joined];
        assert_eq!(sorted, expected, "round {round}");
        assert_eq!(uses(store, &inv.code).await, 1, "round {round}");
        assert_eq!(
            store.member_count(c.server.id).await.unwrap(),
            2,
            "round {round}"
        );
    }
}

/// Runs one `join_with_invite` per user, all at once, on spawned tasks.
async fn race_joins(
    store: &Arc<dyn Store>,
    c: &Community,
    code: &InviteCode,
    users: &[UserId],
) -> Vec<JoinOutcome> {
    let tasks = users.iter().map(|user| {
        let store = Arc::clone(store);
        let code = code.clone();
        let m = member(c.server.id, *user, Role::Member, at(1));
        tokio::spawn(async move { store.join_with_invite(&code, &m, at(1)).await.unwrap() })
    });
    join_all(tasks)
        .await
        .into_iter()
        .map(|r| r.unwrap())
        .collect()
}
