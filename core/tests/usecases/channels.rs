use chat_core::channels::{ChannelChanges, ChannelName, Topic};
use chat_core::events::EventKind;
use chat_core::messages::MessageContent;

use crate::common::{code, TestApp};

fn name(n: &str) -> ChannelName {
    ChannelName::parse(n).unwrap()
}

#[tokio::test]
async fn admins_create_channels_at_the_end() {
    let app = TestApp::new();
    let c = app.community().await;
    app.take_events();
    let topic = Some(Topic::parse("chit-chat").unwrap());
    let ch = app
        .chat
        .create_channel(&c.admin, c.server, name("random"), topic)
        .await
        .unwrap();
    assert_eq!(ch.position, 1);
    assert_eq!(ch.topic.as_str(), "chit-chat");
    assert!(matches!(&app.take_kinds()[..], [EventKind::ChannelCreated(x)] if x.id == ch.id));
    let r = app
        .chat
        .create_channel(&c.member, c.server, name("mine"), None)
        .await;
    assert_eq!(code(r), "forbidden");
}

#[tokio::test]
async fn channel_names_are_unique_in_a_server_ignoring_case() {
    let app = TestApp::new();
    let c = app.community().await;
    let r = app
        .chat
        .create_channel(&c.admin, c.server, name("General"), None)
        .await;
    assert_eq!(code(r), "channel_name_taken");
    let other = app.server(&c.owner, "Other").await.view.server.id;
    app.chat
        .create_channel(&c.owner, other, name("random"), None)
        .await
        .unwrap();
    app.chat
        .create_channel(&c.owner, c.server, name("random"), None)
        .await
        .unwrap();
}

#[tokio::test]
async fn renaming_onto_a_taken_name_is_a_conflict() {
    let app = TestApp::new();
    let c = app.community().await;
    let ch = app
        .chat
        .create_channel(&c.admin, c.server, name("random"), None)
        .await
        .unwrap();
    let changes = ChannelChanges {
        name: Some(name("GENERAL")),
        ..Default::default()
    };
    assert_eq!(
        code(app.chat.update_channel(&c.admin, ch.id, changes).await),
        "channel_name_taken"
    );
}

#[tokio::test]
async fn lists_order_by_position() {
    let app = TestApp::new();
    let c = app.community().await;
    let b = app
        .chat
        .create_channel(&c.admin, c.server, name("b"), None)
        .await
        .unwrap();
    app.chat
        .create_channel(&c.admin, c.server, name("c"), None)
        .await
        .unwrap();
    let changes = ChannelChanges {
        position: Some(-1),
        ..Default::default()
    };
    app.chat
        .update_channel(&c.admin, b.id, changes)
        .await
        .unwrap();
    let names: Vec<String> = app
        .chat
        .list_channels(&c.member, c.server)
        .await
        .unwrap()
        .into_iter()
        .map(|ch| ch.name.as_str().to_owned())
        .collect();
    assert_eq!(names, vec!["b", "general", "c"]);
}

#[tokio::test]
async fn update_changes_only_given_fields_and_is_announced() {
    let app = TestApp::new();
    let c = app.community().await;
    app.take_events();
    let changes = ChannelChanges {
        topic: Some(Topic::parse("news").unwrap()),
        ..Default::default()
    };
    let ch = app
        .chat
        .update_channel(&c.admin, c.general, changes)
        .await
        .unwrap();
    assert_eq!((ch.name.as_str(), ch.topic.as_str()), ("general", "news"));
    assert!(matches!(
        &app.take_kinds()[..],
        [EventKind::ChannelUpdated(_)]
    ));
    let changes = ChannelChanges {
        topic: Some(Topic::parse("x").unwrap()),
        ..Default::default()
    };
    assert_eq!(
        code(app.chat.update_channel(&c.member, c.general, changes).await),
        "forbidden"
    );
}

#[tokio::test]
async fn non_members_cannot_see_channels() {
    let app = TestApp::new();
    let c = app.community().await;
    let outsider = app.user("outsider").await;
    assert_eq!(
        code(app.chat.get_channel(&outsider, c.general).await),
        "not_found"
    );
    assert_eq!(
        code(app.chat.list_channels(&outsider, c.server).await),
        "not_found"
    );
    assert_eq!(
        code(app.chat.delete_channel(&outsider, c.general).await),
        "not_found"
    );
}

#[tokio::test]
async fn deleting_a_channel_takes_its_messages() {
    let app = TestApp::new();
    let c = app.community().await;
    let content = MessageContent::parse("hello").unwrap();
    let (m, _) = app
        .chat
        .send_message(&c.member, c.general, content, None)
        .await
        .unwrap();
    assert_eq!(
        code(app.chat.delete_channel(&c.member, c.general).await),
        "forbidden"
    );
    app.take_events();
    app.chat.delete_channel(&c.admin, c.general).await.unwrap();
    assert_eq!(
        app.take_kinds(),
        vec![EventKind::ChannelDeleted {
            id: c.general,
            server_id: c.server
        }]
    );
    assert_eq!(
        code(app.chat.get_channel(&c.admin, c.general).await),
        "not_found"
    );
    assert_eq!(
        code(app.chat.delete_message(&c.member, m.message.id).await),
        "not_found"
    );
}
