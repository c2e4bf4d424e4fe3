//! Contracts of [`ReadStateStore`]: markers that never move back, unread
//! and mention counts after them (capped, across pages, after deletions
//! and edits), and notification settings.

use std::sync::Arc;

use super::fixtures::*;
use crate::channels::Channel;
use crate::direct::ChannelKind;
use crate::ids::{ChannelId, MessageId, ServerId, UserId};
use crate::messages::{Inserted, Message, MessageContent};
use crate::reads::{
    ChannelNotificationSettings, NotifyLevel, ReadState, ServerNotificationSettings, UnreadCounts,
};
use crate::Store;

/// Stores `n` messages by `author` in `channel` (mentioning `mentions`);
/// returns their ids, oldest first.
async fn send(
    store: &Arc<dyn Store>,
    channel: &Channel,
    author: UserId,
    mentions: &[UserId],
    n: usize,
) -> Vec<MessageId> {
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let m = Message {
            mentions: mentions.to_vec(),
            ..message(channel, author, &format!("message {i}"))
        };
        assert_eq!(store.insert_message(&m).await.unwrap(), Inserted::New);
        ids.push(m.id);
    }
    ids
}

/// The user's state in one channel, from `read_states_of`.
async fn state_in(store: &Arc<dyn Store>, user: UserId, channel: ChannelId) -> ReadState {
    let states = store.read_states_of(user).await.unwrap();
    *states
        .iter()
        .find(|s| s.channel_id == channel)
        .unwrap_or_else(|| panic!("read_states_of lists channel {channel}: {states:?}"))
}

fn summary(s: &ReadState) -> (Option<MessageId>, u32, bool, u32) {
    (
        s.last_read,
        s.unread_count,
        s.unread_capped,
        s.mention_count,
    )
}

/// `advance_read_marker` stores a newer marker and returns it; an older
/// one changes nothing and returns the stored one.
pub async fn advance_read_marker_moves_forward_and_never_back(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    add_member(store, &c.server, bob.id, at(1)).await;
    let ids = send(store, &c.general, c.owner.id, &[], 4).await;
    let general = c.general.id;
    assert_eq!(
        store
            .advance_read_marker(bob.id, general, ids[2])
            .await
            .unwrap(),
        ids[2]
    );
    assert_eq!(
        store
            .advance_read_marker(bob.id, general, ids[0])
            .await
            .unwrap(),
        ids[2]
    );
    assert_eq!(
        summary(&state_in(store, bob.id, general).await),
        (Some(ids[2]), 1, false, 0)
    );
    assert_eq!(
        store
            .advance_read_marker(bob.id, general, ids[3])
            .await
            .unwrap(),
        ids[3]
    );
    assert_eq!(
        summary(&state_in(store, bob.id, general).await),
        (Some(ids[3]), 0, false, 0)
    );
    // One user's marker is not another's.
    assert_eq!(
        summary(&state_in(store, c.owner.id, general).await),
        (None, 4, false, 0)
    );
}

/// `read_states_of` lists every channel of every server the user is in
/// (never-read channels with no marker and every message unread), no
/// channel of other servers, and each channel's newest message.
pub async fn read_states_of_lists_every_channel_of_the_users_servers_only(store: &Arc<dyn Store>) {
    let a = add_community(store, "alice").await;
    let b = add_community(store, "bob").await;
    let other = add_community(store, "carol").await;
    add_member(store, &b.server, a.owner.id, at(1)).await;
    let random = channel(b.server.id, "random", 1);
    store.insert_channel(&random).await.unwrap();
    let sent = send(store, &b.general, b.owner.id, &[], 2).await;
    send(store, &other.general, other.owner.id, &[], 1).await;
    let states = store.read_states_of(a.owner.id).await.unwrap();
    let mut channels: Vec<ChannelId> = states.iter().map(|s| s.channel_id).collect();
    channels.sort();
    let mut expected = vec![a.general.id, b.general.id, random.id];
    expected.sort();
    assert_eq!(channels, expected);
    let general = state_in(store, a.owner.id, b.general.id).await;
    assert_eq!(general.server_id, b.server.id);
    assert_eq!(summary(&general), (None, 2, false, 0));
    assert_eq!(general.last_message_id, Some(sent[1]));
    let empty = state_in(store, a.owner.id, random.id).await;
    assert_eq!(
        (summary(&empty), empty.last_message_id),
        ((None, 0, false, 0), None)
    );
    let nobody = add_user(store, "dave").await;
    assert!(store.read_states_of(nobody.id).await.unwrap().is_empty());
}

