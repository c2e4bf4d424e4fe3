//! Contracts of [`MessageStore`]: idempotent sends and history paging.

use std::sync::Arc;

use futures::future::join_all;

use super::fixtures::*;
use crate::channels::Channel;
use crate::ids::{MessageId, UserId};
use crate::messages::{Inserted, Message, MessageContent};
use crate::Store;

/// Stores `n` messages by `author` in `channel`, all with the same
/// `created_at` (ids still order them); returns them oldest first.
async fn add_messages(
    store: &Arc<dyn Store>,
    channel: &Channel,
    author: UserId,
    n: usize,
) -> Vec<Message> {
    let mut made = Vec::with_capacity(n);
    for i in 0..n {
        let m = message(channel, author, &format!("message {i}"));
        assert_eq!(store.insert_message(&m).await.unwrap(), Inserted::New);
        made.push(m);
    }
    made
}

fn ids(messages: &[Message]) -> Vec<MessageId> {
    messages.iter().map(|m| m.id).collect()
}

/// `insert_message` stores the message exactly (Unicode, mentions,
/// nonce); `message_by_id` reads it back, or `None` for an unknown id.
pub async fn insert_message_then_message_by_id_reads_it_back_or_none(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    let m = Message {
        mentions: vec![bob.id, c.owner.id],
        created_at: at(3),
        ..message_with_nonce(&c.general, c.owner.id, "héllo @bob 👋🏽 — 漢字", "nonce-1")
    };
    assert_eq!(store.insert_message(&m).await.unwrap(), Inserted::New);
    assert_eq!(store.message_by_id(m.id).await.unwrap(), Some(m));
    let unknown = MessageId::from_uuid(new_id());
    assert_eq!(store.message_by_id(unknown).await.unwrap(), None);
}

/// A second message by the same author with a nonce they already used (in
/// any channel) returns `Duplicate(first)` and stores nothing.
pub async fn insert_message_with_a_used_nonce_returns_the_first_and_stores_nothing(
    store: &Arc<dyn Store>,
) {
    let c = add_community(store, "owner").await;
    let random = channel(c.server.id, "random", 1);
    store.insert_channel(&random).await.unwrap();
    let first = message_with_nonce(&c.general, c.owner.id, "once", "n-1");
    assert_eq!(store.insert_message(&first).await.unwrap(), Inserted::New);
    let retry = message_with_nonce(&c.general, c.owner.id, "once", "n-1");
    let elsewhere = message_with_nonce(&random, c.owner.id, "other text", "n-1");
    for again in [&retry, &elsewhere] {
        let outcome = store.insert_message(again).await.unwrap();
        assert_eq!(outcome, Inserted::Duplicate(first.clone()));
        assert_eq!(store.message_by_id(again.id).await.unwrap(), None);
    }
    assert_eq!(
        store.history(c.general.id, None, 50).await.unwrap(),
        vec![first]
    );
    assert!(store.history(random.id, None, 50).await.unwrap().is_empty());
}

/// Nonces are unique per author: two authors may use the same nonce, and
/// nonces differing only in case are different.
pub async fn nonces_are_unique_per_author_only(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    add_member(store, &c.server, bob.id, at(1)).await;
    let mine = message_with_nonce(&c.general, c.owner.id, "mine", "shared");
    let theirs = message_with_nonce(&c.general, bob.id, "theirs", "shared");
    let cased = message_with_nonce(&c.general, bob.id, "cased", "SHARED");
    for m in [&mine, &theirs, &cased] {
        assert_eq!(
            store.insert_message(m).await.unwrap(),
            Inserted::New,
            "{}",
            m.content
        );
    }
    let history = store.history(c.general.id, None, 50).await.unwrap();
    assert_eq!(history, vec![mine, theirs, cased]);
}

