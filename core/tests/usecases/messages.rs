use chat_core::events::{Audience, EventKind};
use chat_core::messages::{MessageContent, Nonce};

use crate::common::{code, field, TestApp};

fn text(t: &str) -> MessageContent {
    MessageContent::parse(t).unwrap()
}

#[tokio::test]
async fn members_send_trimmed_messages_that_everyone_in_the_server_hears() {
    let app = TestApp::new();
    let c = app.community().await;
    app.take_events();
    let (m, new) = app
        .chat
        .send_message(&c.member, c.general, text("  héllo 👋  "), None)
        .await
        .unwrap();
    assert!(new);
    assert_eq!(m.message.content.as_str(), "héllo 👋");
    assert_eq!(m.author.username, "member");
    let events = app.take_events();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].audience, Audience::Server(c.server));
    assert!(
        matches!(&events[0].kind, EventKind::MessageCreated(v) if v.message.id == m.message.id)
    );
}

#[tokio::test]
async fn non_members_cannot_send_or_read() {
    let app = TestApp::new();
    let c = app.community().await;
    let outsider = app.user("outsider").await;
    assert_eq!(
        code(
            app.chat
                .send_message(&outsider, c.general, text("hi"), None)
                .await
        ),
        "not_found"
    );
    assert_eq!(
        code(app.chat.history(&outsider, c.general, None, None).await),
        "not_found"
    );
}

#[tokio::test]
async fn the_same_nonce_returns_the_first_message_without_a_duplicate() {
    let app = TestApp::new();
    let c = app.community().await;
    let nonce = || Some(Nonce::parse("n-1").unwrap());
    let (first, _) = app
        .chat
        .send_message(&c.member, c.general, text("once"), nonce())
        .await
        .unwrap();
    app.take_events();
    let (again, new) = app
        .chat
        .send_message(&c.member, c.general, text("twice"), nonce())
        .await
        .unwrap();
    assert!(!new);
    assert_eq!(again.message.id, first.message.id);
    assert_eq!(again.message.content.as_str(), "once");
    assert!(app.take_events().is_empty());
    assert_eq!(
        app.chat
            .history(&c.member, c.general, None, None)
            .await
            .unwrap()
            .len(),
        1
    );
    // Another author may use the same nonce.
    let (other, new) = app
        .chat
        .send_message(&c.admin, c.general, text("mine"), nonce())
        .await
        .unwrap();
    assert!(new);
    assert_ne!(other.message.id, first.message.id);
}

#[tokio::test]
async fn mentions_resolve_members_ignoring_case() {
    let app = TestApp::new();
    let c = app.community().await;
    let outsider = app.user("outsider").await;
    let content = text("hey @ADMIN and @member, not @outsider nor @nobody or mail@admin.com");
    let (m, _) = app
        .chat
        .send_message(&c.owner, c.general, content, None)
        .await
        .unwrap();
    assert_eq!(m.message.mentions, vec![c.admin.user_id, c.member.user_id]);
    assert!(!m.message.mentions.contains(&outsider.user_id));
}

#[tokio::test]
async fn history_is_oldest_first_and_pages_backwards() {
    let app = TestApp::new();
    let c = app.community().await;
    let mut ids = Vec::new();
    for i in 0..120 {
        let (m, _) = app
            .chat
            .send_message(&c.member, c.general, text(&format!("m{i}")), None)
            .await
            .unwrap();
        ids.push(m.message.id);
    }
    let newest = app
        .chat
        .history(&c.member, c.general, None, None)
        .await
        .unwrap();
    assert_eq!(newest.len(), 50, "default limit");
    assert_eq!(newest.first().unwrap().message.id, ids[70]);
    assert_eq!(newest.last().unwrap().message.id, ids[119]);
    let older = app
        .chat
        .history(&c.member, c.general, Some(ids[70]), Some(1000))
        .await
        .unwrap();
    assert_eq!(older.len(), 70, "clamped to 100, only 70 left");
    assert_eq!(older.first().unwrap().message.id, ids[0]);
    assert_eq!(older.last().unwrap().message.id, ids[69]);
    let two = app
        .chat
        .history(&c.member, c.general, Some(ids[10]), Some(2))
        .await
        .unwrap();
    let got: Vec<_> = two.iter().map(|m| m.message.id).collect();
    assert_eq!(got, vec![ids[8], ids[9]]);
}

