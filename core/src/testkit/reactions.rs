//! Contracts of [`ReactionStore`](crate::messages::ReactionStore).

use std::sync::Arc;

use super::fixtures::*;
use crate::ids::{MessageId, UserId};
use crate::messages::{Emoji, Inserted, Message, ReactionAdded, ReactionCount};
use crate::Store;

fn emoji(text: &str) -> Emoji {
    Emoji::parse(text).expect("an emoji")
}

fn count(text: &str, count: u64, me: bool) -> ReactionCount {
    ReactionCount {
        emoji: emoji(text),
        count,
        me,
    }
}

async fn stored(store: &Arc<dyn Store>, m: Message) -> Message {
    assert_eq!(store.insert_message(&m).await.unwrap(), Inserted::New);
    m
}

async fn react(store: &Arc<dyn Store>, m: &Message, e: &str, user: UserId) -> ReactionAdded {
    store.add_reaction(m, &emoji(e), user, 20).await.unwrap()
}

/// The counts of one message as `viewer` sees them.
async fn counts_of(
    store: &Arc<dyn Store>,
    m: MessageId,
    viewer: Option<UserId>,
) -> Vec<ReactionCount> {
    store
        .reaction_counts(&[m], viewer)
        .await
        .unwrap()
        .into_iter()
        .map(|(id, c)| {
            assert_eq!(id, m);
            c
        })
        .collect()
}

/// `add_reaction` stores a reaction once (`AlreadyThere` the second time);
/// `reaction_counts` counts per emoji in order of first use, with `me`
/// for the viewer only, for several messages in one call.
pub async fn add_reaction_is_idempotent_and_counts_follow_first_use_with_me(
    store: &Arc<dyn Store>,
) {
    let c = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    let m = stored(store, message(&c.general, c.owner.id, "hello")).await;
    let other = stored(store, message(&c.general, c.owner.id, "other")).await;
    let quiet = stored(store, message(&c.general, c.owner.id, "quiet")).await;
    assert_eq!(react(store, &m, "🎉", bob.id).await, ReactionAdded::Added);
    assert_eq!(
        react(store, &m, "👍", c.owner.id).await,
        ReactionAdded::Added
    );
    assert_eq!(react(store, &m, "👍", bob.id).await, ReactionAdded::Added);
    assert_eq!(
        react(store, &m, "👍", bob.id).await,
        ReactionAdded::AlreadyThere
    );
    assert_eq!(
        react(store, &other, "👩‍💻", bob.id).await,
        ReactionAdded::Added
    );
    assert_eq!(
        counts_of(store, m.id, Some(c.owner.id)).await,
        vec![count("🎉", 1, false), count("👍", 2, true)]
    );
    assert_eq!(
        counts_of(store, m.id, Some(bob.id)).await,
        vec![count("🎉", 1, true), count("👍", 2, true)]
    );
    assert_eq!(
        counts_of(store, m.id, None).await,
        vec![count("🎉", 1, false), count("👍", 2, false)]
    );
    let mut all = store
        .reaction_counts(&[m.id, other.id, quiet.id], Some(bob.id))
        .await
        .unwrap();
    all.retain(|(id, _)| *id == other.id);
    assert_eq!(all, vec![(other.id, count("👩‍💻", 1, true))]);
    assert!(store.reaction_counts(&[], None).await.unwrap().is_empty());
}

/// `add_reaction` answers `TooMany` for a new emoji once the message has
/// `max_emoji` distinct ones, and stores nothing; reacting with an emoji
/// already there still works.
pub async fn add_reaction_refuses_a_new_emoji_past_the_maximum_only(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    let m = stored(store, message(&c.general, c.owner.id, "hello")).await;
    for e in ["😀", "😁", "😂"] {
        let added = store
            .add_reaction(&m, &emoji(e), c.owner.id, 3)
            .await
            .unwrap();
        assert_eq!(added, ReactionAdded::Added);
    }
    let refused = store
        .add_reaction(&m, &emoji("🤣"), bob.id, 3)
        .await
        .unwrap();
    assert_eq!(refused, ReactionAdded::TooMany);
    let joined = store
        .add_reaction(&m, &emoji("😁"), bob.id, 3)
        .await
        .unwrap();
    assert_eq!(joined, ReactionAdded::Added);
    assert_eq!(
        counts_of(store, m.id, Some(bob.id)).await,
        vec![
            count("😀", 1, false),
            count("😁", 2, true),
            count("😂", 1, false)
        ]
    );
}

