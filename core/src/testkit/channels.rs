//! Contracts of [`ChannelStore`].

use std::sync::Arc;

use super::fixtures::*;
use crate::channels::{Channel, ChannelName, Topic};
use crate::error::{Conflict, StoreError};
use crate::ids::{ChannelId, ServerId};
use crate::{Store, StoreResult};

fn assert_name_taken<T: std::fmt::Debug>(result: StoreResult<T>, what: &str) {
    match result {
        Err(StoreError::Conflict(Conflict::ChannelNameTaken)) => {}
        other => panic!("{what}: expected Conflict(ChannelNameTaken), got {other:?}"),
    }
}

/// `insert_channel` stores the channel exactly; `channel_by_id` reads it
/// back, or `None` for an unknown id.
pub async fn insert_channel_then_channel_by_id_reads_it_back_or_none(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let ch = Channel {
        topic: Topic::parse("talk about 🦀 & ünïcode").unwrap(),
        position: -3,
        created_at: at(5),
        ..channel(c.server.id, "Random Talk", 7)
    };
    store.insert_channel(&ch).await.unwrap();
    assert_eq!(store.channel_by_id(ch.id).await.unwrap(), Some(ch));
    let unknown = ChannelId::from_uuid(new_id());
    assert_eq!(store.channel_by_id(unknown).await.unwrap(), None);
}

/// A second channel whose name equals another's in the same server,
/// ignoring case, is refused with `Conflict(ChannelNameTaken)`.
pub async fn channel_names_are_unique_per_server_ignoring_case(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    for name in ["general", "General", "GENERAL"] {
        let twin = channel(c.server.id, name, 1);
        assert_name_taken(store.insert_channel(&twin).await, name);
        assert_eq!(store.channel_by_id(twin.id).await.unwrap(), None);
    }
    assert_eq!(
        store.channels_of(c.server.id).await.unwrap(),
        vec![c.general]
    );
}

/// Case is ignored beyond ASCII (`ChannelName::folded`): "Ünïcode" and
/// "ünïcode" clash.
pub async fn channel_names_compare_unicode_case_blind(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    store
        .insert_channel(&channel(c.server.id, "Ünïcode", 1))
        .await
        .unwrap();
    assert_name_taken(
        store
            .insert_channel(&channel(c.server.id, "ünïcode", 2))
            .await,
        "ünïcode",
    );
    assert_name_taken(
        store
            .insert_channel(&channel(c.server.id, "ÜNÏCODE", 3))
            .await,
        "ÜNÏCODE",
    );
}

/// Two servers may each have a channel of the same name.
pub async fn same_channel_name_is_allowed_in_two_servers(store: &Arc<dyn Store>) {
    let one = add_community(store, "one").await;
    let two = add_community(store, "two").await;
    let a = channel(one.server.id, "Memes", 1);
    let b = channel(two.server.id, "memes", 1);
    store.insert_channel(&a).await.unwrap();
    store.insert_channel(&b).await.unwrap();
    assert_eq!(
        store.channels_of(one.server.id).await.unwrap(),
        vec![one.general, a]
    );
    assert_eq!(
        store.channels_of(two.server.id).await.unwrap(),
        vec![two.general, b]
    );
}

/// `channels_of` lists the server's channels ordered by `position`, then
/// `created_at`, then id; empty for an unknown server.
pub async fn channels_of_orders_by_position_then_created_at_then_id(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let other = add_community(store, "other").await;
    let make = |name: &str, position: i64, created: i64| Channel {
        created_at: at(created),
        ..channel(c.server.id, name, position)
    };
    // Made in an order that differs from every single sort key.
    let late_tie_b = make("tie-b", 1, 5);
    let first = make("first", -1, 9);
    let early = make("early", 1, 1);
    let last = make("last", 2, 0);
    let late_tie_a = make("tie-a", 1, 5);
    for ch in [&late_tie_b, &first, &early, &last, &late_tie_a] {
        store.insert_channel(ch).await.unwrap();
    }
    store
        .insert_channel(&channel(other.server.id, "elsewhere", 1))
        .await
        .unwrap();
    let mut ties = [late_tie_b, late_tie_a];
    ties.sort_by_key(|ch| ch.id);
    let [tie1, tie2] = ties;
    let expected = vec![first, c.general, early, tie1, tie2, last];
    assert_eq!(store.channels_of(c.server.id).await.unwrap(), expected);
    let unknown = ServerId::from_uuid(new_id());
    assert!(store.channels_of(unknown).await.unwrap().is_empty());
}

