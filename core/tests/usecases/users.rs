use chat_core::events::{Audience, EventKind};
use chat_core::messages::MessageContent;
use chat_core::presence::{ShownStatus, Status};
use chat_core::users::{Bio, DisplayName, Password, ProfileChanges, DELETED_DISPLAY_NAME};

use crate::common::{code, TestApp, PASSWORD};

#[tokio::test]
async fn me_shows_the_chosen_status_to_oneself() {
    let app = TestApp::new();
    let alice = app.user("alice").await;
    let me = app.chat.me(&alice).await.unwrap();
    assert_eq!(me.user.username.as_str(), "alice");
    assert_eq!(me.status, ShownStatus::Online);
}

#[tokio::test]
async fn update_profile_changes_only_the_given_fields() {
    let app = TestApp::new();
    let alice = app.user("alice").await;
    let changes = ProfileChanges {
        bio: Some(Bio::parse("hi there").unwrap()),
        display_name: None,
    };
    let me = app.chat.update_profile(&alice, changes).await.unwrap();
    assert_eq!(me.user.bio.as_str(), "hi there");
    assert_eq!(me.user.display_name.as_str(), "alice");
    let changes = ProfileChanges {
        display_name: Some(DisplayName::parse("Al").unwrap()),
        bio: None,
    };
    let me = app.chat.update_profile(&alice, changes).await.unwrap();
    assert_eq!(
        (me.user.display_name.as_str(), me.user.bio.as_str()),
        ("Al", "hi there")
    );
}

#[tokio::test]
async fn a_profile_change_is_announced_in_each_server() {
    let app = TestApp::new();
    let c = app.community().await;
    app.take_events();
    let changes = ProfileChanges {
        display_name: Some(DisplayName::parse("M").unwrap()),
        bio: None,
    };
    app.chat.update_profile(&c.member, changes).await.unwrap();
    let events = app.take_events();
    assert!(events.iter().any(|e| e.audience == Audience::Server(c.server)
        && matches!(&e.kind, EventKind::MemberUpdated { member, .. } if member.display_name.as_str() == "M")));
}

#[tokio::test]
async fn invisible_is_offline_to_others_and_invisible_to_oneself() {
    let app = TestApp::new();
    let c = app.community().await;
    app.chat.connection_opened(c.member.user_id).await.unwrap();
    app.take_events();
    let me = app
        .chat
        .set_status(c.member.user_id, Status::Invisible)
        .await
        .unwrap();
    assert_eq!(me.status, ShownStatus::Invisible);
    let events = app.take_events();
    let to_others = events
        .iter()
        .find(|e| matches!(e.audience, Audience::CoMembers { .. }))
        .unwrap();
    assert!(matches!(
        to_others.kind,
        EventKind::PresenceUpdated {
            status: ShownStatus::Offline,
            ..
        }
    ));
    let to_self = events
        .iter()
        .find(|e| e.audience == Audience::User(c.member.user_id))
        .unwrap();
    assert!(matches!(
        to_self.kind,
        EventKind::PresenceUpdated {
            status: ShownStatus::Invisible,
            ..
        }
    ));
    let members = app.chat.list_members(&c.owner, c.server).await.unwrap();
    let shown = members
        .iter()
        .find(|m| m.user_id == c.member.user_id)
        .unwrap()
        .status;
    assert_eq!(shown, ShownStatus::Offline);
}

#[tokio::test]
async fn member_lists_show_live_presence() {
    let app = TestApp::new();
    let c = app.community().await;
    let status_of_member = |members: Vec<chat_core::members::MemberView>| {
        members
            .into_iter()
            .find(|m| m.user_id == c.member.user_id)
            .unwrap()
            .status
    };
    let before = app.chat.list_members(&c.owner, c.server).await.unwrap();
    assert_eq!(status_of_member(before), ShownStatus::Offline);
    app.chat.connection_opened(c.member.user_id).await.unwrap();
    app.chat
        .set_status(c.member.user_id, Status::Dnd)
        .await
        .unwrap();
    let during = app.chat.list_members(&c.owner, c.server).await.unwrap();
    assert_eq!(status_of_member(during), ShownStatus::Dnd);
    app.chat.connection_closed(c.member.user_id).await.unwrap();
    let after = app.chat.list_members(&c.owner, c.server).await.unwrap();
    assert_eq!(status_of_member(after), ShownStatus::Offline);
}

#[tokio::test]
async fn coming_online_is_announced_once_for_two_connections() {
    let app = TestApp::new();
    let c = app.community().await;
    app.take_events();
    app.chat.connection_opened(c.member.user_id).await.unwrap();
    app.chat.connection_opened(c.member.user_id).await.unwrap();
    let online = app.take_kinds().into_iter().filter(|k| {
        matches!(
            k,
            EventKind::PresenceUpdated {
                status: ShownStatus::Online,
                ..
            }
        )
    });
    assert_eq!(online.count(), 2, "one event to co-members, one to self");
    app.chat.connection_closed(c.member.user_id).await.unwrap();
    assert!(app.take_events().is_empty(), "still one connection open");
}

