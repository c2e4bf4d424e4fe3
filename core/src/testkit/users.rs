//! Contracts of [`UserStore`].

use std::sync::Arc;

use super::fixtures::*;
use crate::channels::{Channel, ChannelName, Slowmode, Topic};
use crate::direct::{Block, ChannelKind, DirectChannel, DmPolicy, Participant};
use crate::error::{Conflict, StoreError};
use crate::ids::{ChannelId, ServerId, UserId};
use crate::messages::{Emoji, Inserted};
use crate::presence::Status;
use crate::reads::{NotifyLevel, ServerNotificationSettings};
use crate::users::{Bio, CustomStatus, DisplayName, Username};
use crate::Store;

/// `insert_user` stores the user exactly; `user_by_id` reads it back, or
/// `None` for an unknown id.
pub async fn insert_user_then_user_by_id_reads_it_back_or_none(store: &Arc<dyn Store>) {
    let mut alice = user("Alice");
    alice.bio = Bio::parse("likes ünïcode 🦀").unwrap();
    alice.status = Status::Dnd;
    store.insert_user(&alice).await.unwrap();
    assert_eq!(store.user_by_id(alice.id).await.unwrap(), Some(alice));
    let unknown = UserId::from_uuid(new_id());
    assert_eq!(store.user_by_id(unknown).await.unwrap(), None);
}

/// `user_by_username` finds the user whatever the case, or `None`.
pub async fn user_by_username_ignores_case_or_returns_none(store: &Arc<dyn Store>) {
    let alice = add_user(store, "Alice").await;
    for spelling in ["Alice", "alice", "ALICE", "aLiCe"] {
        let name = Username::parse(spelling).unwrap();
        let found = store.user_by_username(&name).await.unwrap();
        assert_eq!(found.as_ref(), Some(&alice), "lookup by {spelling}");
    }
    let nobody = Username::parse("bob").unwrap();
    assert_eq!(store.user_by_username(&nobody).await.unwrap(), None);
}

/// A second user whose username equals another's ignoring case is refused
/// with `Conflict(UsernameTaken)` and not stored.
pub async fn usernames_are_unique_ignoring_case(store: &Arc<dyn Store>) {
    add_user(store, "Alice").await;
    for spelling in ["Alice", "alice", "ALICE"] {
        let twin = user(spelling);
        let err = store.insert_user(&twin).await.expect_err(spelling);
        assert!(
            matches!(err, StoreError::Conflict(Conflict::UsernameTaken)),
            "{spelling}: expected UsernameTaken, got {err:?}"
        );
        assert_eq!(store.user_by_id(twin.id).await.unwrap(), None);
    }
    store.insert_user(&user("alicia")).await.unwrap();
}

/// `users_by_ids` returns the users that exist, ignoring unknown ids.
pub async fn users_by_ids_returns_only_the_users_that_exist(store: &Arc<dyn Store>) {
    let a = add_user(store, "anna").await;
    let b = add_user(store, "bert").await;
    add_user(store, "carl").await;
    let unknown = UserId::from_uuid(new_id());
    let mut found = store.users_by_ids(&[b.id, unknown, a.id]).await.unwrap();
    found.sort_by_key(|u| u.id);
    assert_eq!(found, vec![a, b]);
    assert!(store.users_by_ids(&[]).await.unwrap().is_empty());
    assert!(store.users_by_ids(&[unknown]).await.unwrap().is_empty());
}

/// `update_profile` sets display name and bio and returns the updated
/// user; `None` for an unknown id.
pub async fn update_profile_sets_display_name_and_bio_or_returns_none(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let name = DisplayName::parse("Alice 🌸").unwrap();
    let bio = Bio::parse("hello").unwrap();
    let updated = store.update_profile(alice.id, &name, &bio).await.unwrap();
    let expected = crate::users::User {
        display_name: name.clone(),
        bio: bio.clone(),
        ..alice.clone()
    };
    assert_eq!(updated.as_ref(), Some(&expected));
    assert_eq!(store.user_by_id(alice.id).await.unwrap(), Some(expected));
    let unknown = UserId::from_uuid(new_id());
    assert_eq!(
        store.update_profile(unknown, &name, &bio).await.unwrap(),
        None
    );
}

