use chat_core::channels::ChannelName;
use chat_core::events::{Audience, EventKind};
use chat_core::messages::MessageContent;
use chat_core::reads::{NotifyLevel, ServerNotificationChanges};

use crate::common::{code, field, TestApp};

fn text(t: &str) -> MessageContent {
    MessageContent::parse(t).unwrap()
}

#[tokio::test]
async fn sending_marks_the_channel_read_for_the_sender_only() {
    let app = TestApp::new();
    let c = app.community().await;
    let (m, _) = app
        .chat
        .send_message(&c.owner, c.general, text("hi @member"), None)
        .await
        .unwrap();
    let mine = app.chat.read_states(&c.owner).await.unwrap();
    assert_eq!(mine[0].last_read, Some(m.message.id));
    assert_eq!(mine[0].unread_count, 0);
    let theirs = app.chat.read_states(&c.member).await.unwrap();
    assert_eq!((theirs[0].unread_count, theirs[0].mention_count), (1, 1));
}

#[tokio::test]
async fn acks_within_the_interval_wait_in_memory_and_reads_still_see_them() {
    let app = TestApp::new();
    let c = app.community().await;
    let mut ids = Vec::new();
    for i in 0..3 {
        let (m, _) = app
            .chat
            .send_message(&c.owner, c.general, text(&format!("m{i}")), None)
            .await
            .unwrap();
        ids.push(m.message.id);
    }
    app.chat.flush_read_markers(true).await.unwrap();
    app.take_events();
    app.chat
        .ack_channel(&c.member, c.general, ids[0])
        .await
        .unwrap();
    assert_eq!(
        app.chat.pending_read_markers(),
        0,
        "a lone ack is written at once"
    );
    let state = app
        .chat
        .ack_channel(&c.member, c.general, ids[2])
        .await
        .unwrap();
    assert_eq!(
        app.chat.pending_read_markers(),
        1,
        "a second ack within 3 s waits"
    );
    assert_eq!((state.last_read, state.unread_count), (Some(ids[2]), 0));
    // An older ack changes nothing.
    let state = app
        .chat
        .ack_channel(&c.member, c.general, ids[1])
        .await
        .unwrap();
    assert_eq!(state.last_read, Some(ids[2]));
    let events = app.take_events();
    assert!(events
        .iter()
        .all(|e| e.audience == Audience::User(c.member.user_id)
            && matches!(e.kind, EventKind::ReadStateUpdated { .. })));
    assert_eq!(events.len(), 3);
    assert_eq!(
        app.chat.flush_read_markers(false).await.unwrap(),
        0,
        "not due yet"
    );
    app.advance(4);
    assert_eq!(app.chat.flush_read_markers(false).await.unwrap(), 1);
    let states = app.chat.read_states(&c.member).await.unwrap();
    assert_eq!(states[0].last_read, Some(ids[2]));
}

#[tokio::test]
async fn acks_need_a_message_of_the_channel_and_a_member() {
    let app = TestApp::new();
    let c = app.community().await;
    let other = app
        .chat
        .create_channel(
            &c.owner,
            c.server,
            ChannelName::parse("other").unwrap(),
            None,
        )
        .await
        .unwrap();
    let (m, _) = app
        .chat
        .send_message(&c.owner, other.id, text("elsewhere"), None)
        .await
        .unwrap();
    let r = app
        .chat
        .ack_channel(&c.member, c.general, m.message.id)
        .await;
    assert_eq!(field(r), "message_id");
    let outsider = app.user("outsider").await;
    let r = app
        .chat
        .ack_channel(&outsider, other.id, m.message.id)
        .await;
    assert_eq!(code(r), "not_found");
}

#[tokio::test]
async fn notification_settings_merge_and_reach_the_users_connections() {
    let app = TestApp::new();
    let c = app.community().await;
    app.take_events();
    let changes = ServerNotificationChanges {
        level: Some(NotifyLevel::Mentions),
        ..Default::default()
    };
    let s = app
        .chat
        .set_server_notifications(&c.member, c.server, changes)
        .await
        .unwrap();
    assert_eq!(
        (s.level, s.muted_until, s.suppress_everyone),
        (NotifyLevel::Mentions, None, false)
    );
    let changes = ServerNotificationChanges {
        suppress_everyone: Some(true),
        ..Default::default()
    };
    let s = app
        .chat
        .set_server_notifications(&c.member, c.server, changes)
        .await
        .unwrap();
    assert_eq!(
        (s.level, s.suppress_everyone),
        (NotifyLevel::Mentions, true)
    );
    let events = app.take_events();
    assert_eq!(events.len(), 2);
    assert!(events
        .iter()
        .all(|e| e.audience == Audience::User(c.member.user_id)));
    let r = app
        .chat
        .set_server_notifications(
            &c.member,
            c.server,
            ServerNotificationChanges {
                level: Some(NotifyLevel::Default),
                ..Default::default()
            },
        )
        .await;
    assert_eq!(field(r), "level");
}