#[tokio::test]
async fn deleting_an_account_is_refused_while_owning_a_server() {
    let app = TestApp::new();
    let alice = app.user("alice").await;
    app.server(&alice, "Mine").await;
    assert_eq!(
        code(
            app.chat
                .delete_account(&alice, &Password::for_login(PASSWORD))
                .await
        ),
        "owns_servers"
    );
    app.chat.me(&alice).await.unwrap();
}

#[tokio::test]
async fn deleting_an_account_keeps_its_messages_as_deleted_user_and_ends_the_rest() {
    let app = TestApp::new();
    let c = app.community().await;
    let content = MessageContent::parse("bye").unwrap();
    app.chat
        .send_message(&c.member, c.general, content, None)
        .await
        .unwrap();
    app.take_events();
    app.chat
        .delete_account(&c.member, &Password::for_login(PASSWORD))
        .await
        .unwrap();
    assert_eq!(code(app.chat.me(&c.member).await), "unauthenticated");
    let members = app.chat.list_members(&c.owner, c.server).await.unwrap();
    assert!(members.iter().all(|m| m.user_id != c.member.user_id));
    let history = app
        .chat
        .history(&c.owner, c.general, None, None)
        .await
        .unwrap();
    let kept = history
        .iter()
        .find(|m| m.message.author_id == c.member.user_id)
        .expect("the message stays");
    assert_eq!(kept.author.display_name, DELETED_DISPLAY_NAME);
    assert_ne!(kept.author.username, "member");
    let profile = app.chat.user_profile(&c.owner, c.member.user_id).await;
    assert_eq!(code(profile), "not_found");
    let login = app
        .chat
        .login(TestApp::credentials("member", PASSWORD))
        .await;
    assert_eq!(code(login), "unauthenticated");
    let kinds = app.take_kinds();
    assert!(kinds
        .iter()
        .any(|k| matches!(k, EventKind::MemberLeft { .. })));
    assert!(kinds.iter().any(|k| matches!(
        k,
        EventKind::SessionsRevoked {
            session_id: None,
            ..
        }
    )));
}

#[tokio::test]
async fn a_dm_with_a_deleted_account_stays_readable_but_takes_no_more_messages() {
    let app = TestApp::new();
    let c = app.community().await;
    let (dm, _) = app
        .chat
        .open_direct(&c.owner, vec![c.member.user_id], None)
        .await
        .unwrap();
    let dm = dm.channel.id;
    for who in [&c.owner, &c.member] {
        let text = MessageContent::parse("hello").unwrap();
        app.chat.send_message(who, dm, text, None).await.unwrap();
    }
    app.chat
        .delete_account(&c.member, &Password::for_login(PASSWORD))
        .await
        .unwrap();

    let mine = app.chat.direct_channels(&c.owner).await.unwrap();
    let listed = mine.iter().find(|d| d.channel.id == dm).expect("kept");
    let gone = listed
        .recipients
        .iter()
        .find(|r| r.id == c.member.user_id)
        .expect("still listed");
    assert_eq!(gone.display_name, DELETED_DISPLAY_NAME);
    let history = app.chat.history(&c.owner, dm, None, None).await.unwrap();
    assert_eq!(history.len(), 2);
    let text = MessageContent::parse("are you there?").unwrap();
    let send = app.chat.send_message(&c.owner, dm, text, None).await;
    assert_eq!(code(send), "dm_not_allowed");
    let reopen = app
        .chat
        .open_direct(&c.owner, vec![c.member.user_id], None)
        .await;
    assert_eq!(code(reopen), "validation_failed");
    let block = app.chat.block_user(&c.owner, c.member.user_id).await;
    assert_eq!(code(block), "not_found");
}

#[tokio::test]
async fn a_deleted_account_leaves_its_groups_and_ownership_passes_on() {
    let app = TestApp::new();
    let c = app.community().await;
    let people = vec![c.owner.user_id, c.admin.user_id];
    let (group, _) = app.chat.open_direct(&c.member, people, None).await.unwrap();
    let group = group.channel.id;
    app.chat
        .delete_account(&c.member, &Password::for_login(PASSWORD))
        .await
        .unwrap();
    let views = app.chat.direct_channels(&c.owner).await.unwrap();
    let view = views.iter().find(|d| d.channel.id == group).expect("kept");
    assert!(view.recipients.iter().all(|r| r.id != c.member.user_id));
    let heir = view.owner_id.expect("an owner");
    assert!(heir == c.owner.user_id || heir == c.admin.user_id);
}

#[tokio::test]
async fn the_username_is_free_again_after_deletion() {
    let app = TestApp::new();
    let alice = app.user("alice").await;
    app.chat
        .delete_account(&alice, &Password::for_login(PASSWORD))
        .await
        .unwrap();
    app.user("alice").await;
}