/// `remove_reaction` removes the user's reaction (`false` when there was
/// none; an emoji nobody is left on disappears); `clear_reactions` removes
/// all of one message's reactions and says how many.
pub async fn remove_reaction_and_clear_reactions_remove_what_they_say(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    let m = stored(store, message(&c.general, c.owner.id, "hello")).await;
    let other = stored(store, message(&c.general, c.owner.id, "other")).await;
    react(store, &m, "👍", bob.id).await;
    react(store, &m, "👍", c.owner.id).await;
    react(store, &m, "🎉", bob.id).await;
    react(store, &other, "🎉", bob.id).await;
    assert!(store
        .remove_reaction(m.id, &emoji("🎉"), bob.id)
        .await
        .unwrap());
    assert!(!store
        .remove_reaction(m.id, &emoji("🎉"), bob.id)
        .await
        .unwrap());
    assert!(!store
        .remove_reaction(m.id, &emoji("🦀"), bob.id)
        .await
        .unwrap());
    assert_eq!(
        counts_of(store, m.id, Some(bob.id)).await,
        vec![count("👍", 2, true)]
    );
    assert_eq!(store.clear_reactions(m.id).await.unwrap(), 2);
    assert!(counts_of(store, m.id, None).await.is_empty());
    assert_eq!(store.clear_reactions(m.id).await.unwrap(), 0);
    assert_eq!(
        counts_of(store, other.id, None).await,
        vec![count("🎉", 1, false)]
    );
}

/// `reactors` lists the users of one emoji by user id, `limit` at a time,
/// after the given user id.
pub async fn reactors_pages_the_users_of_one_emoji_by_id(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let m = stored(store, message(&c.general, c.owner.id, "hello")).await;
    let mut users = Vec::new();
    for name in ["ann", "ben", "cat", "dan"] {
        let u = add_user(store, name).await;
        react(store, &m, "👍", u.id).await;
        users.push(u.id);
    }
    react(store, &m, "🎉", c.owner.id).await;
    users.sort();
    let e = emoji("👍");
    let first = store.reactors(m.id, &e, None, 3).await.unwrap();
    assert_eq!(first, users[..3].to_vec());
    let rest = store.reactors(m.id, &e, Some(users[2]), 3).await.unwrap();
    assert_eq!(rest, users[3..].to_vec());
    let other = store.reactors(m.id, &emoji("🦀"), None, 3).await.unwrap();
    assert!(other.is_empty());
}

/// Reactions go with their message (deleted alone or with its channel);
/// those of an erased account stay (its tombstone is their author).
pub async fn reactions_go_with_their_message_and_channel_and_stay_with_an_erased_user(
    store: &Arc<dyn Store>,
) {
    let c = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    let random = channel(c.server.id, "random", 1);
    store.insert_channel(&random).await.unwrap();
    let a = stored(store, message(&c.general, c.owner.id, "a")).await;
    let b = stored(store, message(&random, c.owner.id, "b")).await;
    let kept = stored(store, message(&c.general, c.owner.id, "kept")).await;
    for m in [&a, &b, &kept] {
        react(store, m, "👍", bob.id).await;
        react(store, m, "🎉", c.owner.id).await;
    }
    assert!(store.delete_message(a.id).await.unwrap());
    assert!(store.delete_channel(random.id).await.unwrap());
    assert!(store.erase_user(&bob.tombstone()).await.unwrap());
    let left = store
        .reaction_counts(&[a.id, b.id, kept.id], None)
        .await
        .unwrap();
    assert_eq!(
        left,
        vec![
            (kept.id, count("👍", 1, false)),
            (kept.id, count("🎉", 1, false))
        ]
    );
    assert_eq!(
        store
            .reactors(kept.id, &emoji("👍"), None, 10)
            .await
            .unwrap(),
        vec![bob.id]
    );
}