/// Messages without a nonce are never duplicates of each other.
pub async fn messages_without_a_nonce_never_collide(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let a = message(&c.general, c.owner.id, "same");
    let b = message(&c.general, c.owner.id, "same");
    assert_eq!(store.insert_message(&a).await.unwrap(), Inserted::New);
    assert_eq!(store.insert_message(&b).await.unwrap(), Inserted::New);
    assert_eq!(
        store.history(c.general.id, None, 50).await.unwrap(),
        vec![a, b]
    );
}

/// Concurrent sends with one (author, nonce) store exactly one message;
/// every other send gets `Duplicate` of that one.
pub async fn concurrent_inserts_with_one_nonce_store_exactly_one(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    for round in 0..10 {
        let nonce = format!("race-{round}");
        let tasks = (0..4).map(|i| {
            let store = Arc::clone(store);
            let m = message_with_nonce(&c.general, c.owner.id, &format!("try {i}"), &nonce);
            tokio::spawn(async move { (m.clone(), store.insert_message(&m).await.unwrap()) })
        });
        let results: Vec<(Message, Inserted)> = join_all(tasks)
            .await
            .into_iter()
            .map(|r| r.unwrap())
            .collect();
        let winners: Vec<&Message> = results
            .iter()
            .filter(|(_, outcome)| *outcome == Inserted::New)
            .map(|(m, _)| m)
            .collect();
        assert_eq!(winners.len(), 1, "round {round}: {results:?}");
        let winner = winners[0].clone();
        for (_, outcome) in &results {
            if *outcome != Inserted::New {
                assert_eq!(
                    *outcome,
                    Inserted::Duplicate(winner.clone()),
                    "round {round}"
                );
            }
        }
        assert_eq!(store.message_by_id(winner.id).await.unwrap(), Some(winner));
    }
    let stored = store.history(c.general.id, None, 100).await.unwrap();
    assert_eq!(stored.len(), 10, "one message per nonce");
}

/// Without `before`, `history` returns the newest `limit` messages,
/// oldest first.
pub async fn history_without_before_returns_the_newest_page_oldest_first(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let made = add_messages(store, &c.general, c.owner.id, 10).await;
    let page = store.history(c.general.id, None, 4).await.unwrap();
    assert_eq!(page, made[6..].to_vec());
    let all = store.history(c.general.id, None, 50).await.unwrap();
    assert_eq!(all, made);
}

/// With `before`, `history` returns the messages with the greatest ids
/// below it (never `before` itself), oldest first.
pub async fn history_pages_before_an_id_oldest_first(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let made = add_messages(store, &c.general, c.owner.id, 10).await;
    let page = store
        .history(c.general.id, Some(made[7].id), 3)
        .await
        .unwrap();
    assert_eq!(ids(&page), ids(&made[4..7]));
    let page = store
        .history(c.general.id, Some(made[2].id), 5)
        .await
        .unwrap();
    assert_eq!(ids(&page), ids(&made[..2]));
    let page = store
        .history(c.general.id, Some(made[0].id), 5)
        .await
        .unwrap();
    assert!(page.is_empty(), "nothing is older than the first message");
}

/// `history` never returns more than `limit` messages.
pub async fn history_returns_at_most_limit_messages(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let made = add_messages(store, &c.general, c.owner.id, 5).await;
    for limit in [1u32, 2, 5, 6, 100] {
        let page = store.history(c.general.id, None, limit).await.unwrap();
        let n = (limit as usize).min(made.len());
        assert_eq!(ids(&page), ids(&made[made.len() - n..]), "limit {limit}");
        let page = store
            .history(c.general.id, Some(made[4].id), limit)
            .await
            .unwrap();
        let n = (limit as usize).min(4);
        assert_eq!(
            ids(&page),
            ids(&made[4 - n..4]),
            "limit {limit} before the last"
        );
    }
}

