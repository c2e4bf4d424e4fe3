//! Contracts of [`TransferStore`](crate::transfer::TransferStore).

use std::sync::Arc;

use super::fixtures::*;
use crate::channels::Channel;
use crate::ids::ServerId;
use crate::reads::{ChannelNotificationSettings, NotifyLevel, ServerNotificationSettings};
use crate::role::Role;
use crate::Store;

/// `users_after` walks every user in id order, `limit` at a time, with
/// every stored field.
pub async fn users_after_walks_every_user_in_id_order(store: &Arc<dyn Store>) {
    let mut made = Vec::new();
    for name in ["carol", "alice", "bob", "dave", "erin"] {
        made.push(add_user(store, name).await);
    }
    made.sort_by_key(|u| u.id);
    let first = store.users_after(None, 2).await.unwrap();
    assert_eq!(first, made[..2].to_vec());
    let rest = store.users_after(Some(first[1].id), 10).await.unwrap();
    assert_eq!(rest, made[2..].to_vec());
    let none = store.users_after(Some(made[4].id), 10).await.unwrap();
    assert!(none.is_empty());
}

/// `servers_after` walks every server in id order, `limit` at a time.
pub async fn servers_after_walks_every_server_in_id_order(store: &Arc<dyn Store>) {
    let mut made = Vec::new();
    for name in ["one", "two", "three"] {
        made.push(add_community(store, name).await.server);
    }
    made.sort_by_key(|s| s.id);
    let first = store.servers_after(None, 1).await.unwrap();
    assert_eq!(first, made[..1].to_vec());
    let rest = store.servers_after(Some(first[0].id), 5).await.unwrap();
    assert_eq!(rest, made[1..].to_vec());
}

/// `insert_member` stores the membership as given, after the existing
/// ones, and answers `false` for a member already there.
pub async fn insert_member_stores_it_as_given_or_returns_false(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let alice = add_user(store, "alice").await;
    let m = member(c.server.id, alice.id, Role::Admin, at(-50));
    assert!(store.insert_member(&m).await.unwrap());
    assert_eq!(
        store.member(c.server.id, alice.id).await.unwrap(),
        Some(m.clone())
    );
    let again = member(c.server.id, alice.id, Role::Member, at(9));
    assert!(!store.insert_member(&again).await.unwrap());
    assert_eq!(store.member(c.server.id, alice.id).await.unwrap(), Some(m));
    assert_eq!(store.member_count(c.server.id).await.unwrap(), 2);
}

/// `attachments_after` walks every attachment, pending and sent, in id
/// order, `limit` at a time, with every stored field.
pub async fn attachments_after_walks_pending_and_sent_in_id_order(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let m = message(&c.general, c.owner.id, "with files");
    store.insert_message(&m).await.unwrap();
    let mut made = Vec::new();
    for t in 0..3 {
        let a = super::attachments::attachment(&c.general, c.owner.id, t);
        store.insert_attachment(&a).await.unwrap();
        made.push(a);
    }
    assert_eq!(
        store
            .claim_attachments(&[made[1].id], m.id, true)
            .await
            .unwrap(),
        1
    );
    made[1].message_id = Some(m.id);
    made[1].spoiler = true;
    made.sort_by_key(|a| a.id);
    let first = store.attachments_after(None, 2).await.unwrap();
    assert_eq!(first, made[..2].to_vec());
    let rest = store
        .attachments_after(Some(first[1].id), 10)
        .await
        .unwrap();
    assert_eq!(rest, made[2..].to_vec());
    assert!(store
        .attachments_after(Some(made[2].id), 10)
        .await
        .unwrap()
        .is_empty());
}

/// `read_markers_of` lists every marker of the user, in channel id
/// order, wherever it is (a direct channel, a server they are not a
/// member of), and no one else's.
pub async fn read_markers_of_lists_every_marker_of_the_user_only(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    let dm = super::direct::dm(c.owner.id, bob.id);
    store.open_dm(&dm).await.unwrap();
    let in_server = message(&c.general, c.owner.id, "hello");
    let in_dm = message(&dm.channel, bob.id, "hi");
    store.insert_message(&in_server).await.unwrap();
    store.insert_message(&in_dm).await.unwrap();
    assert!(store.read_markers_of(bob.id).await.unwrap().is_empty());
    for (ch, m) in [(&c.general, &in_server), (&dm.channel, &in_dm)] {
        store
            .advance_read_marker(bob.id, ch.id, m.id)
            .await
            .unwrap();
    }
    store
        .advance_read_marker(c.owner.id, dm.channel.id, in_dm.id)
        .await
        .unwrap();
    let mut want = vec![(c.general.id, in_server.id), (dm.channel.id, in_dm.id)];
    want.sort();
    assert_eq!(store.read_markers_of(bob.id).await.unwrap(), want);
    assert_eq!(
        store.read_markers_of(c.owner.id).await.unwrap(),
        vec![(dm.channel.id, in_dm.id)]
    );
}

fn muted_channel(c: &Channel, server_id: ServerId) -> ChannelNotificationSettings {
    ChannelNotificationSettings {
        channel_id: c.id,
        server_id,
        level: NotifyLevel::None,
        muted_until: Some(at(60)),
    }
}

/// `stored_notification_settings` lists every setting the user stored,
/// for servers they are not in and for direct channels too, but not
/// those of a deleted channel; nobody else's.
pub async fn stored_notification_settings_lists_every_existing_place(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    let dm = super::direct::dm(c.owner.id, bob.id);
    store.open_dm(&dm).await.unwrap();
    let gone = channel(c.server.id, "gone", 1);
    store.insert_channel(&gone).await.unwrap();
    let server = ServerNotificationSettings {
        server_id: c.server.id,
        level: NotifyLevel::Mentions,
        muted_until: None,
        suppress_everyone: true,
    };
    store
        .put_server_notifications(bob.id, &server)
        .await
        .unwrap();
    let mut channels = Vec::new();
    for (ch, sid) in [
        (&c.general, c.server.id),
        (&dm.channel, ServerId::DIRECT),
        (&gone, c.server.id),
    ] {
        let s = muted_channel(ch, sid);
        store.put_channel_notifications(bob.id, &s).await.unwrap();
        channels.push(s);
    }
    let owner_setting = muted_channel(&c.general, c.server.id);
    store
        .put_channel_notifications(c.owner.id, &owner_setting)
        .await
        .unwrap();
    assert!(store.delete_channel(gone.id).await.unwrap());
    channels.pop();
    channels.sort_by_key(|s| s.channel_id);
    let stored = store.stored_notification_settings(bob.id).await.unwrap();
    assert_eq!(stored.servers, vec![server]);
    assert_eq!(stored.channels, channels);
}