/// Unread counts are exact up to 100 and then reported as 100 and capped,
/// whether or not there is a marker, and follow the marker across pages.
pub async fn unread_counts_are_exact_up_to_100_then_capped(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    add_member(store, &c.server, bob.id, at(1)).await;
    let ids = send(store, &c.general, c.owner.id, &[bob.id], 130).await;
    let general = c.general.id;
    let s = state_in(store, bob.id, general).await;
    assert_eq!((s.unread_count, s.unread_capped), (100, true));
    assert_eq!(s.mention_count, 130, "mentions are counted exactly");
    store
        .advance_read_marker(bob.id, general, ids[28])
        .await
        .unwrap();
    let s = state_in(store, bob.id, general).await;
    assert_eq!(summary(&s), (Some(ids[28]), 100, true, 101));
    store
        .advance_read_marker(bob.id, general, ids[29])
        .await
        .unwrap();
    assert_eq!(
        summary(&state_in(store, bob.id, general).await),
        (Some(ids[29]), 100, false, 100)
    );
    store
        .advance_read_marker(bob.id, general, ids[79])
        .await
        .unwrap();
    assert_eq!(
        summary(&state_in(store, bob.id, general).await),
        (Some(ids[79]), 50, false, 50)
    );
}

/// Mentions count only messages after the marker that mention the user,
/// and follow edits that add or remove the mention.
pub async fn mention_counts_follow_the_marker_and_edits(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    let carol = add_user(store, "carol").await;
    add_member(store, &c.server, bob.id, at(1)).await;
    add_member(store, &c.server, carol.id, at(1)).await;
    let general = c.general.id;
    let first = send(store, &c.general, c.owner.id, &[bob.id], 2).await;
    let plain = send(store, &c.general, c.owner.id, &[], 2).await;
    let both = send(store, &c.general, c.owner.id, &[carol.id, bob.id], 1).await;
    assert_eq!(
        summary(&state_in(store, bob.id, general).await),
        (None, 5, false, 3)
    );
    assert_eq!(
        summary(&state_in(store, carol.id, general).await),
        (None, 5, false, 1)
    );
    store
        .advance_read_marker(bob.id, general, first[1])
        .await
        .unwrap();
    assert_eq!(
        summary(&state_in(store, bob.id, general).await),
        (Some(first[1]), 3, false, 1)
    );
    let content = MessageContent::parse("now @bob").unwrap();
    store
        .edit_message(plain[0], &content, &[bob.id], at(9))
        .await
        .unwrap();
    let content = MessageContent::parse("nobody").unwrap();
    store
        .edit_message(both[0], &content, &[], at(9))
        .await
        .unwrap();
    assert_eq!(
        summary(&state_in(store, bob.id, general).await),
        (Some(first[1]), 3, false, 1)
    );
    assert_eq!(
        summary(&state_in(store, carol.id, general).await),
        (None, 5, false, 0)
    );
}

/// Deleted messages leave the counts right, the marker's own message
/// included (the marker still counts from its id).
pub async fn deleted_messages_leave_the_counts_right(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    add_member(store, &c.server, bob.id, at(1)).await;
    let general = c.general.id;
    let ids = send(store, &c.general, c.owner.id, &[bob.id], 5).await;
    store
        .advance_read_marker(bob.id, general, ids[1])
        .await
        .unwrap();
    assert!(store.delete_message(ids[3]).await.unwrap());
    assert_eq!(
        summary(&state_in(store, bob.id, general).await),
        (Some(ids[1]), 2, false, 2)
    );
    assert!(store.delete_message(ids[1]).await.unwrap());
    assert!(store.delete_message(ids[0]).await.unwrap());
    let s = state_in(store, bob.id, general).await;
    assert_eq!(summary(&s), (Some(ids[1]), 2, false, 2));
    assert_eq!(s.last_message_id, Some(ids[4]));
    assert!(store.delete_message(ids[4]).await.unwrap());
    let s = state_in(store, bob.id, general).await;
    assert_eq!(
        (summary(&s), s.last_message_id),
        ((Some(ids[1]), 1, false, 1), Some(ids[2]))
    );
}