/// `set_status` stores the chosen status; `false` for an unknown id.
pub async fn set_status_stores_the_chosen_status_or_returns_false(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    for status in [Status::Invisible, Status::Away, Status::Dnd, Status::Online] {
        assert!(store.set_status(alice.id, status).await.unwrap());
        let read = store.user_by_id(alice.id).await.unwrap().unwrap();
        assert_eq!(read.status, status);
    }
    let unknown = UserId::from_uuid(new_id());
    assert!(!store.set_status(unknown, Status::Away).await.unwrap());
}

/// `set_custom_status` sets or clears the text and returns the updated
/// user; `None` for an unknown id.
pub async fn set_custom_status_sets_or_clears_it_or_returns_none(store: &Arc<dyn Store>) {
    let alice = add_user(store, "alice").await;
    let text = CustomStatus::parse("In a meeting 📅").unwrap();
    let set = store
        .set_custom_status(alice.id, Some(&text))
        .await
        .unwrap();
    let expected = crate::users::User {
        custom_status: Some(text.clone()),
        ..alice.clone()
    };
    assert_eq!(set.as_ref(), Some(&expected));
    assert_eq!(store.user_by_id(alice.id).await.unwrap(), Some(expected));
    let cleared = store.set_custom_status(alice.id, None).await.unwrap();
    assert_eq!(cleared.as_ref(), Some(&alice));
    assert_eq!(store.user_by_id(alice.id).await.unwrap(), Some(alice));
    let unknown = UserId::from_uuid(new_id());
    let none = store.set_custom_status(unknown, Some(&text)).await.unwrap();
    assert_eq!(none, None);
}