/// Paging back through 250 messages that share one `created_at`, in
/// pages of 100 and of 50, returns every message exactly once, in order.
pub async fn history_pages_through_same_timestamp_messages_without_gaps_or_repeats(
    store: &Arc<dyn Store>,
) {
    let c = add_community(store, "owner").await;
    let made = add_messages(store, &c.general, c.owner.id, 250).await;
    for limit in [100u32, 50] {
        let mut pages: Vec<Vec<Message>> = Vec::new();
        let mut before = None;
        loop {
            let page = store.history(c.general.id, before, limit).await.unwrap();
            if page.is_empty() {
                break;
            }
            assert!(page.len() <= limit as usize, "limit {limit}");
            assert!(page.windows(2).all(|w| w[0].id < w[1].id), "oldest first");
            before = Some(page[0].id);
            pages.push(page);
            assert!(pages.len() <= 10, "paging does not end");
        }
        let sizes: Vec<usize> = pages.iter().map(Vec::len).collect();
        let expected_sizes = if limit == 100 {
            vec![100, 100, 50]
        } else {
            vec![50; 5]
        };
        assert_eq!(sizes, expected_sizes, "limit {limit}");
        let walked: Vec<Message> = pages.into_iter().rev().flatten().collect();
        assert_eq!(ids(&walked), ids(&made), "limit {limit}");
        assert_eq!(walked, made, "limit {limit}");
    }
}

/// `before` is compared by id even when no message has it (a deleted
/// message, or an id newer than all).
pub async fn history_before_an_id_not_in_the_channel_still_orders_by_id(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let made = add_messages(store, &c.general, c.owner.id, 6).await;
    assert!(store.delete_message(made[3].id).await.unwrap());
    let page = store
        .history(c.general.id, Some(made[3].id), 2)
        .await
        .unwrap();
    assert_eq!(ids(&page), ids(&made[1..3]));
    let newer = MessageId::from_uuid(new_id());
    let page = store.history(c.general.id, Some(newer), 2).await.unwrap();
    assert_eq!(ids(&page), ids(&made[4..]));
}

/// `history` only returns messages of the asked channel (empty for an
/// unknown one).
pub async fn history_only_shows_messages_of_the_channel(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let random = channel(c.server.id, "random", 1);
    store.insert_channel(&random).await.unwrap();
    let mut general = Vec::new();
    let mut other = Vec::new();
    for i in 0..6 {
        let (ch, into) = if i % 2 == 0 {
            (&c.general, &mut general)
        } else {
            (&random, &mut other)
        };
        let m = message(ch, c.owner.id, &format!("m{i}"));
        store.insert_message(&m).await.unwrap();
        into.push(m);
    }
    assert_eq!(
        store.history(c.general.id, None, 50).await.unwrap(),
        general
    );
    assert_eq!(store.history(random.id, None, 50).await.unwrap(), other);
    let page = store
        .history(random.id, Some(general[2].id), 50)
        .await
        .unwrap();
    assert_eq!(page, other[..2].to_vec());
    let unknown = crate::ids::ChannelId::from_uuid(new_id());
    assert!(store.history(unknown, None, 50).await.unwrap().is_empty());
}

/// `edit_message` replaces content and mentions, sets `edited_at`, keeps
/// the rest, and returns the updated message; `None` for an unknown id.
pub async fn edit_message_replaces_content_and_mentions_and_sets_edited_at(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    let m = Message {
        mentions: vec![bob.id],
        ..message_with_nonce(&c.general, c.owner.id, "hi @bob", "n-1")
    };
    store.insert_message(&m).await.unwrap();
    let content = MessageContent::parse("hi everyone ✨").unwrap();
    let edited = store
        .edit_message(m.id, &content, &[], at(30))
        .await
        .unwrap();
    let expected = Message {
        content: content.clone(),
        mentions: Vec::new(),
        edited_at: Some(at(30)),
        ..m.clone()
    };
    assert_eq!(edited.as_ref(), Some(&expected));
    assert_eq!(
        store.message_by_id(m.id).await.unwrap(),
        Some(expected.clone())
    );
    let again = MessageContent::parse("hi @bob again").unwrap();
    let edited = store
        .edit_message(m.id, &again, &[bob.id], at(40))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (edited.mentions, edited.edited_at),
        (vec![bob.id], Some(at(40)))
    );
    let unknown = MessageId::from_uuid(new_id());
    assert_eq!(
        store
            .edit_message(unknown, &content, &[], at(50))
            .await
            .unwrap(),
        None
    );
}