/// `unread_after` counts after the given marker whatever is stored; an
/// unknown channel counts nothing.
pub async fn unread_after_counts_from_the_given_marker(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    add_member(store, &c.server, bob.id, at(1)).await;
    let general = c.general.id;
    let ids = send(store, &c.general, c.owner.id, &[bob.id], 3).await;
    store
        .advance_read_marker(bob.id, general, ids[2])
        .await
        .unwrap();
    let counts = store
        .unread_after(bob.id, general, Some(ids[0]))
        .await
        .unwrap();
    let expected = UnreadCounts {
        counted: 2,
        mentions: 2,
        last_message_id: Some(ids[2]),
    };
    assert_eq!(counts, expected);
    let all = store.unread_after(bob.id, general, None).await.unwrap();
    assert_eq!((all.counted, all.mentions), (3, 3));
    let unknown = ChannelId::from_uuid(new_id());
    assert_eq!(
        store.unread_after(bob.id, unknown, None).await.unwrap(),
        UnreadCounts::default()
    );
}

/// A deleted channel, and every channel of a server the user left, drop
/// out of `read_states_of` (and a marker of a deleted channel is gone).
pub async fn read_states_of_forgets_deleted_channels_and_servers_left(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    add_member(store, &c.server, bob.id, at(1)).await;
    let random = channel(c.server.id, "random", 1);
    store.insert_channel(&random).await.unwrap();
    let ids = send(store, &random, c.owner.id, &[], 1).await;
    store
        .advance_read_marker(bob.id, random.id, ids[0])
        .await
        .unwrap();
    assert!(store.delete_channel(random.id).await.unwrap());
    let states = store.read_states_of(bob.id).await.unwrap();
    assert_eq!(
        states.iter().map(|s| s.channel_id).collect::<Vec<_>>(),
        vec![c.general.id]
    );
    assert!(store.remove_member(c.server.id, bob.id).await.unwrap());
    assert!(store.read_states_of(bob.id).await.unwrap().is_empty());
}

/// Notification settings are replaced per server and per channel and
/// listed only for servers the user is still in and channels that exist.
pub async fn notification_settings_are_replaced_and_listed_for_current_places(
    store: &Arc<dyn Store>,
) {
    let c = add_community(store, "owner").await;
    let bob = add_user(store, "bob").await;
    add_member(store, &c.server, bob.id, at(1)).await;
    let random = channel(c.server.id, "random", 1);
    store.insert_channel(&random).await.unwrap();
    let server = ServerNotificationSettings {
        level: NotifyLevel::Mentions,
        muted_until: Some(at(3600)),
        suppress_everyone: true,
        ..ServerNotificationSettings::default_for(c.server.id)
    };
    store
        .put_server_notifications(bob.id, &server)
        .await
        .unwrap();
    let later = ServerNotificationSettings {
        level: NotifyLevel::None,
        muted_until: None,
        ..server
    };
    store
        .put_server_notifications(bob.id, &later)
        .await
        .unwrap();
    let general = ChannelNotificationSettings {
        level: NotifyLevel::All,
        ..ChannelNotificationSettings::default_for(c.general.id, c.server.id)
    };
    let muted = ChannelNotificationSettings {
        muted_until: Some(at(60)),
        ..ChannelNotificationSettings::default_for(random.id, c.server.id)
    };
    store
        .put_channel_notifications(bob.id, &general)
        .await
        .unwrap();
    store
        .put_channel_notifications(bob.id, &muted)
        .await
        .unwrap();
    let settings = store.notification_settings_of(bob.id).await.unwrap();
    assert_eq!(settings.servers, vec![later]);
    let mut expected = vec![general, muted];
    expected.sort_by_key(|s| s.channel_id);
    assert_eq!(settings.channels, expected);
    assert!(store
        .notification_settings_of(c.owner.id)
        .await
        .unwrap()
        .servers
        .is_empty());
    assert!(store.delete_channel(random.id).await.unwrap());
    let settings = store.notification_settings_of(bob.id).await.unwrap();
    assert_eq!(settings.channels, vec![general]);
    assert!(store.remove_member(c.server.id, bob.id).await.unwrap());
    let settings = store.notification_settings_of(bob.id).await.unwrap();
    assert!(settings.servers.is_empty() && settings.channels.is_empty());
}