/// `erase_user` keeps the account's row as its tombstone (the old name
/// no longer finds it) with the messages, reactions and DMs it was in,
/// and deletes its sessions, memberships, bans, timeouts, read markers,
/// notification settings, blocks (both ways) and DM policy; nothing of
/// anyone else changes, and servers they own stay.
pub async fn erase_user_keeps_a_tombstone_and_deletes_personal_data_only(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let other = add_community(store, "other").await;
    let gone = add_user(store, "gone").await;
    let kept = add_user(store, "kept").await;
    add_member(store, &c.server, gone.id, at(1)).await;
    add_member(store, &c.server, kept.id, at(2)).await;
    let (gone_session, kept_session) = (session(gone.id), session(kept.id));
    let far = at(86_400);
    for s in [&gone_session, &kept_session] {
        store
            .create_session(s, &grant(&token_hash(), far))
            .await
            .unwrap();
    }
    for u in [gone.id, kept.id] {
        store
            .ban(&ban(other.server.id, u, other.owner.id, None))
            .await
            .unwrap();
        store.set_timeout(c.server.id, u, far).await.unwrap();
        let mut quiet = ServerNotificationSettings::default_for(c.server.id);
        quiet.level = NotifyLevel::Mentions;
        store.put_server_notifications(u, &quiet).await.unwrap();
        store.set_dm_policy(u, DmPolicy::Nobody).await.unwrap();
    }
    block(store, gone.id, c.owner.id).await;
    block(store, c.owner.id, gone.id).await;
    block(store, kept.id, c.owner.id).await;
    let dm = DirectChannel {
        channel: Channel {
            id: ChannelId::from_uuid(new_id()),
            server_id: ServerId::DIRECT,
            name: ChannelName::parse("direct message").unwrap(),
            topic: Topic::parse("").unwrap(),
            position: 0,
            slowmode: Slowmode::OFF,
            created_at: T0,
        },
        kind: ChannelKind::Dm,
        owner_id: None,
        participants: [gone.id, kept.id]
            .map(|user_id| Participant {
                user_id,
                joined_at: T0,
            })
            .to_vec(),
    };
    store.open_dm(&dm).await.unwrap();
    let gone_msg = message_with_nonce(&c.general, gone.id, "bye", "n1");
    let kept_msg = message_with_nonce(&c.general, kept.id, "stay", "n1");
    let gone_dm = message(&dm.channel, gone.id, "see you");
    for m in [&gone_msg, &kept_msg, &gone_dm] {
        store.insert_message(m).await.unwrap();
    }
    let thumbs = Emoji::parse("👍").unwrap();
    store
        .add_reaction(&kept_msg, &thumbs, gone.id, 20)
        .await
        .unwrap();
    for u in [gone.id, kept.id] {
        store
            .advance_read_marker(u, c.general.id, kept_msg.id)
            .await
            .unwrap();
    }

    let tombstone = gone.tombstone();
    assert!(store.erase_user(&tombstone).await.unwrap());

    assert_eq!(
        store.user_by_id(gone.id).await.unwrap(),
        Some(tombstone.clone())
    );
    assert_eq!(
        store.users_by_ids(&[gone.id]).await.unwrap(),
        vec![tombstone.clone()]
    );
    assert_eq!(store.user_by_username(&gone.username).await.unwrap(), None);
    assert_eq!(
        store.user_by_username(&tombstone.username).await.unwrap(),
        Some(tombstone)
    );
    assert_eq!(store.session_by_id(gone_session.id).await.unwrap(), None);
    assert_eq!(store.member(c.server.id, gone.id).await.unwrap(), None);
    assert!(store.memberships_of(gone.id).await.unwrap().is_empty());
    let bans_at = |u| store.active_ban(other.server.id, u, at(3));
    assert_eq!(bans_at(gone.id).await.unwrap(), None);
    let timeout = |u| store.timeout_until(c.server.id, u, at(3));
    assert_eq!(timeout(gone.id).await.unwrap(), None);
    assert!(store.blocks_of(gone.id).await.unwrap().is_empty());
    assert!(store.blocks_of(c.owner.id).await.unwrap().is_empty());
    assert_eq!(store.dm_policy(gone.id).await.unwrap(), None);
    let kept_dm = store.direct_channel(dm.channel.id).await.unwrap().unwrap();
    assert_eq!(
        kept_dm.user_ids(),
        dm.user_ids(),
        "the DM keeps both people"
    );
    assert_eq!(
        store.history(dm.channel.id, None, 50).await.unwrap(),
        vec![gone_dm]
    );
    assert_eq!(
        store.history(c.general.id, None, 50).await.unwrap(),
        vec![gone_msg, kept_msg.clone()]
    );
    let reactors = store
        .reactors(kept_msg.id, &thumbs, None, 10)
        .await
        .unwrap();
    assert_eq!(reactors, vec![gone.id], "their reactions stay");
    // Were they let back in under the same id, nothing of before is left.
    add_member(store, &c.server, gone.id, at(4)).await;
    let states = store.read_states_of(gone.id).await.unwrap();
    assert!(states.iter().all(|s| s.last_read.is_none()), "{states:?}");
    let settings = store.notification_settings_of(gone.id).await.unwrap();
    assert!(settings.servers.is_empty());

    assert_eq!(store.user_by_id(kept.id).await.unwrap(), Some(kept.clone()));
    assert_eq!(
        store.session_by_id(kept_session.id).await.unwrap(),
        Some(kept_session)
    );
    assert!(store.member(c.server.id, kept.id).await.unwrap().is_some());
    assert!(bans_at(kept.id).await.unwrap().is_some());
    assert_eq!(timeout(kept.id).await.unwrap(), Some(far));
    assert_eq!(store.blocks_of(kept.id).await.unwrap().len(), 1);
    assert_eq!(
        store.dm_policy(kept.id).await.unwrap(),
        Some(DmPolicy::Nobody)
    );
    let kept_states = store.read_states_of(kept.id).await.unwrap();
    assert!(kept_states.iter().any(|s| s.last_read == Some(kept_msg.id)));
    let kept_settings = store.notification_settings_of(kept.id).await.unwrap();
    assert_eq!(kept_settings.servers.len(), 1);
}

