//! Contracts of [`MessageStore`](crate::messages::MessageStore) for pins.

use std::sync::Arc;

use super::fixtures::*;
use crate::ids::MessageId;
use crate::messages::{Inserted, Message, MessageContent, PinOutcome};
use crate::Store;

async fn stored(store: &Arc<dyn Store>, m: Message) -> Message {
    assert_eq!(store.insert_message(&m).await.unwrap(), Inserted::New);
    m
}

/// `pin_message` sets `pinned_at` and returns the pinned message; a second
/// pin is `AlreadyPinned` (keeping the first time); `pinned_messages`
/// lists them newest pin first; an edit keeps the pin.
pub async fn pin_message_pins_once_and_pinned_messages_lists_newest_pin_first(
    store: &Arc<dyn Store>,
) {
    let c = add_community(store, "owner").await;
    let a = stored(store, message(&c.general, c.owner.id, "a")).await;
    let b = stored(store, message(&c.general, c.owner.id, "b")).await;
    let _unpinned = stored(store, message(&c.general, c.owner.id, "c")).await;
    let pinned_b = Message {
        pinned_at: Some(at(5)),
        ..b.clone()
    };
    assert_eq!(
        store
            .pin_message(c.general.id, b.id, at(5), 50)
            .await
            .unwrap(),
        PinOutcome::Pinned(pinned_b.clone())
    );
    assert_eq!(
        store
            .pin_message(c.general.id, b.id, at(9), 50)
            .await
            .unwrap(),
        PinOutcome::AlreadyPinned
    );
    let pinned_a = Message {
        pinned_at: Some(at(7)),
        ..a.clone()
    };
    assert_eq!(
        store
            .pin_message(c.general.id, a.id, at(7), 50)
            .await
            .unwrap(),
        PinOutcome::Pinned(pinned_a.clone())
    );
    assert_eq!(
        store.pinned_messages(c.general.id).await.unwrap(),
        vec![pinned_a.clone(), pinned_b.clone()]
    );
    assert_eq!(store.message_by_id(b.id).await.unwrap(), Some(pinned_b));
    let content = MessageContent::parse("a, edited").unwrap();
    let edited = store
        .edit_message(a.id, &content, &[], at(8))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(edited.pinned_at, Some(at(7)));
}

/// `pin_message` answers `TooMany` once the channel has `max` pins (other
/// channels do not count), and `NotFound` for a message of another channel
/// or an unknown id; none of these change anything.
pub async fn pin_message_refuses_past_max_and_messages_not_in_the_channel(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let random = channel(c.server.id, "random", 1);
    store.insert_channel(&random).await.unwrap();
    let elsewhere = stored(store, message(&random, c.owner.id, "x")).await;
    assert!(matches!(
        store
            .pin_message(random.id, elsewhere.id, at(1), 3)
            .await
            .unwrap(),
        PinOutcome::Pinned(_)
    ));
    let mut made = Vec::new();
    for i in 0..4 {
        made.push(stored(store, message(&c.general, c.owner.id, &format!("m{i}"))).await);
    }
    for m in &made[..3] {
        assert!(matches!(
            store
                .pin_message(c.general.id, m.id, at(2), 3)
                .await
                .unwrap(),
            PinOutcome::Pinned(_)
        ));
    }
    assert_eq!(
        store
            .pin_message(c.general.id, made[3].id, at(3), 3)
            .await
            .unwrap(),
        PinOutcome::TooMany
    );
    assert_eq!(
        store.message_by_id(made[3].id).await.unwrap(),
        Some(made[3].clone())
    );
    assert_eq!(
        store
            .pin_message(c.general.id, elsewhere.id, at(3), 50)
            .await
            .unwrap(),
        PinOutcome::NotFound
    );
    let unknown = MessageId::from_uuid(new_id());
    assert_eq!(
        store
            .pin_message(c.general.id, unknown, at(3), 50)
            .await
            .unwrap(),
        PinOutcome::NotFound
    );
    assert_eq!(store.pinned_messages(c.general.id).await.unwrap().len(), 3);
}

/// `unpin_message` clears `pinned_at` and returns the message; `None` when
/// it was not pinned or is not in that channel.
pub async fn unpin_message_unpins_or_returns_none(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let random = channel(c.server.id, "random", 1);
    store.insert_channel(&random).await.unwrap();
    let m = stored(store, message(&c.general, c.owner.id, "m")).await;
    store
        .pin_message(c.general.id, m.id, at(1), 50)
        .await
        .unwrap();
    assert_eq!(store.unpin_message(random.id, m.id).await.unwrap(), None);
    assert_eq!(
        store.unpin_message(c.general.id, m.id).await.unwrap(),
        Some(m.clone())
    );
    assert_eq!(store.unpin_message(c.general.id, m.id).await.unwrap(), None);
    assert_eq!(store.message_by_id(m.id).await.unwrap(), Some(m));
    assert!(store
        .pinned_messages(c.general.id)
        .await
        .unwrap()
        .is_empty());
}