/// `read_states_of` lists the user's direct channels (DMs and groups,
/// under `ServerId::DIRECT`, before every server's channels, by id) and
/// no one else's; there every message after the marker that the user did
/// not write counts as a mention, in `unread_after` too.
pub async fn direct_channels_have_read_states_where_others_messages_are_mentions(
    store: &Arc<dyn Store>,
) {
    let c = add_community(store, "ann").await;
    let ann = c.owner.id;
    let bob = add_user(store, "bob").await.id;
    let cat = add_user(store, "cat").await.id;
    let dm = super::direct::dm(ann, bob);
    store.open_dm(&dm).await.unwrap();
    let group = super::direct::direct(ChannelKind::Group, "trio", Some(ann), &[ann, bob, cat]);
    store.insert_group(&group).await.unwrap();
    let theirs = super::direct::dm(bob, cat);
    store.open_dm(&theirs).await.unwrap();
    let from_bob = send(store, &dm.channel, bob, &[], 3).await;
    let mine = send(store, &dm.channel, ann, &[], 1).await;
    send(store, &group.channel, cat, &[], 2).await;
    send(store, &theirs.channel, bob, &[], 1).await;
    let states = store.read_states_of(ann).await.unwrap();
    let mut direct_ids = vec![dm.channel.id, group.channel.id];
    direct_ids.sort();
    direct_ids.push(c.general.id);
    assert_eq!(
        states.iter().map(|s| s.channel_id).collect::<Vec<_>>(),
        direct_ids,
        "direct channels first, by id, then the server's"
    );
    let in_dm = state_in(store, ann, dm.channel.id).await;
    assert_eq!(in_dm.server_id, ServerId::DIRECT);
    assert_eq!(summary(&in_dm), (None, 4, false, 3));
    assert_eq!(in_dm.last_message_id, Some(mine[0]));
    assert_eq!(
        summary(&state_in(store, ann, group.channel.id).await),
        (None, 2, false, 2)
    );
    assert_eq!(
        summary(&state_in(store, bob, dm.channel.id).await),
        (None, 4, false, 1)
    );
    store
        .advance_read_marker(ann, dm.channel.id, from_bob[1])
        .await
        .unwrap();
    assert_eq!(
        summary(&state_in(store, ann, dm.channel.id).await),
        (Some(from_bob[1]), 2, false, 1)
    );
    let counts = store
        .unread_after(ann, dm.channel.id, Some(from_bob[0]))
        .await
        .unwrap();
    assert_eq!((counts.counted, counts.mentions), (3, 2));
    assert!(store.delete_direct(group.channel.id).await.unwrap());
    let left: Vec<ChannelId> = store
        .read_states_of(cat)
        .await
        .unwrap()
        .iter()
        .map(|s| s.channel_id)
        .collect();
    assert_eq!(left, vec![theirs.channel.id], "a deleted group drops out");
}

/// Unread counts of a direct channel are capped like any channel's, and
/// its mentions (the others' messages) are counted exactly.
pub async fn direct_unread_counts_are_capped_and_mentions_exact(store: &Arc<dyn Store>) {
    let ann = add_user(store, "ann").await.id;
    let bob = add_user(store, "bob").await.id;
    let dm = super::direct::dm(ann, bob);
    store.open_dm(&dm).await.unwrap();
    send(store, &dm.channel, bob, &[], 130).await;
    let s = state_in(store, ann, dm.channel.id).await;
    assert_eq!(summary(&s), (None, 100, true, 130));
}
