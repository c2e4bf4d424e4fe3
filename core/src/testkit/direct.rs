//! Contracts of [`DirectStore`](crate::direct::DirectStore).

use std::sync::Arc;

use super::fixtures::*;
use crate::channels::{Channel, ChannelName, Slowmode, Topic};
use crate::direct::{Block, ChannelKind, DirectChannel, DmPolicy, Participant};
use crate::ids::{ChannelId, ServerId, UserId};
use crate::time::Timestamp;
use crate::Store;

pub(super) fn direct(
    kind: ChannelKind,
    name: &str,
    owner: Option<UserId>,
    people: &[UserId],
) -> DirectChannel {
    DirectChannel {
        channel: Channel {
            id: ChannelId::from_uuid(new_id()),
            server_id: ServerId::DIRECT,
            name: ChannelName::parse(name).expect("a valid name"),
            topic: Topic::parse("").expect("an empty topic"),
            position: 0,
            slowmode: Slowmode::OFF,
            created_at: T0,
        },
        kind,
        owner_id: owner,
        participants: people
            .iter()
            .enumerate()
            .map(|(i, u)| Participant {
                user_id: *u,
                joined_at: at(i64::try_from(i).unwrap_or(0)),
            })
            .collect(),
    }
}

pub(super) fn dm(a: UserId, b: UserId) -> DirectChannel {
    direct(ChannelKind::Dm, "direct message", None, &[a, b])
}

/// `open_dm` stores a DM once per pair: opened again, from either side,
/// it returns the first one with `false` and stores nothing.
pub async fn open_dm_stores_one_dm_per_pair_whichever_side_opens(store: &Arc<dyn Store>) {
    let a = add_user(store, "ann").await;
    let b = add_user(store, "bob").await;
    let first = dm(a.id, b.id);
    let (stored, created) = store.open_dm(&first).await.unwrap();
    assert!(created, "the first open creates");
    assert_eq!(stored, first, "stored exactly");
    let again = dm(b.id, a.id);
    let (found, created) = store.open_dm(&again).await.unwrap();
    assert!(!created, "the second open finds");
    assert_eq!(found.channel.id, first.channel.id);
    assert_eq!(store.channel_by_id(again.channel.id).await.unwrap(), None);
    assert_eq!(store.direct_channels_of(a.id).await.unwrap().len(), 1);
    assert_eq!(store.direct_channels_of(b.id).await.unwrap().len(), 1);
}

/// Concurrent opens of the DM of one pair (from both sides) store one
/// DM; every call returns it and exactly one says it created it.
pub async fn concurrent_open_dm_stores_exactly_one(store: &Arc<dyn Store>) {
    let a = add_user(store, "ann").await;
    let b = add_user(store, "bob").await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let store = Arc::clone(store);
        let d = if i % 2 == 0 {
            dm(a.id, b.id)
        } else {
            dm(b.id, a.id)
        };
        tasks.push(tokio::spawn(async move { store.open_dm(&d).await }));
    }
    let mut ids = Vec::new();
    let mut created = 0;
    for t in tasks {
        let (d, new) = t.await.expect("task").expect("open_dm");
        ids.push(d.channel.id);
        created += usize::from(new);
    }
    ids.dedup();
    assert_eq!(ids.len(), 1, "one DM for the pair: {ids:?}");
    assert_eq!(created, 1, "exactly one open created it");
    assert_eq!(store.direct_channels_of(a.id).await.unwrap().len(), 1);
}

/// A direct channel is a channel: `channel_by_id` reads it, messages are
/// stored in it; `direct_channel` is `None` for a server's channel and
/// `delete_direct` removes it with its messages.
pub async fn direct_channels_are_channels_and_delete_direct_removes_them(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let b = add_user(store, "bob").await;
    let (d, _) = store.open_dm(&dm(c.owner.id, b.id)).await.unwrap();
    assert_eq!(
        store.channel_by_id(d.channel.id).await.unwrap(),
        Some(d.channel.clone())
    );
    assert_eq!(store.direct_channel(c.general.id).await.unwrap(), None);
    let m = message(&d.channel, b.id, "hi");
    store.insert_message(&m).await.unwrap();
    assert_eq!(
        store.history(d.channel.id, None, 10).await.unwrap(),
        vec![m.clone()]
    );
    assert!(store.delete_direct(d.channel.id).await.unwrap());
    assert!(
        !store.delete_direct(d.channel.id).await.unwrap(),
        "already gone"
    );
    assert_eq!(store.channel_by_id(d.channel.id).await.unwrap(), None);
    assert_eq!(store.message_by_id(m.id).await.unwrap(), None);
    assert!(store.direct_channels_of(b.id).await.unwrap().is_empty());
    // The pair can open a new DM afterwards.
    let (_, created) = store.open_dm(&dm(b.id, c.owner.id)).await.unwrap();
    assert!(created, "a new DM after the first was deleted");
}