#[tokio::test]
async fn history_limits_are_clamped_or_refused() {
    let app = TestApp::new();
    let c = app.community().await;
    for _ in 0..105 {
        app.chat
            .send_message(&c.member, c.general, text("x"), None)
            .await
            .unwrap();
    }
    assert_eq!(
        app.chat
            .history(&c.member, c.general, None, Some(500))
            .await
            .unwrap()
            .len(),
        100
    );
    for bad in [0, -1] {
        assert_eq!(
            field(
                app.chat
                    .history(&c.member, c.general, None, Some(bad))
                    .await
            ),
            "limit"
        );
    }
}

#[tokio::test]
async fn a_before_from_another_channel_is_not_found() {
    let app = TestApp::new();
    let c = app.community().await;
    let other = app
        .chat
        .create_channel(
            &c.admin,
            c.server,
            chat_core::channels::ChannelName::parse("other").unwrap(),
            None,
        )
        .await
        .unwrap();
    let (m, _) = app
        .chat
        .send_message(&c.member, other.id, text("x"), None)
        .await
        .unwrap();
    let r = app
        .chat
        .history(&c.member, c.general, Some(m.message.id), None)
        .await;
    assert_eq!(code(r), "not_found");
}

#[tokio::test]
async fn authors_edit_their_own_messages_only() {
    let app = TestApp::new();
    let c = app.community().await;
    let (m, _) = app
        .chat
        .send_message(&c.member, c.general, text("draft"), None)
        .await
        .unwrap();
    app.advance(5);
    app.take_events();
    let edited = app
        .chat
        .edit_message(&c.member, m.message.id, text("final @admin"))
        .await
        .unwrap();
    assert_eq!(edited.message.content.as_str(), "final @admin");
    assert!(edited
        .message
        .edited_at
        .is_some_and(|t| t > m.message.created_at));
    assert_eq!(edited.message.mentions, vec![c.admin.user_id]);
    assert!(matches!(
        &app.take_kinds()[..],
        [EventKind::MessageUpdated(_)]
    ));
    assert_eq!(
        code(
            app.chat
                .edit_message(&c.owner, m.message.id, text("hijack"))
                .await
        ),
        "forbidden"
    );
}

#[tokio::test]
async fn authors_delete_their_own_messages() {
    let app = TestApp::new();
    let c = app.community().await;
    let (m, _) = app
        .chat
        .send_message(&c.member, c.general, text("oops"), None)
        .await
        .unwrap();
    app.take_events();
    app.chat
        .delete_message(&c.member, m.message.id)
        .await
        .unwrap();
    assert_eq!(
        app.take_kinds(),
        vec![EventKind::MessageDeleted {
            id: m.message.id,
            channel_id: c.general,
            server_id: c.server
        }]
    );
    assert!(app
        .chat
        .history(&c.member, c.general, None, None)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn deleting_anothers_message_needs_to_outrank_its_author() {
    let app = TestApp::new();
    let c = app.community().await;
    let send = |who| {
        let chat = app.chat.clone();
        let general = c.general;
        async move {
            chat.send_message(who, general, text("x"), None)
                .await
                .unwrap()
                .0
                .message
                .id
        }
    };
    let by_member = send(&c.member).await;
    let by_admin = send(&c.admin).await;
    let by_owner = send(&c.owner).await;
    assert_eq!(
        code(app.chat.delete_message(&c.member, by_admin).await),
        "forbidden"
    );
    assert_eq!(
        code(app.chat.delete_message(&c.admin, by_owner).await),
        "forbidden"
    );
    app.chat.delete_message(&c.admin, by_member).await.unwrap();
    app.chat.delete_message(&c.owner, by_admin).await.unwrap();
}

#[tokio::test]
async fn typing_reaches_co_members_but_not_the_typist_and_is_throttled() {
    let app = TestApp::new();
    let c = app.community().await;
    app.take_events();
    app.chat.start_typing(&c.member, c.general).await.unwrap();
    app.chat.start_typing(&c.member, c.general).await.unwrap();
    let events = app.take_events();
    assert_eq!(events.len(), 1, "the second start is throttled");
    assert_eq!(
        events[0].audience,
        Audience::CoMembers {
            servers: vec![c.server],
            except: c.member.user_id
        }
    );
    assert!(
        matches!(events[0].kind, EventKind::TypingStarted { user_id, .. } if user_id == c.member.user_id)
    );
    let outsider = app.user("outsider").await;
    assert_eq!(
        code(app.chat.start_typing(&outsider, c.general).await),
        "not_found"
    );
}