/// `update_channel` replaces name, topic and position (nothing else) and
/// returns `true`; `false` when there is no such channel.
pub async fn update_channel_replaces_name_topic_and_position_or_returns_false(
    store: &Arc<dyn Store>,
) {
    let c = add_community(store, "owner").await;
    let changed = Channel {
        name: ChannelName::parse("Lobby 🛋").unwrap(),
        topic: Topic::parse("say hi").unwrap(),
        position: 4,
        ..c.general.clone()
    };
    // Fields other than name, topic and position are not replaced.
    let with_other_fields = Channel {
        created_at: at(999),
        ..changed.clone()
    };
    assert!(store.update_channel(&with_other_fields).await.unwrap());
    assert_eq!(
        store.channel_by_id(c.general.id).await.unwrap(),
        Some(changed.clone())
    );
    let unknown = channel(c.server.id, "ghost", 0);
    assert!(!store.update_channel(&unknown).await.unwrap());
    assert_eq!(store.channel_by_id(unknown.id).await.unwrap(), None);
    assert_eq!(store.channels_of(c.server.id).await.unwrap(), vec![changed]);
}

/// `update_channel` to a name another channel of the server has (ignoring
/// case) fails with `Conflict(ChannelNameTaken)` and changes nothing; a
/// channel may change the case of its own name, and take a name used in
/// another server.
pub async fn update_channel_rejects_a_name_taken_in_the_server_ignoring_case(
    store: &Arc<dyn Store>,
) {
    let c = add_community(store, "owner").await;
    let other = add_community(store, "other").await;
    let random = channel(c.server.id, "random", 1);
    store.insert_channel(&random).await.unwrap();
    store
        .insert_channel(&channel(other.server.id, "offtopic", 1))
        .await
        .unwrap();
    let clash = Channel {
        name: ChannelName::parse("GENERAL").unwrap(),
        position: 9,
        ..random.clone()
    };
    assert_name_taken(store.update_channel(&clash).await, "GENERAL");
    assert_eq!(
        store.channel_by_id(random.id).await.unwrap(),
        Some(random.clone())
    );
    let recased = Channel {
        name: ChannelName::parse("Random").unwrap(),
        ..random.clone()
    };
    assert!(store.update_channel(&recased).await.unwrap());
    let borrowed = Channel {
        name: ChannelName::parse("OffTopic").unwrap(),
        ..random.clone()
    };
    assert!(store.update_channel(&borrowed).await.unwrap());
    assert_eq!(
        store.channel_by_id(random.id).await.unwrap(),
        Some(borrowed)
    );
}

/// `delete_channel` deletes the channel and its messages and returns
/// `true`; `false` when there was none. Other channels keep theirs.
pub async fn delete_channel_removes_it_and_its_messages_or_returns_false(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let random = channel(c.server.id, "random", 1);
    store.insert_channel(&random).await.unwrap();
    let gone = message_with_nonce(&random, c.owner.id, "bye", "n1");
    let kept = message(&c.general, c.owner.id, "stay");
    store.insert_message(&gone).await.unwrap();
    store.insert_message(&kept).await.unwrap();
    assert!(store.delete_channel(random.id).await.unwrap());
    assert_eq!(store.channel_by_id(random.id).await.unwrap(), None);
    assert_eq!(store.message_by_id(gone.id).await.unwrap(), None);
    assert!(store.history(random.id, None, 50).await.unwrap().is_empty());
    assert_eq!(
        store.channels_of(c.server.id).await.unwrap(),
        vec![c.general.clone()]
    );
    assert_eq!(
        store.history(c.general.id, None, 50).await.unwrap(),
        vec![kept]
    );
    assert!(!store.delete_channel(random.id).await.unwrap());
    // The recreated name is free again.
    store
        .insert_channel(&channel(c.server.id, "random", 1))
        .await
        .unwrap();
}

/// The slow mode is stored with the channel by `insert_channel` and
/// replaced by `update_channel` (reads give it back; 0 is "off").
pub async fn channel_slowmode_is_stored_and_updated(store: &Arc<dyn Store>) {
    use crate::channels::Slowmode;
    let c = add_community(store, "owner").await;
    assert_eq!(c.general.slowmode, Slowmode::OFF);
    let slow = Channel {
        slowmode: Slowmode::parse(21_600).unwrap(),
        ..channel(c.server.id, "slow", 1)
    };
    store.insert_channel(&slow).await.unwrap();
    assert_eq!(
        store.channel_by_id(slow.id).await.unwrap(),
        Some(slow.clone())
    );
    let faster = Channel {
        slowmode: Slowmode::parse(5).unwrap(),
        ..slow.clone()
    };
    assert!(store.update_channel(&faster).await.unwrap());
    let listed = store.channels_of(c.server.id).await.unwrap();
    assert_eq!(listed.last(), Some(&faster));
    let off = Channel {
        slowmode: Slowmode::OFF,
        ..faster
    };
    assert!(store.update_channel(&off).await.unwrap());
    assert_eq!(store.channel_by_id(off.id).await.unwrap(), Some(off));
}
