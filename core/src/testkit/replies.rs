//! Contracts of [`MessageStore`](crate::messages::MessageStore) for
//! replies and jumping: `reply_to` is stored, `messages_by_ids` reads a
//! batch, `history_after` pages forward.

use std::sync::Arc;

use super::fixtures::*;
use crate::ids::MessageId;
use crate::messages::{Inserted, Message};
use crate::Store;

async fn stored(store: &Arc<dyn Store>, m: Message) -> Message {
    assert_eq!(store.insert_message(&m).await.unwrap(), Inserted::New);
    m
}

/// `insert_message` keeps `reply_to` (and `message_by_id` reads it back),
/// even once the replied message is deleted.
pub async fn insert_message_keeps_reply_to_even_after_the_original_is_deleted(
    store: &Arc<dyn Store>,
) {
    let c = add_community(store, "owner").await;
    let first = stored(store, message(&c.general, c.owner.id, "question?")).await;
    let reply = stored(
        store,
        Message {
            reply_to: Some(first.id),
            ..message(&c.general, c.owner.id, "answer")
        },
    )
    .await;
    assert_eq!(
        store.message_by_id(reply.id).await.unwrap(),
        Some(reply.clone())
    );
    assert!(store.delete_message(first.id).await.unwrap());
    let read = store.message_by_id(reply.id).await.unwrap().unwrap();
    assert_eq!(read.reply_to, Some(first.id));
    let page = store.history(c.general.id, None, 10).await.unwrap();
    assert_eq!(page, vec![reply]);
}

/// `messages_by_ids` returns the messages that exist among the ids (any
/// channel), skipping unknown ones; an empty list gives an empty answer.
pub async fn messages_by_ids_returns_only_the_messages_that_exist(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let random = channel(c.server.id, "random", 1);
    store.insert_channel(&random).await.unwrap();
    let a = stored(store, message(&c.general, c.owner.id, "a")).await;
    let b = stored(store, message(&random, c.owner.id, "b")).await;
    let _c = stored(store, message(&c.general, c.owner.id, "c")).await;
    let unknown = MessageId::from_uuid(new_id());
    let mut found = store.messages_by_ids(&[b.id, unknown, a.id]).await.unwrap();
    found.sort_by_key(|m| m.id);
    assert_eq!(found, vec![a, b]);
    assert!(store.messages_by_ids(&[]).await.unwrap().is_empty());
}

/// `history_after` returns up to `limit` messages of the channel with
/// greater ids, oldest first; nothing after the newest.
pub async fn history_after_pages_forward_oldest_first(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let random = channel(c.server.id, "random", 1);
    store.insert_channel(&random).await.unwrap();
    let mut made = Vec::new();
    for i in 0..6 {
        made.push(stored(store, message(&c.general, c.owner.id, &format!("m{i}"))).await);
        stored(store, message(&random, c.owner.id, "elsewhere")).await;
    }
    let page = store
        .history_after(c.general.id, made[1].id, 3)
        .await
        .unwrap();
    assert_eq!(page, made[2..5].to_vec());
    let rest = store
        .history_after(c.general.id, made[4].id, 50)
        .await
        .unwrap();
    assert_eq!(rest, vec![made[5].clone()]);
    let none = store
        .history_after(c.general.id, made[5].id, 50)
        .await
        .unwrap();
    assert!(none.is_empty());
}