async fn block(store: &Arc<dyn Store>, user_id: UserId, blocked_id: UserId) {
    let b = Block {
        user_id,
        blocked_id,
        created_at: T0,
    };
    assert!(store.insert_block(&b).await.unwrap());
}

/// After `erase_user`, the username is free again (uniqueness is among
/// existing users), and the old user's nonces do not block anyone.
pub async fn erase_user_frees_the_username(store: &Arc<dyn Store>) {
    let c = add_community(store, "owner").await;
    let alice = add_user(store, "alice").await;
    add_member(store, &c.server, alice.id, at(1)).await;
    let first = message_with_nonce(&c.general, alice.id, "hi", "n1");
    store.insert_message(&first).await.unwrap();
    assert!(store.erase_user(&alice.tombstone()).await.unwrap());
    let again = user("Alice");
    store.insert_user(&again).await.unwrap();
    let name = Username::parse("alice").unwrap();
    assert_eq!(
        store.user_by_username(&name).await.unwrap(),
        Some(again.clone())
    );
    let second = message_with_nonce(&c.general, again.id, "hi again", "n1");
    assert_eq!(store.insert_message(&second).await.unwrap(), Inserted::New);
}

/// `erase_user` returns `false` when there is no such user (and stores
/// nothing); repeated, it finds the tombstone and leaves it as it is.
pub async fn erase_user_returns_false_when_there_is_no_such_user(store: &Arc<dyn Store>) {
    let unknown = user("nobody");
    assert!(!store.erase_user(&unknown.tombstone()).await.unwrap());
    assert_eq!(store.user_by_id(unknown.id).await.unwrap(), None);
    let alice = add_user(store, "alice").await;
    assert!(store.erase_user(&alice.tombstone()).await.unwrap());
    assert!(store.erase_user(&alice.tombstone()).await.unwrap());
    assert_eq!(
        store.user_by_id(alice.id).await.unwrap(),
        Some(alice.tombstone())
    );
}

/// `swap_avatar_key` sets or clears the avatar key, answering the one it
/// replaced; every read of the user (by id, by username, by ids, in id
/// order) carries it; `None` for an unknown user, changing nothing.
pub async fn swap_avatar_key_sets_or_clears_it_and_answers_the_previous(store: &Arc<dyn Store>) {
    let alice = add_user(store, "Alice").await;
    let key_a = "0123456789abcdef0123456789abcdef";
    let key_b = "fedcba9876543210fedcba9876543210";
    let first = store.swap_avatar_key(alice.id, Some(key_a)).await.unwrap();
    assert_eq!(first, Some(None), "no avatar before the first");
    let second = store.swap_avatar_key(alice.id, Some(key_b)).await.unwrap();
    assert_eq!(second, Some(Some(key_a.to_owned())));
    let expected = crate::users::User {
        avatar_key: Some(key_b.to_owned()),
        ..alice.clone()
    };
    assert_eq!(
        store.user_by_id(alice.id).await.unwrap().as_ref(),
        Some(&expected)
    );
    let by_name = store.user_by_username(&alice.username).await.unwrap();
    assert_eq!(by_name.as_ref(), Some(&expected));
    assert_eq!(
        store.users_by_ids(&[alice.id]).await.unwrap(),
        vec![expected.clone()]
    );
    assert_eq!(store.users_after(None, 10).await.unwrap(), vec![expected]);
    let cleared = store.swap_avatar_key(alice.id, None).await.unwrap();
    assert_eq!(cleared, Some(Some(key_b.to_owned())));
    assert_eq!(
        store.user_by_id(alice.id).await.unwrap(),
        Some(alice.clone())
    );
    let again = store.swap_avatar_key(alice.id, None).await.unwrap();
    assert_eq!(again, Some(None), "clearing twice is no error");
    let unknown = UserId::from_uuid(new_id());
    assert_eq!(
        store.swap_avatar_key(unknown, Some(key_a)).await.unwrap(),
        None
    );
    assert_eq!(store.user_by_id(unknown).await.unwrap(), None);
}