/// `delete_message` deletes it and returns `true`; `false` when there was
/// none. Other messages stay.
pub async fn delete_message_removes_it_or_returns_false(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let made = add_messages(store, &c.general, c.owner.id, 3).await;
    assert!(store.delete_message(made[1].id).await.unwrap());
    assert_eq!(store.message_by_id(made[1].id).await.unwrap(), None);
    let history = store.history(c.general.id, None, 50).await.unwrap();
    assert_eq!(history, vec![made[0].clone(), made[2].clone()]);
    assert!(!store.delete_message(made[1].id).await.unwrap());
}

/// `last_message_by` returns the author's newest message in that channel
/// only (not another channel's, not another author's), or `None`.
pub async fn last_message_by_returns_the_authors_newest_message_in_the_channel(
    store: &Arc<dyn Store>,
) {
    let c = add_community(store, "owner").await;
    let alice = add_user(store, "alice").await;
    add_member(store, &c.server, alice.id, at(1)).await;
    let other = channel(c.server.id, "other", 1);
    store.insert_channel(&other).await.unwrap();
    assert_eq!(
        store.last_message_by(c.general.id, alice.id).await.unwrap(),
        None
    );
    let first = message(&c.general, alice.id, "first");
    let second = message_with_nonce(&c.general, alice.id, "second", "n-2");
    let elsewhere = message(&other, alice.id, "elsewhere");
    let by_owner = message(&c.general, c.owner.id, "owner's");
    for m in [&first, &second, &elsewhere, &by_owner] {
        store.insert_message(m).await.unwrap();
    }
    assert_eq!(
        store.last_message_by(c.general.id, alice.id).await.unwrap(),
        Some(second.clone())
    );
    assert_eq!(
        store.last_message_by(other.id, alice.id).await.unwrap(),
        Some(elsewhere)
    );
    store.delete_message(second.id).await.unwrap();
    assert_eq!(
        store.last_message_by(c.general.id, alice.id).await.unwrap(),
        Some(first)
    );
}

/// `count_messages_by` counts the author's stored messages in every
/// channel and server, and nobody else's; 0 for an unknown user.
pub async fn count_messages_by_counts_the_authors_messages_in_every_channel(
    store: &Arc<dyn Store>,
) {
    let c = add_community(store, "owner").await;
    let other = add_community(store, "other").await;
    let writer = add_user(store, "writer").await;
    add_member(store, &c.server, writer.id, at(1)).await;
    add_member(store, &other.server, writer.id, at(1)).await;
    let side = channel(c.server.id, "side", 1);
    store.insert_channel(&side).await.unwrap();
    for (ch, text) in [
        (&c.general, "one"),
        (&side, "two"),
        (&other.general, "three"),
    ] {
        store
            .insert_message(&message(ch, writer.id, text))
            .await
            .unwrap();
    }
    store
        .insert_message(&message(&c.general, c.owner.id, "not theirs"))
        .await
        .unwrap();
    assert_eq!(store.count_messages_by(writer.id).await.unwrap(), 3);
    assert_eq!(store.count_messages_by(c.owner.id).await.unwrap(), 1);
    assert_eq!(store.count_messages_by(other.owner.id).await.unwrap(), 0);
    let unknown = UserId::from_uuid(new_id());
    assert_eq!(store.count_messages_by(unknown).await.unwrap(), 0);
}