/// Groups keep their participants longest present first; adding twice
/// or removing someone absent answers `false`; `update_group` sets name
/// and owner; the group lists for its participants only.
pub async fn groups_keep_participants_owner_and_name(store: &Arc<dyn Store>) {
    let a = add_user(store, "ann").await;
    let b = add_user(store, "bob").await;
    let c = add_user(store, "cat").await;
    let d = add_user(store, "dan").await;
    let g = direct(ChannelKind::Group, "plans", Some(a.id), &[a.id, b.id, c.id]);
    store.insert_group(&g).await.unwrap();
    assert_eq!(
        store.direct_channel(g.channel.id).await.unwrap(),
        Some(g.clone())
    );
    assert!(store
        .add_participant(g.channel.id, d.id, at(50))
        .await
        .unwrap());
    assert!(!store
        .add_participant(g.channel.id, d.id, at(60))
        .await
        .unwrap());
    assert!(store.remove_participant(g.channel.id, a.id).await.unwrap());
    assert!(!store.remove_participant(g.channel.id, a.id).await.unwrap());
    let name = ChannelName::parse("new plans").unwrap();
    assert!(store.update_group(g.channel.id, &name, b.id).await.unwrap());
    let unknown = ChannelId::from_uuid(new_id());
    assert!(!store.update_group(unknown, &name, b.id).await.unwrap());
    let now = store.direct_channel(g.channel.id).await.unwrap().unwrap();
    assert_eq!(now.kind, ChannelKind::Group);
    assert_eq!(now.owner_id, Some(b.id));
    assert_eq!(now.channel.name, name);
    let people: Vec<(UserId, Timestamp)> = now
        .participants
        .iter()
        .map(|p| (p.user_id, p.joined_at))
        .collect();
    assert_eq!(people, vec![(b.id, at(1)), (c.id, at(2)), (d.id, at(50))]);
    assert!(store.direct_channels_of(a.id).await.unwrap().is_empty());
    assert_eq!(store.direct_channels_of(d.id).await.unwrap(), vec![now]);
}

/// Blocks go one way and are kept once; `blocked_between` sees either
/// direction; `blocks_of` lists oldest first; `delete_block` lifts one.
pub async fn blocks_are_one_way_kept_once_and_lifted(store: &Arc<dyn Store>) {
    let a = add_user(store, "ann").await;
    let b = add_user(store, "bob").await;
    let c = add_user(store, "cat").await;
    let block = |blocked: UserId, s: i64| Block {
        user_id: a.id,
        blocked_id: blocked,
        created_at: at(s),
    };
    assert!(!store.blocked_between(a.id, b.id).await.unwrap());
    assert!(store.insert_block(&block(c.id, 1)).await.unwrap());
    assert!(store.insert_block(&block(b.id, 2)).await.unwrap());
    assert!(
        !store.insert_block(&block(b.id, 3)).await.unwrap(),
        "kept once"
    );
    assert!(store.blocked_between(a.id, b.id).await.unwrap());
    assert!(
        store.blocked_between(b.id, a.id).await.unwrap(),
        "either way"
    );
    assert!(!store.blocked_between(b.id, c.id).await.unwrap());
    assert_eq!(
        store.blocks_of(a.id).await.unwrap(),
        vec![block(c.id, 1), block(b.id, 2)]
    );
    assert!(store.blocks_of(b.id).await.unwrap().is_empty());
    assert!(store.delete_block(a.id, b.id).await.unwrap());
    assert!(!store.delete_block(a.id, b.id).await.unwrap());
    assert!(!store.blocked_between(b.id, a.id).await.unwrap());
}

/// The DM policy is `None` until set, then the last one set.
pub async fn dm_policy_is_none_until_set_then_replaced(store: &Arc<dyn Store>) {
    let a = add_user(store, "ann").await;
    assert_eq!(store.dm_policy(a.id).await.unwrap(), None);
    store.set_dm_policy(a.id, DmPolicy::Nobody).await.unwrap();
    store.set_dm_policy(a.id, DmPolicy::Everyone).await.unwrap();
    assert_eq!(
        store.dm_policy(a.id).await.unwrap(),
        Some(DmPolicy::Everyone)
    );
}
